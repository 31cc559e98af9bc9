import { readFileSync } from 'node:fs';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { arabicCataloguePlugin } from './build/catalogue';
import { prerenderPlugin } from './build/prerender';
import { cspPlugin } from './build/csp';
import { headersPlugin } from './build/headers';
import { keyFramePlugin } from './build/key-frame';
import { pageScriptPlugin } from './build/page-script';
import { buildVersion, releasePlugin } from './build/release';
import { workerPlugin } from './build/worker';

const { sizeBudget } = JSON.parse(readFileSync('package.json', 'utf8')) as { sizeBudget: { gzipBytes: number } };

// One self-contained dist/index.html: it must open from file:// on an
// air-gapped laptop, so every script and style is inlined and URLs are relative.
const define = { __BUILD_VERSION__: JSON.stringify(buildVersion()) };

export default defineConfig({
  base: './',
  define,
  // Plugin order matters: the page's script is packed once the single-file plugin has inlined it,
  // and the CSP hashes the result.
  plugins: [
    svelte(),
    prerenderPlugin(define),
    workerPlugin('src/worker/generator.worker.ts'),
    keyFramePlugin('src/frame/key-frame.ts'),
    arabicCataloguePlugin(),
    viteSingleFile(),
    pageScriptPlugin('src/boot.ts'),
    cspPlugin(),
    // After the CSP: the server's headers are read from the finished file.
    headersPlugin(),
    releasePlugin(sizeBudget.gzipBytes),
  ],
  build: {
    target: 'es2023',
    // No module preloads to polyfill: there is one inlined module.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // \u-escaped Arabic instead of UTF-8: an all-ASCII page decodes and scans as one-byte text, some 20 ms sooner to `load`.
    rolldownOptions: { output: { charset: 'ascii' } },
  },
});
