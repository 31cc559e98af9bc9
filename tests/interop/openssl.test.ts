/**
 * OpenSSL reads what createArtifact makes: for each role, a fresh key and
 * CSR from @peculiar/webcrypto, checked with the `openssl` binary.
 */

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArtifact, type Artifact } from '../../src/lib/artifact';
import { fileStem, type RoleId } from '../../src/lib/profile';
import { validateClientForm, type CertificateRequest, type ClientForm, type ExtensionPolicy } from '../../src/lib/request';
import { CLIENT_ID, ORGANISATION_ID, VALID_FORM, nodeCrypto } from '../support/fixtures';
import { asn1Outline, makeTempDir, openssl } from './openssl';

function clientRequest(role: RoleId, form: Partial<ClientForm> = {}): CertificateRequest {
  const result = validateClientForm({ ...VALID_FORM, ...form, roles: [role] });
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.requests[0]!;
}

function serverRequest(role: RoleId, dnsNames: string[], extensions: ExtensionPolicy = 'profile'): CertificateRequest {
  const stem = fileStem(ORGANISATION_ID, role);
  return {
    role,
    subject: { country: 'AE', organization: 'Example Bank PJSC', organizationalUnit: ORGANISATION_ID },
    extensions,
    dnsNames,
    keyFileName: `${stem}.key`,
    csrFileName: `${stem}.csr`,
  };
}

/** How `openssl asn1parse` shows one RDN: a SET holding a single SEQUENCE of type and value. */
const rdn = (type: string, stringType: string, value: string) => [
  'd=3 SET',
  'd=4 SEQUENCE',
  `d=5 OBJECT :${type}`,
  `d=5 ${stringType} :${value}`,
];

const ARABIC_NAME = 'شركة المثال';
// OpenSSL's default name format prints each UTF-8 byte of a non-ASCII character as \XX.
const ARABIC_NAME_ESCAPED = String.raw`\D8\B4\D8\B1\D9\83\D8\A9 \D8\A7\D9\84\D9\85\D8\AB\D8\A7\D9\84`;
const SERVER_DNS_NAMES = ['api.example.ae', '*.hub.example.ae'];

const CLIENT_SUBJECT = `C = AE, O = Example Fintech LLC, OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`;
const SERVER_SUBJECT = `C = AE, O = Example Bank PJSC, OU = ${ORGANISATION_ID}`;
const CLIENT_RDNS = [
  ...rdn('countryName', 'PRINTABLESTRING', 'AE'),
  ...rdn('organizationName', 'UTF8STRING', 'Example Fintech LLC'),
  ...rdn('organizationalUnitName', 'UTF8STRING', ORGANISATION_ID),
  ...rdn('commonName', 'UTF8STRING', CLIENT_ID),
];
const SERVER_RDNS = [
  ...rdn('countryName', 'PRINTABLESTRING', 'AE'),
  ...rdn('organizationName', 'UTF8STRING', 'Example Bank PJSC'),
  ...rdn('organizationalUnitName', 'UTF8STRING', ORGANISATION_ID),
];

