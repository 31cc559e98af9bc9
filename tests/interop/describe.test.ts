/**
 * describe.ts reads certificates as OpenSSL does. The test CA issues a
 * certificate for CSRs that createArtifact makes, as the Trust Framework
 * directory would; describeCertificate must agree with `openssl x509` field
 * by field, and matchFiles must pair each certificate with the key and CSR it
 * was made from, among other roles' files and an unrelated certificate.
 */

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArtifact, type Artifact } from '../../src/lib/artifact';
import { describeCertificate, type CertificateDescription } from '../../src/lib/describe';
import { matchFiles } from '../../src/lib/match';
import { readPemOrDer, type FileItem } from '../../src/lib/sniff';
import type { RoleId } from '../../src/lib/profile';
import { validateClientForm, validateServerForm, type CertificateRequest, type Validation } from '../../src/lib/request';
import { ORGANISATION_ID, VALID_FORM, nodeCrypto } from '../support/fixtures';
import { createTestCa, type TestCa } from './ca';
import { makeTempDir, openssl } from './openssl';

// Arabic and ASCII in one name: the subject must read back the same as OpenSSL prints it.
const clientForm = validateClientForm({ ...VALID_FORM, legalName: 'شركة المثال Example Fintech LLC' });
const serverForm = validateServerForm({
  legalName: 'Example Bank, PJSC',
  organisationId: ORGANISATION_ID,
  dnsNames: 'api.bank.test *.hub.bank.test',
  commonName: '',
  roles: ['server_transport'],
  extensions: 'profile',
});

function requestFor(validation: Validation, role: RoleId): CertificateRequest {
  if (!validation.ok) throw new Error(validation.errors.map((error) => error.message).join('\n'));
  return validation.requests.find((request) => request.role === role)!;
}

/** A certificate the test CA issued, where it is, and the artifact whose CSR it was made from (if the app made it). */
interface Issued {
  readonly name: string;
  readonly pem: string;
  readonly file: string;
  readonly artifact?: Artifact;
}

const ROLES_ISSUED: RoleId[] = ['client_transport', 'client_signing', 'client_encryption', 'server_transport'];

let ca: TestCa | undefined;
let dir: string;
const issued = new Map<string, Issued>();
/** A key and CSR for which no certificate was issued. */
let spare: Artifact;

beforeAll(async () => {
  ca = await createTestCa();
  dir = makeTempDir();
  const artifacts = await Promise.all(
    ROLES_ISSUED.map((role) => createArtifact(nodeCrypto, requestFor(role.startsWith('client') ? clientForm : serverForm, role))),
  );
  for (const artifact of artifacts) {
    const cert = await ca.issue(artifact.csrPem);
    issued.set(artifact.request.role, { name: artifact.request.role, ...cert, artifact });
  }
  spare = await createArtifact(nodeCrypto, requestFor(clientForm, 'client_transport'));
  const localhost = await ca.issueLocalhost();
  for (const [name, pem] of [
    ['localhost', localhost.certPem],
    ['ca', ca.certPem],
  ] as const) {
    const file = join(dir, `${name}.pem`);
    writeFileSync(file, pem);
    issued.set(name, { name, pem, file });
  }
}, 60_000);

