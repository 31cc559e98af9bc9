/**
 * The release file: two builds of the same commit are byte-identical, the
 * file needs nothing else, its CSP allows exactly what it inlines, and
 * SHA256SUMS is right.
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../build/csp';
import { keyFrameScript } from '../../build/key-frame';
import { pageScript } from '../../build/page-script';
import { arabic } from '../../src/ui/i18n/ar';
import { PACKED, type PackedId } from '../../src/ui/packed';

const dirs: string[] = [];

/** What the page reads back from a packed element: base64, then raw DEFLATE. */
function unpacked(html: string, id: PackedId): string {
  const body = new RegExp(`<script type="text/plain" id="${id}">([A-Za-z0-9+/=]+)</script>`).exec(html)![1]!;
  return inflateRawSync(Buffer.from(body, 'base64')).toString('utf8');
}

function build(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'altareq-build-'));
  dirs.push(outDir);
  // Vitest sets NODE_ENV=test, which would make Svelte build in development mode.
  const env = { ...process.env, NODE_ENV: 'production' };
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], { stdio: 'pipe', env });
  return outDir;
}

describe('the single-file build', () => {
  let first: string;
  let second: string;
  beforeAll(() => {
    first = build();
    second = build();
  }, 120_000);
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is a production build (no Svelte development checks)', () => {
    expect(readFileSync(join(first, 'index.html'), 'utf8')).not.toContain('ownership_invalid_binding');
  });

  it('is reproducible: two builds give byte-identical files', () => {
    const a = readFileSync(join(first, 'index.html'));
    const b = readFileSync(join(second, 'index.html'));
    expect(a.length).toBeGreaterThan(100_000);
    expect(createHash('sha256').update(a).digest('hex')).toBe(createHash('sha256').update(b).digest('hex'));
  });

  it('is one HTML file, its checksum and its web server headers, with nothing loaded from elsewhere', () => {
    const html = readFileSync(join(first, 'index.html'), 'utf8');
    expect(readdirSync(first).sort()).toEqual(['SHA256SUMS', '_headers', 'index.html', 'nginx-headers.conf']);
    expect(html).not.toMatch(/<script[^>]+\bsrc=/);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    expect(html).not.toMatch(/\b(src|href)="(?!data:)/);
    expect(html).not.toMatch(/url\(|@import/);
  });

  it('writes SHA256SUMS in the format sha256sum -c reads', () => {
    const sum = createHash('sha256').update(readFileSync(join(first, 'index.html'))).digest('hex');
    expect(readFileSync(join(first, 'SHA256SUMS'), 'utf8')).toBe(`${sum}  index.html\n`);
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: first, encoding: 'utf8' })).toBe('index.html: OK\n');
  });

  it('carries a CSP that allows no connection and only its own scripts and style', () => {
    const html = readFileSync(join(first, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)" \/>/.exec(html);
    // The policy in the file is the one computed from the file without it.
    const withoutMeta = html.replace(meta![0], '');
    expect(meta![1]).toBe(contentSecurityPolicy(withoutMeta));
    expect(meta![1]).toMatch(
      /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]{43}=' 'sha256-[A-Za-z0-9+/]{43}=' 'sha256-[A-Za-z0-9+/]{43}='; style-src 'sha256-[A-Za-z0-9+/]{43}='; img-src data:; worker-src blob:; connect-src 'none'; form-action 'none'; base-uri 'none'$/,
    );
    // The three scripts: the inline boot script, the key frame's (in its template, run in the
    // sandboxed frame under this same policy), and the page's own script the boot script inserts.
    const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, body]) => body!);
    expect(inline).toHaveLength(2);
    const boot = inline.find((script) => script !== keyFrameScript(html))!;
    expect(meta![1]).toContain(`script-src ${sha256(boot)} ${sha256(keyFrameScript(html))} ${sha256(pageScript(html))};`);
    // It comes before any script, so it governs them all.
    expect(html.indexOf(meta![0])).toBeLessThan(html.indexOf('<script'));
  });

  it('is all ASCII, so the browser decodes and scans it as one-byte text', () => {
    const bytes = readFileSync(join(first, 'index.html'));
    expect(bytes.findIndex((byte) => byte > 0x7f)).toBe(-1);
  });

  it('packs the worker and the Arabic catalogue, which inflate to runnable code and the whole catalogue', () => {
    const html = readFileSync(join(first, 'index.html'), 'utf8');
    const worker = unpacked(html, PACKED.worker);
    expect(() => new Script(worker)).not.toThrow();
    expect(worker).toContain('warm-up');
    expect(JSON.parse(unpacked(html, PACKED.arabic))).toEqual(arabic);
    // The page's own script holds no Arabic but the language's own name in the switch.
    const arabicInScript = html.match(/(\\u06[0-9A-F]{2})+/g)!.map((escaped) => JSON.parse(`"${escaped}"`) as string);
    expect(arabicInScript).toEqual(['العربية']);
  });

  it('keeps the key frame script inert in a template: small, making keys, and asking for nothing', () => {
    const script = keyFrameScript(readFileSync(join(first, 'index.html'), 'utf8'));
    expect(() => new Script(script)).not.toThrow();
    expect(script.length).toBeLessThan(2_000);
    expect(script).toContain('generateKey');
    expect(script).not.toMatch(/fetch|XMLHttpRequest|WebSocket|sendBeacon|Storage|indexedDB|cookie|importScripts/);
  });

  it("keeps the page's own script as text that runs after load, so it holds up neither the first paint nor load", () => {
    const html = readFileSync(join(first, 'index.html'), 'utf8');
    expect(html).not.toContain('<script type="module"');
    const script = pageScript(html);
    expect(script.length).toBeGreaterThan(50_000);
    expect(script).toContain('altareq:interactive');
  });

  it('draws the first view in HTML, before any script runs', () => {
    const html = readFileSync(join(first, 'index.html'), 'utf8');
    const app = /<div id="app">([\s\S]*?)<\/div>\s*<script type="text\/plain"/.exec(html)?.[1] ?? '';
    expect(app).toContain('<h1>AlTareq keys and certificate requests</h1>');
    expect(app).toMatch(/<label[^>]*for="legal-name"[^>]*>Organisation legal name/);
    expect(app).toMatch(/<button[^>]*type="submit"[^>]*>Generate<\/button>/);
  });

  it("writes the hosted page's headers for static hosts and nginx from the file's own policy, plus frame-ancestors", () => {
    const html = readFileSync(join(first, 'index.html'), 'utf8');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)" \/>/.exec(html)![1]!;
    const expected = {
      'Content-Security-Policy': `${policy}; frame-ancestors 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Permissions-Policy': expect.stringMatching(/^[a-z-]+=\(\)(, [a-z-]+=\(\))+$/),
      'Cache-Control': 'no-cache',
    };
    const [path, ...lines] = readFileSync(join(first, '_headers'), 'utf8').trimEnd().split('\n');
    expect(path).toBe('/*');
    const forStaticHosts = Object.fromEntries(lines.map((line) => /^  ([\w-]+): (.+)$/.exec(line)!.slice(1, 3) as [string, string]));
    expect(forStaticHosts).toEqual(expected);
    const nginx = readFileSync(join(first, 'nginx-headers.conf'), 'utf8');
    const forNginx = Object.fromEntries([...nginx.matchAll(/^add_header ([\w-]+) "([^"]+)" always;$/gm)].map((match) => match.slice(1, 3)));
    expect(forNginx).toEqual(forStaticHosts);
    expect(nginx.split('\n').filter((line) => line && !line.startsWith('#'))).toHaveLength(6);
    // What the page never uses is off; writing to the clipboard (the Copy buttons) is not.
    const features = forStaticHosts['Permissions-Policy']!.split(', ').map((feature) => feature.replace('=()', ''));
    expect(features).toEqual(expect.arrayContaining(['camera', 'microphone', 'geolocation', 'payment', 'usb', 'serial', 'hid']));
    expect(features).not.toContain('clipboard-write');
  });
});
