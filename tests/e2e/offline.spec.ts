import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { CLIENT_ID, ORGANISATION_ID, PAGE, openApp } from './support';

async function generateBundle(page: Page) {
  await page.getByLabel('Organisation legal name').fill('شركة المثال');
  await page.getByLabel('Organisation ID').fill(ORGANISATION_ID);
  await page.getByLabel('Client ID').fill(CLIENT_ID);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Download .zip' })).toBeVisible();
}

/** A local HTTP server that serves the built file under `path` and counts every request it gets. */
async function serve(path: string): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const html = readFileSync('dist/index.html');
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    if (request.url === path) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

test('a whole session from file:// makes no network request and breaks no CSP rule', async ({ page }) => {
  const requests: string[] = [];
  page.context().on('request', (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  await openApp(page);
  await generateBundle(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download .zip' }).click()]);
  expect(await download.failure()).toBeNull();
  await page.getByRole('button', { name: /^Copy CSR / }).first().click();

  const foreign = requests.filter((url) => !/^(file|data|blob):/.test(url));
  expect(foreign).toEqual([]);
  expect(requests).toContain(PAGE);
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
});

test('nothing is stored: no localStorage, sessionStorage, IndexedDB or cookies after a generation', async ({ page }) => {
  await openApp(page);
  await generateBundle(page);
  const stored = await page.evaluate(async () => ({
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDB: (await indexedDB.databases()).length,
    cookie: document.cookie,
  }));
  expect(stored).toEqual({ localStorage: 0, sessionStorage: 0, indexedDB: 0, cookie: '' });
  expect(await page.context().cookies()).toEqual([]);
});

test('the CSP blocks a fetch from the page', async ({ page }) => {
  const { url, hits, server } = await serve('/nothing-here');
  try {
    await openApp(page);
    const outcome = await page.evaluate(async (target) => {
      const violation = new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), { once: true }),
      );
      const result = await fetch(target).then(
        () => 'fetched',
        (error: Error) => error.name,
      );
      return { result, directive: await violation };
    }, `${url}/nothing-here`);
    expect(outcome).toEqual({ result: 'TypeError', directive: 'connect-src' });
    expect(hits).toEqual([]);
  } finally {
    server.close();
  }
});

test('Clear drops every key and result from the screen', async ({ page }) => {
  await openApp(page);
  await generateBundle(page);
  await expect(page.getByRole('article')).toHaveCount(3);
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(page.getByRole('article')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Download .zip' })).toHaveCount(0);
  await expect(page.getByText('-----BEGIN')).toHaveCount(0);
});

test('served from a deep path on a static host, the same file works and asks only for itself', async ({ page }) => {
  const { url, hits, server } = await serve('/tools/altareq/index.html');
  try {
    await openApp(page, `${url}/tools/altareq/index.html`);
    await generateBundle(page);
    expect(hits).toEqual(['/tools/altareq/index.html']);
  } finally {
    server.close();
  }
});

// Plain http from a host that is not localhost is not a secure context: browsers withhold
// WebCrypto there. playwright.config.ts maps insecure.test to 127.0.0.1.
test('outside a secure context, the page says why keys cannot be made and how to open it instead', async ({ page }) => {
  const { url, server } = await serve('/index.html');
  try {
    await openApp(page, `${url.replace('127.0.0.1', 'insecure.test')}/index.html`);
    await expect(page.getByRole('alert')).toContainText('the page is not in a secure context');
    await expect(page.getByRole('alert')).toContainText('Open the downloaded index.html file directly, or load the page over https.');
    await expect(page.getByRole('button', { name: 'Generate', exact: true })).toBeDisabled();
  } finally {
    server.close();
  }
});
