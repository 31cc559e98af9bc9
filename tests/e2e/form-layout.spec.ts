/**
 * Issue 13, case 13: a message that appears when a field is left must not
 * move the controls below it, or the click that left the field (its blur
 * comes on mousedown) lands on nothing. And a legal name in decomposed form
 * is fixed with one click.
 */
import { expect, test, type Page } from '@playwright/test';
import { ORGANISATION_ID, openApp } from './support';

async function fillFirstFields(page: Page) {
  await openApp(page);
  await page.getByLabel('Organisation legal name').fill('Example Fintech LLC');
  await page.getByLabel('Organisation ID').fill(ORGANISATION_ID);
}

test('a bad Client ID, then a click on the checkbox below: the click lands and the checkbox has not moved', async ({ page }) => {
  await fillFirstFields(page);
  await page.getByLabel('Client ID').fill('my-app'); // the focus stays in the field
  const transport = page.getByRole('checkbox', { name: 'Transport', exact: true });
  await expect(transport).toBeChecked();
  const before = await transport.boundingBox();

  await transport.click(); // a real mouse click: mousedown blurs the Client ID field, which shows its message
  await expect(transport).not.toBeChecked();
  await expect(page.locator('#client-id-error')).toHaveText(/Client ID must be a UUID like .*; you entered "my-app"\./);
  await expect(page.getByLabel('Client ID')).toHaveAccessibleDescription(/Client ID must be a UUID/);
  expect(await transport.boundingBox()).toEqual(before);
});

test('leaving a field by keyboard shows its message and moves nothing below it', async ({ page }) => {
  await fillFirstFields(page);
  const clientId = page.getByLabel('Client ID');
  await clientId.fill('B8739780-9BFE-43BC-9EA4-ABC70A840C13');
  const exact = page.getByRole('checkbox', { name: /Exactly as the Trust Framework command/ });
  const before = await exact.boundingBox();
  await clientId.press('Tab');
  await expect(page.locator('#client-id-error')).toHaveText(/must be in lowercase/);
  expect(await exact.boundingBox()).toEqual(before);
});

test('an empty required field left by a click: its message moves nothing either', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Organisation legal name').click();
  const transport = page.getByRole('checkbox', { name: 'Transport', exact: true });
  const before = await transport.boundingBox();
  await transport.click();
  await expect(transport).not.toBeChecked();
  await expect(page.locator('#legal-name-error')).toHaveText(/Enter the organisation legal name/);
  expect(await transport.boundingBox()).toEqual(before);
});

test('a message kept in waiting is neither visible nor read out before the field is left', async ({ page }) => {
  await fillFirstFields(page);
  await page.getByLabel('Client ID').fill('my-app');
  await expect(page.getByText('Client ID must be a UUID')).toBeHidden();
  await expect(page.getByLabel('Client ID')).not.toHaveAttribute('aria-invalid', 'true');
});

test('a legal name in decomposed form (NFD) is refused, and one click puts it in NFC', async ({ page }) => {
  await openApp(page);
  const legalName = page.getByLabel('Organisation legal name');
  await legalName.fill('Socie\u0301te\u0301 Ge\u0301ne\u0301rale');
  await legalName.press('Tab');
  await expect(page.locator('#legal-name-error')).toHaveText(/is written with decomposed characters \(not Unicode NFC\)/);
  await page.getByRole('button', { name: 'Use the NFC form' }).click();
  await expect(legalName).toHaveValue('Soci\u00e9t\u00e9 G\u00e9n\u00e9rale');
  await expect(page.locator('#legal-name-error')).toHaveCount(0);
  await expect(legalName).not.toHaveAttribute('aria-invalid', 'true');
});
