import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MAX_FILE_BYTES,
  describeCertificate,
  describeCsr,
  extensionLines,
  matchFiles,
  readPemOrDer,
  type FileItem,
  type FileKind,
  type FileProblemCode,
} from '../../src/lib/inspect';
import { fromPem } from '../../src/lib/pem';
import { CLIENT_ID, FIXTURES, ORGANISATION_ID, nodeCrypto } from '../support/fixtures';

// openssl pkey -in tests/fixtures/test-key.pem -pubout -outform DER | openssl dgst -sha256
const TEST_KEY_FINGERPRINT = '639dd48dc9f15930f7c4a8f3ae5e248fc1d4f665b85dd2a1ebf98414ae6cf89a';
const WHAT_WE_READ = 'this tool reads certificates, certificate requests (CSRs), RSA private keys and public keys, as PEM or DER';
const CLIENT_SUBJECT = `C = AE, O = Example Fintech LLC, OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`;

/** A fixture's bytes; `checklist/` files were made by tests/fixtures/checklist/make-checklist.sh. */
const bytes = (name: string) => new Uint8Array(readFileSync(`${FIXTURES}${name}`));
const text = (name: string) => readFileSync(`${FIXTURES}${name}`, 'utf8');
const utf8 = (value: string) => new TextEncoder().encode(value);
const base64Body = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));

function items(input: Uint8Array, fileName: string): FileItem[] {
  const read = readPemOrDer(input, fileName);
  if (!read.ok) throw new Error(read.problem.message);
  return read.items;
}

describe('readPemOrDer reads', () => {
  const pkcs8 = fromPem('PRIVATE KEY', text('test-key.pem'));
  it.each<{ name: string; file: string; input: Uint8Array; want: Array<FileItem['kind']> }>([
    { name: 'a PEM certificate', file: 'a.pem', input: bytes('checklist/certificate.pem'), want: ['certificate'] },
    { name: 'a DER certificate', file: 'a.der', input: bytes('checklist/certificate.der'), want: ['certificate'] },
    { name: 'a chain: leaf and CA', file: 'chain.pem', input: bytes('checklist/chain.pem'), want: ['certificate', 'certificate'] },
    { name: 'a PEM CSR', file: 'a.csr', input: bytes('golden/client_transport.csr'), want: ['csr'] },
    { name: 'a DER CSR', file: 'a.csr', input: bytes('checklist/client_transport.csr.der'), want: ['csr'] },
    {
      name: 'a CSR labelled NEW CERTIFICATE REQUEST (Windows certreq, old Java)',
      file: 'a.req',
      input: utf8(text('golden/client_transport.csr').replaceAll('CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST')),
      want: ['csr'],
    },
    { name: 'a PEM with CRLF line endings', file: 'a.pem', input: utf8(text('checklist/certificate.pem').replaceAll('\n', '\r\n')), want: ['certificate'] },
    { name: 'a PKCS#8 key', file: 'a.key', input: bytes('test-key.pem'), want: ['private-key'] },
    { name: 'a DER PKCS#8 key', file: 'a.der', input: pkcs8, want: ['private-key'] },
    { name: 'a PKCS#1 key (RSA PRIVATE KEY)', file: 'a.key', input: bytes('checklist/test-key-pkcs1.pem'), want: ['private-key'] },
    { name: 'a DER PKCS#1 key', file: 'a.der', input: base64Body(text('checklist/test-key-pkcs1.pem')), want: ['private-key'] },
    {
      name: 'a key and its certificate in one PEM, with text around them',
      file: 'both.pem',
      input: utf8(`Bag Attributes: none\n${text('test-key.pem')}\nsubject=…\n${text('checklist/certificate.pem')}`),
      want: ['private-key', 'certificate'],
    },
  ])('$name', ({ file, input, want }) => {
    const read = items(input, file);
    expect(read.map((item) => item.kind)).toEqual(want);
    expect(read.every((item) => item.fileName === file)).toBe(true);
  });

  it('wraps a PKCS#1 key as the same PKCS#8 DER that openssl pkey writes', () => {
    const [key] = items(bytes('checklist/test-key-pkcs1.pem'), 'a.key');
    expect(Buffer.from(key!.der).toString('hex')).toBe(Buffer.from(pkcs8).toString('hex'));
  });

  it('keeps the DER of a certificate as it was', () => {
    const [certificate] = items(bytes('checklist/certificate.pem'), 'a.pem');
    expect(Buffer.from(certificate!.der).equals(Buffer.from(bytes('checklist/certificate.der')))).toBe(true);
  });
});

