/**
 * Renders the page's first view into index.html at build time, so the
 * browser draws the form from plain HTML as soon as it has parsed the file.
 * The page's script then only attaches behaviour to it (main.ts hydrates it
 * once the page has loaded) instead of building it before anything shows.
 */

import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, type Plugin } from 'vite';

const APP_ROOT = '<div id="app"></div>';

/** src/prerender.ts bundled for Node with everything in it, so it can run from a data: URL. */
async function renderFirstView(define: Record<string, string>): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    define,
    plugins: [svelte()],
    ssr: { noExternal: true },
    build: { ssr: 'src/prerender.ts', write: false, target: 'node20', minify: false },
  });
  const results = Array.isArray(output) ? output : [output];
  const chunk = results.flatMap((result) => ('output' in result ? result.output : [])).find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('bundling src/prerender.ts gave no code');
  const module = (await import(`data:text/javascript;base64,${Buffer.from(chunk.code).toString('base64')}`)) as { prerender(): string };
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
