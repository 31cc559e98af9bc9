import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './chromium';

const PAGE = pathToFileURL(resolve(process.env.DIST ?? 'dist/index.html')).href;
const rate = Number(process.env.RATE ?? '1');
const browser = await launchChromium();
const page = await browser.newPage();
await page.addInitScript(() => {
  const tasks: number[] = [];
  (window as any).longTasks = tasks;
  new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(Math.round(entry.duration)))).observe({ type: 'longtask' });
});
await page.goto(PAGE);
await page.waitForFunction(() => performance.getEntriesByName('altareq:interactive').length > 0);
await page.getByLabel('Organisation legal name').fill('Example Fintech LLC');
await page.getByLabel('Organisation ID').fill('4af0a68f-d8a8-46c4-ace6-6949e8343868');
await page.getByLabel('Client ID').fill('b8739780-9bfe-43bc-9ea4-abc70a840c13');
await page.waitForTimeout(1000);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate });
await page.evaluate(() => ((window as any).longTasks.length = 0));
if (process.env.CPU) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start'); }
else await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] });
await page.getByRole('button', { name: 'Generate', exact: true }).click();
await page.getByRole('link', { name: 'Download .zip' }).waitFor();
await page.waitForTimeout(300);
if (process.env.CPU) writeFileSync('/tmp/prof.json', JSON.stringify((await cdp.send('Profiler.stop')).profile));
else writeFileSync('/tmp/trace.json', await browser.stopTracing());
console.log('long tasks', await page.evaluate(() => (window as any).longTasks));
await browser.close();
