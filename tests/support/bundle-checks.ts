/**
 * What the whole-flow browser suites check in a downloaded zip, with the real
 * `openssl` binary: each CSR's self-signature verifies, its subject is the
 * one asked for with C a PrintableString and the rest UTF8String, and its
 * public key is the one in the .key file beside it.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { expect } from 'vitest';
import { asn1Outline, openssl } from '../interop/openssl';

export interface Subject {
  readonly organization: string;
  readonly organizationalUnit: string;
  readonly commonName?: string;
}

/** Writes every file of the zip under `dir`, folders and all; returns the zip's file names, sorted. */
export async function unzipTo(bytes: Buffer, dir: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
  for (const name of names) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await zip.file(name)!.async('nodebuffer'));
  }
  return names.sort();
}

/** How `openssl asn1parse` shows one RDN: a SET holding a single SEQUENCE of type and value. */
const rdn = (type: string, stringType: string, value: string) => ['d=3 SET', 'd=4 SEQUENCE', `d=5 OBJECT :${type}`, `d=5 ${stringType} :${value}`];

/** The subject of the CSR at `csr`, as asn1parse outlines it. */
async function subjectOutline(csr: string): Promise<string[]> {
  const lines = asn1Outline((await openssl('asn1parse', '-in', csr)).stdout);
  // CertificationRequestInfo's children are at depth 2: version, subject, subjectPKInfo, attributes.
  const children = lines.flatMap((line, index) => (line.startsWith('d=2 ') ? [index] : []));
  return lines.slice(children[1], children[2]);
}

/** Checks, with OpenSSL, the CSR at `csr` and the key at `key` (paths) as the module comment says. */
export async function expectPairValid(csr: string, key: string, subject: Subject): Promise<void> {
  const verified = await openssl('req', '-in', csr, '-verify', '-noout');
  expect(verified.stdout + verified.stderr).toMatch(/verify OK/);
  expect(await subjectOutline(csr)).toEqual([
    'd=2 SEQUENCE',
    ...rdn('countryName', 'PRINTABLESTRING', 'AE'),
    ...rdn('organizationName', 'UTF8STRING', subject.organization),
    ...rdn('organizationalUnitName', 'UTF8STRING', subject.organizationalUnit),
    ...(subject.commonName ? rdn('commonName', 'UTF8STRING', subject.commonName) : []),
  ]);
  const fromCsr = (await openssl('req', '-in', csr, '-noout', '-pubkey')).stdout;
  const fromKey = (await openssl('pkey', '-in', key, '-pubout')).stdout;
  expect(fromKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  expect(fromCsr).toBe(fromKey);
}
