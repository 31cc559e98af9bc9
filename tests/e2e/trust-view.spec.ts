/**
 * Issue 17: the Certificates view knows the Trust Framework. The fixtures are
 * OpenSSL look-alikes of its PKIs (tests/fixtures/make-trust-framework.sh).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './support';

const TF = 'tests/fixtures/trust-framework';
let dir: string;
test.beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'altareq-trust-'))));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function drop(page: Page, ...names: string[]): Promise<void> {
  await openApp(page);
  await page.getByRole('tab', { name: 'Certificates' }).click();
  await page.getByLabel('Certificate, key and CSR files').setInputFiles(names.map((name) => `${TF}/${name}`));
}

/** The kid computed apart from the app: `openssl x509 -outform DER | openssl dgst -sha256 -binary | base64url`. */
function x5tS256(pem: string): string {
  const der = execFileSync('openssl', ['x509', '-in', pem, '-outform', 'DER']);
  return execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der }).toString('base64url');
}

test('a sandbox LFI encryption certificate with its key and chain: Sandbox in words, its role, CAs as CAs, kid = x5t#S256, chain in the .p12', async ({ page }) => {
  await drop(page, 'sandbox-server_encryption.pem', 'sandbox-server_encryption.key', 'sandbox-chain.pem');
  const cards = page.getByRole('article');
  await expect(cards).toHaveCount(3);
  const card = cards.filter({ hasText: 'sandbox-server_encryption.pem' });
  await expect(card.getByRole('heading')).toContainText('Sandbox');
  await expect(card).toContainText('Sandbox: issued by Al Tareq Sandbox Trust Framework Issuing CA - G1. It works against the sandbox only');
  await expect(card).toContainText('It carries the Trust Framework certificate policy 1.3.6.1.4.1.56623.114.1.2.');
  await expect(card).toContainText("Its authority key identifier is not the real sandbox issuing CA's");
  await expect(card).toContainText('Server encryption (opf_uae_server_encryption)');
  await expect(card).not.toContainText('no Trust Framework role');
  await expect(page.getByRole('heading', { name: 'Sandbox issuing CA · sandbox-chain.pem' })).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Sandbox root CA · sandbox-chain.pem' })).toHaveCount(1);
  await expect(page.getByText('No matching key')).toHaveCount(0);

  const kid = card.getByLabel('Key ID (kid) from the directory');
  await expect(kid).toHaveValue(x5tS256(`${TF}/sandbox-server_encryption.pem`));
  await expect(card).toContainText("Filled with the certificate's x5t#S256");
  await kid.fill('my-own-kid');
  await expect(kid).toHaveValue('my-own-kid');

  await expect(card.getByLabel(/Include the CA certificates dropped with it \(2\)/)).toBeChecked();
  await card.getByLabel('Passphrase for the .p12').fill('correct horse battery');
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Download .p12' }).click()]);
  const p12 = join(dir, 'with-chain.p12');
  writeFileSync(p12, readFileSync(await download.path()));
  const info = execFileSync('openssl', ['pkcs12', '-in', p12, '-info', '-nokeys', '-passin', 'pass:correct horse battery'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const subjects = [...info.matchAll(/^subject=(.*)$/gm)].map((match) => match[1]);
  expect(subjects).toEqual([
    'C = AE, O = Example Bank PJSC, OU = 4af0a68f-d8a8-46c4-ace6-6949e8343868',
    'C = AE, O = Nebras Open Finance Company, OU = Al Tareq Trust Framework, CN = Al Tareq Sandbox Trust Framework Issuing CA - G1',
    'C = AE, O = Nebras Open Finance Company, OU = Al Tareq Trust Framework, CN = Al Tareq Sandbox Trust Framework Root CA - G1',
  ]);
});

test('sandbox and production side by side: each named, and the mix warned', async ({ page }) => {
  await drop(page, 'sandbox-client_signing.pem', 'production-client_signing.pem');
  await expect(page.getByRole('article').filter({ hasText: 'production-client_signing.pem' })).toContainText(
    'Production: issued by Al Tareq Production Trust Framework Issuing CA - G1',
  );
  await expect(page.getByRole('article').filter({ hasText: 'sandbox-client_signing.pem' })).toContainText('Sandbox: issued by');
  await expect(page.locator('#environments-mixed')).toContainText('These files mix Sandbox and Production certificates');
});

test('one environment only: no mix warning', async ({ page }) => {
  await drop(page, 'sandbox-client_signing.pem', 'sandbox-client_transport.pem');
  await expect(page.getByRole('article')).toHaveCount(2);
  await expect(page.locator('#environments-mixed')).toHaveCount(0);
});

test('a certificate from another CA says it is not from the Trust Framework; partial evidence says what is missing', async ({ page }) => {
  await drop(page, 'other-client_signing.pem', 'sandbox-partial-signing.pem');
  const other = page.getByRole('article').filter({ hasText: 'other-client_signing.pem' });
  await expect(other).toContainText('Not from the Trust Framework');
  await expect(other).toContainText('Signing (opf_uae_client_signing)');
  const partial = page.getByRole('article').filter({ hasText: 'sandbox-partial-signing.pem' });
  await expect(partial).toContainText('Server signing (opf_uae_server_signing), partly: it has a CN; the LFI certificates the Trust Framework issues have none');
});
