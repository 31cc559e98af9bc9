import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { CHECK_IDS, FINDING_CODES, checkCsr, undoMojibake, type CheckId, type CheckResult } from '../../src/lib/checklist';
import { ROLES } from '../../src/lib/profile';
import { ar } from '../../src/ui/i18n/ar';
import { en, type MessageKey } from '../../src/ui/i18n/en';
import { buildCsr } from '../../src/lib/csr';
import { importPrivateKeyPem } from '../../src/lib/keys';
import { fromPem, type Bytes } from '../../src/lib/pem';
import type { RoleId } from '../../src/lib/profile';
import type { CertificateRequest } from '../../src/lib/request';
import { CLIENT_ID, ORGANISATION_ID, nodeCrypto, readFixture } from '../support/fixtures';

const csrDer = (file: string) => fromPem('CERTIFICATE REQUEST', readFixture(file));

/** The failed checks, by id, with their messages; skipped ones marked. Every check must be there, in order. */
async function failures(der: Bytes, role?: RoleId): Promise<Partial<Record<CheckId, string>>> {
  const results = await checkCsr(nodeCrypto, der, role);
  expect(results.map((result) => result.id)).toEqual(CHECK_IDS);
  return Object.fromEntries(
    results.filter((result) => !result.pass).map((result: CheckResult) => [result.id, (result.skipped ? 'SKIPPED ' : '') + result.message]),
  );
}

const TRANSPORT_PROFILE = 'Key Usage (critical): Digital Signature, Key Encipherment; Extended Key Usage: TLS Web Client Authentication';

// Made once by tests/fixtures/checklist/make-checklist.sh with OpenSSL 3.0: the app's
// client transport CSR, and the same request breaking one rule each.
describe('checkCsr, client transport fixtures', () => {
  it.each<{ name: string; file: string; want: Partial<Record<CheckId, string>> }>([
    { name: 'correct', file: 'client_transport.csr', want: {} },
    {
      name: 'O and OU in one multi-valued RDN (-subj with an unescaped +)',
      file: 'multi-valued-rdn.csr',
      want: {
        subject: `O=Example Fintech LLC + OU=${ORGANISATION_ID} share one RDN (a multi-valued RDN); expected C = AE, O, OU, CN, each its own RDN. In OpenSSL's -subj an unescaped "+" does this; write it as "\\+".`,
      },
    },
    {
      name: 'PrintableString values (string_mask = default)',
      file: 'printable-string.csr',
      want: {
        'string-types':
          'O is PrintableString, OU is PrintableString, CN is PrintableString; expected C as PrintableString and O, OU and CN as UTF8String, as OpenSSL 3 writes them.',
      },
    },
    {
      name: 'a 1024-bit key',
      file: 'rsa-1024.csr',
      want: { key: 'RSA 1024-bit, e=65537; the Trust Framework requires RSA 2048-bit with e=65537 (openssl req -newkey rsa:2048).' },
    },
    {
      name: 'signed with SHA-1',
      file: 'sha1.csr',
      want: { 'signature-algorithm': 'Signed with sha1WithRSAEncryption; expected sha256WithRSAEncryption (openssl req -sha256).' },
    },
    {
      name: "the directory's command without -utf8 on an Arabic name (mojibake), no extensions",
      file: 'mojibake.csr',
      want: {
        'legal-name':
          'O is "Ø´Ø±Ù\u0083Ø© Ø§Ù\u0084Ù\u0085Ø«Ø§Ù\u0084": UTF-8 read as single bytes (mojibake); the legal name was most likely "شركة المثال". ' +
          'OpenSSL does this to -subj without -utf8: make the CSR again with -utf8 added to the command, or with this tool.',
      },
    },
    {
      name: 'no OU',
      file: 'missing-ou.csr',
      want: { subject: 'The subject is C, O, CN; expected C = AE, O, OU, CN, each once, in that order.' },
    },
  ])('$name', async ({ file, want }) => {
    expect(await failures(csrDer(`checklist/${file}`), 'client_transport')).toEqual(want);
  });
});