afterAll(() => {
  ca?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function read(text: string, fileName: string): FileItem[] {
  const result = readPemOrDer(new TextEncoder().encode(text), fileName);
  if (!result.ok) throw new Error(result.problem.message);
  return result.items;
}

/**
 * `openssl x509 -noout` output as fields: `serial=…` lines by their name, and
 * each `X509v3 <extension>: [critical]` block by the extension's name, with
 * ` (critical)` added when it is, and its one line of values.
 */
async function opensslFields(file: string): Promise<Record<string, string>> {
  // prettier-ignore
  const { stdout } = await openssl(
    'x509', '-in', file, '-noout',
    '-serial', '-fingerprint', '-sha256', '-dates', '-dateopt', 'iso_8601',
    '-subject', '-issuer', '-nameopt', 'oneline,-esc_msb',
    '-ext', 'keyUsage,extendedKeyUsage,subjectAltName',
  );
  const fields: Record<string, string> = {};
  const lines = stdout.trimEnd().split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const extension = /^X509v3 (.+?):( critical)?\s*$/.exec(line);
    if (extension) fields[`${extension[1]}${extension[2] ? ' (critical)' : ''}`] = lines[++i]!.trim();
    else if (line !== 'No extensions in certificate') fields[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return fields;
}

/** The same fields from describeCertificate, in OpenSSL's words. */
function asOpenssl(description: CertificateDescription): Record<string, string> {
  const { keyUsage, extendedKeyUsage, subjectAltName } = description.extensions;
  const critical = (extension: { critical: boolean }) => (extension.critical ? ' (critical)' : '');
  // OpenSSL's iso_8601: 2026-11-28 10:00:43Z
  const date = (value: Date) => value.toISOString().replace('T', ' ').replace('.000Z', 'Z');
  return {
    serial: description.serial,
    'sha256 Fingerprint': description.fingerprint,
    notBefore: date(description.notBefore),
    notAfter: date(description.notAfter),
    subject: description.subject,
    issuer: description.issuer,
    ...(keyUsage ? { [`Key Usage${critical(keyUsage)}`]: description.keyUsage.join(', ') } : {}),
    ...(extendedKeyUsage ? { [`Extended Key Usage${critical(extendedKeyUsage)}`]: description.extendedKeyUsage.join(', ') } : {}),
    ...(subjectAltName
      ? { [`Subject Alternative Name${critical(subjectAltName)}`]: subjectAltName.names.map((name) => `${name.type}:${name.value}`).join(', ') }
      : {}),
  };
}

describe('describeCertificate agrees with openssl x509', () => {
  it.each<{ name: string; role: RoleId | undefined }>([
    { name: 'client_transport', role: 'client_transport' },
    { name: 'client_signing', role: 'client_signing' },
    { name: 'client_encryption', role: 'client_encryption' },
    { name: 'server_transport', role: 'server_transport' },
    // OpenSSL's own TLS server certificate: SAN IP:127.0.0.1 and DNS:localhost, serverAuth.
    { name: 'localhost', role: 'server_transport' },
    { name: 'ca', role: undefined },
  ])('$name', async ({ name, role }) => {
    const cert = issued.get(name)!;
    const [item] = read(cert.pem, `${name}.pem`);
    const description = await describeCertificate(nodeCrypto, item!.der);
    expect(asOpenssl(description)).toEqual(await opensslFields(cert.file));
    expect(description.likelyRole()).toBe(role);
    if (cert.artifact) {
      expect(description.publicKeyFingerprint).toBe(cert.artifact.publicKeyFingerprint);
      expect(description.subject).toBe(cert.artifact.subject);
      expect(description.dnsNames).toEqual(cert.artifact.request.dnsNames);
    }
  });
});

describe('matchFiles', () => {
  it('pairs the right key and CSR with each of three certificates, and reports the unrelated one and the spare pair', async () => {
    const roles: RoleId[] = ['client_transport', 'client_signing', 'server_transport'];
    const mine = roles.map((role) => issued.get(role)!);
    const files = [
      ...read(issued.get('localhost')!.pem, 'unrelated.pem'),
      ...mine.flatMap((cert) => read(cert.pem, `${cert.name}.pem`)),
      ...read(spare.keyPem, 'spare.key'),
      ...mine.toReversed().flatMap((cert) => read(cert.artifact!.keyPem, `${cert.name}.key`)),
      ...mine.flatMap((cert) => read(cert.artifact!.csrPem, `${cert.name}.csr`)),
      ...read(spare.csrPem, 'spare.csr'),
    ];
    const matches = await matchFiles(nodeCrypto, files);

    expect(matches.certificates.map((match) => [match.certificate.fileName, match.key?.fileName, match.csr?.fileName, match.match, match.message])).toEqual([
      ['unrelated.pem', undefined, undefined, false, 'No matching key among the files.'],
      ...roles.map((role) => [`${role}.pem`, `${role}.key`, `${role}.csr`, true, `Matches the key in "${role}.key" and the CSR in "${role}.csr".`]),
    ]);
    expect(matches.certificates.slice(1).map((match) => match.publicKeyFingerprint)).toEqual(
      mine.map((cert) => cert.artifact!.publicKeyFingerprint),
    );
    expect(matches.withoutCertificate.map((pair) => [pair.key?.fileName, pair.csr?.fileName, pair.publicKeyFingerprint])).toEqual([
      ['spare.key', 'spare.csr', spare.publicKeyFingerprint],
    ]);
  });
});
