/**
 * The build side of src/ui/packed.ts: text the page needs only later (the
 * worker's code, the Arabic catalogue) goes in as a non-executing
 * `<script type="text/plain">` holding it deflated and base64-encoded.
 * Half a megabyte of JavaScript as raw text cost about 70 ms before `load`
 * (the browser decodes and scans every byte); deflated base64 is a third of
 * the size, and the gzipped file stays about the same.
 */

import { deflateRawSync } from 'node:zlib';
import type { PackedId } from '../src/ui/packed';

/** Deflated at the highest level (the same bytes for the same zlib), then base64: plain ASCII that cannot end the element. */
export function pack(text: string): string {
  return deflateRawSync(Buffer.from(text, 'utf8'), { level: 9 }).toString('base64');
}

/** `html` with the packed `text` added at the end of its body. */
export function withPacked(html: string, id: PackedId, text: string): string {
  return html.replace('</body>', `  <script type="text/plain" id="${id}">${pack(text)}</script>\n  </body>`);
}
