import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/errors';
import { readPublicKey } from '../../src/lib/hsm-public-key';
import { readFixture } from '../support/fixtures';

const TEST_KEY = createPrivateKey(readFixture('test-key.pem'));
const PUBLIC = createPublicKey(TEST_KEY);
/** What OpenSSL writes for the test key's public half: the bytes every accepted shape must give. */
const SPKI = PUBLIC.export({ type: 'spki', format: 'der' });
const PKCS1 = PUBLIC.export({ type: 'pkcs1', format: 'der' });
const JWK = PUBLIC.export({ format: 'jwk' }) as { n: string; e: string };
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const pem = (label: string, der: Uint8Array) => `-----BEGIN ${label}-----\n${base64(der).replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;

function outcome(result: ReturnType<typeof readPublicKey>) {
  return result instanceof AppError
    ? { code: result.code, field: result.field, token: result.params.token }
    : { spki: Buffer.from(result.spki).toString('hex'), source: result.source };
}

describe('readPublicKey: what the export commands print', () => {
  const want = (source: string) => ({ spki: SPKI.toString('hex'), source });
  it.each([
    { name: 'PEM SubjectPublicKeyInfo (az keyvault key download --encoding PEM, gcloud get-public-key)', input: pem('PUBLIC KEY', SPKI), want: want('pem') },
    { name: 'PEM with CRLF line ends and text around it', input: `Public key:\r\n${pem('PUBLIC KEY', SPKI).replace(/\n/g, '\r\n')}\r\n`, want: want('pem') },
    { name: 'PEM RSA PUBLIC KEY (PKCS#1)', input: pem('RSA PUBLIC KEY', PKCS1), want: want('pem') },
    { name: 'DER bytes (pkcs11-tool --read-object --type pubkey)', input: new Uint8Array(SPKI), want: want('der') },
    { name: 'PKCS#1 DER bytes', input: new Uint8Array(PKCS1), want: want('der') },
    { name: 'base64 DER (aws kms get-public-key --query PublicKey --output text)', input: base64(SPKI), want: want('base64') },
    {
      name: 'the JSON of aws kms get-public-key',
      input: JSON.stringify({
        KeyId: 'arn:aws:kms:me-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        PublicKey: base64(SPKI),
        CustomerMasterKeySpec: 'RSA_2048',
        KeySpec: 'RSA_2048',
        KeyUsage: 'SIGN_VERIFY',
        SigningAlgorithms: ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PSS_SHA_256'],
      }, null, 4),
      want: want('aws-json'),
    },
    { name: 'a JWK', input: JSON.stringify({ kty: 'RSA', n: JWK.n, e: JWK.e }), want: want('jwk') },
    { name: 'az keyvault key show (a JWK inside "key", kty RSA-HSM)', input: JSON.stringify({ key: { kty: 'RSA-HSM', kid: 'https://v.vault.azure.net/keys/k/1', n: JWK.n, e: JWK.e } }), want: want('jwk') },
    { name: 'a PEM file as bytes', input: new TextEncoder().encode(pem('PUBLIC KEY', SPKI)), want: want('pem') },
  ])('$name', ({ input, want }) => {
    expect(outcome(readPublicKey(input))).toEqual(want);
  });
});

describe('readPublicKey: refusals, each with its code', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' });
  const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' });
  const rsa3 = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 }).publicKey.export({ type: 'spki', format: 'der' });
  const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
  it.each([
    { name: 'an EC key', input: pem('PUBLIC KEY', ec), want: { code: 'public-key-not-rsa-2048', field: 'publicKey', token: 'EC' } },
    { name: 'RSA 1024', input: pem('PUBLIC KEY', rsa1024), want: { code: 'public-key-not-rsa-2048', field: 'publicKey', token: 'RSA-1024' } },
    { name: 'e = 3', input: pem('PUBLIC KEY', rsa3), want: { code: 'public-key-not-rsa-2048', field: 'publicKey', token: 'e=3' } },
    { name: 'an RSA-PSS-only key', input: pem('PUBLIC KEY', pss), want: { code: 'public-key-not-rsa-2048', field: 'publicKey', token: 'RSASSA-PSS' } },
    {
      name: 'an AWS key of another spec',
      input: JSON.stringify({ PublicKey: base64(ec), KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }),
      want: { code: 'public-key-not-rsa-2048', field: 'publicKey', token: 'ECC_NIST_P256' },
    },
    {
      name: 'an AWS key made for decryption (the encryption-key trap)',
      input: JSON.stringify({ PublicKey: base64(SPKI), KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }),
      want: { code: 'public-key-cannot-sign', field: 'publicKey', token: 'ENCRYPT_DECRYPT' },
    },
    { name: 'a private key', input: readFixture('test-key.pem'), want: { code: 'public-key-is-private', field: 'publicKey', token: undefined } },
    { name: 'empty', input: '  \n', want: { code: 'public-key-unreadable', field: 'publicKey', token: undefined } },
    { name: 'a PEM block with no END', input: '-----BEGIN PUBLIC KEY-----\nMIIB', want: { code: 'public-key-unreadable', field: 'publicKey', token: undefined } },
    { name: 'broken JSON', input: '{"PublicKey": ', want: { code: 'public-key-unreadable', field: 'publicKey', token: undefined } },
    { name: 'DER with bytes after it', input: new Uint8Array([...SPKI, 0]), want: { code: 'public-key-unreadable', field: 'publicKey', token: undefined } },
    { name: 'words', input: 'my key is in the HSM', want: { code: 'public-key-unreadable', field: 'publicKey', token: undefined } },
    { name: 'over 64 KiB', input: 'A'.repeat(65 * 1024), want: { code: 'public-key-unreadable', field: 'publicKey', token: undefined } },
  ])('$name', ({ input, want }) => {
    expect(outcome(readPublicKey(input))).toEqual(want);
  });
});

describe('readPublicKey on hostile input', () => {
  it('returns a key or an AppError for any text or bytes, quickly', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('-----BEGIN PUBLIC KEY-----'.repeat(2000), '{'.repeat(5000))), (input) => {
        const started = performance.now();
        const result = readPublicKey(input);
        expect(result instanceof AppError || result.spki.byteLength === SPKI.byteLength).toBe(true);
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('readPublicKey regressions', () => {
  it('a malformed GeneralizedTime (18 00), on which asn1js throws, is refused as unreadable', () => {
    expect(outcome(readPublicKey(Uint8Array.from([0x18, 0x00])))).toEqual({ code: 'public-key-unreadable', field: 'publicKey', token: undefined });
  });
});
