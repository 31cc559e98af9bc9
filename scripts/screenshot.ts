/**
 * Opens the built page from file:// in headless Chromium and saves a
 * screenshot of every view, in both languages and both themes:
 * `npx tsx scripts/screenshot.ts [outDir]` (default docs/screenshots).
 */
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fillHsmWithBadSignature } from '../tests/support/hsm-form';
import { launchChromium } from './chromium';

const ORGANISATION_ID = '4af0a68f-d8a8-46c4-ace6-6949e8343868';
const CLIENT_ID = 'b8739780-9bfe-43bc-9ea4-abc70a840c13';

// The directory's command for a signing certificate, as cmd.exe users paste it.
const PASTED = [
  'openssl req -new -newkey rsa:2048 -nodes ^',
  `  -out ${CLIENT_ID}-opf_uae_client_signing.csr ^`,
  `  -keyout ${ORGANISATION_ID}-opf_uae_client_signing.key ^`,
  `  -subj "/C=AE/O=شركة المثال/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}" -sha256`,
].join('\r\n');

// A batch with one good row, one bad Organisation ID and an LFI.
const BATCH = [
  'legal_name,organisation_id,client_id,roles,dns_names',
  `Example Fintech LLC,${ORGANISATION_ID},${CLIENT_ID},transport;signing;encryption,`,
  'شركة المثال,4af0a68f-d8a8,0b6a3c9e-2f41-4d7a-9c1e-5a8b7d6e4f20,transport;signing,',
  'Example Bank PJSC,c3a1e5f7-9b2d-4c6e-8f0a-2b4d6f8a0c1e,,server_transport;server_signing,api.bank.ae',
].join('\n');

/** Each view, reached by element ids so that the same steps work in both languages. */
const VIEWS: Array<[string, (page: Page) => Promise<void>]> = [
  ['empty', async () => {}],
  [
    'invalid',
    async (page) => {
      await page.locator('#legal-name').fill('شركة المثال للتقنية المالية ذ.م.م');
      await page.locator('#organisation-id').fill('4af0a68f-d8a8-46c4-ace6');
      await page.locator('#client-id').fill(CLIENT_ID);
      await page.locator('button[type=submit]').click();
    },
  ],
  [
    'done',
    async (page) => {
      await page.locator('#organisation-id').fill(ORGANISATION_ID);
      await page.locator('button[type=submit]').click();
      await page.locator('a[download]').waitFor();
    },
  ],
  [
    'saved',
    async (page) => {
      await Promise.all([page.waitForEvent('download'), page.locator('a[download]').click()]);
      await page.locator('.saved').waitFor();
    },
  ],
  [
    'paste',
    async (page) => {
      await page.locator('#tab-paste').click();
      await page.locator('#command').fill(PASTED);
      await page.locator('button[type=submit]').click();
      await page.locator('a[download]').waitFor();
    },
  ],
  [
    'server',
    async (page) => {
      await page.locator('#tab-form').click();
      await page.locator('#party-server').check();
      await page.locator('#dns-names').fill('api.bank.ae\nبنك.امارات');
      await page.locator('button[type=submit]').click();
      await page.locator('a[download]').waitFor();
    },
  ],
  [
    'batch',
    async (page) => {
      await page.locator('#tab-batch').click();
      await page.locator('#batch').fill(BATCH);
      // The CSV is read a moment after typing stops.
      await page.locator('#batch-problems').waitFor();
    },
  ],
  [
    'certificates',
    async (page) => {
      await page.locator('#tab-certificates').click();
      await page
        .locator('#certificate-files')
        .setInputFiles(['tests/fixtures/checklist/mojibake.csr', 'tests/fixtures/export/signing.pem', 'tests/fixtures/test-key.pem']);
      await page.getByRole('article').first().waitFor();
    },
  ],
  [
    'hsm',
    async (page) => {
      await fillHsmWithBadSignature(page, { legalName: 'شركة المثال', organisationId: ORGANISATION_ID, clientId: CLIENT_ID });
      await page.locator('#hsm-signature ~ .error').waitFor();
    },
  ],
];

const outDir = resolve(process.argv[2] ?? 'docs/screenshots');
mkdirSync(outDir, { recursive: true });
const browser = await launchChromium();
for (const [language, suffix] of [['English', 'en'], ['العربية', 'ar']] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, colorScheme });
    await page.goto(pathToFileURL(resolve('dist/index.html')).href);
    await page.waitForFunction(() => performance.getEntriesByName('altareq:interactive').length > 0);
    await page.getByRole('button', { name: language, exact: true }).click();
    for (const [view, setUp] of VIEWS) {
      await setUp(page);
      await page.screenshot({ path: `${outDir}/${view}-${suffix}-${colorScheme}.png`, fullPage: true });
    }
    await page.close();
  }
}
await browser.close();
console.log(`screenshots in ${outDir}`);
