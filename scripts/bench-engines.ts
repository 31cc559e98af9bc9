/**
 * `npm run bench` in Firefox and WebKit: the same page from file://, the
 * engine's own floor (one RSA-2048 generateKey, three asked for at once in
 * the page, three one after another) and the app's Generate to Download .zip
 * for three certificates, in the same run. Driven through ./browser-page.ts,
 * so the in-page code below is sent as text: no named inner functions.
 */

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ms, ratioInterval, stats } from './bench-stats';
import { waitIn, type BrowserPage } from './browser-page';

const PAGE = pathToFileURL(resolve('dist/index.html')).href;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface Engine {
  readonly page: BrowserPage;
  readonly version: string;
  stop(): Promise<void>;
}

export async function open(page: BrowserPage, url = PAGE): Promise<void> {
  await page.goto(url);
  await waitIn(page, 'the page to be interactive', 15_000, () => performance.getEntriesByName('altareq:interactive').length > 0);
}

/** `count` RSA-2048 generateKey calls in the page, all asked for at once or each after the last; ms. */
function floor(page: BrowserPage, count: number, atOnce: boolean): Promise<number> {
  return page.run(
    async (count: number, atOnce: boolean) => {
      const algorithm = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
      const started = performance.now();
      if (atOnce) await Promise.all(Array.from({ length: count }, () => crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])));
      else for (let i = 0; i < count; i++) await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
      return performance.now() - started;
    },
    count,
    atOnce,
  );
}

/** From pressing Generate to the Download .zip link, for the form's three client certificates. */
export async function app(page: BrowserPage): Promise<{ total: number; keysByMaker: string; atOnce: string }> {
  await page.type('#legal-name', 'Example Fintech LLC');
  await page.type('#organisation-id', '4af0a68f-d8a8-46c4-ace6-6949e8343868');
  await page.type('#client-id', 'b8739780-9bfe-43bc-9ea4-abc70a840c13');
  // As after a person fills the form: the page has been idle a moment, and the worker has started.
  await pause(300);
  return page.run(async () => {
    const started = performance.now();
    const ready = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('a[download]')) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    document.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const finished = await ready;
    const keysByMaker = document.querySelector('[data-keys-by-maker]')!.getAttribute('data-keys-by-maker')!.replace(' ', ' + ');
    const atOnce = document.querySelector('[data-keys-at-once]')?.getAttribute('data-keys-at-once') ?? 'unknown';
    return { total: finished - started, keysByMaker, atOnce };
  });
}

/** Each run: the app in a fresh page, then the floors in another, so the app's keys do not warm them. */
export async function benchEngine(name: string, start: () => Promise<Engine>, runs: number): Promise<void> {
  const engine = await start();
  const ones: number[] = [];
  const threes: number[] = [];
  const serials: number[] = [];
  const apps: number[] = [];
  const splits = new Map<string, number>();
  const atOnces = new Map<string, number>();
  try {
    for (let run = 0; run < runs; run++) {
      await open(engine.page);
      const result = await app(engine.page);
      apps.push(result.total);
      splits.set(result.keysByMaker, (splits.get(result.keysByMaker) ?? 0) + 1);
      atOnces.set(result.atOnce, (atOnces.get(result.atOnce) ?? 0) + 1);
      await open(engine.page);
      await pause(300); // after the page's idle-time start-up, as for the app
      ones.push(await floor(engine.page, 1, true));
      threes.push(await floor(engine.page, 3, true));
      serials.push(await floor(engine.page, 3, false));
    }
  } finally {
    await engine.stop();
  }
  const appStats = stats(apps);
  const floorStats = stats(threes);
  const [low, high] = ratioInterval(apps, threes);
  console.log(`\n${name}: ${engine.version}, ${runs} runs each, page from file://`);
  console.log(`  one generateKey RSA-2048                ${ms(stats(ones))}`);
  console.log(`  floor: 3 x generateKey asked at once    ${ms(floorStats)}`);
  console.log(`  3 x generateKey one after another       ${ms(stats(serials))}`);
  console.log(`  app: Generate to Download .zip ready    ${ms(appStats)}`);
  console.log(`  app / floor (medians)                   ${(appStats.median / floorStats.median).toFixed(2)}   (95% bootstrap interval ${low.toFixed(2)} to ${high.toFixed(2)})`);
  const runsOf = (counts: Map<string, number>) => [...counts].map(([value, n]) => `${value} in ${n} runs`).join(', ');
  console.log(`  keys made by the worker + the frame     ${runsOf(splits)}`);
  console.log(`  keys asked of each maker at once        ${runsOf(atOnces)} (the start-up probe, src/lib/keys-at-once.ts)`);
}
