/**
 * The HSM or KMS tab with a real PKCS#11 token (SoftHSM2, driven by OpenSC's
 * pkcs11-tool): the key is made in the token and never leaves it; the page
 * gets its public key, hands out the to-be-signed bytes, takes the token's
 * signature back and makes the CSR. OpenSSL checks the result.
 */

import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CLIENT_ID, ORGANISATION_ID, openApp } from './support';

const MODULE = '/usr/lib/softhsm/libsofthsm2.so';
const TOKEN = 'altareq e2e';
const LEGAL_NAME = 'شركة المثال / Example FZ-LLC';
const STEM = `${CLIENT_ID}-opf_uae_client_signing`;

let dir: string;
let env: NodeJS.ProcessEnv;
const tool = (...args: string[]) => execFileSync('pkcs11-tool', ['--module', MODULE, '--token-label', TOKEN, ...args], { env, cwd: dir, stdio: 'pipe' });

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'altareq-hsm-'));
  mkdirSync(join(dir, 'tokens'));
  writeFileSync(join(dir, 'softhsm2.conf'), `directories.tokendir = ${dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n`);
  env = { ...process.env, SOFTHSM2_CONF: join(dir, 'softhsm2.conf') };
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', TOKEN, '--pin', '123456', '--so-pin', '12345678'], { env, stdio: 'pipe' });
  tool('--login', '--pin', '123456', '--keypairgen', '--key-type', 'rsa:2048', '--id', '01', '--label', 'signing');
  tool('--login', '--pin', '123456', '--keypairgen', '--key-type', 'rsa:2048', '--id', '02', '--label', 'other');
  tool('--read-object', '--type', 'pubkey', '--id', '01', '--output-file', 'public-key.der');
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fillRequest(page: Page) {
  await openApp(page);
  await page.getByRole('tab', { name: 'HSM or KMS' }).click();
  await page.getByLabel('Organisation legal name').fill(LEGAL_NAME);
  await page.getByLabel('Organisation ID').fill(ORGANISATION_ID);
  await page.getByLabel('Client ID').fill(CLIENT_ID);
  await page.getByLabel('Certificate type').selectOption({ label: 'Signing' });
  await page.getByLabel(/PKCS#11 HSM/).check();
  await page.getByLabel('Key ID (hex)').fill('01');
  await page.getByLabel('Token label').fill(TOKEN);
  await page.getByLabel('PKCS#11 module').fill(MODULE);
}

/** Downloads the to-be-signed bytes and runs the page's own sign command, with the key given by id. */
async function signInToken(page: Page, keyId: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download to-be-signed bytes (.der)' }).click()]);
  expect(download.suggestedFilename()).toBe(`${STEM}.tbs.der`);
  writeFileSync(join(dir, `${STEM}.tbs.der`), readFileSync(await download.path()));
  const command = await page.locator('#hsm-sign-command').textContent();
  expect(command).toBe(
    `pkcs11-tool --module ${MODULE} --token-label '${TOKEN}' --id 01 --login --sign --mechanism SHA256-RSA-PKCS --input-file ${STEM}.tbs.der --output-file ${STEM}.sig`,
  );
  execFileSync('bash', ['-c', command!.replace('--id 01', `--id ${keyId}`).replace('--login', '--login --pin 123456')], { env, cwd: dir, stdio: 'pipe' });
  return join(dir, `${STEM}.sig`);
}

test('a key in a PKCS#11 token gets an exact Trust Framework CSR, and never leaves the token', async ({ page }) => {
  await fillRequest(page);
  await page.getByLabel('Public key').fill(''); // the file input below is the other way in
  await page.locator('#hsm-public-key-file').setInputFiles(join(dir, 'public-key.der'));
  await expect(page.getByText('RSA-2048 public key read')).toBeVisible();

  await page.locator('#hsm-signature-file').setInputFiles(await signInToken(page, '01'));
  await expect(page.getByText('The signature verifies with your public key')).toBeVisible();
  await expect(page.getByText('There is no .key file')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download .csr' }).click()]);
  expect(download.suggestedFilename()).toBe(`${STEM}.csr`);
  const csrPath = join(dir, 'out.csr');
  writeFileSync(csrPath, readFileSync(await download.path()));

  const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(execFileSync('openssl', ['req', '-in', csrPath, '-noout', '-verify'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');
  const csrKey = createPublicKey(openssl('req', '-in', csrPath, '-noout', '-pubkey')).export({ type: 'spki', format: 'der' });
  expect(csrKey.equals(readFileSync(join(dir, 'public-key.der')))).toBe(true);
  // The subject, byte for byte, is what `openssl req -utf8 -subj` writes for the same name.
  const reference = join(dir, 'reference.csr');
  openssl('req', '-new', '-config', 'tests/fixtures/openssl-req.cnf', '-key', 'tests/fixtures/test-key.pem', '-utf8', '-sha256', '-subj',
    `/C=AE/O=${LEGAL_NAME.replace('/', '\\/')}/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}`, '-out', reference);
  // dump_all with dump_der shows each value as the hex of its DER, string type included.
  const subjectDer = (path: string) => openssl('req', '-in', path, '-noout', '-subject', '-nameopt', 'RFC2253,dump_der,dump_all');
  expect(subjectDer(csrPath)).toBe(subjectDer(reference));
  expect(openssl('req', '-in', csrPath, '-noout', '-text')).toContain('Digital Signature, Non Repudiation');
});

test('a signature from another key in the token is refused, and no CSR is offered', async ({ page }) => {
  await fillRequest(page);
  await page.getByLabel('Public key').fill(
    `-----BEGIN PUBLIC KEY-----\n${readFileSync(join(dir, 'public-key.der')).toString('base64')}\n-----END PUBLIC KEY-----\n`,
  );
  await expect(page.getByText('RSA-2048 public key read')).toBeVisible();
  await page.locator('#hsm-signature-file').setInputFiles(await signInToken(page, '02'));
  await expect(page.getByRole('alert')).toContainText('This signature was not made by the key whose public key you gave');
  await expect(page.getByRole('link', { name: 'Download .csr' })).toHaveCount(0);
});
