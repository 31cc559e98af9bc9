import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createTestCa, type TestCa } from '../interop/ca';
import { CLIENT_ID, ORGANISATION_ID, downloadZip, openApp } from './support';

let ca: TestCa;
let dir: string;
test.beforeAll(async () => {
  ca = await createTestCa();
  dir = mkdtempSync(join(tmpdir(), 'altareq-certificates-'));
});
test.afterAll(() => {
  ca.remove();
  rmSync(dir, { recursive: true, force: true });
});

test('the generated zip and the issued certificates pair up, and a .p12 exports that OpenSSL reads', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Organisation legal name').fill('Example Fintech LLC');
  await page.getByLabel('Organisation ID').fill(ORGANISATION_ID);
  await page.getByLabel('Client ID').fill(CLIENT_ID);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const zip = await downloadZip(page, `${CLIENT_ID}-altareq-keys.zip`);
  const zipPath = join(dir, 'bundle.zip');
  writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer' }));

  // The directory's CA stands in: a certificate for each CSR, named as the directory names them.
  const certificates: string[] = [];
  for (const role of ['transport', 'signing', 'encryption']) {
    const issued = await ca.issue(await zip.file(`${CLIENT_ID}-opf_uae_client_${role}.csr`)!.async('string'));
    const path = join(dir, `${CLIENT_ID}-opf_uae_client_${role}.pem`);
    writeFileSync(path, issued.pem);
    certificates.push(path);
  }
  const caPath = join(dir, 'test-ca.pem');
  writeFileSync(caPath, ca.certPem);

  await page.getByRole('tab', { name: 'Certificates' }).click();
  await page.getByLabel('Certificate, key and CSR files').setInputFiles([zipPath, ...certificates, caPath]);
  const cards = page.getByRole('article');
  await expect(cards).toHaveCount(4);
  const transport = cards.filter({ hasText: `${CLIENT_ID}-opf_uae_client_transport.pem` });
  await expect(transport).toContainText(`Matches the key in ${CLIENT_ID}-opf_uae_client_transport.key`);
  await expect(transport).toContainText('TLS Web Client Authentication');
  await expect(transport).toContainText('Trust Framework checklist');
  // A CA certificate is named as one (issue 17), not as a certificate missing its key.
  const testCa = page.getByRole('article', { name: "CA certificate, not the Trust Framework's · test-ca.pem" });
  await expect(testCa).toContainText('A CA certificate: there is no private key to match.');
  await expect(testCa).not.toContainText('No matching key');

  await transport.getByLabel('Passphrase for the .p12').fill('correct horse battery');
  const [download] = await Promise.all([page.waitForEvent('download'), transport.getByRole('button', { name: 'Download .p12' }).click()]);
  expect(download.suggestedFilename()).toBe(`${CLIENT_ID}-opf_uae_client_transport.p12`);
  const p12 = join(dir, 'transport.p12');
  writeFileSync(p12, readFileSync(await download.path()));
  const info = execFileSync('openssl', ['pkcs12', '-in', p12, '-info', '-nokeys', '-passin', 'pass:correct horse battery'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  expect(info).toContain(`subject=C = AE, O = Example Fintech LLC, OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`);

  await transport.getByLabel('Key ID (kid) from the directory').fill('kid-123');
  const [jwk] = await Promise.all([page.waitForEvent('download'), transport.getByRole('button', { name: 'Download JWK' }).click()]);
  const json = JSON.parse(readFileSync(await jwk.path(), 'utf8')) as Record<string, unknown>;
  expect(Object.keys(json)).toEqual(['kty', 'kid', 'n', 'e', 'x5c', 'x5t#S256']);
  expect(json.kid).toBe('kid-123');
});

test('a CSR made elsewhere gets the checklist, and a bad file a message naming it', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Certificates' }).click();
  const notes = join(dir, 'notes.pem');
  writeFileSync(notes, 'not a certificate');
  await page.getByLabel('Certificate, key and CSR files').setInputFiles(['tests/fixtures/checklist/sha1.csr', notes]);
  await expect(page.getByText('Trust Framework checklist for sha1.csr')).toBeVisible();
  await expect(page.getByText(/Fail:.*SHA-1|Fail:.*sha1/i).first()).toBeAttached();
  await expect(page.getByText(/"notes\.pem"/)).toBeVisible();
});
