/**
 * WebKit (Safari's engine) from Debian's packages: WebKitGTK's MiniBrowser,
 * driven by WebKitWebDriver, on an Xvfb display of its own. MiniBrowser needs
 * a display: without one, creating the session hangs rather than failing, so
 * every step that waits has a deadline. Downloads land in the driver's $HOME,
 * a temp dir made here.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, By, Key, type WebDriver } from 'selenium-webdriver';
import type { BrowserPage } from './browser-page';

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export interface WebKit {
  readonly page: BrowserPage;
  readonly driver: WebDriver;
  /** WebKitGTK's version, as the driver reports it. */
  readonly version: string;
  /** Ends the session, the driver and the display, and deletes the temp $HOME. */
  stop(): Promise<void>;
}

function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Xvfb on a display it picks itself (-displayfd writes the number it took), so parallel runs cannot collide. */
async function startXvfb(): Promise<{ process: ChildProcess; display: string }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const display = await deadline(
    new Promise<string>((resolve, reject) => {
      let text = '';
      xvfb.stdio[3]!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(`:${text.trim()}`);
      });
      xvfb.on('error', reject);
      xvfb.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
    }),
    10_000,
    'starting Xvfb',
  );
  return { process: xvfb, display };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits for the driver's /status to answer. */
async function driverReady(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`WebKitWebDriver did not answer at ${url} in ${ms} ms`);
}

function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

function pageOf(driver: WebDriver, downloads: string): BrowserPage {
  return {
    downloads,
    goto: (url) => driver.get(url),
    run: (fn, ...args) => driver.executeScript(fn, ...args),
    // WebKitWebDriver drops a '\n' in the text typed; the Enter key makes the new line.
    type: async (selector, text) => driver.findElement(By.css(selector)).sendKeys(text.replaceAll('\n', Key.ENTER)),
    click: async (selector) => driver.findElement(By.css(selector)).click(),
  };
}

export async function startWebKit(): Promise<WebKit> {
  for (const path of [WEBKIT_DRIVER, MINIBROWSER]) {
    if (!existsSync(path)) throw new Error(`${path} not found: apt-get install webkit2gtk-driver xvfb xauth`);
  }
  const home = mkdtempSync(join(tmpdir(), 'altareq-webkit-'));
  let xvfb: ChildProcess | undefined;
  let webDriver: ChildProcess | undefined;
  let driver: WebDriver | undefined;
  const stop = async () => {
    await driver?.quit().catch(() => undefined);
    await kill(webDriver);
    await kill(xvfb);
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const screen = await startXvfb();
    xvfb = screen.process;
    const port = await freePort();
    webDriver = spawn(WEBKIT_DRIVER, ['--host=127.0.0.1', `--port=${port}`], { env: { ...process.env, DISPLAY: screen.display, HOME: home }, stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}`;
    await driverReady(url, 10_000);
    const capabilities = { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } };
    driver = await deadline(new Builder().usingServer(url).withCapabilities(capabilities).build() as Promise<WebDriver>, 30_000, 'creating the WebKit session');
    await driver.manage().setTimeouts({ script: 120_000, pageLoad: 30_000 });
    const version = `WebKitGTK ${(await driver.getCapabilities()).get('browserVersion')}`;
    return { page: pageOf(driver, home), driver, version, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
