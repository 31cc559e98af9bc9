/**
 * Bundles the generator worker on its own and packs it into the page
 * (scripts/packed.ts); the page starts it from a blob: URL when it is idle
 * (src/ui/generator-worker.ts).
 */

import { build, type Plugin } from 'vite';
import { PACKED } from '../src/ui/packed';
import { withPacked } from './packed';

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
        return withPacked(html, PACKED.worker, await bundleWorker(entry));
      },
    },
  };
}
