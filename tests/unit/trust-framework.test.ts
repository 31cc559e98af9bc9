import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readCertificateFacts, issuedBy, type CertificateFacts } from '../../src/lib/certificate-facts';
import { fromPem } from '../../src/lib/pem';
import { TRUST_FRAMEWORK_POLICY, classify, environmentsOf, recognise } from '../../src/lib/trust-framework';
import { FIXTURES, nodeCrypto, readFixture } from '../support/fixtures';

// Made by tests/fixtures/make-trust-framework.sh with OpenSSL: the Trust Framework's names and policy, our own keys.
const facts = (name: string): Promise<CertificateFacts> =>
  readCertificateFacts(nodeCrypto, fromPem('CERTIFICATE', readFixture(`trust-framework/${name}.pem`)));

describe('classify: the role an issued certificate plays, by key usage, EKU, subject and SAN', () => {
  it.each([
    { name: 'sandbox-client_transport', want: 'client_transport' },
    { name: 'sandbox-client_signing', want: 'client_signing' },
    { name: 'sandbox-client_encryption', want: 'client_encryption' },
    { name: 'sandbox-server_transport', want: 'server_transport' },
    { name: 'sandbox-server_signing', want: 'server_signing' },
    { name: 'sandbox-server_encryption', want: 'server_encryption' },
    { name: 'production-client_signing', want: 'client_signing' },
    { name: 'production-server_encryption', want: 'server_encryption' },
    { name: 'other-client_signing', want: 'client_signing' },
  ])('$name is $want, fully', async ({ name, want }) => {
    expect(classify(await facts(name))).toEqual({ role: want, gaps: [] });
  });

  it('an LFI signing certificate with a host name as CN: server signing, and says the CN is not what the CA issues', async () => {
    expect(classify(await facts('sandbox-partial-signing'))).toEqual({ role: 'server_signing', gaps: ['cn-on-lfi-certificate'] });
  });

  const base = async (): Promise<CertificateFacts> => facts('sandbox-client_encryption');
  const withExtensions = async (extensions: Partial<CertificateFacts['extensions']>, subject?: CertificateFacts['subject']): Promise<CertificateFacts> => {
    const original = await base();
    return { ...original, ...(subject ? { subject } : {}), extensions: { ...original.extensions, ...extensions } };
  };

  it.each([
    {
      name: 'encryption by keyEncipherment alone (as older requests asked): encryption, key usage differs',
      input: { keyUsage: { critical: true, usages: ['keyEncipherment'] as const } },
      want: { role: 'client_encryption', gaps: ['key-usage-differs'] },
    },
    {
      name: 'encryption key usage not critical',
      input: { keyUsage: { critical: false, usages: ['keyEncipherment', 'dataEncipherment'] as const } },
      want: { role: 'client_encryption', gaps: ['key-usage-not-critical'] },
    },
    {
      name: 'transport key usage without any EKU',
      input: { keyUsage: { critical: true, usages: ['digitalSignature', 'keyEncipherment'] as const } },
      want: { role: 'client_transport', gaps: ['no-extended-key-usage'] },
    },
    {
      name: 'serverAuth with no DNS names',
      input: { keyUsage: { critical: true, usages: ['digitalSignature', 'keyEncipherment'] as const }, extendedKeyUsage: { critical: false, purposes: ['1.3.6.1.5.5.7.3.1'] } },
      want: { role: 'server_transport', gaps: ['no-dns-names'] },
    },
    { name: 'no key usage at all: no role', input: { keyUsage: undefined }, want: { role: undefined, gaps: ['no-key-usage'] } },
    { name: 'only keyCertSign: no role', input: { keyUsage: { critical: true, usages: ['keyCertSign'] as const } }, want: { role: undefined, gaps: [] } },
  ])('$name', async ({ input, want }) => {
    expect(classify(await withExtensions(input as Partial<CertificateFacts['extensions']>))).toEqual(want);
  });

  it('clientAuth with a CN that is not a Client ID: client transport, CN missing', async () => {
    const input = await withExtensions(
      { keyUsage: { critical: true, usages: ['digitalSignature', 'keyEncipherment'] }, extendedKeyUsage: { critical: false, purposes: ['1.3.6.1.5.5.7.3.2'] } },
      { C: 'AE', O: 'X', OU: 'y', CN: 'not-a-uuid' },
    );
    expect(classify(input)).toEqual({ role: 'client_transport', gaps: ['cn-not-client-id'] });
  });
});

