/** Issue 17: one jwks.json per application, checked with jose: kid = x5t#S256, use and alg by role, a PS256 signature verifies. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { CompactSign, compactVerify, importJWK, importPKCS8, type JWK } from 'jose';
import { CLIENT_ID, openApp } from './support';

const TF = 'tests/fixtures/trust-framework';
const x5tS256 = (pem: string) =>
  execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: execFileSync('openssl', ['x509', '-in', pem, '-outform', 'DER']) }).toString('base64url');

async function jwks(page: import('@playwright/test').Page, includeTransport: boolean): Promise<{ keys: (JWK & { x5c: string[]; 'x5t#S256': string })[] }> {
  const panel = page.getByRole('region', { name: `JWK Set for ${CLIENT_ID}` });
  if (includeTransport) await panel.getByLabel('Include the transport keys').check();
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download jwks.json' }).click()]);
  expect(download.suggestedFilename()).toBe('jwks.json');
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

test("a TPP application's jwks.json: signing and encryption keys with kid = x5t#S256; transport only when asked; PS256 verifies", async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Certificates' }).click();
  const names = ['client_transport', 'client_signing', 'client_encryption'].map((role) => `${TF}/sandbox-${role}.pem`);
  await page.getByLabel('Certificate, key and CSR files').setInputFiles(names);
  await expect(page.getByRole('article')).toHaveCount(3);

  const { keys } = await jwks(page, false);
  expect(keys.map((key) => [key.use, key.alg])).toEqual([
    ['sig', 'PS256'],
    ['enc', 'RSA-OAEP-256'],
  ]);
  expect(keys.map((key) => key.kid)).toEqual([x5tS256(names[1]!), x5tS256(names[2]!)]);
  for (const key of keys) expect(key.kid).toBe(key['x5t#S256']);
  expect(keys[0]!.x5c).toEqual([readFileSync(names[1]!, 'utf8').replace(/-----[A-Z ]+-----|\s/g, '')]);

  const signingKey = await importPKCS8(readFileSync(`${TF}/sandbox-client_signing.key`, 'utf8'), 'PS256');
  const jws = await new CompactSign(new TextEncoder().encode('{"consent":"c-42"}')).setProtectedHeader({ alg: 'PS256', kid: keys[0]!.kid! }).sign(signingKey);
  const { protectedHeader } = await compactVerify(jws, await importJWK(keys[0]!, 'PS256'));
  expect(protectedHeader.kid).toBe(x5tS256(names[1]!));

  const withTransport = await jwks(page, true);
  expect(withTransport.keys.map((key) => key.kid)).toEqual([x5tS256(names[0]!), x5tS256(names[1]!), x5tS256(names[2]!)]);
  expect(withTransport.keys[0]).not.toHaveProperty('use');
});
