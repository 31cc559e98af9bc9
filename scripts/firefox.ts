/**
 * Firefox (Debian's firefox-esr, or FIREFOX_PATH), driven over WebDriver BiDi
 * by puppeteer-core, headless, with downloads saved without asking to a temp
 * dir. BiDi sees every request the page, its workers and frames make: `requests`.
 */

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { BrowserPage } from './browser-page';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface Firefox {
  readonly browser: Browser;
  readonly page: BrowserPage;
  /** Firefox's name and version, as it reports them. */
  readonly version: string;
  /** Every URL requested by the page since launch, in order. */
  readonly requests: string[];
  stop(): Promise<void>;
}

function pageOf(page: Page, downloads: string): BrowserPage {
  return {
    downloads,
    goto: async (url) => void (await page.goto(url)),
    run: (fn, ...args) => page.evaluate(fn as (...args: unknown[]) => unknown, ...args) as never,
    type: (selector, text) => page.type(selector, text),
    click: (selector) => page.click(selector),
  };
}

export async function startFirefox(): Promise<Firefox> {
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX}: apt-get install firefox-esr, or set FIREFOX_PATH`);
  const downloads = mkdtempSync(join(tmpdir(), 'altareq-firefox-'));
  try {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      extraPrefsFirefox: {
        'browser.download.dir': downloads,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.helperApps.neverAsk.saveToDisk': 'application/zip',
      },
    });
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const stop = async () => {
      await browser.close();
      rmSync(downloads, { recursive: true, force: true });
    };
    return { browser, page: pageOf(page, downloads), version: await browser.version(), requests, stop };
  } catch (error) {
    rmSync(downloads, { recursive: true, force: true });
    throw error;
  }
}
