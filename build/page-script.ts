/**
 * Takes the page's own script out of the way of the first paint and `load`:
 * the inlined module becomes a non-executing `<script type="text/plain">`
 * that src/boot.ts, the one inline script left, runs once the page has
 * loaded. The form is drawn from HTML before then (build/prerender.ts).
 * Compiling and running the module's 120 KB before `load` held `load` and the
 * first full paint back by about 45 ms.
 */

import type { Plugin } from 'vite';
import { bundleClassicScript } from './bundle';
import { PAGE_SCRIPT } from '../src/ui/packed';

const MODULE = /<script type="module" crossorigin>([\s\S]*?)<\/script>/;
const WAITING = new RegExp(`<script type="text/plain" id="${PAGE_SCRIPT}">([\\s\\S]*?)</script>`);

/** The page's own script, as src/boot.ts will run it. */
export function pageScript(html: string): string {
  const script = WAITING.exec(html)?.[1];
  if (script === undefined) throw new Error(`the page has no ${PAGE_SCRIPT}`);
  return script;
}

export function pageScriptPlugin(bootEntry: string): Plugin {
  return {
    name: 'altareq:page-script',
    apply: 'build',
    enforce: 'post',
    // After vite-plugin-singlefile has inlined the module, before the CSP hashes the scripts.
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        const page = bundle['index.html'];
        if (page?.type !== 'asset' || typeof page.source !== 'string') throw new Error('index.html is missing from the build');
        const module = MODULE.exec(page.source);
        if (!module) throw new Error('index.html has no inlined module script');
        const boot = (await bundleClassicScript(bootEntry, 'boot')).trim();
        // The same text in the same place, in an element that does not run; the boot script right after it.
        const waiting = `<script type="text/plain" id="${PAGE_SCRIPT}">${module[1]}</script>\n    <script>${boot}</script>`;
        page.source = page.source.replace(module[0], () => waiting);
      },
    },
  };
}
