import { constants, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, privateEncrypt, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBigInt, toBigInt } from '../../src/lib/bytes';
import { assembleCsr, toBeSigned } from '../../src/lib/csr';
import { AppError } from '../../src/lib/errors';
import { readPublicKey, type RsaPublicKey } from '../../src/lib/hsm-public-key';
import { checkSignature, readSignature } from '../../src/lib/hsm-signature';
import { fromPem } from '../../src/lib/pem';
import type { CertificateRequest } from '../../src/lib/request';
import { CLIENT_ID, ORGANISATION_ID, nodeCrypto, readFixture } from '../support/fixtures';

const TEST_KEY = createPrivateKey(readFixture('test-key.pem'));
const KEY = readPublicKey(createPublicKey(TEST_KEY).export({ type: 'spki', format: 'pem' }) as string) as RsaPublicKey;
const OTHER_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const REQUEST: CertificateRequest = {
  role: 'client_transport',
  subject: { country: 'AE', organization: 'Example Fintech LLC', organizationalUnit: ORGANISATION_ID, commonName: CLIENT_ID },
  extensions: 'profile',
  dnsNames: [],
  keyFileName: 'x.key',
  csrFileName: 'x.csr',
};
const TBS = toBeSigned(REQUEST, KEY.spki);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();
const DIGEST_INFO_SHA256 = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** What each system's signing operation returns for these bytes, emulated with Node's OpenSSL. */
const GOOD = sign('sha256', TBS, TEST_KEY);

describe('the HSM path gives the same CSR as the form path', () => {
  it('to-be-signed bytes + a PKCS#1 v1.5 signature from the HSM = the golden CSR OpenSSL made with the same key', () => {
    const csr = assembleCsr(TBS, GOOD);
    expect(Buffer.from(csr).equals(Buffer.from(fromPem('CERTIFICATE REQUEST', readFixture('golden/client_transport.csr'))))).toBe(true);
  });
});

describe('readSignature: what the signing commands print', () => {
  const want = GOOD.toString('hex');
  const b64url = GOOD.toString('base64url');
  it.each([
    { name: 'base64 (aws kms sign --query Signature --output text)', input: GOOD.toString('base64') },
    { name: 'base64 in lines of 64 with CRLF', input: GOOD.toString('base64').replace(/.{64}/g, '$&\r\n') },
    { name: 'base64url without padding (Key Vault)', input: b64url },
    { name: 'hex', input: want },
    { name: 'hex with colons, as openssl prints it', input: want.replace(/../g, '$&:').slice(0, -1) },
    { name: 'the JSON of aws kms sign', input: JSON.stringify({ KeyId: 'arn:aws:kms:me-central-1:1:key/x', Signature: GOOD.toString('base64'), SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }) },
    { name: 'the JSON of the Key Vault sign operation', input: JSON.stringify({ kid: 'https://v.vault.azure.net/keys/k/1', value: b64url }) },
    { name: 'the raw signature file (gcloud --signature-file, pkcs11-tool --output-file)', input: new Uint8Array(GOOD) },
    { name: 'a base64 signature file', input: new TextEncoder().encode(`${GOOD.toString('base64')}\n`) },
  ])('$name', ({ input }) => {
    const result = readSignature(input);
    expect(result instanceof AppError ? result.code : Buffer.from(result).toString('hex')).toBe(want);
  });

  it.each([
    { name: 'base64url read as base64 by hand: both alphabets', input: `${b64url.slice(0, 100)}+/${b64url.slice(102)}`, want: 'signature-unreadable' },
    { name: 'cut short', input: GOOD.toString('base64').slice(0, 200), want: 'signature-length' },
    { name: 'an AWS PSS signature', input: JSON.stringify({ Signature: GOOD.toString('base64'), SigningAlgorithm: 'RSASSA_PSS_SHA_256' }), want: 'signature-pss' },
    { name: 'JSON without a signature', input: '{"KeyId": "x"}', want: 'signature-unreadable' },
    { name: 'words', input: 'signed!', want: 'signature-unreadable' },
    { name: 'empty', input: '', want: 'signature-unreadable' },
  ])('refuses $name', ({ input, want }) => {
    const result = readSignature(input);
    expect(result instanceof AppError ? result.code : 'accepted').toBe(want);
  });

  it('returns bytes or an AppError for any input, quickly', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 1000 }), fc.uint8Array({ maxLength: 1000 })), (input) => {
        const started = performance.now();
        const result = readSignature(input);
        expect(result instanceof AppError || result.byteLength === 256).toBe(true);
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('checkSignature names the likely mistake', () => {
  const earlierTbs = toBeSigned({ ...REQUEST, role: 'client_signing' }, KEY.spki);
  const rawRsa = (payload: Buffer) => privateEncrypt({ key: TEST_KEY, padding: constants.RSA_PKCS1_PADDING }, payload);
  it.each([
    { name: 'a right signature', signature: GOOD, want: undefined },
    { name: 'a signature from another key', signature: sign('sha256', TBS, OTHER_KEY), want: 'signature-other-key' },
    { name: 'RSA-PSS instead of PKCS#1 v1.5', signature: sign('sha256', TBS, { key: TEST_KEY, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }), want: 'signature-pss' },
    { name: 'the bytes hashed twice (RAW mode over the digest)', signature: sign('sha256', sha256(TBS), TEST_KEY), want: 'signature-hashed-twice' },
    { name: 'the digest without DigestInfo (RSA-PKCS over the hash)', signature: rawRsa(sha256(TBS)), want: 'signature-no-digest-info' },
    { name: 'SHA-1', signature: sign('sha1', TBS, TEST_KEY), want: 'signature-wrong-digest' },
    { name: 'SHA-512', signature: sign('sha512', TBS, TEST_KEY), want: 'signature-wrong-digest' },
    { name: 'the to-be-signed bytes of an earlier request', signature: sign('sha256', earlierTbs, TEST_KEY), want: 'signature-earlier-request' },
    { name: 'other bytes (the file with CRLF line ends)', signature: sign('sha256', Buffer.concat([TBS, Buffer.from('\r\n')]), TEST_KEY), want: 'signature-other-bytes' },
    { name: 'DigestInfo of the right digest but another structure', signature: rawRsa(Buffer.concat([Buffer.from('00', 'hex'), DIGEST_INFO_SHA256, sha256(TBS)])), want: 'signature-other-bytes' },
    { name: '256 random bytes', signature: Buffer.alloc(256, 0xab), want: 'signature-other-key' },
  ])('$name', async ({ signature, want }) => {
    const result = await checkSignature(nodeCrypto, KEY, TBS, new Uint8Array(signature), [sha256(earlierTbs)]);
    expect(result?.code).toBe(want);
  });
});

describe('checkSignature regressions', () => {
  it('a signature by another key whose encoding happens to end in 0xBC is another key, not RSA-PSS', async () => {
    // Found by the interop test: one wrong-key signature in 256 decodes to an encoding ending in 0xBC.
    const s = (() => {
      for (let i = 1; ; i++) {
        const candidate = fromBigInt(BigInt(i) * 7919n + 12345n, 256);
        const m = modPowForTest(toBigInt(candidate), KEY.exponent, KEY.modulus);
        if ((m & 0xffn) === 0xbcn) return candidate;
      }
    })();
    expect((await checkSignature(nodeCrypto, KEY, TBS, new Uint8Array(s)))?.code).toBe('signature-other-key');
  });
});

function modPowForTest(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  for (let b = base % modulus, e = exponent; e > 0n; e >>= 1n, b = (b * b) % modulus) if (e & 1n) result = (result * b) % modulus;
  return result;
}
