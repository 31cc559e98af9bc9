/**
 * The HSM or KMS tab in a state worth looking at: a PKCS#11 key with its
 * public key, and a signature that cannot be right, so its error shows. The
 * axe test checks this state; the screenshot script draws it.
 */

import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

export async function fillHsmWithBadSignature(page: Page, subject: { legalName: string; organisationId: string; clientId: string }): Promise<void> {
  await page.locator('#tab-hsm').click();
  await page.locator('#hsm-legal-name').fill(subject.legalName);
  await page.locator('#hsm-organisation-id').fill(subject.organisationId);
  await page.locator('#hsm-client-id').fill(subject.clientId);
  await page.locator('#hsm-store-pkcs11').check();
  await page.locator('#hsm-key-id').fill('01');
  await page.locator('#hsm-token-label').fill('token');
  await page.locator('#hsm-module').fill('/usr/lib/softhsm/libsofthsm2.so');
  await page.locator('#hsm-public-key').fill(readFileSync('tests/fixtures/export/signing.pem', 'utf8'));
  await page.locator('#hsm-signature').fill('AAAA');
}
