/** The Batch tab with real files (as Excel saves them), hostile headers, a 1 MB paste, and its own extensions choice. */

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { CLIENT_ID, ORGANISATION_ID, downloadZip, openApp, readCsr, batchZipName } from './support';

const CLIENT_2 = '0b6a3c9e-2f41-4d7a-9c1e-5a8b7d6e4f20';
const NAME = 'Société Générale';
const OID_ORGANIZATION = '2.5.4.10';
const OID_EXTENSION_REQUEST = '1.2.840.113549.1.9.14';

async function openBatch(page: Page): Promise<void> {
  await openApp(page);
  await page.getByRole('tab', { name: 'Batch' }).click();
}

/** Drops a file on the CSV field, as a person dragging it from the desktop would. */
async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, data }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(data)], name));
      return transfer;
    },
    { name, data: [...bytes] },
  );
  await page.getByLabel('Applications (CSV)').dispatchEvent('drop', { dataTransfer: transfer });
}

test('a Windows-1252 CSV from Excel: its names are shown to confirm, and the CSR holds them exactly, in UTF-8', async ({ page }) => {
  const csv = `legal_name;organisation_id;client_id;roles\r\n${NAME};${ORGANISATION_ID};${CLIENT_ID};signing\r\n`;
  await openBatch(page);
  await dropFile(page, 'applications.csv', Buffer.from(csv, 'latin1'));

  const question = page.getByRole('group', { name: 'This file is not UTF-8; it was read as Windows-1252 (Excel). Are these legal names right?' });
  await expect(question).toBeVisible();
  await expect(question.getByRole('listitem')).toHaveText([NAME]);
  await expect(page.getByText('Read applications.csv as Windows-1252, separated by semicolons (;).')).toBeVisible();

  // Nothing is made before the names are confirmed.
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Download .zip' })).toHaveCount(0);

  await question.getByRole('button', { name: 'Yes, the names are right' }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByText('Read applications.csv as Windows-1252, names confirmed, separated by semicolons (;).')).toBeVisible();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const zip = await downloadZip(page, batchZipName(1));
  const { csr, signatureValid } = await readCsr(zip, `${CLIENT_ID}/${CLIENT_ID}-opf_uae_client_signing.csr`);
  expect(signatureValid).toBe(true);
  const organization = csr.subject.typesAndValues.find((attribute) => attribute.type === OID_ORGANIZATION)!;
  expect(organization.value.valueBlock.value).toBe(NAME);
  // UTF8String (tag 12), its length, and the UTF-8 bytes of the name: no U+FFFD, no Latin-1 bytes.
  const utf8 = Buffer.from(NAME, 'utf8');
  expect(Buffer.from(organization.value.toBER()).equals(Buffer.concat([Buffer.from([0x0c, utf8.length]), utf8]))).toBe(true);
  expect(Buffer.from(csr.subject.toSchema().toBER()).includes(Buffer.from([0xef, 0xbf, 0xbd]))).toBe(false);
});

test('"No, remove the file" drops a Windows-1252 file', async ({ page }) => {
  await openBatch(page);
  await page.getByLabel('Or choose a CSV file').setInputFiles({
    name: 'excel.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `legal_name,organisation_id,client_id,roles\r\nCafé Crème,${ORGANISATION_ID},${CLIENT_ID},signing\r\nBad\u0081Name,${ORGANISATION_ID},${CLIENT_2},signing\r\n`,
      'latin1',
    ),
  });
  // Byte 0x81 has no character in Windows-1252: it is shown as what it became, not hidden.
  await expect(page.locator('.legal-names li')).toHaveText(['Café Crème', 'BadU+0081Name']);
  await page.getByRole('button', { name: 'No, remove the file' }).click();
  await expect(page.getByLabel('Applications (CSV)')).toHaveValue('');
  await expect(page.getByText('Are these legal names right?')).toHaveCount(0);
});

test('a UTF-16LE tab-separated file (Excel "Unicode Text") is read right', async ({ page }) => {
  const text = [
    'legal_name\torganisation_id\tclient_id\troles',
    `شركة المثال\t${ORGANISATION_ID}\t${CLIENT_ID}\ttransport;signing`,
    `${NAME}\t${ORGANISATION_ID}\t${CLIENT_2}\tencryption`,
  ].join('\r\n');
  await openBatch(page);
  await page.getByLabel('Or choose a CSV file').setInputFiles({ name: 'applications.txt', mimeType: 'text/plain', buffer: Buffer.from(`\ufeff${text}`, 'utf16le') });
  await expect(page.getByText('Read applications.txt as UTF-16LE, separated by tabs.')).toBeVisible();
  await expect(page.getByText('applications 2, certificates 3')).toBeVisible();
  await expect(page.getByRole('table', { name: /Problems in the CSV/ })).toHaveCount(0);
  await expect(page.getByText('Are these legal names right?')).toHaveCount(0);
});

