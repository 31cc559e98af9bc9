/**
 * The single file in WebKit (Safari's engine): WebKitGTK's MiniBrowser under
 * Xvfb, driven by WebKitWebDriver (tests/support/webkit.ts). The whole flow
 * from file://, written once in tests/support/browser-flows.ts.
 *
 * WebKitWebDriver has no BiDi and no network log, so "no request but the file"
 * is checked from inside the page: the page's Resource Timing entries list
 * every resource it fetched (none may be listed), and a securitypolicyviolation
 * listener installed after load reports any request the CSP refused (none may
 * be). What this cannot see: the worker's own timeline and violations (a
 * worker from a blob: URL has the page's CSP, connect-src 'none', so it can
 * fetch nothing either); Firefox's BiDi check, which sees the worker too,
 * covers the same code.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createTestCa, type TestCa } from '../interop/ca';
import { batchFlow, certificatesFlow, formFlow, openApp, pasteFlow, resourcesFetched, troubleSeen } from '../support/browser-flows';
import { startWebKit, type WebKit } from '../../scripts/webkit';

let webkit: WebKit;
let ca: TestCa;
let dir: string;
let formZip: Buffer | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'altareq-webkit-flow-'));
  ca = await createTestCa();
  webkit = await startWebKit();
}, 60_000);

afterAll(async () => {
  await webkit?.stop();
  ca?.remove();
  rmSync(dir, { recursive: true, force: true });
});

// After each flow, in the page it used: nothing went wrong, and nothing but the file was fetched.
afterEach(async () => {
  expect(await troubleSeen(webkit.page)).toEqual([]);
  expect(await resourcesFetched(webkit.page)).toEqual([]);
});

it('makes the form three pairs with an Arabic legal name, each right by OpenSSL', async () => {
  formZip = await formFlow(webkit.page, dir);
  // WebKitGTK makes keys one at a time, in order: the start-up probe (src/lib/keys-at-once.ts) asks for one at a time.
  expect(await webkit.page.run(() => document.querySelector('[data-keys-at-once]')?.getAttribute('data-keys-at-once'))).toBe('1');
});

it("makes exactly the files of the directory's command, pasted", async () => {
  await pasteFlow(webkit.page, dir);
});

it('makes a zip with a folder per application from a small batch', async () => {
  await batchFlow(webkit.page, dir);
});

it('pairs dropped certificates with the keys in the dropped zip', async () => {
  expect(formZip, 'the form test made the zip').toBeDefined();
  await certificatesFlow(webkit.page, dir, formZip!, ca);
});

it('blocks a fetch from the page with its CSP, and reports it', async () => {
  await openApp(webkit.page);
  expect(await webkit.page.run(() => fetch('http://127.0.0.1:9/').then(() => 'fetched', (error: Error) => error.name))).toBe('TypeError');
  const seen = await troubleSeen(webkit.page);
  expect(seen).toEqual(['blocked by CSP: connect-src http://127.0.0.1:9/']);
  // Cleared so that afterEach checks the rest.
  await webkit.page.run(() => (window as unknown as { altareqTestSeen: string[] }).altareqTestSeen.splice(0));
});
