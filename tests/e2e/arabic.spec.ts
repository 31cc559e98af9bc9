import { expect, test } from '@playwright/test';
import { CLIENT_ID, ORGANISATION_ID, openApp } from './support';

test('in Arabic the page is right-to-left, and UUIDs, file names and PEM stay left-to-right', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'العربية', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('button', { name: 'العربية', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#organisation-id')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('#client-id')).toHaveAttribute('dir', 'ltr');

  await page.locator('#legal-name').fill('شركة المثال');
  await page.locator('#organisation-id').fill(ORGANISATION_ID);
  await page.locator('#client-id').fill(CLIENT_ID);
  await page.locator('button[type=submit]').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[download]').click()]);
  expect(download.suggestedFilename()).toBe(`${CLIENT_ID}-altareq-keys.zip`);
  await expect(page.locator('a[download]')).toHaveText('تنزيل ملف .zip');
  const fileName = page.locator('code', { hasText: `${CLIENT_ID}-opf_uae_client_transport.csr` }).first();
  await expect(fileName).toHaveAttribute('dir', 'ltr');

  // Back to English: the same page, left-to-right again.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('link', { name: 'Download .zip' })).toBeVisible();
});

test('in Arabic a bad field gets its message in Arabic, quoting the value', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'العربية', exact: true }).click();
  await page.locator('#legal-name').fill('Example');
  await page.locator('#organisation-id').fill('4af0a68f-d8a8');
  await page.locator('#client-id').fill(CLIENT_ID);
  await page.locator('button[type=submit]').click();
  const message = page.locator('#organisation-id-error');
  await expect(message).toContainText('«4af0a68f-d8a8»');
  await expect(message).toHaveText(/[\u0600-\u06FF]/);
  await expect(page.locator('a[download]')).toHaveCount(0);
});

test('nothing is stored by choosing a language', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'العربية', exact: true }).click();
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([0, 0, '']);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
