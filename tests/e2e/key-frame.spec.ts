/**
 * The key frame (src/frame/key-frame.ts): a sandboxed frame that Chromium runs
 * in a process of its own, so that two keys are made at once. It must make
 * keys, be able to do nothing else, and never be needed.
 */

import { expect, test, type Page } from '@playwright/test';
import { CLIENT_ID, ORGANISATION_ID, downloadZip, keyMatchesCsr, openApp } from './support';

async function fillForm(page: Page): Promise<void> {
  await page.getByLabel('Organisation legal name').fill('Example Fintech LLC');
  await page.getByLabel('Organisation ID').fill(ORGANISATION_ID);
  await page.getByLabel('Client ID').fill(CLIENT_ID);
}

/** Generates three certificates and returns how many keys each maker made. */
async function generateThree(page: Page): Promise<number[]> {
  await fillForm(page);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const timings = page.locator('[data-keys-by-maker]');
  return (await timings.getAttribute('data-keys-by-maker'))!.split(' ').map(Number);
}

const stems = ['transport', 'signing', 'encryption'].map((role) => `${CLIENT_ID}-opf_uae_client_${role}`);

test('the worker and the key frame, in a process of its own, each make keys; every key matches its CSR', async ({ page, browser }) => {
  await openApp(page);
  // A person takes a moment to fill the form; meanwhile the page starts the worker and the frame.
  await page.waitForTimeout(500);
  const { targetInfos } = await (await browser.newBrowserCDPSession()).send('Target.getTargets');
  // Chromium lists a frame as a target of its own only when it runs in another process.
  expect(targetInfos.filter((target) => target.type === 'iframe').map((target) => target.url)).toEqual(['about:srcdoc']);

  const keysByMaker = await generateThree(page);
  expect(keysByMaker).toHaveLength(2);
  expect(keysByMaker[0]! + keysByMaker[1]!).toBe(3);
  // Both start a key at once, so each makes at least one of the three.
  expect(Math.min(...keysByMaker)).toBeGreaterThanOrEqual(1);
  // Chromium makes a process's keys one at a time, in order: the start-up probe asks each maker for one at a time.
  await expect(page.locator('[data-keys-at-once]')).toHaveAttribute('data-keys-at-once', '1');
  const zip = await downloadZip(page, `${CLIENT_ID}-altareq-keys.zip`);
  for (const stem of stems) expect(await keyMatchesCsr(zip, `${stem}.key`, `${stem}.csr`)).toBe(true);
});

test('the key frame is hidden and sandboxed: no way into the page, no storage, and the page CSP forbids it any connection', async ({ page }) => {
  await openApp(page);
  const frameElement = page.locator('iframe');
  await expect(frameElement).toHaveCount(1);
  expect(await frameElement.getAttribute('sandbox')).toBe('allow-scripts');
  await expect(frameElement).toBeHidden();
  const frame = page.frames().find((each) => each.url() === 'about:srcdoc')!;
  expect(
    await frame.evaluate(async () => ({
      origin,
      page: (() => {
        try {
          return parent.document.title;
        } catch (error) {
          return (error as Error).name;
        }
      })(),
      storage: (() => {
        try {
          return localStorage.length;
        } catch (error) {
          return (error as Error).name;
        }
      })(),
      fetch: await fetch('data:,anything').then(
        () => 'fetched',
        () => 'blocked',
      ),
    })),
  ).toEqual({ origin: 'null', page: 'SecurityError', storage: 'SecurityError', fetch: 'blocked' });
});

test('without the key frame, the worker makes every key itself', async ({ page }) => {
  // As in a browser that will not run the frame: its script is gone before the page starts it.
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => document.getElementById('key-frame')!.remove()));
  await openApp(page);
  expect(await generateThree(page)).toEqual([3]);
  await expect(page.locator('iframe')).toHaveCount(0);
  const zip = await downloadZip(page, `${CLIENT_ID}-altareq-keys.zip`);
  for (const stem of stems) expect(await keyMatchesCsr(zip, `${stem}.key`, `${stem}.csr`)).toBe(true);
});

test('Cancel removes the key frame with its keys; the next Generate has a fresh one', async ({ page, browser }) => {
  await openApp(page);
  await fillForm(page);
  await page.waitForTimeout(500);
  const first = await page.locator('iframe').elementHandle();
  // Cancel one frame after Generate, while the keys are being made.
  await page.evaluate(async () => {
    const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
    button('Generate').click();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    button('Cancel').click();
  });
  await expect(page.getByText('Cancelled. No files were made')).toBeVisible();
  expect(await first!.evaluate((frame) => frame.isConnected)).toBe(false);
  await expect(page.locator('iframe')).toHaveCount(1);
  // The fresh frame joins the next generation as soon as it is ready; wait until its process is up.
  const cdp = await browser.newBrowserCDPSession();
  await expect
    .poll(async () => (await cdp.send('Target.getTargets')).targetInfos.filter((target) => target.type === 'iframe').length)
    .toBe(1);
  const keysByMaker = await generateThree(page);
  expect(keysByMaker).toHaveLength(2);
  expect(Math.min(...keysByMaker)).toBeGreaterThanOrEqual(1);
});

test('a key frame that stops answering after it said it was ready: its key goes to the worker after a timeout, and the zip is made', async ({ page, browser }) => {
  await openApp(page);
  await fillForm(page);
  // The frame is up (its process too) and has told the worker it is ready.
  const cdp = await browser.newBrowserCDPSession();
  await expect
    .poll(async () => (await cdp.send('Target.getTargets')).targetInfos.filter((target) => target.type === 'iframe').length)
    .toBe(1);
  await page.waitForTimeout(500);
  // Generate, and in the same task take the frame away: the key it was asked for never comes.
  await page.evaluate(() => {
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Generate')!.click();
    document.querySelector('iframe')!.remove();
  });
  const timings = page.locator('[data-keys-by-maker]');
  await expect(timings).toBeVisible({ timeout: 20_000 });
  // Every key was made by the worker's own WebCrypto; the frame made none, and the wait was the timeout.
  expect(await timings.getAttribute('data-keys-by-maker')).toBe('3 0');
  expect(Number(await timings.getAttribute('data-total-ms'))).toBeGreaterThanOrEqual(5000);
  const zip = await downloadZip(page, `${CLIENT_ID}-altareq-keys.zip`);
  for (const stem of stems) expect(await keyMatchesCsr(zip, `${stem}.key`, `${stem}.csr`)).toBe(true);

  // The next generation does not wait for the silent frame again.
  await page.getByLabel('Organisation legal name').fill('Example Fintech Two LLC');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(timings).toBeVisible();
  expect(Number(await timings.getAttribute('data-total-ms'))).toBeLessThan(5000);
});
