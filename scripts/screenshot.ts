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
  await page.close();
}
await browser.close();
console.log(`screenshots in ${outDir}`);
