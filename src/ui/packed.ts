/**
 * Text the build puts in the page deflated and base64-encoded, inside
 * non-executing `<script type="text/plain">` elements (build/packed.ts):
 * the worker's code and the Arabic catalogue. Before `load` the browser
 * only has to scan a third of the bytes, and none of it is compiled; the
 * page inflates each one when it first needs it.
 */

/**
 * The page's own script waits in such an element too, as plain text, until
 * the page has loaded (src/boot.ts). It is not packed: inflating it before
 * the page can respond cost more than scanning three times the bytes.
 */
export const PAGE_SCRIPT = 'page-script';

export const PACKED = {
  worker: 'generator-worker',
  arabic: 'catalogue-ar',
} as const;

export type PackedId = (typeof PACKED)[keyof typeof PACKED];

/** The text packed into the element `id`, inflated. */
export function unpack(id: PackedId): Promise<string> {
  const packed = document.getElementById(id)?.textContent;
  if (!packed) return Promise.reject(new Error(`this page is missing its ${id}: rebuild it, or download the file again`));
  const deflated = Uint8Array.from(atob(packed), (char) => char.charCodeAt(0));
  // Bytes in, text out, all in this process: a Blob on either side would go through the browser's blob store.
  return new Response(new Response(deflated).body!.pipeThrough(new DecompressionStream('deflate-raw'))).text();
}
