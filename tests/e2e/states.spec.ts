/**
 * States that must not mislead (issue 18), in both languages: each tab keeps
 * its own results; nothing is red before the user has typed or pressed
 * Generate; every DNS-name problem is listed with its line; a huge paste is
 * echoed only in part; an empty chosen file is named; a multi-application
 * zip is named for what it holds; a UUID's fix is one click; the download
 * says where it went and stays until Clear; every copy button says what it copies.
 */
import { expect, test, type Page } from '@playwright/test';
import { CLIENT_ID, ORGANISATION_ID, batchZipName, directoryCommand, openApp } from './support';

const LANGUAGES = [
  {
    name: 'English',
    tab: { form: 'Fill in the form', paste: 'Paste command', batch: 'Batch' },
    generate: 'Generate',
    download: 'Download .zip',
    clear: 'Clear',
    stale: 'The input changed',
    line: (n: number) => `Line ${n}:`,
    empty: 'is empty',
    more: 'not shown: 37',
    fix: 'Use',
    saved: 'unzip it',
    copy: 'Copy CSR',
  },
  {
    name: 'العربية',
    tab: { form: 'تعبئة النموذج', paste: 'لصق الأمر', batch: 'دفعة' },
    generate: 'إنشاء',
    download: 'تنزيل ملف .zip',
    clear: 'مسح',
    stale: 'تغيّرت المدخلات',
    line: (n: number) => `السطر ${n}:`,
    empty: 'فارغ',
    more: 'ولم تُعرض: 37',
    fix: 'استخدم',
    saved: 'فكّ ضغطه',
    copy: 'نسخ طلب CSR',
  },
] as const;

