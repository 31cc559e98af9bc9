/**
 * Arabic as complete as English (issue 18): the browser's language at
 * start-up with no flash of English; refusals that name the offending token
 * in a left-to-right isolate; "required" said per field; file names,
 * extensions, dates and versions isolated left-to-right, Arabic around them
 * in the page's direction; per-line direction in the CSV and command boxes;
 * file pickers that speak the page's language.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import JSZip from 'jszip';
import { CLIENT_ID, ORGANISATION_ID, openApp } from './support';

const arabic = async (page: Page) => {
  await openApp(page);
  await page.getByRole('button', { name: 'العربية', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
};

test.describe('a browser set to Arabic', () => {
  test.use({ locale: 'ar-AE' });

  test('opens the page in Arabic, with no frame of English shown first, and nothing stored', async ({ page }) => {
    // Every frame before the page is ready: is the English drawn by the HTML visible?
    await page.addInitScript(() => {
      const frames: { visible: boolean; lang: string; title: string }[] = [];
      (globalThis as unknown as { frames_: typeof frames }).frames_ = frames;
      const sample = () => {
        const app = document.getElementById('app');
        if (app) frames.push({ visible: getComputedStyle(app).visibility !== 'hidden', lang: document.documentElement.lang, title: document.querySelector('h1')?.textContent ?? '' });
        if (performance.getEntriesByName('altareq:interactive').length === 0) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    await openApp(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('h1')).toHaveText('مفاتيح AlTareq وطلبات توقيع الشهادات');
    const frames = await page.evaluate(() => (globalThis as unknown as { frames_: { visible: boolean; lang: string; title: string }[] }).frames_);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.filter((frame) => frame.visible && !/[\u0600-\u06ff]/.test(frame.title))).toEqual([]);
    // The switch still works, and lasts for the page only.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await expect(page.locator('h1')).toHaveText('AlTareq keys and certificate requests');
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([0, 0, '']);
  });
});

test.describe('a browser set to English', () => {
  test.use({ locale: 'en-GB' });
  test('opens the page in English', async ({ page }) => {
    await openApp(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('h1')).toHaveText('AlTareq keys and certificate requests');
  });
});

test('a refused option is named in Arabic as in English, in a left-to-right isolate', async ({ page }) => {
  const command = `openssl req -new -newkey rsa:2048 -nodes -days 30 -out a-opf_uae_client_transport.csr -keyout a-opf_uae_client_transport.key -subj "/C=AE/O=X/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}" -sha256`;
  for (const [language, name] of [['English', 'English'], ['Arabic', 'العربية']] as const) {
    await openApp(page);
    await page.getByRole('button', { name, exact: true }).click();
    await page.locator('#tab-paste').click();
    await page.locator('#command').fill(command);
    const error = page.locator('.understood .error').first();
    await expect(error, language).toContainText('-days');
    await expect(error.locator('code[dir=ltr]', { hasText: '-days' }), language).toHaveCount(language === 'Arabic' ? 1 : 0);
  }
});

test('in Arabic each required field says what to enter there', async ({ page }) => {
  await arabic(page);
  await page.locator('button[type=submit]').click();
  const legal = await page.locator('#legal-name-error').textContent();
  const organisation = await page.locator('#organisation-id-error').textContent();
  const client = await page.locator('#client-id-error').textContent();
  expect(legal).toContain('الاسم القانوني');
  expect(legal).not.toContain('UUID');
  expect(organisation).toContain('معرّف المؤسسة');
  expect(client).toContain('معرّف العميل');
  expect(new Set([legal, organisation, client]).size).toBe(3);
});

test('in Arabic, extensions, options, dates and the version read left-to-right, isolated; the Arabic around them stays right-to-left', async ({ page }) => {
  await arabic(page);
  await page.locator('#legal-name').fill('شركة المثال');
  await page.locator('#organisation-id').fill(ORGANISATION_ID);
  await page.locator('#client-id').fill(CLIENT_ID);
  await page.locator('button[type=submit]').click();
  // "تنزيل ملف .zip": the extension in its own LTR element, so it never shows as "zip.".
  const link = page.locator('a[download]');
  await expect(link).toHaveText('تنزيل ملف .zip');
  await expect(link.locator('[dir=ltr]')).toHaveText('.zip');
  // An Arabic message naming options: each option in an LTR isolate.
  await expect(page.locator('.result-grid .hint bdi[dir=ltr]', { hasText: 'MSYS_NO_PATHCONV=1' }).or(page.locator('.result-grid .hint code', { hasText: 'MSYS_NO_PATHCONV=1' })).first()).toBeAttached();
  // The footer: the label is not inside the LTR span, the commit and date are.
  const version = page.locator('.version');
  await expect(version).not.toHaveAttribute('dir', 'ltr');
  await expect(version).toContainText('الإصدار');
  await expect(version.locator('bdi[dir=ltr]')).toHaveCount(2);
  const labelFirst = await version.evaluate((el) => {
    const label = el.firstChild!;
    const range = document.createRange();
    range.selectNodeContents(label);
    return range.getBoundingClientRect().left > el.querySelector('bdi')!.getBoundingClientRect().left;
  });
  expect(labelFirst).toBe(true); // right-to-left: the label stands to the right of the commit
});

test('in Arabic the validity line reads right-to-left, with each date isolated', async ({ page }) => {
  await arabic(page);
  await page.locator('#tab-certificates').click();
  await page.locator('#certificate-files').setInputFiles('tests/fixtures/export/signing.pem');
  const validity = page.locator('dd', { has: page.locator('bdi[dir=ltr]', { hasText: /^\d{4}-\d{2}-\d{2}$/ }) }).first();
  await expect(validity).toContainText('من');
  await expect(validity.locator('bdi[dir=ltr]')).toHaveCount(2);
  // The Arabic words are not inside any left-to-right element.
  expect(await validity.evaluate((dd) => dd.querySelector('[dir=ltr]')?.textContent?.includes('من') ?? false)).toBe(false);
  const [from, to] = await validity.locator('bdi[dir=ltr]').evaluateAll((dates) => dates.map((date) => date.getBoundingClientRect().left));
  expect(from!).toBeGreaterThan(to!); // the first date on the right
});

test('the CSV and command boxes give each line its own direction', async ({ page }) => {
  await arabic(page);
  await page.locator('#tab-paste').click();
  await expect(page.locator('#command')).toHaveCSS('unicode-bidi', 'plaintext');
  await page.locator('#tab-batch').click();
  await expect(page.locator('#batch')).toHaveCSS('unicode-bidi', 'plaintext');
});

test('the file pickers are the page\'s own buttons, and count in the page\'s language', async ({ page }) => {
  for (const [name, button, none, count] of [
    ['English', 'Choose files', 'No file chosen', 'Files chosen: 2'],
    ['العربية', 'اختر الملفات', 'لم يُختر أي ملف', 'الملفات المختارة: 2'],
  ] as const) {
    await openApp(page);
    await page.getByRole('button', { name, exact: true }).click();
    await page.locator('#tab-certificates').click();
    await expect(page.locator('#certificate-files')).toBeHidden();
    await expect(page.getByRole('button', { name: button, exact: true })).toBeVisible();
    await expect(page.locator('#certificate-files-chosen')).toHaveText(none);
    await page.locator('#certificate-files').setInputFiles(['tests/fixtures/export/signing.pem', 'tests/fixtures/checklist/client_transport.csr']);
    await expect(page.locator('#certificate-files-chosen')).toHaveText(count);
    // The button opens the browser's picker.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button, exact: true }).click()]);
    expect(chooser.isMultiple()).toBe(true);
  }
});

test('README.txt in the zip says everything in Arabic too, after the English', async ({ page }) => {
  await arabic(page);
  await page.locator('#legal-name').fill('شركة المثال');
  await page.locator('#organisation-id').fill(ORGANISATION_ID);
  await page.locator('#client-id').fill(CLIENT_ID);
  await page.locator('button[type=submit]').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[download]').click()]);
  const zip = await JSZip.loadAsync(readFileSync(await download.path()));
  expect(Object.keys(zip.files).filter((name) => name.startsWith('README'))).toEqual(['README.txt']);
  const readme = await zip.file('README.txt')!.async('string');
  const [english, arabicHalf] = readme.split(`${'='.repeat(72)}\n\n`) as [string, string];
  expect(english).toContain('UPLOAD each .csr');
  expect(arabicHalf).toContain('ارفع كل ملف .csr');
  for (const role of ['client_transport', 'client_signing', 'client_encryption']) {
    expect(arabicHalf).toContain(`'${CLIENT_ID}-opf_uae_${role}.csr'`);
    expect(arabicHalf).toContain(`'${CLIENT_ID}-opf_uae_${role}.key'`);
  }
});

test('in Arabic the checklist says what it found in Arabic, with the DN and values as left-to-right code', async ({ page }) => {
  await arabic(page);
  await page.locator('#tab-certificates').click();
  await page.locator('#certificate-files').setInputFiles('tests/fixtures/checklist/mojibake.csr');
  const legalName = page.locator('.checklist li', { hasText: 'ترميز الاسم القانوني' });
  await expect(legalName).toHaveClass(/fail/);
  const finding = legalName.locator('.finding');
  await expect(finding).toContainText('ترميز مشوّه');
  // The name as found and the name meant, each a code span, left-to-right.
  await expect(finding.locator('code[dir=ltr]')).toHaveCount(5);
  await expect(finding.locator('code[dir=ltr]').nth(1)).toHaveText(/[\u0600-\u06ff]/);
  const subject = page.locator('.checklist li', { hasText: 'الموضوع' }).first().locator('.finding');
  await expect(subject).toContainText('C = AE, O, OU, CN');
  await expect(subject).toContainText('كلٌّ منها في RDN خاص به');
});

test('the DNS-name preview points from the name to its ASCII form in the reading direction', async ({ page }) => {
  for (const [name, arrow] of [['English', '→'], ['العربية', '←']] as const) {
    await openApp(page);
    await page.getByRole('button', { name, exact: true }).click();
    await page.locator('#party-server').check();
    await page.locator('#dns-names').fill('بنك.امارات');
    await expect(page.locator('.idn li')).toHaveText(`بنك.امارات ${arrow} xn--ngb8ci.xn--mgbaam7a8h`);
  }
});
