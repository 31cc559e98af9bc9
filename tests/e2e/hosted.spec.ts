/**
 * The hosted page through a real nginx: `npm run serve:hosted` with
 * deploy/nginx.conf and the headers the build wrote (issue 16). Over
 * http://127.0.0.1 (a secure context) the form makes a right bundle; the
 * headers are the deployed ones; another origin cannot frame the page; the
 * server's own policy blocks a fetch.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { CLIENT_ID, ORGANISATION_ID, downloadZip, fileNames, keyMatchesCsr, openApp, readCsr } from './support';

interface Hosted {
  origin: string;
  /** Its config and logs: removed when it stops. */
  folder: string;
  child: ChildProcess;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((listening) => server.once('listening', listening));
  const { port } = server.address() as AddressInfo;
  await new Promise((closed) => server.close(closed));
  return port;
}

/** `PORT=<free port> npm run serve:hosted`, once it says it is serving. */
async function startHosted(): Promise<Hosted> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve-hosted.ts'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const serving = await new Promise<RegExpExecArray>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+)\/ with nginx \(config and logs in (\S+)\)/.exec(output);
      if (match) resolve(match);
    });
    child.on('exit', (code) => reject(new Error(`serve:hosted exited with ${code}: ${output}`)));
  });
  expect(serving[1]).toBe(`http://127.0.0.1:${port}`);
  return { origin: serving[1]!, folder: serving[2]!, child };
}

/** SIGTERM, as Ctrl-C or a service manager would; resolves to the exit code. */
function stopHosted({ child }: Hosted): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** A plain GET (no compression asked for), as a test of the bytes and headers nginx sends. */
function getRaw(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const html = () => readFileSync('dist/index.html');
const metaPolicy = () => /<meta http-equiv="Content-Security-Policy" content="([^"]+)" \/>/.exec(html().toString())![1]!;

