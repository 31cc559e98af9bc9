/**
 * The single file in Firefox: opened from file://, it makes a full bundle,
 * asks for nothing but itself, and its CSP blocks a fetch. Firefox (Debian's
 * firefox-esr, or FIREFOX_PATH) is driven over WebDriver BiDi by puppeteer-core.
 */

import { createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { CertificationRequest } from 'pkijs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeName } from '../../src/lib/csr';
import { fromPem } from '../../src/lib/pem';

const PAGE = pathToFileURL(resolve('dist/index.html')).href;
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ORGANISATION_ID = '4af0a68f-d8a8-46c4-ace6-6949e8343868';
const CLIENT_ID = 'b8739780-9bfe-43bc-9ea4-abc70a840c13';
const LEGAL_NAME = 'شركة المثال Example';

let browser: Browser;
let downloads: string;

beforeAll(async () => {
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX}: apt-get install firefox-esr, or set FIREFOX_PATH`);
  downloads = mkdtempSync(join(tmpdir(), 'altareq-firefox-'));
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.helperApps.neverAsk.saveToDisk': 'application/zip',
    },
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(downloads, { recursive: true, force: true });
});

async function waitForFile(dir: string, suffix: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const name = readdirSync(dir).find((file) => file.endsWith(suffix));
    if (name) return join(dir, name);
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`no ${suffix} appeared in ${dir}`);
}

it('makes a full bundle from file://, with no request but the file itself', async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(PAGE);
  // Drawn from HTML at once; interactive once hydrated, just after load.
  await page.waitForFunction(() => performance.getEntriesByName('altareq:interactive').length > 0);
  await page.type('#legal-name', LEGAL_NAME);
  await page.type('#organisation-id', ORGANISATION_ID);
  await page.type('#client-id', CLIENT_ID);
  await page.click('button[type=submit]');
  await page.waitForSelector('a[download]', { timeout: 60_000 });
  await page.click('a[download]');

  const zip = await JSZip.loadAsync(readFileSync(await waitForFile(downloads, '.zip')));
  const stem = `${CLIENT_ID}-opf_uae_client_transport`;
  expect(Object.keys(zip.files)).toHaveLength(7);
  const csr = CertificationRequest.fromBER(fromPem('CERTIFICATE REQUEST', await zip.file(`${stem}.csr`)!.async('string')));
  const spki = Buffer.from(csr.subjectPublicKeyInfo.toSchema().toBER());
  const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  expect(verify('sha256', Buffer.from(csr.tbsView), publicKey, Buffer.from(csr.signatureValue.valueBlock.valueHexView))).toBe(true);
  const subject = { country: 'AE', organization: LEGAL_NAME, organizationalUnit: ORGANISATION_ID, commonName: CLIENT_ID } as const;
  expect(Buffer.from(csr.subject.toSchema().toBER()).equals(Buffer.from(encodeName(subject)))).toBe(true);
  const keySpki = createPublicKey(await zip.file(`${stem}.key`)!.async('string')).export({ type: 'spki', format: 'der' });
  expect(keySpki.equals(spki)).toBe(true);

  expect(requests.filter((url) => !/^(file|data|blob):/.test(url))).toEqual([]);
  await page.close();
}, 120_000);

it('blocks a fetch from the page with its CSP', async () => {
  const page = await browser.newPage();
  await page.goto(PAGE);
  expect(await page.evaluate(() => fetch('http://127.0.0.1:9/').then(() => 'fetched', (error: Error) => error.name))).toBe('TypeError');
  await page.close();
}, 60_000);