// `attributes` is the Attributes block of `openssl req -text`, de-indented.
// OpenSSL prints a space after the name of a non-critical extension ("Usage: ").
const CASES: Array<{ name: string; request: CertificateRequest; want: { subject: string; attributes: string[]; rdns: string[] } }> = [
  {
    name: 'client transport',
    request: clientRequest('client_transport'),
    want: {
      subject: CLIENT_SUBJECT,
      attributes: [
        'Requested Extensions:',
        '    X509v3 Key Usage: critical',
        '        Digital Signature, Key Encipherment',
        '    X509v3 Extended Key Usage: ',
        '        TLS Web Client Authentication',
      ],
      rdns: CLIENT_RDNS,
    },
  },
  {
    name: 'client signing',
    request: clientRequest('client_signing'),
    want: {
      subject: CLIENT_SUBJECT,
      attributes: ['Requested Extensions:', '    X509v3 Key Usage: critical', '        Digital Signature, Non Repudiation'],
      rdns: CLIENT_RDNS,
    },
  },
  {
    name: 'client encryption',
    request: clientRequest('client_encryption'),
    want: {
      subject: CLIENT_SUBJECT,
      attributes: ['Requested Extensions:', '    X509v3 Key Usage: critical', '        Key Encipherment, Data Encipherment'],
      rdns: CLIENT_RDNS,
    },
  },
  {
    name: 'client transport, Arabic legal name, exactly as the Trust Framework command',
    request: clientRequest('client_transport', { legalName: ARABIC_NAME, extensions: 'none' }),
    want: {
      subject: `C = AE, O = ${ARABIC_NAME_ESCAPED}, OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`,
      // OpenSSL 3.0 prints an empty attribute set as "(none)" followed by an empty "Requested Extensions:".
      attributes: ['(none)', 'Requested Extensions:'],
      rdns: [
        ...rdn('countryName', 'PRINTABLESTRING', 'AE'),
        ...rdn('organizationName', 'UTF8STRING', ARABIC_NAME),
        ...rdn('organizationalUnitName', 'UTF8STRING', ORGANISATION_ID),
        ...rdn('commonName', 'UTF8STRING', CLIENT_ID),
      ],
    },
  },
  {
    name: 'server transport',
    request: serverRequest('server_transport', SERVER_DNS_NAMES),
    want: {
      subject: SERVER_SUBJECT,
      attributes: [
        'Requested Extensions:',
        '    X509v3 Key Usage: critical',
        '        Digital Signature, Key Encipherment',
        '    X509v3 Extended Key Usage: ',
        '        TLS Web Server Authentication',
        '    X509v3 Subject Alternative Name: ',
        '        DNS:api.example.ae, DNS:*.hub.example.ae',
      ],
      rdns: SERVER_RDNS,
    },
  },
  {
    name: 'server transport, exactly as the Trust Framework command (the SAN only)',
    request: serverRequest('server_transport', SERVER_DNS_NAMES, 'none'),
    want: {
      subject: SERVER_SUBJECT,
      attributes: [
        'Requested Extensions:',
        '    X509v3 Subject Alternative Name: ',
        '        DNS:api.example.ae, DNS:*.hub.example.ae',
      ],
      rdns: SERVER_RDNS,
    },
  },
  {
    name: 'server signing',
    request: serverRequest('server_signing', []),
    want: {
      subject: SERVER_SUBJECT,
      attributes: ['Requested Extensions:', '    X509v3 Key Usage: critical', '        Digital Signature, Non Repudiation'],
      rdns: SERVER_RDNS,
    },
  },
  {
    name: 'server encryption: the key usage the CA issues, no CN',
    request: serverRequest('server_encryption', []),
    want: {
      subject: SERVER_SUBJECT,
      attributes: ['Requested Extensions:', '    X509v3 Key Usage: critical', '        Key Encipherment, Data Encipherment'],
      rdns: SERVER_RDNS,
    },
  },
];

/** `openssl req -text` for a CSR with these fields; the modulus and signature bytes are random and shown as <hex>. */
function reqText(subject: string, attributes: string[]): string {
  return [
    'Certificate Request:',
    '    Data:',
    '        Version: 1 (0x0)',
    `        Subject: ${subject}`,
    '        Subject Public Key Info:',
    '            Public Key Algorithm: rsaEncryption',
    '                Public-Key: (2048 bit)',
    '                Modulus:',
    '                    <hex>',
    '                Exponent: 65537 (0x10001)',
    '        Attributes:',
    ...attributes.map((line) => `            ${line}`),
    '    Signature Algorithm: sha256WithRSAEncryption',
    '    Signature Value:',
    '        <hex>',
    '',
  ].join('\n');
}

/** Replaces each colon-separated hex dump (`00:af:19:…`, over several lines) with `<hex>`. */
function maskHexDumps(text: string): string {
  return text.replace(/^( +)[0-9a-f]{2}(?::[0-9a-f]{2})*:?\n(?:\1[0-9a-f]{2}(?::[0-9a-f]{2})*:?\n)*/gm, '$1<hex>\n');
}

let dir: string;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('runs OpenSSL 3.0, whose output the expected texts below are', async () => {
  const { stdout } = await openssl('version');
  expect(stdout).toMatch(/^OpenSSL 3\.0\.\d+ /);
});

