/**
 * Puts the generator worker into the page as a non-executing
 * `<script type="text/plain" id="generator-worker">`: the HTML parser skips
 * over it as raw text, where the same code in a JavaScript string literal
 * costs the main thread a parse of half a megabyte before the page loads.
 * The page starts the worker from it with a blob: URL when it is idle.
 */

import { build, type Plugin } from 'vite';

export const WORKER_ELEMENT_ID = 'generator-worker';

/** The worker entry bundled on its own: one classic script, minified. */
async function bundleWorker(entry: string): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    build: {
      write: false,
      target: 'es2023',
      minify: true,
      lib: { entry, formats: ['iife'], name: 'generatorWorker', fileName: 'generator-worker' },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  const chunk = results.flatMap((result) => ('output' in result ? result.output : [])).find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`bundling ${entry} gave no code`);
  return chunk.code;
}

export function workerPlugin(entry: string): Plugin {
  return {
    name: 'altareq:worker',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        const code = await bundleWorker(entry);
        // Raw text inside <script> ends at the first "</script"; "<!--" changes how it is parsed.
        if (/<\/script|<!--/i.test(code)) throw new Error('the worker code contains "</script" or "<!--" and cannot sit in a <script> element');
        // A function, not a string: the code is full of `$` sequences that String.replace would expand.
        return html.replace('</body>', () => `  <script type="text/plain" id="${WORKER_ELEMENT_ID}">${code}</script>\n  </body>`);
      },
    },
  };
}
