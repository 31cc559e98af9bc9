/**
 * A Content-Security-Policy for the single-file build: no connections, no
 * forms, no base URL, and only the page's own scripts and style, by hash. It
 * goes into a <meta> tag so it travels with the file, even from file://.
 */

import { createHash } from 'node:crypto';
import type { Plugin, Rollup } from 'vite';
import { pageScript } from './page-script';

// Scripts that run: in the page, and the one in the key frame's <template>, which runs in the frame
// (src/ui/key-frame.ts). A `type="text/plain"` one is data (the packed worker and catalogue, the
// page's script waiting to run) and is not subject to script-src; the page's script is added below.
const INLINE = {
  script: /<script\b(?![^>]*type="text\/plain")[^>]*>([\s\S]*?)<\/script>/g,
  style: /<style\b[^>]*>([\s\S]*?)<\/style>/g,
};

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

function hashes(html: string, tag: keyof typeof INLINE): string[] {
  return [...html.matchAll(INLINE[tag])].map(([, body]) => hash(body!));
}

/** The policy for this HTML, allowing exactly its inline scripts and styles. */
export function contentSecurityPolicy(html: string): string {
  return [
    "default-src 'none'",
    // The inline boot script and the key frame's, and the page's own script, which the boot script inserts (src/boot.ts).
    `script-src ${[...hashes(html, 'script'), hash(pageScript(html))].join(' ')}`,
    `style-src ${hashes(html, 'style').join(' ')}`,
    'img-src data:',
    // The generator worker is inlined and started from a blob: URL.
    'worker-src blob:',
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** index.html as the build holds it, to read or rewrite. */
export function builtPage(bundle: Rollup.OutputBundle): Rollup.OutputAsset & { source: string } {
  const page = bundle['index.html'];
  if (page?.type !== 'asset' || typeof page.source !== 'string') throw new Error('index.html is missing from the build');
  return page as Rollup.OutputAsset & { source: string };
}

/** Inserts the policy as the first thing after <meta charset>, once everything is inlined. */
export function cspPlugin(): Plugin {
  return {
    name: 'altareq:csp',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const page = builtPage(bundle);
        const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(page.source)}" />`;
        page.source = page.source.replace(/(<meta charset="utf-8" \/>)/, `$1\n    ${meta}`);
        if (!page.source.includes(meta)) throw new Error('index.html has no <meta charset="utf-8" /> to put the CSP after');
      },
    },
  };
}
