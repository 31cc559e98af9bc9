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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../scripts/csp';

const dirs: string[] = [];

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

  it('is one HTML file and its checksum, with nothing loaded from elsewhere', () => {
    const html = readFileSync(join(first, 'index.html'), 'utf8');
    expect(readdirSync(first).sort()).toEqual(['SHA256SUMS', 'index.html']);
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

  it('carries a CSP that allows no connection and only its own inline script and style', () => {
    const html = readFileSync(join(first, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)" \/>/.exec(html);
    // The policy in the file is the one computed from the file without it.
    const withoutMeta = html.replace(meta![0], '');
    expect(meta![1]).toBe(contentSecurityPolicy(withoutMeta));
    expect(meta![1]).toMatch(
      /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]{43}='; style-src 'sha256-[A-Za-z0-9+/]{43}='; img-src data:; worker-src blob:; connect-src 'none'; form-action 'none'; base-uri 'none'$/,
    );
    // It comes before any script, so it governs them all.
    expect(html.indexOf(meta![0])).toBeLessThan(html.indexOf('<script'));
  });
});
