/** Issue 17: "Make new keys for this certificate" opens the form (or the HSM/KMS path) prefilled from it. */
import { expect, test, type Page } from '@playwright/test';
import { CLIENT_ID, ORGANISATION_ID, openApp } from './support';

const TF = 'tests/fixtures/trust-framework';

async function drop(page: Page, name: string): Promise<void> {
  await openApp(page);
  await page.getByRole('tab', { name: 'Certificates' }).click();
  await page.getByLabel('Certificate, key and CSR files').setInputFiles(`${TF}/${name}`);
}

test('an LFI server transport certificate: the LFI form with its legal name, Organisation ID, DNS names and only that type ticked', async ({ page }) => {
  await drop(page, 'sandbox-server_transport.pem');
  await page.getByRole('button', { name: 'Make new keys for this certificate' }).click();
  await expect(page.getByRole('tab', { name: 'Fill in the form' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#party-server')).toBeChecked();
  await expect(page.getByLabel('Organisation legal name')).toHaveValue('Example Bank PJSC');
  await expect(page.getByLabel('Organisation ID')).toHaveValue(ORGANISATION_ID);
  await expect(page.getByLabel('DNS names', { exact: true })).toHaveValue('api.bank.example.ae');
  await expect(page.getByRole('checkbox', { name: 'Server transport', exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Server signing', exact: true })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Server encryption', exact: true })).not.toBeChecked();
});

test('a TPP signing certificate: the TPP form with its Client ID and only Signing ticked', async ({ page }) => {
  await drop(page, 'sandbox-client_signing.pem');
  await page.getByRole('button', { name: 'Make new keys for this certificate' }).click();
  await expect(page.locator('#party-client')).toBeChecked();
  await expect(page.getByLabel('Organisation legal name')).toHaveValue('Example Fintech LLC');
  await expect(page.getByLabel('Client ID')).toHaveValue(CLIENT_ID);
  await expect(page.getByRole('checkbox', { name: 'Signing', exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Transport', exact: true })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Encryption', exact: true })).not.toBeChecked();
});

test('the HSM/KMS path: an LFI encryption certificate prefills the HSM form and its certificate type', async ({ page }) => {
  await drop(page, 'sandbox-server_encryption.pem');
  await page.getByRole('button', { name: 'Make new keys in an HSM or KMS' }).click();
  await expect(page.getByRole('tab', { name: 'HSM or KMS' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#hsm-party-server')).toBeChecked();
  await expect(page.locator('#hsm-legal-name')).toHaveValue('Example Bank PJSC');
  await expect(page.locator('#hsm-organisation-id')).toHaveValue(ORGANISATION_ID);
  await expect(page.locator('#hsm-role')).toHaveValue('server_encryption');
});
