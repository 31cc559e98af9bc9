/**
 * `npm run bench`: how long the built page takes, measured in headless
 * Chromium from file://, against the floor the browser sets (its own RSA
 * key generation) and against OpenSSL on the same machine; then the same
 * page against its floor in Firefox and WebKit (./bench-engines.ts).
 * RSA key generation varies run to run with the prime search, so each line
 * reports median, min and max over RUNS runs.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { ms, ratioInterval, stats } from './bench-stats';
import { benchEngine } from './bench-engines';
import { launchChromium } from './chromium';
import { startFirefox } from './firefox';
import { startWebKit } from './webkit';

const RUNS = Number(process.env.RUNS ?? 20);
const PAGE = pathToFileURL(resolve('dist/index.html')).href;
/** What this machine takes to load any page from file://, for scale. */
const EMPTY_PAGE = join(mkdtempSync(join(tmpdir(), 'altareq-bench-')), 'empty.html');
writeFileSync(EMPTY_PAGE, '<!doctype html><meta charset="utf-8"><title>empty</title>\n');

/** A fresh page from file://, recording main-thread long tasks from the start. */
async function openPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(PAGE);
  // Nothing is asked of the page while it starts: Playwright's first evaluate injects its own
  // scripts, which would race the page's start-up (about 50 ms later to interactive, measured).
  await page.waitForTimeout(500);
  await page.waitForFunction(() => performance.getEntriesByName('altareq:interactive').length > 0);
  return page;
}

async function emptyPageLoad(browser: Browser): Promise<number> {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(EMPTY_PAGE).href);
  const load = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  await page.close();
  return load;
}

/** Navigation to the end of the load event (the form is drawn), and to the form responding (hydrated, main.ts). */
async function startUp(page: Page): Promise<{ load: number; interactive: number }> {
  return page.evaluate(() => ({
    load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    interactive: performance.getEntriesByName('altareq:interactive')[0]!.startTime,
  }));
}

/**
 * `count` raw RSA-2048 generateKey calls in the page, one after another: what the browser itself
 * needs, in one renderer process. With `withKeyFrame`, the page shares them with a sandboxed frame
 * made as the app makes its key frame (src/ui/key-frame.ts), which Chromium runs in a process of
 * its own: each starts the next key when free. That is the floor for the app's two key makers.
 */
