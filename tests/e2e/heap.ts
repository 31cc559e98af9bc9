/**
 * What the page's main thread holds, read from a V8 heap snapshot through the
 * Chrome DevTools Protocol. A snapshot lists only objects reachable from the
 * page's roots (it collects garbage first), so a string found there is one the
 * page still holds; workers and frames have heaps of their own, not searched.
 */

import type { Page } from '@playwright/test';

/** What only a real PEM private key holds: its armour, then a DER SEQUENCE of more than 255 bytes in base64. */
export const PRIVATE_KEY_PEM = /-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----\r?\n(MII|MIG)/;

/** The strings of the page's main-thread heap that match `pattern`. */
export async function heapStringsMatching(page: Page, pattern: RegExp): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await session.detach();
  const snapshot = JSON.parse(chunks.join('')) as { strings: string[] };
  return snapshot.strings.filter((text) => pattern.test(text));
}