describe('checkCsr, golden CSRs', () => {
  it.each<{ file: string; role: RoleId }>([
    { file: 'client_transport.csr', role: 'client_transport' },
    { file: 'client_signing.csr', role: 'client_signing' },
    { file: 'client_encryption.csr', role: 'client_encryption' },
    { file: 'client_transport-none.csr', role: 'client_transport' },
    { file: 'client_signing-special.csr', role: 'client_signing' },
    { file: 'server_transport.csr', role: 'server_transport' },
  ])('$file passes everything for $role', async ({ file, role }) => {
    expect(await failures(csrDer(`golden/${file}`), role)).toEqual({});
  });

  it('says what passed, in words', async () => {
    const results = await checkCsr(nodeCrypto, csrDer('golden/server_transport.csr'), 'server_transport');
    expect(results.map((result) => result.message)).toEqual([
      "The self-signature verifies with the CSR's public key.",
      'RSA 2048-bit, e=65537.',
      'sha256WithRSAEncryption.',
      'C = AE, O, OU, each its own RDN, in that order.',
      'C is PrintableString; O, OU and CN are UTF8String.',
      'OU is a lowercase UUID.',
      'O is "Example Bank PJSC", with no double-encoded characters.',
      'Key Usage (critical): Digital Signature, Key Encipherment; Extended Key Usage: TLS Web Server Authentication: exactly the opf_uae_server_transport profile.',
      'DNS:api.example.ae, DNS:*.hub.example.ae: valid DNS names.',
    ]);
  });
});

describe('checkCsr, against the wrong role or none', () => {
  it.each<{ name: string; file: string; role?: RoleId; want: Partial<Record<CheckId, string>> }>([
    {
      name: 'signing extensions for transport',
      file: 'golden/client_signing.csr',
      role: 'client_transport',
      want: {
        extensions: `Requested Key Usage (critical): Digital Signature, Non Repudiation; expected for opf_uae_client_transport exactly ${TRANSPORT_PROFILE}, or no extensions at all (as the Trust Framework command).`,
      },
    },
    {
      name: 'a server CSR for a client role',
      file: 'golden/server_transport.csr',
      role: 'client_transport',
      want: {
        subject: 'The subject is C, O, OU; expected C = AE, O, OU, CN, each once, in that order.',
        extensions:
          'Requested Key Usage (critical): Digital Signature, Key Encipherment; Extended Key Usage: TLS Web Server Authentication; ' +
          `expected for opf_uae_client_transport exactly ${TRANSPORT_PROFILE}, or no extensions at all (as the Trust Framework command).`,
        'subject-alt-name': 'Requested DNS:api.example.ae, DNS:*.hub.example.ae; opf_uae_client_transport carries no subjectAltName. Remove it.',
      },
    },
    {
      name: 'server transport without DNS names',
      file: 'golden/client_transport-none.csr',
      role: 'server_transport',
      want: {
        'subject-alt-name': 'None requested; opf_uae_server_transport must name its hosts as DNS names, like -addext "subjectAltName=DNS:api.bank.ae".',
      },
    },
    {
      name: 'no role: the extensions are not checked',
      file: 'golden/client_transport.csr',
      want: {
        extensions: `SKIPPED Not checked: no role given. Requested: ${TRANSPORT_PROFILE}. Choose the certificate type to check them against its profile.`,
      },
    },
    {
      name: 'no role, no extensions: still not checked, and the mojibake still found',
      file: 'checklist/mojibake.csr',
      want: {
        'legal-name': expect.stringContaining('the legal name was most likely "شركة المثال"'),
        extensions: 'SKIPPED Not checked: no role given. Requested: none. Choose the certificate type to check them against its profile.',
      },
    },
  ])('$name', async ({ file, role, want }) => {
    expect(await failures(csrDer(file), role)).toEqual(want);
  });
});

