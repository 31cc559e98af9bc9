/**
 * The whole flow, written once for every engine driven from Node (the
 * Firefox and WebKit suites): the form's three pairs with an Arabic legal
 * name, the directory's command pasted, a small batch, and certificates
 * dropped on the Certificates view, from the single file over file://.
 * Each step checks what it made with OpenSSL (./bundle-checks.ts).
 */

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import type { TestCa } from '../interop/ca';
import { expectPairValid, unzipTo, type Subject } from './bundle-checks';
import { clearDownloads, waitForDownload, waitIn, type BrowserPage } from '../../scripts/browser-page';
import { CLIENT_ID, ORGANISATION_ID } from './fixtures';

export const PAGE = pathToFileURL(resolve('dist/index.html')).href;
export const LEGAL_NAME = 'شركة المثال';
const SUBJECT: Subject = { organization: LEGAL_NAME, organizationalUnit: ORGANISATION_ID, commonName: CLIENT_ID };
const ROLES = ['transport', 'signing', 'encryption'] as const;
const stem = (id: string, role: string) => `${id}-opf_uae_client_${role}`;
const KEYS_ZIP = `${CLIENT_ID}-altareq-keys.zip`;
/** Keys take a few seconds in a slow engine on a busy machine. */
const GENERATION_MS = 90_000;

/**
 * Opens the single file and waits until it responds, then listens for what
 * must not happen: an uncaught error, an unhandled rejection, a request the CSP
 * blocked. Installed after load, so they see everything the flows do.
 */
export async function openApp(page: BrowserPage): Promise<void> {
  await page.goto(PAGE);
  await waitIn(page, 'the page to be interactive', 15_000, () => performance.getEntriesByName('altareq:interactive').length > 0);
  await page.run(() => {
    const seen: string[] = [];
    (window as unknown as { altareqTestSeen: string[] }).altareqTestSeen = seen;
    addEventListener('error', (event) => seen.push(`error: ${event.message || (event.target as Element).outerHTML}`), true);
    addEventListener('unhandledrejection', (event) => seen.push(`unhandledrejection: ${String(event.reason)}`));
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`blocked by CSP: ${event.effectiveDirective} ${event.blockedURI}`));
  });
}

/** What the listeners openApp installed have seen: nothing, in a good run. */
export function troubleSeen(page: BrowserPage): Promise<string[]> {
  return page.run(() => (window as unknown as { altareqTestSeen: string[] }).altareqTestSeen);
}

/**
 * What the page itself has fetched since it loaded, by the Resource Timing
 * API: every resource (its own frames' documents and its fetches included,
 * whether or not they succeeded). The CSP (connect-src 'none') blocks any, and
 * troubleSeen reports a blocked one.
 */
export function resourcesFetched(page: BrowserPage): Promise<string[]> {
  return page.run(() => performance.getEntriesByType('resource').map((entry) => entry.name));
}

/**
 * Waits for the panel to say `text`: what was typed has been read and drawn. Pressing Generate before
 * that can miss on a busy machine: the drawing moves the button between the driver finding it and clicking.
 */
function panelSays(page: BrowserPage, text: string): Promise<boolean> {
  return waitIn(page, `the panel to say "${text}"`, 15_000, (text: string) => document.getElementById('panel')!.textContent!.includes(text), text);
}

/** Presses Generate, waits for the zip, clicks Download .zip and returns the file's bytes. */
async function generateAndDownload(page: BrowserPage, name: string): Promise<Buffer> {
  await page.click('button[type=submit]');
  await waitIn(page, 'the Download .zip link', GENERATION_MS, () => document.querySelector('a[download]')?.getAttribute('download')).catch(async (error: Error) => {
    const says = await page.run(() => [...document.querySelectorAll('#panel, .results')].map((element) => element.textContent?.replace(/\s+/g, ' ').slice(0, 600)));
    throw new Error(`${error.message}; the page says ${JSON.stringify(says)}`);
  });
  expect(await page.run(() => document.querySelector('a[download]')!.getAttribute('download'))).toBe(name);
  clearDownloads(page);
  await page.click('a[download]');
  return waitForDownload(page, name);
}

/** The form's three client pairs, with an Arabic legal name; each pair checked with OpenSSL. Returns the zip. */
export async function formFlow(page: BrowserPage, dir: string): Promise<Buffer> {
  await openApp(page);
  await page.type('#legal-name', LEGAL_NAME);
  await page.type('#organisation-id', ORGANISATION_ID);
  await page.type('#client-id', CLIENT_ID);
  const zip = await generateAndDownload(page, KEYS_ZIP);
  const out = join(dir, 'form');
  const names = await unzipTo(zip, out);
  expect(names).toEqual(['README.txt', ...ROLES.flatMap((role) => [`${stem(CLIENT_ID, role)}.csr`, `${stem(CLIENT_ID, role)}.key`])].sort());
  for (const role of ROLES) await expectPairValid(join(out, `${stem(CLIENT_ID, role)}.csr`), join(out, `${stem(CLIENT_ID, role)}.key`), SUBJECT);
  return zip;
}

