/**
 * The page inside another origin's frame (issue 13, item 14): a site that
 * frames it could lay its own content over the form or the download, so the
 * page makes no keys there, says why, and links to itself on its own.
 */

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { expect, test, type FrameLocator } from '@playwright/test';

/** A tiny HTTP server on 127.0.0.1: the built page at /index.html, and a page framing `frame` at /parent.html. */
async function serve(frame: () => string): Promise<{ server: Server; origin: string }> {
  const page = readFileSync(resolve('dist/index.html'));
  const server = createServer((request, response) => {
    if (request.url === '/index.html') return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    if (request.url === '/parent.html') {
      const html = `<!doctype html><meta charset="utf-8"><title>Another site</title><h1>Another site</h1><iframe src="${frame()}" width="1000" height="700"></iframe>`;
      return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let app: { server: Server; origin: string };
let other: { server: Server; origin: string };

test.beforeAll(async () => {
  app = await serve(() => `${app.origin}/index.html`);
  // Another origin: the same host on another port.
  other = await serve(() => `${app.origin}/index.html`);
});

test.afterAll(async () => {
  for (const { server } of [app, other]) await new Promise((closed) => server.close(closed));
});

async function hydrated(frame: FrameLocator): Promise<void> {
  await expect(frame.locator('h1')).toBeVisible();
  await expect
    .poll(() => frame.locator('html').evaluate(() => performance.getEntriesByName('altareq:interactive').length))
    .toBeGreaterThan(0);
}

test('framed by another origin, the page offers no form, says why in both languages, and links to itself on its own', async ({ page }) => {
  await page.goto(`${other.origin}/parent.html`);
  const frame = page.frameLocator('iframe');
  await hydrated(frame);
  const alert = frame.getByRole('alert');
  await expect(alert).toContainText('This page is shown inside another website, so it makes no keys here');
  await expect(frame.getByRole('button', { name: 'Generate', exact: true })).toHaveCount(0);
  await expect(frame.getByLabel('Organisation legal name')).toHaveCount(0);
  await expect(frame.getByRole('tab')).toHaveCount(0);
  // No worker and no key frame were started.
  await expect(frame.locator('iframe')).toHaveCount(0);

  const link = frame.getByRole('link', { name: 'Open this page on its own' });
  await expect(link).toHaveAttribute('href', `${app.origin}/index.html`);
  await expect(link).toHaveAttribute('target', '_blank');
  const [opened] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await opened.waitForLoadState();
  expect(opened.url()).toBe(`${app.origin}/index.html`);
  await expect(opened.getByRole('button', { name: 'Generate', exact: true })).toBeVisible();

  await frame.getByRole('button', { name: 'العربية' }).click();
  await expect(alert).toContainText('تُعرض هذه الصفحة داخل موقع إلكتروني آخر، لذا لا تُنشئ أي مفاتيح هنا');
  await expect(frame.getByRole('link', { name: 'افتح هذه الصفحة وحدها' })).toBeVisible();
});

test('framed by its own origin, the page works as usual', async ({ page }) => {
  await page.goto(`${app.origin}/parent.html`);
  const frame = page.frameLocator('iframe').first();
  await hydrated(frame);
  await expect(frame.getByRole('button', { name: 'Generate', exact: true })).toBeVisible();
  await expect(frame.getByText('This page is shown inside another website')).toHaveCount(0);
});
