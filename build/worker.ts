/**
 * Bundles the generator worker on its own and packs it into the page
 * (build/packed.ts); the page starts it from a blob: URL when it is idle
 * (src/ui/generator-worker.ts).
 */

import type { Plugin } from 'vite';
import { bundleClassicScript } from './bundle';
import { PACKED } from '../src/ui/packed';
import { withPacked } from './packed';

export function workerPlugin(entry: string): Plugin {
  return {
    name: 'altareq:worker',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        return withPacked(html, PACKED.worker, await bundleClassicScript(entry, 'generatorWorker'));
      },
    },
  };
}