/** The security headers every response carries, as deployed (build/headers.ts writes them, deploy/nginx.conf sends them). */
const securityHeaders = () => ({
  'content-security-policy': `${metaPolicy()}; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': expect.stringMatching(/^accelerometer=\(\), .*camera=\(\), .*geolocation=\(\), .*microphone=\(\), .*payment=\(\), .*usb=\(\), .*xr-spatial-tracking=\(\)$/),
  'cache-control': 'no-cache',
});

let hosted: Hosted;
test.beforeAll(async () => {
  hosted = await startHosted();
});
test.afterAll(async () => {
  await stopHosted(hosted);
});

test('through nginx over http://127.0.0.1, the form makes a right bundle and no policy is broken', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { violations: string[] }).violations.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  const messages: string[] = [];
  page.on('console', (message) => messages.push(message.text()));
  await openApp(page, `${hosted.origin}/`);
  expect(await page.evaluate(() => isSecureContext)).toBe(true);
  // Chromium names here any header feature it does not know ("Unrecognized feature").
  expect(messages.filter((message) => /Permissions-Policy|Content Security Policy/.test(message))).toEqual([]);
  await page.getByLabel('Organisation legal name').fill('شركة المثال للتقنية المالية');
  await page.getByLabel('Organisation ID').fill(ORGANISATION_ID);
  await page.getByLabel('Client ID').fill(CLIENT_ID);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();

  const zip = await downloadZip(page, `${CLIENT_ID}-altareq-keys.zip`);
  const stems = ['transport', 'signing', 'encryption'].map((role) => `${CLIENT_ID}-opf_uae_client_${role}`);
  expect(fileNames(zip)).toEqual([...stems.flatMap((stem) => [`${stem}.csr`, `${stem}.key`]), 'README.txt'].sort());
  for (const stem of stems) {
    const { csr, signatureValid } = await readCsr(zip, `${stem}.csr`);
    expect(signatureValid).toBe(true);
    expect(csr.subject.typesAndValues.map(({ value }) => value.valueBlock.value)).toEqual([
      'AE', 'شركة المثال للتقنية المالية', ORGANISATION_ID, CLIENT_ID,
    ]);
    expect(await keyMatchesCsr(zip, `${stem}.key`, `${stem}.csr`)).toBe(true);
  }
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  // frame-ancestors 'none' does not stop the page's own sandboxed key frame: both makers made keys.
  expect(page.frames().map((frame) => frame.url())).toEqual([`${hosted.origin}/`, 'about:srcdoc']);
  const keysByMaker = (await page.locator('[data-keys-by-maker]').getAttribute('data-keys-by-maker'))!.split(' ').map(Number);
  expect(keysByMaker).toHaveLength(2);
  expect(Math.min(...keysByMaker)).toBeGreaterThanOrEqual(1);
});

test('every path gets the page with exactly the deployed headers, and a second visit revalidates by ETag', async () => {
  for (const path of ['/', '/index.html', '/some/deep/path?query=1', '/nginx-headers.conf']) {
    const response = await getRaw(`${hosted.origin}${path}`);
    expect(response.status).toBe(200);
    expect(response.body.equals(html())).toBe(true);
    expect(response.headers).toEqual({
      ...securityHeaders(),
      server: 'nginx',
      date: expect.stringMatching(/ GMT$/),
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(html().length),
      'last-modified': expect.stringMatching(/ GMT$/),
      etag: expect.stringMatching(/^"[0-9a-f]+-[0-9a-f]+"$/),
      'accept-ranges': 'bytes',
      connection: 'keep-alive',
    });
  }
  const { headers } = await getRaw(`${hosted.origin}/`);
  const again = await getRaw(`${hosted.origin}/`, { 'if-none-match': headers.etag! });
  expect(again.status).toBe(304);
  expect(again.body.length).toBe(0);
  expect(again.headers).toMatchObject(securityHeaders());
  // Compressed, as a browser asks for it: the same headers.
  const gzipped = await getRaw(`${hosted.origin}/`, { 'accept-encoding': 'gzip' });
  expect(gzipped.headers['content-encoding']).toBe('gzip');
  expect(gzipped.headers).toMatchObject(securityHeaders());
});

test('a page on another origin that frames it gets no form: the browser refuses the frame', async ({ page }) => {
  const other: Server = createServer((_request, response) =>
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><meta charset="utf-8"><title>Another site</title><iframe src="${hosted.origin}/"></iframe>`),
  );
  await new Promise<void>((listening) => other.listen(0, '127.0.0.1', listening));
  try {
    const messages: string[] = [];
    page.on('console', (message) => messages.push(message.text()));
    await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    await expect
      .poll(() => messages)
      .toContainEqual(
        `Framing '${hosted.origin}/' violates the following Content Security Policy directive: "frame-ancestors 'none'". The request has been blocked.\n`,
      );
    const frame = page.frames()[1]!;
    expect(frame.url()).toBe('chrome-error://chromewebdata/');
    await expect(page.frameLocator('iframe').getByLabel('Organisation legal name')).toHaveCount(0);
    await expect(page.frameLocator('iframe').getByRole('button', { name: 'Generate', exact: true })).toHaveCount(0);
  } finally {
    await new Promise((closed) => other.close(closed));
  }
});

test("the server's policy blocks a fetch from the page, and nginx never sees it", async ({ page }) => {
  await openApp(page, `${hosted.origin}/`);
  const outcome = await page.evaluate(async () => {
    const policies: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => policies.push(`${event.effectiveDirective} ${event.disposition} ${event.originalPolicy}`));
    const result = await fetch('/probe-from-the-page').then(
      () => 'fetched',
      (error: Error) => error.name,
    );
    // Violation events are queued as tasks: let them arrive.
    await new Promise((later) => setTimeout(later, 100));
    return { result, policies };
  });
  expect(outcome.result).toBe('TypeError');
  // The header's policy (the only one with frame-ancestors) is among those that refused it.
  expect(outcome.policies).toContain(`connect-src enforce ${metaPolicy()}; frame-ancestors 'none'`);
  const log = readFileSync(`${hosted.folder}/access.log`, 'utf8');
  expect(log).toMatch(/"GET \/ HTTP\/1\.1" 200 /);
  expect(log).not.toContain('probe-from-the-page');
});

test('serve:hosted stops nginx on SIGTERM, exits 0 and removes its folder', async () => {
  const second = await startHosted();
  expect((await getRaw(`${second.origin}/`)).status).toBe(200);
  expect(existsSync(`${second.folder}/nginx.pid`)).toBe(true);
  expect(await stopHosted(second)).toBe(0);
  expect(existsSync(second.folder)).toBe(false);
  await expect(getRaw(`${second.origin}/`)).rejects.toThrow(/ECONNREFUSED/);
});
