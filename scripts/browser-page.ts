/**
 * One page of a browser driven from Node, whatever drives it: Firefox
 * (puppeteer-core over WebDriver BiDi, ./firefox.ts) and WebKit
 * (selenium-webdriver over classic WebDriver, ./webkit.ts) give the tests'
 * shared flows (tests/support/browser-flows.ts) and the bench this much, and
 * nothing engine-specific.
 */

import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface BrowserPage {
  /** Navigates and resolves once the page has loaded. */
  goto(url: string): Promise<void>;
  /**
   * Runs `fn` in the page and returns what it returns (awaited). The function is sent as
   * text: it must use only its arguments (JSON values) and the page's globals.
   */
  run<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T>;
  /** Types `text` into the element `selector` names, key by key, as a person would. */
  type(selector: string, text: string): Promise<void>;
  /** Clicks the element `selector` names, as a person would. */
  click(selector: string): Promise<void>;
  /** The folder a clicked download lands in. */
  readonly downloads: string;
}

type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/** Polls `fn` in the page until it returns a truthy value; fails after `ms`, saying what it waited for. */
export async function waitIn<T, A extends unknown[]>(
  page: BrowserPage,
  what: string,
  ms: number,
  fn: (...args: A) => T | Promise<T>,
  ...args: A
): Promise<Truthy<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await page.run(fn, ...args);
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Empties the downloads folder, so that the next download keeps its own name. */
export function clearDownloads(page: BrowserPage): void {
  // Not the dot-files: WebKit's downloads folder is its $HOME, with its .cache.
  for (const name of readdirSync(page.downloads).filter((name) => !name.startsWith('.'))) rmSync(join(page.downloads, name), { recursive: true, force: true });
}

/**
 * The bytes of the file `name` once it is in the downloads folder and has
 * stopped growing (browsers write to a temporary name, then rename, but not all do).
 */
export async function waitForDownload(page: BrowserPage, name: string, ms = 30_000): Promise<Buffer> {
  const path = join(page.downloads, name);
  const deadline = Date.now() + ms;
  let size = -1;
  while (Date.now() < deadline) {
    if (existsSync(path)) {
      const now = statSync(path).size;
      if (now > 0 && now === size) return readFileSync(path);
      size = now;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`no ${name} in ${page.downloads} after ${ms} ms; there is ${JSON.stringify(readdirSync(page.downloads))}`);
}
