/**
 * Renders the page's first view into index.html at build time, so the
 * browser draws the form from plain HTML as soon as it has parsed the file.
 * The page's script then only attaches behaviour to it (main.ts hydrates it
 * once the page has loaded) instead of building it before anything shows.
 */

import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { bundleToCode } from './bundle';

const APP_ROOT = '<div id="app"></div>';

/** src/prerender.ts bundled for Node with everything in it, so it can run from a data: URL. */
async function renderFirstView(define: Record<string, string>): Promise<string> {
  const code = await bundleToCode('src/prerender.ts', {
    define,
    plugins: [svelte()],
    ssr: { noExternal: true },
    build: { ssr: 'src/prerender.ts', target: 'node20', minify: false },
  });
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { prerender(): string };
  return module.prerender();
}

export function prerenderPlugin(define: Record<string, string>): Plugin {
  return {
    name: 'altareq:prerender',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        if (!html.includes(APP_ROOT)) throw new Error(`index.html has no ${APP_ROOT} to render into`);
        // Character references for non-ASCII text keep the whole file ASCII (see vite.config.ts).
        const body = (await renderFirstView(define)).replace(/[^\0-\x7f]/gu, (char) => `&#x${char.codePointAt(0)!.toString(16)};`);
        return html.replace(APP_ROOT, () => `<div id="app">${body}</div>`);
      },
    },
  };
}
