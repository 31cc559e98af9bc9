/**
 * Packs the Arabic catalogue into the page (build/packed.ts) instead of
 * its script: an English reader never pays for compiling it, and the page
 * inflates it the first time someone picks العربية.
 */

import type { Plugin } from 'vite';
import { arabic } from '../src/ui/i18n/ar';
import { PACKED } from '../src/ui/packed';
import { withPacked } from './packed';

export function arabicCataloguePlugin(): Plugin {
  return {
    name: 'altareq:arabic-catalogue',
    transformIndexHtml: { order: 'post', handler: (html) => withPacked(html, PACKED.arabic, JSON.stringify(arabic)) },
  };
}
