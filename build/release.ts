/**
 * After the build: the file's SHA-256 (printed and written to SHA256SUMS),
 * its size and gzipped size, and a failure if the gzipped size is over the
 * budget in package.json ("sizeBudget": { "gzipBytes": … }).
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The commit and its date, so a user can tell which file they hold. Deterministic for a given checkout. */
export function buildVersion(): { commit: string; date: string } {
  try {
    const [commit, date] = execFileSync('git', ['log', '-1', '--format=%h %cs'], { encoding: 'utf8' }).trim().split(' ');
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return { commit: `${commit}${dirty ? '-modified' : ''}`, date: date! };
  } catch {
    return { commit: 'unknown', date: 'unknown' };
  }
}

export function releasePlugin(gzipBudget: number): Plugin {
  let outDir = 'dist';
  return {
    name: 'altareq:release',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const file = join(outDir, 'index.html');
      const bytes = readFileSync(file);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      writeFileSync(join(outDir, 'SHA256SUMS'), `${sha256}  index.html\n`);
      // Level 9, as a static host would serve it; also what the budget counts.
      const gzipped = gzipSync(bytes, { level: 9 }).length;
      const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
      console.log(`\nindex.html  SHA-256 ${sha256}`);
      console.log(`index.html  ${kib(bytes.length)}, ${kib(gzipped)} gzipped (budget ${kib(gzipBudget)})`);
      if (gzipped > gzipBudget) {
        throw new Error(`index.html is ${gzipped} bytes gzipped, over the budget of ${gzipBudget} in package.json`);
      }
    },
  };
}
