/** What the browser tests share: the built page, the zip download, and reading a CSR back. */

import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, type Page } from '@playwright/test';
import JSZip from 'jszip';
import { CertificationRequest } from 'pkijs';
import { fromPem } from '../../src/lib/pem';

/** The single-file build, opened as a user on an air-gapped laptop would. */
export const PAGE = pathToFileURL(resolve('dist/index.html')).href;

/**
 * Opens the page and waits until it responds: the form is drawn from HTML at
 * once, and becomes interactive once its script has hydrated it, just after `load`.
 */
export async function openApp(page: Page, url = PAGE): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('altareq:interactive').length > 0);
}

export const ORGANISATION_ID = '4af0a68f-d8a8-46c4-ace6-6949e8343868';
export const CLIENT_ID = 'b8739780-9bfe-43bc-9ea4-abc70a840c13';

/** A batch's zip, named for how many applications it holds and the day (UTC) it was made. */
export const batchZipName = (applications: number) => `altareq-keys-${applications}-applications-${new Date().toISOString().slice(0, 10)}.zip`;

export async function downloadZip(page: Page, expectedName: string): Promise<JSZip> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download .zip' }).click()]);
  expect(download.suggestedFilename()).toBe(expectedName);
  return JSZip.loadAsync(readFileSync(await download.path()));
}

export function fileNames(zip: JSZip): string[] {
  return Object.keys(zip.files).sort();
}

/** A CSR from the zip: its parsed form, its public key, and whether its self-signature verifies. */
export async function readCsr(zip: JSZip, name: string) {
  const pem = await zip.file(name)!.async('string');
  const csr = CertificationRequest.fromBER(fromPem('CERTIFICATE REQUEST', pem));
  const spki = Buffer.from(csr.subjectPublicKeyInfo.toSchema().toBER());
  const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  const signatureValid = verify('sha256', Buffer.from(csr.tbsView), publicKey, Buffer.from(csr.signatureValue.valueBlock.valueHexView));
  return { csr, spki, signatureValid };
}

/** The key in a .key file is the one whose public half is in the .csr. */
export async function keyMatchesCsr(zip: JSZip, keyName: string, csrName: string): Promise<boolean> {
  const keyPem = await zip.file(keyName)!.async('string');
  const { spki } = await readCsr(zip, csrName);
  return createPublicKey(keyPem).export({ type: 'spki', format: 'der' }).equals(spki);
}

/** The directory's command for one pair of files, with the subject given (quoted for bash). */
export const directoryCommand = (out: string, keyout: string, subj = `"/C=AE/O=Example Fintech LLC/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}"`) =>
  `openssl req -new -newkey rsa:2048 -nodes -out ${out} -keyout ${keyout} -subj ${subj} -sha256`;

export async function openPaste(page: Page): Promise<void> {
  await openApp(page);
  await page.getByRole('tab', { name: 'Paste command' }).click();
}

/**
 * `CPU_SLOWDOWN=3 npx playwright test --project responsiveness` runs the long-task tests on a CPU
 * emulated that many times slower (Chromium's CDP throttling): the margin a slower CI machine leaves.
 */
export async function slowDownCpu(page: Page): Promise<void> {
  const rate = Number(process.env.CPU_SLOWDOWN ?? '1');
  if (rate > 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
}