/** The directory's command for the transport pair, pasted: exactly its two files (and the README). */
export async function pasteFlow(page: BrowserPage, dir: string): Promise<void> {
  // As the directory writes it: the CSR named after the Client ID, the key after the Organisation ID.
  const csr = `${stem(CLIENT_ID, 'transport')}.csr`;
  const key = `${stem(ORGANISATION_ID, 'transport')}.key`;
  const command = `openssl req -new -newkey rsa:2048 -nodes -out ${csr} -keyout ${key} -subj "/C=AE/O=${LEGAL_NAME}/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}" -sha256`;
  await openApp(page);
  await page.click('#tab-paste');
  await page.type('#command', command);
  await panelSays(page, 'Transport (opf_uae_client_transport)');
  const out = join(dir, 'paste');
  expect(await unzipTo(await generateAndDownload(page, KEYS_ZIP), out)).toEqual(['README.txt', key, csr].sort());
  await expectPairValid(join(out, csr), join(out, key), SUBJECT);
}

const BATCH = [
  { legalName: LEGAL_NAME, clientId: '0b6a3c9e-2f41-4d7a-9c1e-5a8b7d6e4f20', roles: ['transport', 'signing', 'encryption'] },
  { legalName: 'Example Fintech LLC', clientId: 'e2c0b7a4-5d1f-4c38-9a6e-0f3b8d2c7a15', roles: ['transport'] },
  { legalName: 'Noor Pay LLC', clientId: '5f0e9c1a-7b2d-4e6f-8a3c-1d9b7e5f3a20', roles: ['signing', 'encryption'] },
];

/** Three applications from a typed CSV: one zip, a folder per application, every pair checked with OpenSSL. */
export async function batchFlow(page: BrowserPage, dir: string): Promise<void> {
  const csv = ['legal_name,organisation_id,client_id,roles', ...BATCH.map((row) => [row.legalName, ORGANISATION_ID, row.clientId, row.roles.join(';')].join(','))];
  await openApp(page);
  await page.click('#tab-batch');
  await page.type('#batch', csv.join('\n'));
  await panelSays(page, 'applications 3, certificates 6');
  const out = join(dir, 'batch');
  const names = await unzipTo(await generateAndDownload(page, `altareq-keys-3-applications-${new Date().toISOString().slice(0, 10)}.zip`), out);
  const pairs = BATCH.flatMap((row) => row.roles.map((role) => ({ ...row, path: `${row.clientId}/${stem(row.clientId, role)}` })));
  expect(names).toEqual(['README.txt', 'manifest.csv', ...pairs.flatMap(({ path }) => [`${path}.csr`, `${path}.key`])].sort());
  for (const { legalName, clientId, path } of pairs) {
    await expectPairValid(join(out, `${path}.csr`), join(out, `${path}.key`), { organization: legalName, organizationalUnit: ORGANISATION_ID, commonName: clientId });
  }
}

/**
 * The form's zip and a certificate for each of its CSRs, issued by a test CA,
 * dropped together on the Certificates view: each certificate is paired with its key.
 */
export async function certificatesFlow(page: BrowserPage, dir: string, zip: Buffer, ca: TestCa): Promise<void> {
  const out = join(dir, 'certificates');
  mkdirSync(out, { recursive: true });
  await unzipTo(zip, out);
  const files = [{ name: KEYS_ZIP, base64: zip.toString('base64') }, { name: 'test-ca.pem', base64: Buffer.from(ca.certPem).toString('base64') }];
  for (const role of ROLES) {
    const issued = await ca.issue(readFileSync(join(out, `${stem(CLIENT_ID, role)}.csr`), 'utf8'));
    files.push({ name: `${stem(CLIENT_ID, role)}.pem`, base64: Buffer.from(issued.pem).toString('base64') });
  }
  await openApp(page);
  await page.click('#tab-certificates');
  const taken = await page.run((files: { name: string; base64: string }[]) => {
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(new File([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], file.name));
    const zone = document.querySelector('.drop-zone')!;
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    // false: the page called preventDefault, so took the drop rather than letting the browser open the files.
    return zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
  expect(taken).toBe(false);
  const cards = await waitIn(page, 'a card per certificate', 30_000, () => {
    const texts = [...document.querySelectorAll('article')].map((card) => card.textContent ?? '');
    return texts.length === 4 && texts;
  });
  for (const role of ROLES) {
    const card = cards.find((text) => text.includes(`${stem(CLIENT_ID, role)}.pem`));
    expect(card).toContain(`Matches the key in ${stem(CLIENT_ID, role)}.key`);
  }
  // A CA certificate gets a card of its own: there is no key to match, and it is not the Trust Framework's.
  // (Each leaf's card names it too, in its offer to put it in the .p12.)
  const caCards = cards.filter((text) => text.includes("CA certificate, not the Trust Framework's"));
  expect(caCards).toHaveLength(1);
  expect(caCards[0]).toContain('test-ca.pem');
}
