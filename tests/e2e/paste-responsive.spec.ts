/**
 * Issue 13, case 12: a 1 MB paste never blocks the page's main thread for
 * more than 50 ms. Timing means little while other tests make keys on the
 * same cores: files named *responsive.spec.ts run after the rest, alone.
 */
import { expect, test, type Page } from '@playwright/test';
import { CLIENT_ID, ORGANISATION_ID, directoryCommand, openPaste, slowDownCpu } from './support';

const STEM = `${CLIENT_ID}-opf_uae_client_transport`;

// ---------------------------------------------------------------------------
// A 1 MB paste, set at once as a paste would (typing speed is not the test).

const nextFrames = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/**
 * Puts `text` into the box as a paste would, and returns the durations of the
 * page's long tasks (over 50 ms) from the input event until `shown` is drawn.
 * The text is set first and laid out before the count starts: Chromium takes
 * 0.3–1 s to lay out 1 MB in a text area whatever the page does (measured with
 * no input event at all); the test is the page's own work on the input.
 */
async function longTasksWhilePasting(page: Page, text: string, shown: RegExp): Promise<number[]> {
  await openPaste(page);
  await slowDownCpu(page);
  await page.evaluate((value) => {
    document.querySelector<HTMLTextAreaElement>('#command')!.value = value;
  }, text);
  await nextFrames(page);
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    const durations: number[] = [];
    (globalThis as unknown as { longTasks: number[] }).longTasks = durations;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) durations.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
    document.querySelector('#command')!.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await expect(page.getByText(shown).first()).toBeVisible();
  // Two frames after the result is drawn: any task of the paste has ended and been reported.
  await nextFrames(page);
  return page.evaluate(() => (globalThis as unknown as { longTasks: number[] }).longTasks);
}

const MiB = 1024 * 1024;
const ONE = `${directoryCommand(`${STEM}.csr`, `${STEM}.key`)}\n`;
const LARGE: { name: string; text: string; shown: RegExp }[] = [
  { name: 'the directory command, 3,000 times', text: ONE.repeat(Math.floor(MiB / ONE.length)), shown: /more than 50 commands/ },
  {
    name: '50 different commands, all drawn, and a 1 MB comment',
    text: Array.from({ length: 50 }, (_, i) => ONE.replaceAll(STEM, `${STEM}-${i}`)).join('') + `# ${'x'.repeat(MiB - 50 * (ONE.length + 8))}`,
    shown: /-opf_uae_client_transport-49\.csr/,
  },
  { name: '50 commands and 1 MB of spaces', text: ONE.repeat(50) + ' '.repeat(MiB - 50 * ONE.length), shown: /more than 10,000 spaces/ },
  { name: 'one 1 MB word', text: 'x'.repeat(MiB - 1), shown: /is not an openssl req command/ },
  { name: 'a 1 MB legal name', text: directoryCommand(`${STEM}.csr`, `${STEM}.key`, `"/C=AE/O=${'A'.repeat(MiB - 400)}/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}"`), shown: /characters long\. The legal name must be/ },
  { name: 'quotes and escapes', text: '"\\"x'.repeat(MiB / 4), shown: /more than 10,000 spaces, quotes, escapes and separators/ },
];

for (const { name, text, shown } of LARGE) {
  test(`a 1 MB paste never blocks the page for more than 50 ms: ${name}`, async ({ page }) => {
    expect(text.length).toBeGreaterThan(MiB * 0.95);
    expect(text.length).toBeLessThanOrEqual(MiB);
    expect(await longTasksWhilePasting(page, text, shown)).toEqual([]);
  });
}