async function floor(page: Page, count = 3, withKeyFrame = false): Promise<number> {
  // As for the app: after the page's idle-time start-up (its worker starting), not racing it.
  await page.waitForTimeout(300);
  return page.evaluate(
    async ({ count, withKeyFrame }) => {
      // Functions pushed, not named: tsx would wrap a named one in a helper the page does not have.
      const makers: (() => Promise<unknown>)[] = [];
      makers.push(() =>
        crypto.subtle.generateKey(
          { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
          true,
          ['sign', 'verify'],
        ),
      );
      if (withKeyFrame) {
        const frame = document.createElement('iframe');
        frame.sandbox.value = 'allow-scripts';
        frame.hidden = true;
        frame.srcdoc = document.getElementById('key-frame')!.innerHTML;
        const loaded = new Promise((resolve) => (frame.onload = resolve));
        document.body.append(frame);
        await loaded;
        const { port1, port2 } = new MessageChannel();
        const answers = new Map<number, () => void>();
        await new Promise<void>((ready) => {
          port2.onmessage = ({ data }) => (data.type === 'ready' ? ready() : answers.get(data.id)!());
          frame.contentWindow!.postMessage('key-port', '*', [port1]);
        });
        let id = 0;
        makers.push(() => new Promise((resolve) => (answers.set(++id, resolve as () => void), port2.postMessage({ type: 'make-key', id }))));
      }
      let left = count;
      const started = performance.now();
      await Promise.all(
        makers.map(async (make) => {
          while (left-- > 0) await make();
        }),
      );
      return performance.now() - started;
    },
    { count, withKeyFrame },
  );
}

/** From pressing Generate to the Download .zip link being there, for three client certificates. */
async function app(page: Page): Promise<{ total: number; keygen: number; afterLastKey: number; longestTask: number; keysByMaker: string; gate: number; gateWork: number }> {
  await page.getByLabel('Organisation legal name').fill('Example Fintech LLC');
  await page.getByLabel('Organisation ID').fill('4af0a68f-d8a8-46c4-ace6-6949e8343868');
  await page.getByLabel('Client ID').fill('b8739780-9bfe-43bc-9ea4-abc70a840c13');
  // As after a person fills the form: the page has been idle a moment, and the worker has started.
  await page.waitForTimeout(300);
  return page.evaluate(async () => {
    const tasks = (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks;
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Generate')!;
    const started = performance.now();
    const ready = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if ([...document.querySelectorAll('a')].some((a) => a.textContent === 'Download .zip')) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    button.click();
    const finished = await ready;
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the long-task observer report
    const timings = document.querySelector('[data-keygen-ms]')!;
    const keygen = Number(timings.getAttribute('data-keygen-ms'));
    // The worker's clock and the page's share an origin: timeOrigin + now is the same instant in both.
    const afterLastKey = performance.timeOrigin + finished - Number(timings.getAttribute('data-last-key-at'));
    const during = tasks.filter((task) => task.start + task.duration >= started);
    const keysByMaker = timings.getAttribute('data-keys-by-maker')!.replace(' ', ' + ');
    const gate = Number(timings.getAttribute('data-gate-ms'));
    const gateWork = Number(timings.getAttribute('data-gate-work-ms'));
    return { total: finished - started, keygen, afterLastKey, longestTask: Math.max(0, ...during.map((task) => task.duration)), keysByMaker, gate, gateWork };
  });
}

function opensslTimes(): number[] | undefined {
  try {
    execFileSync('openssl', ['version']);
  } catch {
    return undefined;
  }
  return Array.from({ length: RUNS }, () => {
    const started = performance.now();
    for (let i = 0; i < 3; i++) {
      execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', '/dev/null', '-out', '/dev/null', '-subj', '/C=AE/O=Bench'], { stdio: 'ignore' });
    }
    return performance.now() - started;
  });
}

/** Resident memory of Chromium's renderer processes (the page and its worker live there), in MiB. */
function rendererMemoryMiB(): number {
  let kib = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return kib / 1024;
}

/** 100 applications x 3 certificates from the Batch tab: throughput, time outside keygen, memory. */
async function batch(browser: Browser, applications: number) {
  const page = await openPage(browser);
  const rows = Array.from({ length: applications }, () => `Example Fintech LLC,${crypto.randomUUID()},${crypto.randomUUID()},transport;signing;encryption`);
  await page.getByRole('tab', { name: 'Batch' }).click();
  await page.getByLabel('Applications (CSV)').fill(['legal_name,organisation_id,client_id,roles', ...rows].join('\n'));
  await page.waitForTimeout(500);
  const before = rendererMemoryMiB();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rendererMemoryMiB())), 100);
  const started = performance.now();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.getByRole('link', { name: 'Download .zip' }).waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const keygenMs = Number(await page.locator('[data-keygen-ms]').getAttribute('data-keygen-ms'));
  const gateMs = Number(await page.locator('[data-gate-ms]').getAttribute('data-gate-ms'));
  const keysByMaker = (await page.locator('[data-keys-by-maker]').getAttribute('data-keys-by-maker'))!;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download .zip' }).click()]);
  const zipBytes = readFileSync(await download.path()).length;
  await page.close();
  return { certificates: applications * 3, seconds, keygenMs, gateMs, keysByMaker, before, peak, zipBytes };
}

