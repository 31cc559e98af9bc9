import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { fillHsmWithBadSignature } from '../support/hsm-form';
import { CLIENT_ID, ORGANISATION_ID, openApp } from './support';

const DIRECTORY_COMMAND = `openssl req -new -newkey rsa:2048 -nodes -out ${CLIENT_ID}-opf_uae_client_transport.csr -keyout ${CLIENT_ID}-opf_uae_client_transport.key -subj "/C=AE/O=شركة المثال/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}" -sha256`;

// By id, not by label: the same steps run in both languages.
async function fillForm(page: Page, organisationId = ORGANISATION_ID) {
  await page.locator('#legal-name').fill('Example Fintech LLC');
  await page.locator('#organisation-id').fill(organisationId);
  await page.locator('#client-id').fill(CLIENT_ID);
}

const generate = (page: Page) => page.locator('button[type=submit]').click();

/** Every view a person reaches, set up from a fresh page. */
const VIEWS: Record<string, (page: Page) => Promise<void>> = {
  'the empty form': async () => {},
  'the form with an invalid field': async (page) => {
    await fillForm(page, '4af0a68f-d8a8');
    await generate(page);
    await expect(page.locator('#organisation-id')).toHaveAttribute('aria-invalid', 'true');
  },
  'the results': async (page) => {
    await fillForm(page);
    await generate(page);
    await expect(page.locator('a[download]')).toBeVisible();
  },
  'the LFI form': async (page) => {
    await page.locator('#party-server').check();
    await page.locator('#dns-names').fill('api.bank.ae\nبنك.امارات');
  },
  'a pasted command': async (page) => {
    await page.locator('#tab-paste').click();
    await page.locator('#command').fill(DIRECTORY_COMMAND);
    await expect(page.locator('.understood')).toBeVisible();
  },
  'a batch with a problem': async (page) => {
    await page.locator('#tab-batch').click();
    await page.locator('#batch').fill(`legal_name,organisation_id,client_id,roles\nX,${ORGANISATION_ID},bad,transport`);
    await expect(page.getByRole('table')).toBeVisible();
  },
  'the HSM or KMS tab, with a public key and a bad signature': async (page) => {
    await fillHsmWithBadSignature(page, { legalName: 'Example Fintech LLC', organisationId: ORGANISATION_ID, clientId: CLIENT_ID });
    await expect(page.locator('#hsm-signature ~ .error')).toBeVisible();
  },
  'the results after Download, with the saved notice': async (page) => {
    await fillForm(page);
    await generate(page);
    await Promise.all([page.waitForEvent('download'), page.locator('a[download]').click()]);
    await expect(page.locator('.saved')).toBeVisible();
  },
  'the LFI form with several DNS-name problems and a UUID fix': async (page) => {
    await page.locator('#party-server').check();
    await page.locator('#organisation-id').fill(ORGANISATION_ID.toUpperCase());
    await page.locator('#dns-names').fill('10.0.0.1\napi_x.bank.ae');
    await generate(page);
    await expect(page.locator('#dns-names ~ .field-message .error')).toHaveCount(2);
    await expect(page.locator('#organisation-id ~ .field-message button')).toBeVisible();
  },
  'a huge garbage paste': async (page) => {
    await page.locator('#tab-paste').click();
    await page.locator('#command').fill(Array.from({ length: 10 }, (_, i) => `garbage ${i}`).join('\n'));
    await expect(page.locator('.unread-more')).toBeVisible();
  },
  'an empty CSV file chosen': async (page) => {
    await page.locator('#tab-batch').click();
    await page.locator('#batch-file').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await expect(page.locator('#batch-error')).toBeVisible();
  },
  'the certificates view': async (page) => {
    await page.locator('#tab-certificates').click();
    await page.locator('#certificate-files').setInputFiles([
      'tests/fixtures/checklist/mojibake.csr',
      'tests/fixtures/export/signing.pem',
      'tests/fixtures/test-key.pem',
    ]);
    await expect(page.getByRole('article')).toHaveCount(1);
  },
};

for (const language of ['English', 'العربية']) {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [name, setUp] of Object.entries(VIEWS)) {
      test(`${name} (${language}, ${colorScheme}) has no WCAG 2.1 AA violation`, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        await openApp(page);
        await page.getByRole('button', { name: language, exact: true }).click();
        await setUp(page);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
        // axe really ran: contrast, labels, names and ARIA were checked and passed.
        expect(results.passes.map((rule) => rule.id)).toEqual(expect.arrayContaining(['color-contrast', 'label', 'button-name', 'aria-valid-attr-value']));
      });
    }
  }
}