for (const language of LANGUAGES) {
  const open = async (page: Page) => {
    await openApp(page);
    if (language.name !== 'English') await page.getByRole('button', { name: language.name, exact: true }).click();
  };
  const fillForm = async (page: Page) => {
    await page.locator('#legal-name').fill('Example Fintech LLC');
    await page.locator('#organisation-id').fill(ORGANISATION_ID);
    await page.locator('#client-id').fill(CLIENT_ID);
  };
  const generate = (page: Page) => page.getByRole('button', { name: language.generate, exact: true }).click();
  const download = (page: Page) => page.getByRole('link', { name: language.download });

  test.describe(language.name, () => {
    test('results belong to their tab: another tab neither hides them nor says the input changed', async ({ page }) => {
      await open(page);
      await fillForm(page);
      await generate(page);
      await expect(download(page)).toBeVisible();
      for (const tab of [language.tab.paste, language.tab.batch]) {
        await page.getByRole('tab', { name: tab }).click();
        await expect(page.getByText(language.stale)).toHaveCount(0);
        await expect(download(page)).toHaveCount(0);
      }
      await page.getByRole('tab', { name: language.tab.form }).click();
      await expect(download(page)).toBeVisible();
      await expect(page.getByText(language.stale)).toHaveCount(0);
    });

    test('nothing is red before the user has typed or pressed Generate', async ({ page }) => {
      await open(page);
      await page.getByRole('tab', { name: language.tab.paste }).click();
      await expect(page.locator('#command')).not.toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('.error')).toHaveCount(0);
      await generate(page);
      await expect(page.locator('#command')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('.error').first()).toBeVisible();
    });

    test('every DNS-name problem is listed, each with its line', async ({ page }) => {
      await open(page);
      await page.locator('#party-server').check();
      await page.locator('#dns-names').fill('api.bank.ae\n10.0.0.1\napi_x.bank.ae\napi.bank.ae');
      await page.locator('#legal-name').focus();
      const messages = page.locator('#dns-names ~ .field-message .error');
      await expect(messages).toHaveCount(3);
      await expect(messages.nth(0)).toContainText(language.line(2));
      await expect(messages.nth(0)).toContainText('10.0.0.1');
      await expect(messages.nth(1)).toContainText(language.line(3));
      await expect(messages.nth(1)).toContainText('api_x.bank.ae');
      await expect(messages.nth(2)).toContainText(language.line(4));
      await expect(messages.nth(2)).toContainText('api.bank.ae');
    });

    test('a huge garbage paste is echoed in part, with a count of the rest', async ({ page }) => {
      await open(page);
      await page.getByRole('tab', { name: language.tab.paste }).click();
      const junk = Array.from({ length: 40 }, (_, i) => `garbage ${i} ${'y'.repeat(20_000)}`).join('\n');
      await page.locator('#command').fill(junk);
      await expect(page.locator('.understood > li')).toHaveCount(4);
      await expect(page.locator('.understood > li').last()).toContainText(language.more);
      // The first error is on screen, not pushed below a megabyte of echo.
      await expect(page.locator('.understood .error').first()).toBeInViewport();
    });

    test('an empty chosen CSV file is named as empty, not "paste a CSV"', async ({ page }) => {
      await open(page);
      await page.getByRole('tab', { name: language.tab.batch }).click();
      await page.locator('#batch-file').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
      const error = page.locator('#batch-error');
      await expect(error).toContainText('empty.csv');
      await expect(error).toContainText(language.empty);
      await generate(page);
      await expect(error).toContainText('empty.csv');
    });

    test('a zip of several pasted applications is named for what it holds', async ({ page }) => {
      const other = '0b6a3c9e-2f41-4d7a-9c1e-5a8b7d6e4f20';
      const commands = [CLIENT_ID, other].map((id) =>
        directoryCommand(`${id}-opf_uae_client_transport.csr`, `${id}-opf_uae_client_transport.key`, `"/C=AE/O=Example Fintech LLC/OU=${ORGANISATION_ID}/CN=${id}"`),
      );
      await open(page);
      await page.getByRole('tab', { name: language.tab.paste }).click();
      await page.locator('#command').fill(commands.join('\n'));
      await generate(page);
      await expect(download(page)).toHaveAttribute('download', batchZipName(2));
    });

    test('an uppercase or braced UUID is fixed in one click', async ({ page }) => {
      await open(page);
      await page.locator('#organisation-id').fill(ORGANISATION_ID.toUpperCase());
      await page.locator('#client-id').fill(`{${CLIENT_ID}}`);
      await page.locator('#legal-name').focus();
      for (const [field, want] of [['#organisation-id', ORGANISATION_ID], ['#client-id', CLIENT_ID]] as const) {
        const fix = page.locator(`${field} ~ .field-message button`);
        await expect(fix).toContainText(language.fix);
        await expect(fix).toContainText(want);
        await fix.click();
        await expect(page.locator(field)).toHaveValue(want);
        await expect(page.locator(`${field}-error`)).toHaveCount(0);
      }
    });

    test('the batch problems table keeps a column name whole', async ({ page }) => {
      await page.setViewportSize({ width: 420, height: 800 });
      await open(page);
      await page.getByRole('tab', { name: language.tab.batch }).click();
      await page.locator('#batch').fill(`legal_name,organisation_id,client_id,roles\nX,${ORGANISATION_ID},not-a-uuid-${'z'.repeat(60)},transport`);
      const cell = page.locator('table.problems tbody td:nth-child(2) code').first();
      await expect(cell).toHaveText('client_id');
      // One line high: not broken as client_i / d.
      const { height, lineHeight } = await cell.evaluate((el) => ({ height: el.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(el).fontSize) * 1.8 }));
      expect(height).toBeLessThan(lineHeight);
    });

    test('after Download the page says where the file went and what next, and keeps it until Clear', async ({ page }) => {
      await open(page);
      await fillForm(page);
      await generate(page);
      const [file] = await Promise.all([page.waitForEvent('download'), download(page).click()]);
      const saved = page.locator('.saved');
      await expect(saved).toContainText(file.suggestedFilename());
      await expect(saved).toContainText(language.saved);
      await page.getByRole('tab', { name: language.tab.paste }).click();
      await page.getByRole('tab', { name: language.tab.form }).click();
      await expect(download(page)).toBeVisible();
      await page.getByRole('button', { name: language.clear, exact: true }).click();
      await expect(download(page)).toHaveCount(0);
      await expect(saved).toHaveCount(0);
    });

    test('every copy button says what it copies', async ({ page }) => {
      await open(page);
      await fillForm(page);
      await generate(page);
      for (const role of ['client_transport', 'client_signing', 'client_encryption']) {
        await expect(page.getByRole('button', { name: `${language.copy} ${CLIENT_ID}-opf_uae_${role}.csr`, exact: true })).toBeVisible();
      }
    });
  });
}