/** The Chromium lines: start-up, floors, the app, OpenSSL, and a batch. */
async function benchChromium(): Promise<void> {
  const browser = await launchChromium();
  const emptyLoads: number[] = [];
  const loads: number[] = [];
  const interactives: number[] = [];
  const floors: number[] = [];
  const twoProcessFloors: number[] = [];
  const keySplits = new Map<string, number>();
  const apps: number[] = [];
  const appKeygens: number[] = [];
  const overheads: number[] = [];
  const afterLastKeys: number[] = [];
  const longest: number[] = [];
  const gates: number[] = [];
  const gateWorks: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    emptyLoads.push(await emptyPageLoad(browser));
    const page = await openPage(browser);
    const { load, interactive } = await startUp(page);
    loads.push(load);
    interactives.push(interactive);
    const result = await app(page);
    apps.push(result.total);
    appKeygens.push(result.keygen);
    overheads.push(result.total - result.keygen);
    afterLastKeys.push(result.afterLastKey);
    longest.push(result.longestTask);
    gates.push(result.gate);
    gateWorks.push(result.gateWork);
    keySplits.set(result.keysByMaker, (keySplits.get(result.keysByMaker) ?? 0) + 1);
    await page.close();
    // The floors in a fresh page of their own, so the app's keys do not warm them up.
    const floorPage = await openPage(browser);
    floors.push(await floor(floorPage));
    twoProcessFloors.push(await floor(floorPage, 3, true));
    await floorPage.close();
  }
  await browser.close();

  const appStats = stats(apps);
  const floorStats = stats(floors);
  console.log(`Chromium ${browser.version()}, ${RUNS} runs each, page from file://\n`);
  console.log(`empty page load, for scale             ${ms(stats(emptyLoads))}`);
  console.log(`page load (navigation to load event)   ${ms(stats(loads))}`);
  console.log(`page interactive (form hydrated)       ${ms(stats(interactives))}`);
  console.log(`floor: 3 x generateKey RSA-2048        ${ms(floorStats)}`);
  const twoProcessStats = stats(twoProcessFloors);
  console.log(`floor shared with a key frame          ${ms(twoProcessStats)}`);
  console.log(`app: Generate to Download .zip ready   ${ms(appStats)}`);
  const [low, high] = ratioInterval(apps, floors);
  console.log(`app / floor (medians)                  ${(appStats.median / floorStats.median).toFixed(2)}   (95% bootstrap interval ${low.toFixed(2)} to ${high.toFixed(2)})`);
  const [low2, high2] = ratioInterval(apps, twoProcessFloors);
  console.log(`app / shared floor (medians)           ${(appStats.median / twoProcessStats.median).toFixed(2)}   (95% bootstrap interval ${low2.toFixed(2)} to ${high2.toFixed(2)})`);
  const splits = [...keySplits].map(([split, runs]) => `${split} in ${runs} runs`).join(', ');
  console.log(`keys made by the worker + the frame    ${splits}`);
  console.log(`app's own keygen (worker's clock)      ${ms(stats(appKeygens))}`);
  console.log(`after the last key (CSR, zip, render)  ${ms(stats(afterLastKeys))}`);
  console.log(`everything but keygen                  ${ms(stats(overheads))}`);
  console.log(`longest main-thread task (generation)  ${ms(stats(longest))}`);
  console.log(`gate: wait after the last pair (3 pairs) ${ms(stats(gates))}`);
  console.log(`gate: its pair checks, added up        ${ms(stats(gateWorks))}`);
  const openssl = opensslTimes();
  console.log(`openssl: 3 x req -newkey rsa:2048      ${openssl ? ms(stats(openssl)) : 'openssl not found'}`);

  const applications = Number(process.env.BATCH ?? 100);
  const batchBrowser = await launchChromium();
  const result = await batch(batchBrowser, applications);
  const batchFloorPage = await openPage(batchBrowser);
  const batchFloorSeconds = (await floor(batchFloorPage, applications * 3)) / 1000;
  const batchSharedFloorSeconds = (await floor(batchFloorPage, applications * 3, true)) / 1000;
  await batchBrowser.close();
  const outside = 1 - result.keygenMs / 1000 / result.seconds;
  console.log(`\nbatch: ${applications} applications, ${result.certificates} certificates, one run`);
  console.log(`  total ${result.seconds.toFixed(1)} s, ${(result.certificates / result.seconds).toFixed(1)} keys/s`);
  console.log(
    `  floor: ${result.certificates} raw generateKey in a page ${batchFloorSeconds.toFixed(1)} s; app / floor ${(result.seconds / batchFloorSeconds).toFixed(2)}; time outside keygen ${(outside * 100).toFixed(1)}% by the worker's keygen clock`,
  );
  console.log(
    `  floor shared with a key frame ${batchSharedFloorSeconds.toFixed(1)} s; app / shared floor ${(result.seconds / batchSharedFloorSeconds).toFixed(2)}; keys made by the worker + the frame ${result.keysByMaker.replace(' ', ' + ')}`,
  );
  console.log(
    `  gate: ${result.gateMs.toFixed(0)} ms for ${result.certificates} pairs (${(result.gateMs / result.certificates).toFixed(2)} ms a pair)`,
  );
  console.log(
    `  renderer memory ${result.before.toFixed(0)} MiB before, peak ${result.peak.toFixed(0)} MiB (+${(result.peak - result.before).toFixed(0)} MiB); the zip is ${(result.zipBytes / 1024).toFixed(0)} KiB`,
  );
}

// ENGINES=firefox,webkit npm run bench measures only those.
const ENGINES = new Set((process.env.ENGINES ?? 'chromium,firefox,webkit').split(','));
if (ENGINES.has('chromium')) await benchChromium();
rmSync(dirname(EMPTY_PAGE), { recursive: true, force: true });
if (ENGINES.has('firefox')) await benchEngine('Firefox', startFirefox, RUNS);
if (ENGINES.has('webkit')) await benchEngine('WebKit', startWebKit, RUNS);
