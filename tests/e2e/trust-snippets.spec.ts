/** Issue 17: "How to use it" under each pair, with its file names and kid. */
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { openApp } from './support';

const TF = 'tests/fixtures/trust-framework';

test('a signing pair: the PS256 JWT header carries the kid (x5t#S256, or the one typed); a transport pair: curl with its files', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Certificates' }).click();
  const files = ['client_signing.pem', 'client_signing.key', 'client_transport.pem', 'client_transport.key'].map((name) => `${TF}/sandbox-${name}`);
  await page.getByLabel('Certificate, key and CSR files').setInputFiles(files);

  const signing = page.getByRole('article', { name: /^Sandbox Signing/ });
  await signing.getByText('How to use it').click();
  const der = execFileSync('openssl', ['x509', '-in', `${TF}/sandbox-client_signing.pem`, '-outform', 'DER']);
  const kid = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der }).toString('base64url');
  const header = () => signing.locator('.snippets pre').first();
  await expect(header()).toHaveText(JSON.stringify({ alg: 'PS256', kid, typ: 'JWT' }, null, 2));
  await signing.getByLabel('Key ID (kid) from the directory').fill('directory-kid-7');
  await expect(header()).toContainText('"kid": "directory-kid-7"');

  const transport = page.getByRole('article', { name: /^Sandbox Transport/ });
  await transport.getByText('How to use it').click();
  await expect(transport.locator('.snippets pre').first()).toHaveText(
    'curl --cert sandbox-client_transport.pem --key sandbox-client_transport.key https://API_HUB_HOST/open-finance/',
  );
});
