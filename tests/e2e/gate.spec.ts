/**
 * The gate (src/lib/gate.ts) in the built page: a fault before it gives a
 * refusal with a code, in the user's language, and no file. The fault is
 * made as a bug would make it: the page's request to the worker is changed
 * on its way, after the form has been validated.
 */

import { expect, test, type Page } from '@playwright/test';
import { CLIENT_ID, ORGANISATION_ID, openApp } from './support';

/** Before the page starts: every `generate` request the page posts to its worker is passed through `tamper` (its source). */
async function tamperWithGenerate(page: Page, tamper: string): Promise<void> {
  await page.addInitScript((source) => {
    const change = new Function('requests', source) as (requests: { csrFileName: string; keyFileName: string }[]) => void;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: [never]) {
      const ask = message as { type?: string; requests?: { csrFileName: string; keyFileName: string }[] };
      if (ask?.type === 'generate' && ask.requests) change(ask.requests);
      return post.call(this, message, ...rest);
    };
  }, tamper);
}

async function generate(page: Page): Promise<void> {
  await page.getByLabel('Organisation legal name').fill('Example Fintech LLC');
  await page.getByLabel('Organisation ID').fill(ORGANISATION_ID);
  await page.getByLabel('Client ID').fill(CLIENT_ID);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
}

const TRANSPORT_CSR = `${CLIENT_ID}-opf_uae_client_transport.csr`;

test('two files whose names differ only in case: refused with its code, in English and Arabic, and no download', async ({ page }) => {
  // The signing CSR is named as the transport CSR in capitals: one file once unzipped on Windows or macOS.
  await tamperWithGenerate(page, 'requests[1].csrFileName = requests[0].csrFileName.toUpperCase();');
  await openApp(page);
  await generate(page);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`"${TRANSPORT_CSR.toUpperCase()}" and another file of the same name (ignoring case)`);
  await expect(alert).toContainText('No file was offered for download.');
  await expect(alert).toContainText('Code: gate-duplicate-entry.');
  await expect(alert.locator('code')).toHaveText('gate-duplicate-entry');
  await expect(page.getByRole('link', { name: 'Download .zip' })).toHaveCount(0);
  await expect(page.getByRole('article')).toHaveCount(0);

  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(alert).toContainText('بالاسم نفسه (مع تجاهل حالة الأحرف)');
  await expect(alert).toContainText('لم يُعرض أي ملف للتنزيل');
  await expect(alert).toContainText('الرمز: gate-duplicate-entry.');
  await expect(alert).toContainText(TRANSPORT_CSR.toUpperCase());
});

test('a key named README.txt, which would replace the README: refused by the gate', async ({ page }) => {
  await tamperWithGenerate(page, "requests[0].keyFileName = 'README.txt';");
  await openApp(page);
  await generate(page);
  await expect(page.getByRole('alert')).toContainText('Code: gate-entry-name.');
  await expect(page.getByRole('link', { name: 'Download .zip' })).toHaveCount(0);
});

test('a CSR named with a shell command: refused by the gate, whatever README.txt would have made of it', async ({ page }) => {
  await tamperWithGenerate(page, "requests[0].csrFileName = '$(touch PWNED).csr';");
  await openApp(page);
  await generate(page);
  await expect(page.getByRole('alert')).toContainText('Code: gate-entry-name.');
  await expect(page.getByRole('alert')).toContainText('$(touch PWNED).csr');
  await expect(page.getByRole('link', { name: 'Download .zip' })).toHaveCount(0);
});
