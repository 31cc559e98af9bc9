/** Headless Chromium for the scripts and the Playwright tests: Debian's (CHROMIUM_PATH or /usr/bin/chromium), else Playwright's own. */

import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  // Headless Chromium 156 loads the omnibox's WebUI pages (chrome://omnibox-popup…) with every new
  // tab: on two cores that is about 600 ms of CPU racing the page under test. A desktop browser
  // loads them once, at start-up.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup,PreloadTopChromeWebUI',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
