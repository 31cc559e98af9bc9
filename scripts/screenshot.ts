/**
 * Opens the built page from file:// in headless Chromium, fills the form,
 * generates, and saves screenshots: `npx tsx scripts/screenshot.ts [outDir]`.
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// The directory's command for a signing certificate, as cmd.exe users paste it, and a second one without a role.
const PASTED = [
  'openssl req -new -newkey rsa:2048 -nodes ^',
  '  -out b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_signing.csr ^',
  '  -keyout 4af0a68f-d8a8-46c4-ace6-6949e8343868-opf_uae_client_signing.key ^',
  '  -subj "/C=AE/O=شركة المثال/OU=4af0a68f-d8a8-46c4-ace6-6949e8343868/CN=b8739780-9bfe-43bc-9ea4-abc70a840c13" -sha256',
].join('\r\n');

// A batch with one good row, one bad Organisation ID and an LFI.
const BATCH = [
  'legal_name,organisation_id,client_id,roles,dns_names',
  'Example Fintech LLC,4af0a68f-d8a8-46c4-ace6-6949e8343868,b8739780-9bfe-43bc-9ea4-abc70a840c13,transport;signing;encryption,',
  'شركة المثال,4af0a68f-d8a8,0b6a3c9e-2f41-4d7a-9c1e-5a8b7d6e4f20,transport;signing,',
  'Example Bank PJSC,c3a1e5f7-9b2d-4c6e-8f0a-2b4d6f8a0c1e,,server_transport;server_signing,api.bank.ae',
].join('\n');

const outDir = resolve(process.argv[2] ?? 'docs/screenshots');
mkdirSync(outDir, { recursive: true });
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
});
for (const colorScheme of ['light', 'dark'] as const) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, colorScheme });
  await page.goto(pathToFileURL(resolve('dist/index.html')).href);
  await page.screenshot({ path: `${outDir}/empty-${colorScheme}.png`, fullPage: true });
  await page.getByLabel('Organisation legal name').fill('شركة المثال للتقنية المالية ذ.م.م');
  await page.getByLabel('Organisation ID').fill('4af0a68f-d8a8-46c4-ace6');
  await page.getByLabel('Client ID').fill('b8739780-9bfe-43bc-9ea4-abc70a840c13');
  await page.getByRole('button', { name: 'Generate' }).click();
  await page.screenshot({ path: `${outDir}/invalid-${colorScheme}.png`, fullPage: true });
  await page.getByLabel('Organisation ID').fill('4af0a68f-d8a8-46c4-ace6-6949e8343868');
  await page.getByRole('button', { name: 'Generate' }).click();
  await page.getByRole('link', { name: 'Download .zip' }).waitFor();
  await page.screenshot({ path: `${outDir}/done-${colorScheme}.png`, fullPage: true });

  await page.getByRole('tab', { name: 'Paste command' }).click();
  await page.getByLabel('Trust Framework command').fill(PASTED);
  await page.getByRole('button', { name: 'Generate' }).click();
  await page.getByRole('link', { name: 'Download .zip' }).waitFor();
  await page.screenshot({ path: `${outDir}/paste-${colorScheme}.png`, fullPage: true });

  await page.getByRole('tab', { name: 'Fill in the form' }).click();
  await page.getByLabel('LFI (server certificates)').check();
  await page.getByLabel('DNS names').fill('api.bank.ae\nبنك.امارات');
  await page.getByRole('button', { name: 'Generate' }).click();
  await page.getByRole('link', { name: 'Download .zip' }).waitFor();
  await page.screenshot({ path: `${outDir}/server-${colorScheme}.png`, fullPage: true });

  await page.getByRole('tab', { name: 'Batch' }).click();
  await page.getByLabel('Applications (CSV)').fill(BATCH);
  await page.screenshot({ path: `${outDir}/batch-${colorScheme}.png`, fullPage: true });
  await page.getByRole('tab', { name: 'Certificates' }).click();
  await page.getByLabel('Certificate, key and CSR files').setInputFiles(['tests/fixtures/checklist/mojibake.csr', 'tests/fixtures/export/signing.pem', 'tests/fixtures/test-key.pem']);
  await page.getByRole('article').first().waitFor();
  await page.screenshot({ path: `${outDir}/certificates-${colorScheme}.png`, fullPage: true });
  await page.close();
}
await browser.close();
console.log(`screenshots in ${outDir}`);