describe('readPemOrDer refuses', () => {
  const certificate = text('checklist/certificate.pem');
  const csrAsCertificate = text('golden/client_transport.csr').replaceAll('CERTIFICATE REQUEST', 'CERTIFICATE');
  // Not random: reproducible bytes that are neither text nor DER.
  const noise = Uint8Array.from({ length: 600 }, (_, i) => (i * 151 + 7) % 256);
  const decryptHint = (file: string) =>
    `"${file}" is an encrypted private key; this tool cannot read encrypted keys. To check it against a certificate, decrypt a copy with ` +
    `openssl pkey -in "${file}" -out decrypted.key (it asks for the passphrase), add that, and delete it afterwards.`;

  it.each<{ name: string; file: string; input: Uint8Array; kind: FileKind; code: FileProblemCode; message: string }>([
    {
      name: 'an encrypted PKCS#8 key',
      file: 'k.pem',
      input: bytes('checklist/test-key-encrypted.pem'),
      kind: 'encrypted-private-key',
      code: 'encrypted-key',
      message: decryptHint('k.pem'),
    },
    {
      name: 'an encrypted PKCS#8 key in DER',
      file: 'k.der',
      input: base64Body(text('checklist/test-key-encrypted.pem')),
      kind: 'encrypted-private-key',
      code: 'encrypted-key',
      message: decryptHint('k.der'),
    },
    {
      name: 'an encrypted PKCS#1 key (Proc-Type: 4,ENCRYPTED)',
      file: 'k.key',
      input: bytes('checklist/test-key-pkcs1-encrypted.pem'),
      kind: 'encrypted-private-key',
      code: 'encrypted-key',
      message: decryptHint('k.key'),
    },
    {
      name: 'an EC public key',
      file: 'ec-pub.pem',
      input: utf8(execFileSync('openssl', ['pkey', '-in', `${FIXTURES}checklist/ec-key.pem`, '-pubout'], { encoding: 'utf8' })),
      kind: 'public-key',
      code: 'file-unsupported',
      message: `"ec-pub.pem" holds a public key of type id-ecPublicKey, not RSA; ${WHAT_WE_READ}.`,
    },
    {
      name: 'an EC key',
      file: 'ec.pem',
      input: bytes('checklist/ec-key.pem'),
      kind: 'private-key',
      code: 'file-unsupported',
      message: `"ec.pem" holds a private key of type id-ecPublicKey, not RSA; ${WHAT_WE_READ}.`,
    },
    {
      name: 'bytes that are neither PEM nor DER',
      file: 'noise.bin',
      input: noise,
      kind: 'unknown',
      code: 'file-unsupported',
      message: `"noise.bin" is not a certificate, CSR or private key; ${WHAT_WE_READ}.`,
    },
    {
      name: 'DER of something else: SEQUENCE { INTEGER 5 }',
      file: 'x.der',
      input: Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05),
      kind: 'unknown',
      code: 'file-unsupported',
      message: `"x.der" is not a certificate, CSR or private key; ${WHAT_WE_READ}.`,
    },
    {
      name: 'a certificate with bytes after its DER',
      file: 'x.der',
      input: Uint8Array.from([...bytes('checklist/certificate.der'), 0]),
      kind: 'unknown',
      code: 'file-unsupported',
      message: `"x.der" is not a certificate, CSR or private key; ${WHAT_WE_READ}.`,
    },
    {
      name: 'an empty file',
      file: 'empty.pem',
      input: new Uint8Array(0),
      kind: 'unknown',
      code: 'file-malformed',
      message: `"empty.pem" is empty; ${WHAT_WE_READ}.`,
    },
    {
      name: 'a file over 5 MiB',
      file: 'big.pem',
      input: new Uint8Array(MAX_FILE_BYTES + 1),
      kind: 'unknown',
      code: 'file-too-large',
      message:
        '"big.pem" is 5121 KiB; certificates, CSRs and keys are a few KiB, and this tool reads files of at most 5 MiB. Choose the .pem, .crt, .csr or .key file.',
    },
    {
      name: 'a PEM cut short',
      file: 'cut.pem',
      input: utf8(certificate.slice(0, 300)),
      kind: 'unknown',
      code: 'file-malformed',
      message:
        '"cut.pem" has a -----BEGIN line with no matching -----END line: the file is cut short or damaged. Download or copy it again.',
    },
    {
      name: 'a CERTIFICATE block that is not base64',
      file: 'bad.pem',
      input: utf8(certificate.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!')),
      kind: 'certificate',
      code: 'file-malformed',
      message: '"bad.pem": the CERTIFICATE block is not valid base64; the file is damaged. Download or copy it again.',
    },
    {
      name: 'a CSR labelled CERTIFICATE',
      file: 'a.crt',
      input: utf8(csrAsCertificate),
      kind: 'certificate',
      code: 'file-malformed',
      message: '"a.crt": the CERTIFICATE block is not a valid X.509 certificate; the file is damaged. Download or copy it again.',
    },
    {
      name: 'a chain whose second block is damaged, naming the block',
      file: 'chain.pem',
      input: utf8(certificate + csrAsCertificate),
      kind: 'certificate',
      code: 'file-malformed',
      message:
        '"chain.pem" (block 2 of 2): the CERTIFICATE block is not a valid X.509 certificate; the file is damaged. Download or copy it again.',
    },
  ])('$name', ({ file, input, kind, code, message }) => {
    expect(readPemOrDer(input, file)).toEqual({ ok: false, kind, problem: { code, fileName: file, message } });
  });

  it('refuses a PEM of 65 blocks, naming the limit; reads one of 64', () => {
    const block = text('checklist/certificate.pem');
    expect(readPemOrDer(utf8(block.repeat(65)), 'many.pem')).toEqual({
      ok: false,
      kind: 'unknown',
      problem: {
        code: 'pem-too-many-blocks',
        fileName: 'many.pem',
        message:
          '"many.pem" holds 65 PEM blocks; this tool reads at most 64 in a file (a certificate chain has a few). Choose the files with your certificates, keys and CSRs.',
      },
    });
    expect(items(utf8(block.repeat(64)), 'chain.pem')).toHaveLength(64);
  });

  it('reads a file of exactly 5 MiB: the limit is on what is over it', () => {
    const padded = new Uint8Array(MAX_FILE_BYTES).fill(0x0a);
    padded.set(bytes('checklist/certificate.pem'));
    expect(items(padded, 'padded.pem').map((item) => item.kind)).toEqual(['certificate']);
  });
});

