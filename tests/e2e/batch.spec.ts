import { expect, test } from '@playwright/test';
import { batchZipName, downloadZip, keyMatchesCsr, openApp } from './support';

const APPLICATIONS = [
  ['Example Fintech LLC', '4af0a68f-d8a8-46c4-ace6-6949e8343868', 'b8739780-9bfe-43bc-9ea4-abc70a840c13', 'transport;signing;encryption'],
  ['شركة المثال', '4af0a68f-d8a8-46c4-ace6-6949e8343868', '0b6a3c9e-2f41-4d7a-9c1e-5a8b7d6e4f20', 'transport;signing'],
  ['Noor "Pay", LLC', '91d4f6b2-3a8e-4f07-b5c1-6e2a9d0c4b83', 'e2c0b7a4-5d1f-4c38-9a6e-0f3b8d2c7a15', 'transport'],
  ['Café Finance', '91d4f6b2-3a8e-4f07-b5c1-6e2a9d0c4b83', '5f0e9c1a-7b2d-4e6f-8a3c-1d9b7e5f3a20', 'signing;encryption'],
];
const BANK = ['Example Bank PJSC', 'c3a1e5f7-9b2d-4c6e-8f0a-2b4d6f8a0c1e', '', 'server_transport;server_signing', 'api.bank.ae;*.hub.bank.ae'];

/** RFC 4180: quote a field with a separator or quote in it, doubling the quotes. */
const csvLine = (fields: string[]) => fields.map((f) => (/[",;\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');

test('a batch of five applications from a CSV gives one zip with a folder each and a manifest', async ({ page }) => {
  const csv = ['\ufefflegal_name,organisation_id,client_id,roles,dns_names', ...APPLICATIONS.map((row) => csvLine([...row, ''])), csvLine(BANK)].join(
    '\r\n',
  );
  await openApp(page);
  await page.getByRole('tab', { name: 'Batch' }).click();
  await page.getByLabel('Applications (CSV)').fill(csv);
  await expect(page.getByText('applications 5, certificates 10')).toBeVisible();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();

  const zip = await downloadZip(page, batchZipName(5));
  const files = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
  expect(files).toHaveLength(10 * 2 + 2);
  expect(files).toContain('manifest.csv');
  expect(files).toContain('README.txt');
  const folders = [...new Set(files.filter((name) => name.includes('/')).map((name) => name.split('/')[0]))].sort();
  expect(folders).toEqual([...APPLICATIONS.map((row) => row[2]!), BANK[1]!].sort());
  for (const name of files.filter((file) => file.endsWith('.csr'))) {
    expect(await keyMatchesCsr(zip, name.replace(/\.csr$/, '.key'), name)).toBe(true);
  }
  const manifest = await zip.file('manifest.csv')!.async('string');
  expect(manifest.split('\r\n')[0]).toBe('folder,file,kind,role,subject,public_key_sha256');
  expect(manifest.trim().split('\r\n')).toHaveLength(1 + 20);
  await expect(page.getByRole('cell', { name: 'Noor "Pay", LLC' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Transport, Signing, Encryption', exact: true })).toBeVisible();
});

test('a CSV with problems lists each by row and column, and makes nothing until they are fixed or left out', async ({ page }) => {
  const csv = [
    'legal_name;organisation_id;client_id;roles',
    'Example Fintech LLC;4af0a68f-d8a8-46c4-ace6-6949e8343868;b8739780-9bfe-43bc-9ea4-abc70a840c13;transport',
    'Second LLC;4af0a68f-d8a8;0b6a3c9e-2f41-4d7a-9c1e-5a8b7d6e4f20;transport',
  ].join('\n');
  await openApp(page);
  await page.getByRole('tab', { name: 'Batch' }).click();
  await page.getByLabel('Applications (CSV)').fill(csv);
  const problems = page.getByRole('table', { name: 'Problems in the CSV: 1' });
  await expect(problems.getByRole('row')).toHaveCount(2);
  await expect(problems.getByRole('row').nth(1)).toContainText('3');
  await expect(problems.getByRole('row').nth(1)).toContainText('organisation_id');
  await expect(problems.getByRole('row').nth(1)).toContainText('Organisation ID must be a UUID like');

  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByLabel('Applications (CSV)')).toBeFocused();
  await expect(page.getByRole('link', { name: 'Download .zip' })).toHaveCount(0);

  await page.getByLabel('Leave out the rows with problems').check();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const zip = await downloadZip(page, batchZipName(1));
  expect(Object.keys(zip.files).filter((name) => name.endsWith('.csr'))).toEqual([
    'b8739780-9bfe-43bc-9ea4-abc70a840c13/b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_transport.csr',
  ]);
});
