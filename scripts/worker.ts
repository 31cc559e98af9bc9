/**
 * Bundles the generator worker on its own and packs it into the page
 * (scripts/packed.ts); the page starts it from a blob: URL when it is idle
 * (src/ui/generator-worker.ts).
 */

import type { Plugin } from 'vite';
import { bundleToCode } from './bundle';
import { PACKED } from '../src/ui/packed';
import { withPacked } from './packed';

/** The worker entry bundled on its own: one classic script, minified. */
function bundleWorker(entry: string): Promise<string> {
  return bundleToCode(entry, {
    build: { target: 'es2023', minify: true, lib: { entry, formats: ['iife'], name: 'generatorWorker', fileName: 'generator-worker' } },
  });
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
