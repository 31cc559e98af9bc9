/** Issue 17: a .p12 the user already has asks for its passphrase and is read in the worker (PBES2); a legacy one is refused by name. */
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './support';

const TF = 'tests/fixtures/trust-framework';
const PASSPHRASE = 'correct horse battery staple';

async function drop(page: Page, ...names: string[]): Promise<void> {
  await openApp(page);
  await page.getByRole('tab', { name: 'Certificates' }).click();
  await page.getByLabel('Certificate, key and CSR files').setInputFiles(names.map((name) => `${TF}/${name}`));
}

test('an OpenSSL 3 .p12: asks for the passphrase, says when it is wrong, then shows the pair, its key and its chain', async ({ page }) => {
  const name = 'sandbox-client_signing-pbes2.p12';
  await drop(page, name);
  const problem = page.locator('[data-code=p12-passphrase-needed]');
  await expect(problem).toContainText(`"${name}" is a PKCS#12 (.p12) file protected by a passphrase`);
  await problem.getByLabel(`Passphrase of ${name}`).fill('not the passphrase');
  await problem.getByRole('button', { name: 'Open' }).click();
  const wrong = page.locator('[data-code=p12-passphrase-wrong]');
  await expect(wrong).toContainText('the passphrase does not open it');
  await wrong.getByLabel(`Passphrase of ${name}`).fill(PASSPHRASE);
  await wrong.getByRole('button', { name: 'Open' }).click();

  const card = page.getByRole('article', { name: `Sandbox Signing · ${name}` });
  await expect(card).toContainText(`Matches the key in ${name}`);
  await expect(card.getByLabel(/Include the CA certificates dropped with it \(2\)/)).toBeChecked();
  await expect(page.getByRole('heading', { name: `Sandbox root CA · ${name}` })).toBeVisible();
  await expect(page.locator('[data-code^=p12]')).toHaveCount(0);
});

test('a legacy 3DES .p12 is refused by name with the command that converts it', async ({ page }) => {
  const name = 'sandbox-client_signing-legacy.p12';
  await drop(page, name);
  await page.getByLabel(`Passphrase of ${name}`).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('[data-code=p12-encryption-unsupported]')).toContainText(
    `openssl pkcs12 -in "${name}" -nodes | openssl pkcs12 -export -out converted.p12`,
  );
});