// A loop rather than describe.each, whose $name titles are quoted and cut at 40 characters.
for (const { name, request, want } of CASES) {
  describe(name, () => {
    let artifact: Artifact;
    let key: string;
    let csr: string;
    beforeAll(async () => {
      artifact = await createArtifact(nodeCrypto, request);
      key = join(dir, request.keyFileName);
      csr = join(dir, request.csrFileName);
      writeFileSync(key, artifact.keyPem, { mode: 0o600 });
      writeFileSync(csr, artifact.csrPem);
    });

    it('passes openssl req -verify', async () => {
      const { stdout, stderr } = await openssl('req', '-in', csr, '-noout', '-verify');
      // OpenSSL 3.0 reports the result on stderr.
      expect(stderr).toBe('Certificate request self-signature verify OK\n');
      expect(stdout).toBe('');
    });

    it('prints version 0, sha256WithRSAEncryption, RSA 2048 e=65537, the subject and the requested extensions', async () => {
      const { stdout } = await openssl('req', '-in', csr, '-noout', '-text');
      expect(maskHexDumps(stdout)).toBe(reqText(want.subject, want.attributes));
    });

    it('encodes the subject as one SET per attribute: C a PrintableString, the rest UTF8String', async () => {
      const lines = asn1Outline((await openssl('asn1parse', '-in', csr)).stdout);
      // CertificationRequestInfo's children are at depth 2: version, subject, subjectPKInfo, attributes.
      const children = lines.flatMap((line, index) => (line.startsWith('d=2 ') ? [index] : []));
      expect(lines.slice(children[1], children[2])).toEqual(['d=2 SEQUENCE', ...want.rdns]);
    });

    it('always has attributes [0]: empty when nothing is requested, else one extensionRequest', async () => {
      const { stdout } = await openssl('asn1parse', '-in', csr);
      if (want.attributes[0] === '(none)') {
        expect(stdout).toMatch(/^ +\d+:d=2 +hl=2 l= +0 cons: cont \[ 0 \] *$/m);
      } else {
        const lines = asn1Outline(stdout);
        const start = lines.indexOf('d=2 cont [ 0 ]');
        expect(lines.slice(start, start + 4)).toEqual(['d=2 cont [ 0 ]', 'd=3 SEQUENCE', 'd=4 OBJECT :Extension Request', 'd=4 SET']);
      }
    });

    it('holds the public key of the .key file', async () => {
      const fromKey = (await openssl('rsa', '-in', key, '-noout', '-modulus')).stdout;
      const fromCsr = (await openssl('req', '-in', csr, '-noout', '-modulus')).stdout;
      expect(fromKey).toMatch(/^Modulus=[0-9A-F]{512}\n$/);
      expect(fromCsr).toBe(fromKey);
    });

    it('writes the key as unencrypted PKCS#8 PEM: 64-character lines, LF, a trailing newline', async () => {
      const lines = artifact.keyPem.split('\n');
      expect(lines[0]).toBe('-----BEGIN PRIVATE KEY-----');
      expect(lines.slice(-2)).toEqual(['-----END PRIVATE KEY-----', '']);
      expect(artifact.keyPem).not.toContain('\r');
      const base64 = lines.slice(1, -2);
      expect(base64.slice(0, -1).map((line) => line.length)).toEqual(Array(base64.length - 1).fill(64));
      expect(base64.at(-1)!.length).toBeGreaterThan(0);
      expect(base64.at(-1)!.length).toBeLessThanOrEqual(64);

      const { stdout } = await openssl('pkey', '-in', key, '-noout', '-text');
      expect(stdout.split('\n')[0]).toBe('Private-Key: (2048 bit, 2 primes)');
      expect(stdout).toContain('\npublicExponent: 65537 (0x10001)\n');
    });

    it('reports the public key SHA-256 that openssl computes from the .key', async () => {
      const der = join(dir, `${request.keyFileName}.pub.der`);
      await openssl('pkey', '-in', key, '-pubout', '-outform', 'DER', '-out', der);
      const { stdout } = await openssl('dgst', '-sha256', '-r', der);
      expect(stdout).toBe(`${artifact.publicKeyFingerprint} *${der}\n`);
    });
  });
}