describe('describeCsr', () => {
  const KU_TRANSPORT = 'Key Usage (critical): Digital Signature, Key Encipherment';
  const KU_SIGNING = 'Key Usage (critical): Digital Signature, Non Repudiation';

  // The golden CSRs, made by tests/fixtures/make-golden.sh with OpenSSL from the fixed test key.
  it.each<{ name: string; file: string; subject: string; extensions: string[] }>([
    {
      name: 'client transport',
      file: 'golden/client_transport.csr',
      subject: CLIENT_SUBJECT,
      extensions: [KU_TRANSPORT, 'Extended Key Usage: TLS Web Client Authentication'],
    },
    { name: 'client signing', file: 'golden/client_signing.csr', subject: CLIENT_SUBJECT, extensions: [KU_SIGNING] },
    {
      name: 'client encryption',
      file: 'golden/client_encryption.csr',
      subject: CLIENT_SUBJECT,
      extensions: ['Key Usage (critical): Key Encipherment, Data Encipherment'],
    },
    {
      name: 'Arabic legal name, no extensions',
      file: 'golden/client_transport-none.csr',
      subject: `C = AE, O = شركة المثال للتقنية المالية ذ.م.م, OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`,
      extensions: [],
    },
    {
      name: 'legal name with / , + " \\ & and accents, quoted and escaped as OpenSSL prints it',
      file: 'golden/client_signing-special.csr',
      subject: String.raw`C = AE, O = "Société / Générale, \"A\" + B \\ C & D", OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`,
      extensions: [KU_SIGNING],
    },
    {
      name: 'server transport with DNS names and no CN',
      file: 'golden/server_transport.csr',
      subject: `C = AE, O = Example Bank PJSC, OU = ${ORGANISATION_ID}`,
      extensions: [
        KU_TRANSPORT,
        'Extended Key Usage: TLS Web Server Authentication',
        'Subject Alternative Name: DNS:api.example.ae, DNS:*.hub.example.ae',
      ],
    },
  ])('$name', async ({ file, subject, extensions }) => {
    const [csr] = items(bytes(file), file);
    const description = await describeCsr(nodeCrypto, csr!.der);
    expect(description.subject).toBe(subject);
    expect(extensionLines(description.extensions)).toEqual(extensions);
    expect(description.publicKeyFingerprint).toBe(TEST_KEY_FINGERPRINT);
    expect(description.publicKey).toEqual({ algorithm: '1.2.840.113549.1.1.1', bits: 2048, exponent: 65537 });
    expect(description.signatureAlgorithm).toBe('1.2.840.113549.1.1.11');
    expect(description.signatureValid).toBe(true);
  });

  it('reads a multi-valued RDN as one RDN of two attributes, printed with " + "', async () => {
    const [csr] = items(bytes('checklist/multi-valued-rdn.csr'), 'x.csr');
    const description = await describeCsr(nodeCrypto, csr!.der);
    expect(description.subject).toBe(`C = AE, O = Example Fintech LLC + OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`);
    expect(description.subjectRdns.map((rdn) => rdn.map((attribute) => `${attribute.shortName}:${attribute.stringType}`))).toEqual([
      ['C:PrintableString'],
      ['O:UTF8String', 'OU:UTF8String'],
      ['CN:UTF8String'],
    ]);
  });

  it('finds a changed signature invalid', async () => {
    const der = new Uint8Array(items(bytes('golden/client_transport.csr'), 'x.csr')[0]!.der);
    der[der.length - 1]! ^= 0x01;
    expect((await describeCsr(nodeCrypto, der)).signatureValid).toBe(false);
  });
});