describe('checkCsr, CSRs built here', () => {
  async function serverCsr(dnsNames: string[]): Promise<Bytes> {
    const request: CertificateRequest = {
      role: 'server_transport',
      subject: { country: 'AE', organization: 'Example Bank PJSC', organizationalUnit: ORGANISATION_ID.toUpperCase() },
      extensions: 'none',
      dnsNames, // not validated: buildCsr encodes whatever it is given
      keyFileName: 'x.key',
      csrFileName: 'x.csr',
    };
    return buildCsr(nodeCrypto, request, await importPrivateKeyPem(nodeCrypto, readFixture('test-key.pem')));
  }

  it('finds bad and repeated DNS names and an uppercase Organisation ID', async () => {
    expect(await failures(await serverCsr(['api_bank.ae', 'api.example.ae', 'API.example.ae']), 'server_transport')).toEqual({
      uuids: `OU is "${ORGANISATION_ID.toUpperCase()}"; expected the Organisation ID, a lowercase UUID like 4af0a68f-d8a8-46c4-ace6-6949e8343868.`,
      'subject-alt-name':
        '"api_bank.ae" contains an underscore; remove it or use a hyphen. Host names in certificates use only letters, digits, hyphens and dots. ' +
        '"api.example.ae" is listed twice; remove one.',
    });
  });

  it.each([
    {
      name: 'a legal name with U+FFFD (a Windows-1252 CSV read as UTF-8) fails',
      organization: 'Soci\uFFFDt\uFFFD G\uFFFDn\uFFFDrale',
      want: {
        'legal-name':
          'O is "Soci\uFFFDt\uFFFD G\uFFFDn\uFFFDrale": it holds U+FFFD (\uFFFD), the replacement character a decoder leaves for bytes it could not read, so the legal name was lost. ' +
          'Make the CSR again from the name as registered; a CSV saved by Excel should be saved as "CSV UTF-8".',
      },
    },
    { name: 'the same name decoded right passes', organization: 'Société Générale', want: {} },
  ])('$name', async ({ organization, want }) => {
    const request: CertificateRequest = {
      role: 'client_signing',
      subject: { country: 'AE', organization, organizationalUnit: ORGANISATION_ID, commonName: CLIENT_ID },
      extensions: 'profile',
      dnsNames: [],
      keyFileName: 'x.key',
      csrFileName: 'x.csr',
    };
    const der = await buildCsr(nodeCrypto, request, await importPrivateKeyPem(nodeCrypto, readFixture('test-key.pem')));
    expect(await failures(der, 'client_signing')).toEqual(want);
  });

  it('accepts no extensions but the DNS names (exactly as the Trust Framework command)', async () => {
    const results = await checkCsr(nodeCrypto, await serverCsr(['api.example.ae']), 'server_transport');
    expect(results.filter((result) => result.id === 'extensions' || result.id === 'subject-alt-name')).toEqual([
      {
        id: 'extensions',
        pass: true,
        message: 'None requested, exactly as the Trust Framework command; the directory applies its own opf_uae_server_transport profile.',
      },
      { id: 'subject-alt-name', pass: true, message: 'DNS:api.example.ae: a valid DNS name.' },
    ].map((each) => expect.objectContaining(each)));
  });
});

describe('undoMojibake', () => {
  it.each([
    { name: 'Arabic read as Latin-1', input: 'Ø´Ø±Ù\u0083Ø©', want: 'شركة' },
    { name: 'é read as Latin-1', input: 'SociÃ©tÃ©', want: 'Société' },
    { name: 'real Latin-1 letters', input: 'Société Générale', want: undefined },
    { name: 'ASCII', input: 'Example Fintech LLC', want: undefined },
    { name: 'proper Arabic', input: 'شركة', want: undefined },
    { name: 'mojibake mixed with text beyond Latin-1', input: 'Ã© شركة', want: undefined },
  ])('$name', ({ input, want }) => {
    expect(undoMojibake(input)).toBe(want);
  });
});

/** Every finding can be said in both languages: a message per code, filled with exactly the facts the checker gives. */
describe('the findings, translatable', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
  const files = readdirSync('tests/fixtures/checklist').filter((file) => file.endsWith('.csr')).map((file) => `checklist/${file}`);
  const golden = readdirSync('tests/fixtures/golden').filter((file) => file.endsWith('.csr')).map((file) => `golden/${file}`);

  it('has an English and an Arabic message for every finding code', () => {
    for (const code of FINDING_CODES) {
      expect(en[`finding.${code}` as MessageKey], code).toBeDefined();
      expect(ar[`finding.${code}` as MessageKey], code).toMatch(/[\u0600-\u06ff]/);
    }
  });

  it('gives each finding exactly the facts its messages quote, on every fixture and role', async () => {
    const seen = new Set<string>();
    for (const file of [...files, ...golden]) {
      for (const role of [undefined, ...(Object.keys(ROLES) as RoleId[])]) {
        for (const { finding } of await checkCsr(nodeCrypto, csrDer(file), role)) {
          seen.add(finding.code);
          const key = `finding.${finding.code}` as MessageKey;
          expect({ code: finding.code, params: Object.keys(finding.params).sort() }).toEqual({ code: finding.code, params: placeholders(en[key]) });
          expect(placeholders(ar[key])).toEqual(placeholders(en[key]));
          for (const value of Object.values(finding.params)) expect(value, finding.code).not.toBe('');
        }
      }
    }
    // The fixtures reach most findings; the rest are covered by the catalogue test above.
    expect(seen.size).toBeGreaterThanOrEqual(18);
  });

  it('names the mojibake, and the name that was meant, in the finding', async () => {
    const results = await checkCsr(nodeCrypto, csrDer('checklist/mojibake.csr'), 'client_transport');
    const finding = results.find((result) => result.id === 'legal-name')!.finding;
    expect(finding.code).toBe('legal-name-mojibake');
    expect(finding.params.meant).toMatch(/[\u0600-\u06ff]/);
  });
});
