/**
 * The single file in Firefox: the whole flow from file://, written once in
 * tests/support/browser-flows.ts, with no request but the file itself.
 * Firefox is driven over WebDriver BiDi by puppeteer-core (tests/support/firefox.ts),
 * whose network events see every request, the workers' and frames' included.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createTestCa, type TestCa } from '../interop/ca';
import { batchFlow, certificatesFlow, formFlow, openApp, pasteFlow, resourcesFetched, troubleSeen } from '../support/browser-flows';
import { startFirefox, type Firefox } from '../../scripts/firefox';

let firefox: Firefox;
let ca: TestCa;
let dir: string;
let formZip: Buffer | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'altareq-firefox-flow-'));
  ca = await createTestCa();
  firefox = await startFirefox();
}, 60_000);

afterAll(async () => {
  await firefox?.stop();
  ca?.remove();
  rmSync(dir, { recursive: true, force: true });
});

// After each flow: nothing went wrong, and nothing was requested but the file. BiDi reports no
// file: request (not even the page's own) but does report data: and blob: ones, the page's own bytes.
afterEach(async () => {
  expect(await troubleSeen(firefox.page)).toEqual([]);
  expect(await resourcesFetched(firefox.page)).toEqual([]);
  expect(firefox.requests.filter((url) => !/^(blob|data):/.test(url))).toEqual([]);
});

it('makes the form three pairs with an Arabic legal name, each right by OpenSSL', async () => {
  formZip = await formFlow(firefox.page, dir);
  // The listener works: it heard the page's own font, a data: URL (then cached, so heard once).
  expect(firefox.requests.filter((url) => url.startsWith('data:font/woff2;'))).toHaveLength(1);
});

it("makes exactly the files of the directory's command, pasted", async () => {
  await pasteFlow(firefox.page, dir);
});

it('makes a zip with a folder per application from a small batch', async () => {
  await batchFlow(firefox.page, dir);
});

it('pairs dropped certificates with the keys in the dropped zip', async () => {
  expect(formZip, 'the form test made the zip').toBeDefined();
  await certificatesFlow(firefox.page, dir, formZip!, ca);
});

it('blocks a fetch from the page with its CSP, and reports it', async () => {
  await openApp(firefox.page);
  expect(await firefox.page.run(() => fetch('http://127.0.0.1:9/').then(() => 'fetched', (error: Error) => error.name))).toBe('TypeError');
  expect(await troubleSeen(firefox.page)).toEqual(['blocked by CSP: connect-src http://127.0.0.1:9/']);
  // Cleared so that afterEach checks the rest.
  await firefox.page.run(() => (window as unknown as { altareqTestSeen: string[] }).altareqTestSeen.splice(0));
});