describe('describeCertificate', () => {
  // certificate.pem: the fixture CA's certificate for checklist/client_transport.csr, extensions copied.
  const der = bytes('checklist/certificate.der');

  it('reads what openssl x509 prints for the fixture certificate', async () => {
    const description = await describeCertificate(nodeCrypto, der);
    expect({
      subject: description.subject,
      issuer: description.issuer,
      serial: description.serial,
      keyUsage: description.keyUsage,
      extendedKeyUsage: description.extendedKeyUsage,
      dnsNames: description.dnsNames,
      publicKeyFingerprint: description.publicKeyFingerprint,
      role: description.likelyRole(),
      days: (description.notAfter.getTime() - description.notBefore.getTime()) / 86_400_000,
    }).toEqual({
      subject: CLIENT_SUBJECT,
      issuer: 'CN = Checklist Fixture CA',
      serial: '9F8E7D6C5B4A39281706', // -set_serial 0x9f8e7d6c5b4a39281706: DER has a leading 00, OpenSSL does not print it
      keyUsage: ['Digital Signature', 'Key Encipherment'],
      extendedKeyUsage: ['TLS Web Client Authentication'],
      dnsNames: [],
      publicKeyFingerprint: TEST_KEY_FINGERPRINT,
      role: 'client_transport',
      days: 3650,
    });
    const sha256 = createHash('sha256').update(der).digest('hex').toUpperCase();
    expect(description.fingerprint).toBe(sha256.match(/../g)!.join(':'));
  });

  it.each([
    { name: 'a day and a half before expiry', before: 1.5 * 86_400_000, want: 1 },
    { name: 'an hour before expiry', before: 3_600_000, want: 0 },
    { name: 'a millisecond after expiry', before: -1, want: -1 },
    { name: 'ten days after expiry', before: -10 * 86_400_000, want: -10 },
  ])('counts whole days left: $name', async ({ before, want }) => {
    const description = await describeCertificate(nodeCrypto, der);
    expect(description.daysLeft(new Date(description.notAfter.getTime() - before))).toBe(want);
  });

  it('gives no role for a CA certificate', async () => {
    const [, ca] = items(bytes('checklist/chain.pem'), 'chain.pem');
    const description = await describeCertificate(nodeCrypto, ca!.der);
    expect([description.subject, description.keyUsage, description.likelyRole()]).toEqual([
      'CN = Checklist Fixture CA',
      ['Certificate Sign'],
      undefined,
    ]);
  });
});

describe('matchFiles', () => {
  it('pairs each certificate with its key and CSR, and lists the rest', async () => {
    const files = [
      ...items(bytes('checklist/chain.pem'), 'chain.pem'),
      ...items(bytes('checklist/rsa-1024.csr'), 'other.csr'),
      ...items(bytes('golden/client_transport.csr'), 'transport.csr'),
      ...items(bytes('checklist/test-key-pkcs1.pem'), 'transport.key'),
    ];
    const [leaf, ca, other, csr, key] = files;
    const matches = await matchFiles(nodeCrypto, files);
    expect(matches.certificates).toEqual([
      {
        certificate: leaf,
        key,
        csr,
        match: true,
        publicKeyFingerprint: TEST_KEY_FINGERPRINT,
        message: 'Matches the key in "transport.key" and the CSR in "transport.csr".',
      },
      {
        certificate: ca,
        key: undefined,
        csr: undefined,
        match: false,
        publicKeyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        message: 'No matching key among the files.',
      },
    ]);
    expect(matches.withoutCertificate).toEqual([{ csr: other, publicKeyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('says when only the CSR of a certificate is there', async () => {
    const files = [...items(bytes('checklist/certificate.pem'), 'a.pem'), ...items(bytes('golden/client_transport.csr'), 'a.csr')];
    const [match] = (await matchFiles(nodeCrypto, files)).certificates;
    expect([match!.match, match!.message]).toEqual([false, 'No matching key among the files; the CSR in "a.csr" has the same public key.']);
  });

  it('pairs a key with its CSR when there is no certificate', async () => {
    const files = [...items(bytes('test-key.pem'), 'a.key'), ...items(bytes('golden/client_signing.csr'), 'a.csr')];
    const [key, csr] = files;
    expect(await matchFiles(nodeCrypto, files)).toEqual({
      certificates: [],
      withoutCertificate: [{ key, csr, publicKeyFingerprint: TEST_KEY_FINGERPRINT }],
    });
  });
});
