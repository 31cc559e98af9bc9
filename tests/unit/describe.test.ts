import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeCertificate, describeCsr } from '../../src/lib/describe';
import { extensionLines } from '../../src/lib/extensions';
import { CLIENT_ID, ORGANISATION_ID, TEST_KEY_FINGERPRINT, fileItems as items, fixtureBytes as bytes, nodeCrypto } from '../support/fixtures';

const CLIENT_SUBJECT = `C = AE, O = Example Fintech LLC, OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`;

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
