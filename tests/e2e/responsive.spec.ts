import { expect, test } from '@playwright/test';
import { CLIENT_ID, ORGANISATION_ID, openApp, slowDownCpu } from './support';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const tasks: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = tasks;
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe({ type: 'longtask' });
  });
  await openApp(page);
  await page.getByLabel('Organisation legal name').fill('Example Fintech LLC');
  await page.getByLabel('Organisation ID').fill(ORGANISATION_ID);
  await page.getByLabel('Client ID').fill(CLIENT_ID);
});

test('making three keys blocks the main thread for no task over 50 ms', async ({ page }) => {
  // A person takes seconds to fill the form; meanwhile the page, once idle, starts the worker.
  await page.waitForTimeout(1000);
  await slowDownCpu(page);
  // Only what happens from Generate on counts, not the page's start-up.
  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks.length = 0));
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Download .zip' })).toBeVisible();
  await page.waitForTimeout(200); // the observer reports a task after it ends
  expect(await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks)).toEqual([]);
});

/** Presses Generate and, one frame later (generation takes hundreds of ms), reads what the page shows. */
async function generateAndLook(page: import('@playwright/test').Page, then: 'cancel' | 'read-progress'): Promise<string[]> {
  return page.evaluate(async (action) => {
    const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
    button('Generate')!.click();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const progress = [...document.querySelectorAll('[aria-label="Progress"] li')].map((li) => li.textContent!.trim());
    if (action === 'cancel') button('Cancel')!.click();
    return progress;
  }, then);
}

test('Cancel stops a generation: no files, and the next Generate works', async ({ page }) => {
  await generateAndLook(page, 'cancel');
  await expect(page.getByText('Cancelled. No files were made')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download .zip' })).toHaveCount(0);
  await expect(page.getByRole('article')).toHaveCount(0);

  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Download .zip' })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(3);
});

test('progress shows each certificate while its key is made', async ({ page }) => {
  const progress = await generateAndLook(page, 'read-progress');
  expect(progress).toHaveLength(3);
  expect(progress[0]).toMatch(/^Transport: (waiting|generating RSA-2048 key…)$/);
  expect(progress[1]).toMatch(/^Signing: (waiting|generating RSA-2048 key…)$/);
  expect(progress[2]).toMatch(/^Encryption: (waiting|generating RSA-2048 key…)$/);
  await expect(page.getByRole('link', { name: 'Download .zip' })).toBeVisible();
});
