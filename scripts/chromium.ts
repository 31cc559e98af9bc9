/** Headless Chromium for the scripts: Debian's (CHROMIUM_PATH or /usr/bin/chromium), else Playwright's own. */

import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
  });
}
