/**
 * The command renderCommand shows really makes the CSR this tool makes: bash
 * runs it, OpenSSL writes the key and CSR, and createArtifact's CSR for the
 * same request has the same subject and requested-extensions bytes.
 */

import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArtifact } from '../../src/lib/artifact';
import { renderCommand } from '../../src/lib/render-command';
import { fromPem } from '../../src/lib/pem';
import { fileStem, type RoleId } from '../../src/lib/profile';
import type { CertificateRequest, ExtensionPolicy } from '../../src/lib/request';
import { CLIENT_ID, ORGANISATION_ID, nodeCrypto } from '../support/fixtures';
import { makeTempDir, openssl } from './openssl';

const execFileAsync = promisify(execFile);

function request(role: RoleId, extensions: ExtensionPolicy = 'profile', organization = 'Example Fintech LLC'): CertificateRequest {
  const client = role.startsWith('client_');
  const stem = fileStem(client ? CLIENT_ID : ORGANISATION_ID, role);
  return {
    role,
    subject: { country: 'AE', organization, organizationalUnit: ORGANISATION_ID, ...(client ? { commonName: CLIENT_ID } : {}) },
    extensions,
    dnsNames: role === 'server_transport' ? ['api.bank.ae', '*.hub.bank.ae'] : [],
    keyFileName: `${stem}.key`,
    csrFileName: `${stem}.csr`,
  };
}

// Arabic (needs -utf8), and / \ + escaped in -subj, and ' " & ; inside bash's single quotes.
const SPECIAL_NAME = `شركة النور / "Pay" \\ Co + Partners = A&B; Ma'mun`;

const CASES: Array<{ name: string; request: CertificateRequest }> = [
  { name: 'client transport', request: request('client_transport') },
  { name: 'client signing', request: request('client_signing') },
  { name: 'client encryption', request: request('client_encryption') },
  { name: 'server transport', request: request('server_transport') },
  { name: 'server signing', request: request('server_signing') },
  { name: 'client signing, Arabic name with special characters', request: request('client_signing', 'profile', SPECIAL_NAME) },
  { name: "client transport, extensions 'none'", request: request('client_transport', 'none') },
  { name: "server transport, extensions 'none' (the SAN only)", request: request('server_transport', 'none') },
];

/** RFC 2986: CertificationRequestInfo ::= SEQUENCE { version, subject Name, subjectPKInfo, attributes [0] } */
function requestInfo(csr: Uint8Array): asn1js.AsnType[] {
  const { offset, result } = asn1js.fromBER(csr);
  if (offset === -1) throw new Error(`Not DER: ${result.error}`);
  return ((result as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence).valueBlock.value;
}
const hex = (element: asn1js.AsnType | undefined) => Buffer.from((element as asn1js.BaseBlock).valueBeforeDecodeView).toString('hex');

it('runs OpenSSL 3.0', async () => {
  const { stdout } = await openssl('version');
  expect(stdout).toMatch(/^OpenSSL 3\.0\.\d+ /);
});

// A loop rather than describe.each, whose $name titles are quoted and cut at 40 characters.
for (const { name, request } of CASES) {
  describe(name, () => {
    let dir: string;
    let theirs: asn1js.AsnType[];
    let ours: asn1js.AsnType[];
    beforeAll(async () => {
      dir = makeTempDir();
      // The rendered command is a bash command: run it as one, in a fresh directory.
      await execFileAsync('bash', ['-c', renderCommand(request)], { cwd: dir });
      theirs = requestInfo(fromPem('CERTIFICATE REQUEST', readFileSync(join(dir, request.csrFileName), 'utf8')));
      ours = requestInfo(fromPem('CERTIFICATE REQUEST', (await createArtifact(nodeCrypto, request)).csrPem));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('writes exactly the two files the request names', () => {
      expect(readdirSync(dir).sort()).toEqual([request.csrFileName, request.keyFileName].sort());
    });

    it('makes the same subject DER as ours', () => {
      expect(hex(theirs[1])).toBe(hex(ours[1]));
    });

    it('makes the same attributes [0] DER as ours', () => {
      expect(hex(theirs[3])).toBe(hex(ours[3]));
    });

    it('passes openssl req -verify', async () => {
      const { stderr } = await openssl('req', '-in', join(dir, request.csrFileName), '-noout', '-verify');
      expect(stderr).toBe('Certificate request self-signature verify OK\n');
    });

    it('writes an unencrypted RSA 2048-bit key', async () => {
      const file = join(dir, request.keyFileName);
      expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      const { stdout } = await openssl('pkey', '-in', file, '-noout', '-text');
      expect(stdout.split('\n')[0]).toBe('Private-Key: (2048 bit, 2 primes)');
    });
  });
}
