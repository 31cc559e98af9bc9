/**
 * Text the build puts in the page deflated and base64-encoded, inside
 * non-executing `<script type="text/plain">` elements (scripts/packed.ts):
 * the worker's code and the Arabic catalogue. Before `load` the browser
 * only has to scan a third of the bytes, and none of it is compiled; the
 * page inflates each one when it first needs it.
 */

export const PACKED = {
  worker: 'generator-worker',
  arabic: 'catalogue-ar',
} as const;

export type PackedId = (typeof PACKED)[keyof typeof PACKED];

/** The text packed into the element `id`, inflated. */
export async function unpack(id: PackedId): Promise<Blob> {
  const packed = document.getElementById(id)?.textContent;
  if (!packed) throw new Error(`this page is missing its ${id}: rebuild it, or download the file again`);
  const deflated = Uint8Array.from(atob(packed), (char) => char.charCodeAt(0));
  return new Response(new Blob([deflated]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).blob();
}