test('an empty file says it is empty, by name; a file over 1 MiB is refused, naming the limit and the file', async ({ page }) => {
  await openBatch(page);
  const picker = page.getByLabel('Or choose a CSV file');
  await picker.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
  await expect(page.getByRole('table', { name: 'Problems in the CSV: 1' })).toContainText('The file "empty.csv" is empty.');

  await picker.setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(1.5 * 1024 * 1024, 'a') });
  await expect(page.getByRole('alert')).toHaveText(
    '"huge.csv" is 1.5 MiB; a batch CSV may be at most 1 MiB (1,048,576 bytes, some 8,000 applications). Split it into smaller files.',
  );
  await expect(page.getByLabel('Applications (CSV)')).toHaveValue('');

  await picker.setInputFiles({ name: 'book.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]) });
  await expect(page.getByRole('alert')).toContainText('"book.xlsx" is not a CSV text file');
});

test('columns named constructor or __proto__ are unknown columns; two of them appear twice, by name', async ({ page }) => {
  await openBatch(page);
  await page.getByLabel('Applications (CSV)').fill(`constructor,legal_name,organisation_id,client_id,roles,__proto__,constructor\n,Example,${ORGANISATION_ID},${CLIENT_ID},signing,,\n`);
  const problems = page.getByRole('table', { name: 'Problems in the CSV: 3' });
  await expect(problems).toContainText('Column A, "constructor", is not one this tool reads');
  await expect(problems).toContainText('Column F, "__proto__", is not one this tool reads');
  await expect(problems).toContainText('The "constructor" column appears twice, in columns A and G');
  await expect(problems).not.toContainText('native code');
});

test("the form's \"Exactly as the Trust Framework command\" does not reach the batch, which has its own", async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Exactly as the Trust Framework command (no extensions)').check();
  await page.getByRole('tab', { name: 'Batch' }).click();
  const own = page.getByLabel('Exactly as the Trust Framework command (no extensions)');
  await expect(own).not.toBeChecked();
  await page.getByLabel('Applications (CSV)').fill(`legal_name,organisation_id,client_id,roles\nExample Fintech LLC,${ORGANISATION_ID},${CLIENT_ID},transport\n`);
  const csrName = `${CLIENT_ID}/${CLIENT_ID}-opf_uae_client_transport.csr`;
  const extensionRequests = async () => {
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const { csr } = await readCsr(await downloadZip(page, batchZipName(1)), csrName);
    return (csr.attributes ?? []).filter((attribute) => attribute.type === OID_EXTENSION_REQUEST).length;
  };
  expect(await extensionRequests()).toBe(1);

  await own.check();
  expect(await extensionRequests()).toBe(0);

  await page.getByRole('tab', { name: 'Fill in the form' }).click();
  await expect(page.getByLabel('Exactly as the Trust Framework command (no extensions)')).toBeChecked();
});

for (const language of ['English', 'العربية']) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the Windows-1252 question and a refused file (${language}, ${colorScheme}) have no WCAG 2.1 AA violation`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await openApp(page);
      await page.getByRole('button', { name: language, exact: true }).click();
      await page.locator('#tab-batch').click();
      const csv = `legal_name,organisation_id,client_id,roles\r\n${NAME},${ORGANISATION_ID},${CLIENT_ID},signing\r\n`;
      await page.locator('#batch-file').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });
      await expect(page.locator('.batch-confirm button')).toHaveCount(2);
      const axe = () => new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const violations = (results: Awaited<ReturnType<typeof axe>>) => results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(violations(await axe())).toEqual([]);
      await page.locator('#batch-file').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(1.5 * 1024 * 1024, 'a') });
      await expect(page.locator('#batch-error')).toBeVisible();
      const results = await axe();
      expect(violations(results)).toEqual([]);
      expect(results.passes.map((rule) => rule.id)).toEqual(expect.arrayContaining(['color-contrast', 'label', 'aria-valid-attr-value']));
    });
  }
}
