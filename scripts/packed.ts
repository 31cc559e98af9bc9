/**
 * The build side of src/ui/packed.ts: text the page needs only later (the
 * worker's code, the Arabic catalogue) goes in as a non-executing
 * `<script type="text/plain">` holding it deflated and base64-encoded.
 * Half a megabyte of JavaScript as raw text cost about 70 ms before `load`
 * (the browser decodes and scans every byte); deflated base64 is a third of
 * the size, and the gzipped file stays about the same.
 */

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { PackedId } from '../src/ui/packed';

/** Deflated at the highest level (the same bytes for the same zlib), then base64: plain ASCII that cannot end the element. */
export function pack(text: string): string {
  return deflateRawSync(Buffer.from(text, 'utf8'), { level: 9 }).toString('base64');
}

/** `html` with the packed `text` added at the end of its body. */
export function withPacked(html: string, id: PackedId, text: string): string {
  return html.replace('</body>', `  <script type="text/plain" id="${id}">${pack(text)}</script>\n  </body>`);
}

/** The text packed into the element `id` of `html`, inflated: what the page reads back. */
export function unpacked(html: string, id: PackedId): string {
  const body = new RegExp(`<script type="text/plain" id="${id}">([A-Za-z0-9+/=]+)</script>`).exec(html)?.[1];
  if (body === undefined) throw new Error(`the page has no packed ${id}`);
  return inflateRawSync(Buffer.from(body, 'base64')).toString('utf8');
}
