import { createPublicKey } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { PRIVATE_KEY_PEM, heapStringsMatching } from './heap';
import { CLIENT_ID, ORGANISATION_ID, downloadZip, fileNames, keyMatchesCsr, readCsr, openApp } from './support';

const LEGAL_NAME = 'شركة المثال للتقنية المالية ذ.م.م / Example, "FZ" + Co';
const ZIP_NAME = `${CLIENT_ID}-altareq-keys.zip`;

async function fillForm(page: Page, values: { legalName: string; organisationId: string; clientId: string }) {
  await page.getByLabel('Organisation legal name').fill(values.legalName);
  await page.getByLabel('Organisation ID').fill(values.organisationId);
  await page.getByLabel('Client ID').fill(values.clientId);
}

test('a TPP makes transport, signing and encryption keys and CSRs and downloads them as one zip', async ({ page }) => {
  await openApp(page);
  await expect(page.getByText('Keys are made in this browser and never leave it')).toBeVisible();
  for (const role of ['Transport', 'Signing', 'Encryption']) {
    await expect(page.getByRole('checkbox', { name: role, exact: true })).toBeChecked();
  }
  await fillForm(page, { legalName: LEGAL_NAME, organisationId: ORGANISATION_ID, clientId: CLIENT_ID });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();

  const zip = await downloadZip(page, ZIP_NAME);
  const roles = ['transport', 'signing', 'encryption'];
  const stems = roles.map((role) => `${CLIENT_ID}-opf_uae_client_${role}`);
  expect(fileNames(zip)).toEqual([...stems.flatMap((stem) => [`${stem}.csr`, `${stem}.key`]), 'README.txt'].sort());

  for (const [index, stem] of stems.entries()) {
    const keyPem = await zip.file(`${stem}.key`)!.async('string');
    expect(keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n([A-Za-z0-9+/]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END PRIVATE KEY-----\n$/);
    const { spki, signatureValid } = await readCsr(zip, `${stem}.csr`);
    expect(signatureValid).toBe(true);
    // The key in the .key file is the one whose public half is in the .csr.
    const keySpki = createPublicKey(keyPem).export({ type: 'spki', format: 'der' });
    expect(keySpki.equals(spki)).toBe(true);

    // What the page shows for this certificate is what is in the files.
    const card = page.getByRole('article').nth(index);
    await expect(card.getByRole('heading')).toContainText(roles[index]!, { ignoreCase: true });
    await expect(card).toContainText(`${stem}.csr`);
    await expect(card).toContainText(`${stem}.key`);
    await expect(card).toContainText(
      `C = AE, O = "شركة المثال للتقنية المالية ذ.م.م / Example, \\"FZ\\" + Co", OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`,
    );
    const fingerprint = Buffer.from(await crypto.subtle.digest('SHA-256', spki)).toString('hex');
    await expect(card).toContainText(fingerprint);
    await expect(card.getByRole('button', { name: 'Copy' })).toBeVisible();
  }

  const manifest = await zip.file('README.txt')!.async('string');
  // Every file name README.txt prints is single-quoted, so any of its lines can be pasted into a shell.
  expect(manifest).toContain(`  '${stems[0]}.csr'  ->  Transport certificate`);
  expect(manifest).toContain(`  openssl req -in '${stems[0]}.csr' -noout -verify -text`);
  expect(manifest).toContain(`KEEP SECRET each .key`);
});

test('unticked certificates are not made, and the exact-command option requests no extensions', async ({ page }) => {
  await openApp(page);
  await fillForm(page, { legalName: 'Example Fintech LLC', organisationId: ORGANISATION_ID, clientId: CLIENT_ID });
  await page.getByRole('checkbox', { name: 'Encryption', exact: true }).uncheck();
  await page.getByRole('checkbox', { name: 'Signing', exact: true }).uncheck();
  await page.getByLabel('Exactly as the Trust Framework command (no extensions)').check();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();

  const zip = await downloadZip(page, ZIP_NAME);
  const stem = `${CLIENT_ID}-opf_uae_client_transport`;
  expect(fileNames(zip)).toEqual(['README.txt', `${stem}.csr`, `${stem}.key`]);
  const { csr } = await readCsr(zip, `${stem}.csr`);
  // attributes [0] is present and empty: the request info ends with the bytes A0 00.
  expect(Buffer.from(csr.tbsView.slice(-2)).toString('hex')).toBe('a000');
});

test('a bad Organisation ID is marked with a message that quotes it, and no download is offered', async ({ page }) => {
  await openApp(page);
  await fillForm(page, { legalName: 'Example Fintech LLC', organisationId: '4af0a68f-d8a8', clientId: CLIENT_ID });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();

  const field = page.getByLabel('Organisation ID');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toBeFocused();
  await expect(field).toHaveAccessibleDescription(
    /Organisation ID must be a UUID like 4af0a68f-d8a8-46c4-ace6-6949e8343868; you entered "4af0a68f-d8a8"\./,
  );
  await expect(page.getByLabel('Client ID')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('link', { name: 'Download .zip' })).toHaveCount(0);
  await expect(page.getByRole('article')).toHaveCount(0);
});

test('editing the form after generating hides the old files', async ({ page }) => {
  await openApp(page);
  await fillForm(page, { legalName: 'Example Fintech LLC', organisationId: ORGANISATION_ID, clientId: CLIENT_ID });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Download .zip' })).toBeVisible();
  await page.getByLabel('Organisation legal name').fill('Another Name LLC');
  await expect(page.getByRole('link', { name: 'Download .zip' })).toHaveCount(0);
  await expect(page.getByText('The input changed since the files were made.')).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(0);
});

test('each certificate is drawn, unseen, as it is made, and shown with the rest once the zip is ready', async ({ page }) => {
  await openApp(page);
  await fillForm(page, { legalName: 'Example Fintech LLC', organisationId: ORGANISATION_ID, clientId: CLIENT_ID });
  const seen = await page.evaluate(async () => {
    const early = { drawn: 0, visible: 0 };
    const ready = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if ([...document.querySelectorAll('a')].some((a) => a.textContent === 'Download .zip')) return observer.disconnect(), resolve();
        const articles = [...document.querySelectorAll('article')];
        early.drawn = Math.max(early.drawn, articles.length);
        early.visible = Math.max(early.visible, articles.filter((article) => article.checkVisibility()).length);
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Generate')!.click();
    await ready;
    return early;
  });
  // At least the first two pairs are drawn while the last key is made; none is shown before the zip.
  expect(seen.drawn).toBeGreaterThanOrEqual(2);
  expect(seen.visible).toBe(0);
  await expect(page.getByRole('article')).toHaveCount(3);
});

test('on a laptop window the form and Generate fit without scrolling, and Download .zip comes into view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 650 });
  await openApp(page);
  await expect(page.getByRole('button', { name: 'Generate', exact: true })).toBeInViewport();
  await fillForm(page, { legalName: 'Example Fintech LLC', organisationId: ORGANISATION_ID, clientId: CLIENT_ID });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const download = page.getByRole('link', { name: 'Download .zip' });
  await expect(download).toBeFocused();
  await expect(download).toBeInViewport();
});

test('the private keys never reach the page: none in its heap after Generate, and the zip still holds the right keys', async ({ page }) => {
  await openApp(page);
  await fillForm(page, { legalName: 'Example Fintech LLC', organisationId: ORGANISATION_ID, clientId: CLIENT_ID });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Download .zip' })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(3);
  // The worker posts names, subjects, CSRs and fingerprints, and the zip as a Blob the page only links to.
  expect(await heapStringsMatching(page, PRIVATE_KEY_PEM)).toEqual([]);
  const zip = await downloadZip(page, ZIP_NAME);
  for (const role of ['transport', 'signing', 'encryption']) {
    const stem = `${CLIENT_ID}-opf_uae_client_${role}`;
    expect(await keyMatchesCsr(zip, `${stem}.key`, `${stem}.csr`)).toBe(true);
  }
  expect(await heapStringsMatching(page, PRIVATE_KEY_PEM)).toEqual([]);
});
