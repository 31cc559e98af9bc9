/**
 * The Certificates view, fed what a careless or hostile user drops (issue 13,
 * item 7): each bad file ends in its own message, and every other file's
 * result still shows. And the private key dropped with a certificate stays in
 * the worker (item 9): the page's heap has no PEM key, and the .p12 still exports.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import * as asn1js from 'asn1js';
import { Certificate } from 'pkijs';
import { zip } from '../support/zip';
import { PRIVATE_KEY_PEM, heapStringsMatching } from './heap';
import { openApp } from './support';

const CERTIFICATE = readFileSync('tests/fixtures/checklist/certificate.pem');
const CERTIFICATE_DER = readFileSync('tests/fixtures/checklist/certificate.der');
const KEY = readFileSync('tests/fixtures/test-key.pem');
const MiB = 1024 * 1024;

type Upload = { name: string; mimeType: string; buffer: Buffer };
const upload = (name: string, content: Uint8Array | string): Upload => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });

async function drop(page: Page, files: Upload[]): Promise<void> {
  await page.locator('#certificate-files').setInputFiles(files);
}

const problems = (page: Page) => page.locator('.problems li');
const cards = (page: Page) => page.getByRole('article');

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'altareq-hostile-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Certificates' }).click();
});

test('the same certificate twice is one card naming both files, and Clear always recovers', async ({ page }) => {
  const twice = `${CERTIFICATE.toString()}${CERTIFICATE.toString()}`;
  await drop(page, [upload('twice.pem', twice), upload('copy.crt', CERTIFICATE_DER)]);
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page)).toContainText('twice.pem');
  await expect(cards(page)).toContainText('The same file is also in copy.crt.');
  await expect(problems(page)).toHaveCount(0);

  await page.getByRole('button', { name: 'Clear files' }).click();
  await expect(cards(page)).toHaveCount(0);
  await drop(page, [upload('twice.pem', twice)]);
  await expect(cards(page)).toHaveCount(1);
});

test('a malformed file among good ones gets its own message; the good ones still show', async ({ page }) => {
  const integerKey = Certificate.fromBER(CERTIFICATE_DER);
  integerKey.subjectPublicKeyInfo.subjectPublicKey = new asn1js.BitString({ valueHex: new asn1js.Integer({ value: 5 }).toBER() });
  await drop(page, [
    upload('good.pem', CERTIFICATE),
    upload('time.der', Uint8Array.of(0x18, 0x01, 0x41)),
    upload('integer-key.der', new Uint8Array(integerKey.toSchema(true).toBER())),
    upload('begins.pem', '-----BEGIN CERTIFICATE-----\n'.repeat(MiB / 28)),
    upload('sha1.csr', readFileSync('tests/fixtures/checklist/sha1.csr')),
  ]);
  // sha1.csr has the certificate's public key: one card, with the CSR's checklist in it.
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).filter({ hasText: 'good.pem' })).toContainText('Trust Framework checklist for sha1.csr');
  await expect(problems(page)).toHaveCount(3);
  await expect(problems(page).filter({ hasText: '"time.der" is not a certificate, CSR or private key' })).toHaveAttribute('data-code', 'file-unsupported');
  await expect(problems(page).filter({ hasText: '"integer-key.der": the certificate in it cannot be read' })).toHaveAttribute('data-code', 'file-malformed');
  await expect(problems(page).filter({ hasText: '"begins.pem" has a -----BEGIN line with no matching -----END line' })).toHaveAttribute(
    'data-code',
    'file-malformed',
  );
});

test('a zip bomb, a lying zip and a zip of 20,000 files are each refused with a message; the other files still show', async ({ page }) => {
  const zeros = deflateRawSync(new Uint8Array(300 * MiB));
  const certificate = { name: 'inside.pem', data: deflateRawSync(CERTIFICATE), size: CERTIFICATE.length };
  const bomb = zip([{ name: 'zeros.pem', data: zeros, size: 300 * MiB }, certificate]);
  const liar = zip([{ name: 'zeros.pem', data: zeros, size: 100 }]);
  const many = zip(Array.from({ length: 20_000 }, (_, i) => ({ name: `${i}.pem`, data: deflateRawSync(new Uint8Array(1)), size: 1 })));
  const started = Date.now();
  await drop(page, [upload('bomb.zip', bomb), upload('liar.zip', liar), upload('many.zip', many), upload('good.pem', CERTIFICATE_DER)]);
  await expect(problems(page)).toHaveCount(3);
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(problems(page).filter({ hasText: '"zeros.pem" in "bomb.zip" is 300 MiB unzipped' })).toHaveAttribute('data-code', 'zip-entry-too-large');
  await expect(problems(page).filter({ hasText: '"zeros.pem" in "liar.zip" inflates to more than 1 MiB' })).toHaveAttribute('data-code', 'zip-entry-too-large');
  await expect(problems(page).filter({ hasText: '"many.zip" holds 20000 files' })).toHaveAttribute('data-code', 'zip-too-many-entries');
  // The certificate inside the bomb and the one beside it are the same: one card, from both.
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page)).toContainText('inside.pem');
  await expect(cards(page)).toContainText('The same file is also in good.pem.');
});

test('a dropped key stays in the worker: no PEM key in the page heap, and the .p12 still exports', async ({ page }) => {
  await drop(page, [upload('client.key', KEY), upload('client.pem', CERTIFICATE)]);
  const card = cards(page).filter({ hasText: 'client.pem' });
  await expect(card).toContainText('Matches the key in client.key');
  expect(await heapStringsMatching(page, PRIVATE_KEY_PEM)).toEqual([]);

  await card.getByLabel('Passphrase for the .p12').fill('too short');
  await card.getByRole('button', { name: 'Download .p12' }).click();
  await expect(card.getByRole('alert')).toContainText('The passphrase has 9 characters; use at least 10.');

  await card.getByLabel('Passphrase for the .p12').fill('correct horse battery');
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Download .p12' }).click()]);
  expect(download.suggestedFilename()).toBe('client.p12');
  await expect(card.getByRole('status')).toContainText(/Made in \d+\.\d s\./);
  const p12 = join(dir, 'client.p12');
  writeFileSync(p12, readFileSync(await download.path()));
  const { stdout } = { stdout: execFileSync('openssl', ['pkcs12', '-in', p12, '-nocerts', '-nodes', '-passin', 'pass:correct horse battery'], { encoding: 'utf8' }) };
  expect(stdout).toContain('-----BEGIN PRIVATE KEY-----');
  expect(await heapStringsMatching(page, PRIVATE_KEY_PEM)).toEqual([]);

  // After Clear the worker has forgotten the key: an export would have to ask for it again.
  await page.getByRole('button', { name: 'Clear files' }).click();
  await expect(cards(page)).toHaveCount(0);
});

test('in Arabic, each problem is said in Arabic, naming the file', async ({ page }) => {
  await page.getByRole('button', { name: 'العربية', exact: true }).click();
  await drop(page, [upload('good.pem', CERTIFICATE), upload('time.der', Uint8Array.of(0x18, 0x01, 0x41)), upload('x.zip', 'not a zip')]);
  await expect(problems(page)).toHaveCount(2);
  await expect(problems(page).first()).toContainText('x.zip');
  await expect(problems(page).filter({ hasText: 'time.der' })).toContainText('ليس شهادة');
});
