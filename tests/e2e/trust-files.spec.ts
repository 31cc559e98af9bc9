/** Issue 17: pasted PEM and JWKS text, the list of loaded files, and a Certificate type for a CSR whose name says none. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './support';

const TF = 'tests/fixtures/trust-framework';
let dir: string;
test.beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'altareq-trust-files-'))));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openCertificates(page: Page): Promise<void> {
  await openApp(page);
  await page.getByRole('tab', { name: 'Certificates' }).click();
}

async function paste(page: Page, text: string): Promise<void> {
  const open = await page.locator('details.paste-pem').evaluate((details) => (details as HTMLDetailsElement).open);
  if (!open) await page.getByText('Or paste PEM text or a JWKS').click();
  await page.getByLabel('Certificates, a chain or CSRs in PEM, or a JWKS (JSON)').fill(text);
  await page.getByRole('button', { name: 'Add the pasted text' }).click();
}

test('a pasted chain shows its two CAs; a pasted JWKS its certificate; each is listed as a loaded file', async ({ page }) => {
  await openCertificates(page);
  await paste(page, readFileSync(`${TF}/sandbox-chain.pem`, 'utf8'));
  await expect(page.getByRole('heading', { name: 'Sandbox issuing CA · pasted-1.pem' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sandbox root CA · pasted-1.pem' })).toBeVisible();
  await expect(page.getByLabel('Certificates, a chain or CSRs in PEM, or a JWKS (JSON)')).toHaveValue('');

  const x5c = readFileSync(`${TF}/sandbox-client_signing.pem`, 'utf8').replace(/-----[A-Z ]+-----|\s/g, '');
  await paste(page, JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: 'k', x5c: [x5c] }] }));
  await expect(page.getByRole('article', { name: /Signing · pasted-2\.jwks\.pem/ })).toContainText('Sandbox: issued by');
  await expect(page.getByText('Files loaded: 2')).toBeVisible();
});

test('pasted text with a private key is not read, and says to choose the file', async ({ page }) => {
  await openCertificates(page);
  await paste(page, readFileSync(`${TF}/sandbox-client_signing.key`, 'utf8'));
  await expect(page.getByRole('alert')).toContainText('The pasted text holds a private key, so it was not read');
  await expect(page.getByText(/Files loaded/)).toHaveCount(0);
  await expect(page.getByLabel('Certificates, a chain or CSRs in PEM, or a JWKS (JSON)')).toHaveValue('');
});

test('a private key typed or pasted into the box is refused at once, and is not kept there until Add', async ({ page }) => {
  await openCertificates(page);
  await page.getByText('Or paste PEM text or a JWKS').click();
  const box = page.getByLabel('Certificates, a chain or CSRs in PEM, or a JWKS (JSON)');
  const key = readFileSync(`${TF}/sandbox-client_signing.key`, 'utf8');
  await box.fill(key);
  await expect(page.getByRole('alert')).toContainText('The pasted text holds a private key, so it was not read');
  await expect(box).toHaveValue('');

  // A paste is stopped before the browser puts the text into the box.
  const prevented = await box.evaluate((element, text) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', text);
    const event = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true });
    element.dispatchEvent(event);
    return event.defaultPrevented;
  }, key);
  expect(prevented).toBe(true);
  await expect(box).toHaveValue('');

  // A certificate still goes in as typed, and the refusal goes once the text holds no key.
  await box.fill(readFileSync(`${TF}/sandbox-client_signing.pem`, 'utf8'));
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Add the pasted text' }).click();
  await expect(page.getByText('Files loaded: 1')).toBeVisible();
});

test('choosing files again adds them to the list; each can be removed, and the count and cards follow', async ({ page }) => {
  await openCertificates(page);
  const input = page.getByLabel('Certificate, key and CSR files');
  await input.setInputFiles([`${TF}/sandbox-client_signing.pem`, `${TF}/sandbox-client_transport.pem`]);
  await expect(page.getByText('Files loaded: 2')).toBeVisible();
  await input.setInputFiles([`${TF}/production-client_signing.pem`]);
  await expect(page.getByText('Files loaded: 3')).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(3);
  await expect(page.locator('#environments-mixed')).toBeVisible();

  await page.getByRole('button', { name: 'Remove production-client_signing.pem' }).click();
  await expect(page.getByText('Files loaded: 2')).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(2);
  await expect(page.locator('#environments-mixed')).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: 'production-client_signing.pem' })).toHaveCount(0);
});

test('a CSR whose file name names no role gets a Certificate type control that re-runs the checklist', async ({ page }) => {
  const csr = join(dir, 'request.csr');
  copyFileSync('tests/fixtures/golden/server_encryption.csr', csr);
  await openCertificates(page);
  await page.getByLabel('Certificate, key and CSR files').setInputFiles(csr);
  await expect(page.getByText('Trust Framework checklist for request.csr')).toBeVisible();
  await expect(page.locator('.checklist')).toContainText('(certificate type unknown)');
  const type = page.getByLabel('Certificate type');
  await type.selectOption({ label: 'Server encryption' });
  await expect(page.locator('.checklist')).toContainText('(Server encryption): passes');
  await type.selectOption({ label: 'Transport' });
  await expect(page.locator('.checklist')).toContainText('(Transport): problems: 2');
});
