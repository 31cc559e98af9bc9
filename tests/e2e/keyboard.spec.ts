import { expect, test, type Page } from '@playwright/test';
import { CLIENT_ID, ORGANISATION_ID, openApp } from './support';

/** What the focused element is called: its label, or its text. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return '';
    const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : undefined;
    return (label ?? element.textContent ?? '').trim();
  });
}

/** Presses Tab until the focused element is the one `description` names. */
async function tabTo(page: Page, description: string): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    if ((await focusedName(page)).startsWith(description)) return;
  }
  throw new Error(`Tab never reached "${description}"`);
}

async function downloadWithKeyboard(page: Page): Promise<string> {
  // Generate takes the focus to the download, which scrolls it into view.
  await expect.poll(() => focusedName(page)).toBe('Download .zip');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  return download.suggestedFilename();
}

test('the form, Generate and the download work with the keyboard alone', async ({ page }) => {
  await openApp(page);
  await tabTo(page, 'Organisation legal name');
  await page.keyboard.type('Example Fintech LLC');
  await tabTo(page, 'Organisation ID');
  await page.keyboard.type(ORGANISATION_ID);
  await tabTo(page, 'Client ID');
  await page.keyboard.type(CLIENT_ID);
  await tabTo(page, 'Encryption');
  await page.keyboard.press('Space'); // untick it
  await tabTo(page, 'Generate');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article')).toHaveCount(2);
  expect(await downloadWithKeyboard(page)).toBe(`${CLIENT_ID}-altareq-keys.zip`);
});

test('a mistake is reached with the keyboard: Generate moves focus to the first invalid field', async ({ page }) => {
  await openApp(page);
  await tabTo(page, 'Generate');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Organisation legal name')).toBeFocused();
  // Screen readers hear how many problems there are, and the first.
  await expect(page.getByText('Problems to fix: 3. Enter the organisation legal name')).toBeAttached();
  await page.keyboard.type('Example Fintech LLC');
  await expect(page.getByLabel('Organisation legal name')).not.toHaveAttribute('aria-invalid', 'true');
});

test('pasting the command, Generate and the download work with the keyboard alone', async ({ page }) => {
  await openApp(page);
  await tabTo(page, 'Paste command');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Trust Framework command');
  await page.keyboard.insertText(
    `openssl req -new -newkey rsa:2048 -nodes -out ${CLIENT_ID}-opf_uae_client_signing.csr -keyout ${CLIENT_ID}-opf_uae_client_signing.key -subj "/C=AE/O=Example/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}" -sha256`,
  );
  await tabTo(page, 'Generate');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article')).toHaveCount(1);
  expect(await downloadWithKeyboard(page)).toBe(`${CLIENT_ID}-altareq-keys.zip`);
});