describe('recognise: which Trust Framework PKI, by issuer name, policy and key identifier', () => {
  it.each([
    { name: 'sandbox-server_encryption', want: { kind: 'end-entity', environment: 'sandbox', name: true, policy: true, keyId: 'differs' } },
    { name: 'sandbox-client_transport', want: { kind: 'end-entity', environment: 'sandbox', name: true, policy: true, keyId: 'differs' } },
    { name: 'production-client_signing', want: { kind: 'end-entity', environment: 'production', name: true, policy: true, keyId: 'unknown' } },
    { name: 'other-client_signing', want: { kind: 'end-entity', environment: undefined, name: false, policy: false, keyId: 'unknown' } },
    { name: 'sandbox-issuing-ca', want: { kind: 'issuing-ca', environment: 'sandbox', name: true, policy: false, keyId: 'differs' } },
    { name: 'sandbox-root-ca', want: { kind: 'root-ca', environment: 'sandbox', name: true, policy: false, keyId: 'unknown' } },
    { name: 'production-issuing-ca', want: { kind: 'issuing-ca', environment: 'production', name: true, policy: false, keyId: 'unknown' } },
    { name: 'production-root-ca', want: { kind: 'root-ca', environment: 'production', name: true, policy: false, keyId: 'unknown' } },
    { name: 'other-ca', want: { kind: 'other-ca', environment: undefined, name: false, policy: false, keyId: 'unknown' } },
  ])('$name', async ({ name, want }) => {
    expect(recognise(await facts(name))).toEqual(want);
  });

  it('the real sandbox issuing CA key identifier (from a certificate it issued) is a match', async () => {
    const real = { ...(await facts('sandbox-server_encryption')), authorityKeyId: 'C7:CC:BC:87:56:27:C3:1B:93:4A:85:65:32:00:94:E8:CF:3A:EC:4D' };
    expect(recognise(real)).toMatchObject({ environment: 'sandbox', keyId: 'match' });
  });

  it('a look-alike issuer name without the policy is named, with the policy missing', async () => {
    const noPolicy = { ...(await facts('sandbox-server_encryption')), policies: [] };
    expect(recognise(noPolicy)).toMatchObject({ environment: 'sandbox', name: true, policy: false });
  });

  it('environmentsOf lists each environment once, sandbox first', async () => {
    const all = await Promise.all(['production-client_signing', 'sandbox-client_signing', 'sandbox-root-ca', 'other-ca'].map(facts));
    expect(environmentsOf(all.map(recognise))).toEqual(['sandbox', 'production']);
    expect(environmentsOf([recognise(all[1]!)])).toEqual(['sandbox']);
  });
});

describe('readCertificateFacts', () => {
  it('reads the policy, key identifiers and CA flag as OpenSSL prints them', async () => {
    const leaf = await facts('sandbox-server_encryption');
    const issuing = await facts('sandbox-issuing-ca');
    const text = execFileSync('openssl', ['x509', '-in', `${FIXTURES}trust-framework/sandbox-server_encryption.pem`, '-noout', '-ext', 'authorityKeyIdentifier'], { encoding: 'utf8' });
    expect(text).toContain(leaf.authorityKeyId!);
    expect(leaf).toMatchObject({ isCa: false, selfIssued: false, policies: [TRUST_FRAMEWORK_POLICY], subject: { C: 'AE', O: 'Example Bank PJSC', OU: '4af0a68f-d8a8-46c4-ace6-6949e8343868' } });
    expect(leaf.subject.CN).toBeUndefined();
    expect(issuing).toMatchObject({ isCa: true, selfIssued: false, subjectKeyId: leaf.authorityKeyId });
    expect(issuedBy(leaf, issuing)).toBe(true);
    expect(issuedBy(issuing, await facts('sandbox-root-ca'))).toBe(true);
    expect(issuedBy(leaf, await facts('production-issuing-ca'))).toBe(false);
  });

  it('x5t#S256 is base64url(SHA-256(DER)), as openssl x509 -outform DER | openssl dgst -sha256 -binary computes it', async () => {
    const der = execFileSync('openssl', ['x509', '-in', `${FIXTURES}trust-framework/sandbox-client_signing.pem`, '-outform', 'DER']);
    const digest = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der });
    expect((await facts('sandbox-client_signing')).x5tS256).toBe(Buffer.from(digest).toString('base64url'));
  });
});
