import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  projects: [
    { name: 'e2e', testIgnore: '*responsive.spec.ts' },
    // Main-thread timing means little while other tests make keys on the same two cores:
    // these run after the rest, alone, one at a time (one worker: fullyParallel alone still ran two files at once).
    // One retry: a 50 ms bound on a 2-core machine can be crossed by anything else running there; a real regression fails twice.
    { name: 'responsiveness', testMatch: '*responsive.spec.ts', dependencies: ['e2e'], fullyParallel: false, workers: 1, retries: 1 },
  ],
  timeout: 60_000,
  fullyParallel: true,
  workers: 2,
  reporter: process.env.CI ? 'list' : 'line',
  use: {
    browserName: 'chromium',
    acceptDownloads: true,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        ...CHROMIUM_ARGS,
        // A name that is not localhost, for the test of an insecure (plain http) context.
        '--host-resolver-rules=MAP insecure.test 127.0.0.1',
      ],
    },
  },
});
