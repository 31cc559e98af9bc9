/**
 * Runs the real `openssl` binary with no shell in between. A missing binary
 * rejects with ENOENT, so the interop tests fail rather than skip.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FIXTURES } from '../support/fixtures';

const execFileAsync = promisify(execFile);

/** A minimal configuration for every `openssl req -new`, so no system openssl.cnf adds to a request. */
export const REQ_CONFIG = join(FIXTURES, 'openssl-req.cnf');
/** The fixed key the golden CSRs were made with. */
export const TEST_KEY = join(FIXTURES, 'test-key.pem');

/** Runs `openssl <args>`; rejects, with OpenSSL's stderr in the message, if it exits non-zero. */
export async function openssl(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync('openssl', args, { encoding: 'utf8' });
}

/** A fresh directory for one test file's outputs; remove it in afterAll. */
export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'altareq-interop-'));
}

/**
 * `openssl asn1parse` output, one element per line as `d=<depth> <type> :<value>`,
 * without the offsets and lengths that would make expected outlines unreadable.
 */
export function asn1Outline(asn1parse: string): string[] {
  return asn1parse
    .trimEnd()
    .split('\n')
    .map((line) => {
      const match = /^\s*\d+:d=(\d+)\s+hl=\s*\d+\s+l=\s*\d+\s+(?:prim|cons): (.*)$/.exec(line);
      if (!match) throw new Error(`Not an asn1parse line: ${line}`);
      return `d=${match[1]} ${match[2]!.trimEnd().replace(/ +:/, ' :')}`;
    });
}
