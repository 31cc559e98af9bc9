import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  AuthenticatedSafe,
  CertBag,
  CryptoEngine,
  EncryptedContentInfo,
  EncryptedData,
  PBES2Params,
  PBKDF2Params,
  PFX,
  PKCS8ShroudedKeyBag,
  SafeBag,
  SafeContents,
} from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../src/lib/errors';
import type { ExportErrorCode } from '../../src/lib/export-inputs';
import { privateJwk, publicJwk } from '../../src/lib/jwk';
import { PKCS12_OID } from '../../src/lib/oid';
import { MAC_ITERATIONS, PBKDF2_ITERATIONS, exportPkcs12, type Pkcs12Input } from '../../src/lib/pkcs12';
import { fromPem, type Bytes } from '../../src/lib/pem';
import type { RoleId } from '../../src/lib/profile';
import { nodeCrypto, readFixture } from '../support/fixtures';

// tests/fixtures/export/make-export.sh: a certificate for test-key.pem, issued by a throwaway CA.
const KEY_PEM = readFixture('test-key.pem');
const CERT_PEM = readFixture('export/signing.pem');
const CA_PEM = readFixture('export/ca.pem');
const CERT_DER = fromPem('CERTIFICATE', CERT_PEM);
const CA_DER = fromPem('CERTIFICATE', CA_PEM);

// openssl x509 -in signing.pem -noout -fingerprint -sha256 → 25:9F:DA:…:E7:41, as base64url
const X5T_S256 = 'JZ_axhDjmN2O4UNO-vHRlador2Ams6JljX1KI6Yj50E';
// openssl x509 -in signing.pem -noout -fingerprint -sha1, the localKeyId OpenSSL would write
const SHA1 = 'd8e4aba49c307548f52c6f5740bc74371854ab20';
// openssl x509 -in signing.pem -noout -modulus, as base64url
const MODULUS =
  'rxnO7ijbKFEQyYC9xXiPpxvfdAc-5n8n6pXMRhh4bjVJfD8BPYxHxrmK2VPmlECP6PH91vbkJ5LZOOBO__KfUXs68StRZTHSb5qqAYNdmInvybuiit7PjH9MK9TQtzvftO6Nj9YAWFlE_jYypZv3Wj6xCDJEqiQJSPD1V5g_RNaoP_dfD5ESCFfAGzEyc30FLwXQ-E_-h9KORyMTcl7QoOtgaLbsn_0NEzTwvaeqlWmJkZPCdtRb0RKyy83lMbS0gbp1tyM8pCzNOEpqQJNZ5GjDh8HUw89Cau0e8jqkKklCfXE8Dp7sgkp_IoAmrL6jBqVyW2qR5s7sowkWtArnWQ';
// The PEM body joined: standard base64 with + and /, not base64url.
const X5C = CERT_PEM.split('\n').filter((line) => line !== '' && !line.startsWith('-----')).join('');
const KID = 'kid-from-the-directory-1';

const hex = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex');
const engine = new CryptoEngine({ name: 'test', crypto: nodeCrypto });

/** What a refused export says, as plain data. */
async function refusal(promise: Promise<unknown>): Promise<{ code: ErrorCode; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`Expected an AppError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('publicJwk', () => {
  const CASES: Array<{ role: RoleId; want: { use?: string; alg?: string } }> = [
    { role: 'client_signing', want: { use: 'sig', alg: 'PS256' } },
    { role: 'server_signing', want: { use: 'sig', alg: 'PS256' } },
    { role: 'client_encryption', want: { use: 'enc', alg: 'RSA-OAEP-256' } },
    { role: 'client_transport', want: {} },
    { role: 'server_transport', want: {} },
  ];
  it.each(CASES)('$role: use and alg $want, and the certificate', async ({ role, want }) => {
    const jwk = await publicJwk(nodeCrypto, { certificatePem: CERT_PEM, kid: KID, role });
    expect(jwk).toStrictEqual({ kty: 'RSA', kid: KID, ...want, n: MODULUS, e: 'AQAB', x5c: [X5C], 'x5t#S256': X5T_S256 });
    expect(Object.keys(jwk)).toEqual(['kty', 'kid', ...Object.keys(want), 'n', 'e', 'x5c', 'x5t#S256']);
  });

  it('x5c holds the certificate DER in standard base64, x5t#S256 its SHA-256 in base64url', async () => {
    const jwk = await publicJwk(nodeCrypto, { certificatePem: CERT_PEM, kid: KID, role: 'client_signing' });
    expect(Buffer.from(jwk.x5c[0]!, 'base64').equals(Buffer.from(CERT_DER))).toBe(true);
    expect(jwk.x5c[0]!).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(jwk['x5t#S256'], 'base64url').toString('hex')).toBe(
      '259fdac610e398dd8ee1434efaf1d195a768af6026b3a2658d7d4a23a623e741',
    );
  });

  it('trims the pasted kid', async () => {
    const jwk = await publicJwk(nodeCrypto, { certificatePem: CERT_PEM, kid: `  ${KID}\n`, role: 'client_signing' });
    expect(jwk.kid).toBe(KID);
  });
});

describe('privateJwk', () => {
  it('has the private members in a stable order and the same n and e as the certificate', async () => {
    const jwk = await privateJwk(nodeCrypto, { keyPem: KEY_PEM, kid: KID, role: 'client_encryption' });
    expect(Object.keys(jwk)).toEqual(['kty', 'kid', 'use', 'alg', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi']);
    expect(jwk).toMatchObject({ kty: 'RSA', kid: KID, use: 'enc', alg: 'RSA-OAEP-256', n: MODULUS, e: 'AQAB' });
    // 2048-bit d and n; 1024-bit primes and CRT values: base64url of 256 and 128 bytes.
    expect([jwk.d.length, jwk.p.length, jwk.q.length, jwk.dp.length, jwk.dq.length, jwk.qi.length]).toEqual([342, 171, 171, 171, 171, 171]);
  });

  it('imports back into WebCrypto and signs what the certificate key verifies', async () => {
    const { kid: _kid, use: _use, alg: _alg, ...members } = await privateJwk(nodeCrypto, { keyPem: KEY_PEM, kid: KID, role: 'client_signing' });
    const pss = { name: 'RSA-PSS', hash: 'SHA-256' };
    const privateKey = await nodeCrypto.subtle.importKey('jwk', members, pss, false, ['sign']);
    const publicKey = await nodeCrypto.subtle.importKey('jwk', { kty: 'RSA', n: MODULUS, e: 'AQAB' }, pss, false, ['verify']);
    const data = new TextEncoder().encode('payload');
    const signature = await nodeCrypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, privateKey, data);
    expect(await nodeCrypto.subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, publicKey, signature, data)).toBe(true);
  });
});

describe('refusals', () => {
  const KEY_RULE = 'The private key must be the .key file made with the CSR: an unencrypted RSA key in PKCS#8 PEM, starting "-----BEGIN PRIVATE KEY-----".';
  const CASES: Array<{ name: string; run: () => Promise<unknown>; want: { code: ExportErrorCode; message: string } }> = [
    {
      name: 'empty kid',
      run: () => publicJwk(nodeCrypto, { certificatePem: CERT_PEM, kid: ' ', role: 'client_signing' }),
      want: { code: 'kid-required', message: 'Enter the Key ID (kid) the Trust Framework directory showed when it issued the certificate.' },
    },
    {
      name: 'a CSR where the certificate goes',
      run: () => publicJwk(nodeCrypto, { certificatePem: readFixture('golden/client_signing.csr'), kid: KID, role: 'client_signing' }),
      want: { code: 'certificate-invalid', message: 'The certificate must be a PEM certificate, starting "-----BEGIN CERTIFICATE-----".' },
    },
    {
      name: 'a broken certificate body',
      run: () => publicJwk(nodeCrypto, { certificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', kid: KID, role: 'client_signing' }),
      want: { code: 'certificate-invalid', message: 'The certificate must be a PEM certificate, starting "-----BEGIN CERTIFICATE-----".' },
    },
    {
      name: 'an encrypted key',
      run: () => privateJwk(nodeCrypto, { keyPem: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n', kid: KID, role: 'client_signing' }),
      want: { code: 'key-invalid', message: KEY_RULE },
    },
    {
      name: 'a certificate where the key goes',
      run: () => privateJwk(nodeCrypto, { keyPem: CERT_PEM, kid: KID, role: 'client_signing' }),
      want: { code: 'key-invalid', message: KEY_RULE },
    },
    {
      name: 'empty passphrase',
      run: () => exportPkcs12(nodeCrypto, { keyPem: KEY_PEM, certificatePem: CERT_PEM, passphrase: '', friendlyName: 'x' }),
      want: {
        code: 'passphrase-required',
        message: 'Enter a passphrase for the .p12 file. It protects the private key inside; Windows, Java and OpenSSL ask for it to open the file.',
      },
    },
    {
      name: 'an Arabic passphrase',
      run: () => exportPkcs12(nodeCrypto, { keyPem: KEY_PEM, certificatePem: CERT_PEM, passphrase: 'كلمة سر', friendlyName: 'x' }),
      want: {
        code: 'passphrase-not-ascii',
        message:
          'The passphrase contains U+0643; use only ASCII letters, digits, spaces and punctuation. Java cannot open a .p12 file whose passphrase has other characters.',
      },
    },
    {
      name: 'a tab in the passphrase',
      run: () => exportPkcs12(nodeCrypto, { keyPem: KEY_PEM, certificatePem: CERT_PEM, passphrase: 'a\tb', friendlyName: 'x' }),
      want: {
        code: 'passphrase-not-ascii',
        message:
          'The passphrase contains U+0009; use only ASCII letters, digits, spaces and punctuation. Java cannot open a .p12 file whose passphrase has other characters.',
      },
    },
    {
      name: 'a lone surrogate in the passphrase',
      run: () => exportPkcs12(nodeCrypto, { keyPem: KEY_PEM, certificatePem: CERT_PEM, passphrase: 'ab\ud800', friendlyName: 'x' }),
      want: {
        code: 'passphrase-not-ascii',
        message:
          'The passphrase contains U+D800; use only ASCII letters, digits, spaces and punctuation. Java cannot open a .p12 file whose passphrase has other characters.',
      },
    },
    {
      name: 'a passphrase of 9 characters',
      run: () => exportPkcs12(nodeCrypto, { keyPem: KEY_PEM, certificatePem: CERT_PEM, passphrase: 'nine char', friendlyName: 'x' }),
      want: {
        code: 'passphrase-too-short',
        message:
          'The passphrase has 9 characters; use at least 10. Anyone who gets the .p12 file can try passphrases against it offline, as fast as their computers allow, so a short one is soon guessed.',
      },
    },
    {
      name: 'the certificate of another key',
      run: () => exportPkcs12(nodeCrypto, { keyPem: KEY_PEM, certificatePem: CA_PEM, passphrase: 'ten chars!', friendlyName: 'x' }),
      want: {
        code: 'key-certificate-mismatch',
        message:
          'The certificate is not for this private key: their public keys differ. Choose the certificate the directory issued for the CSR made with this key.',
      },
    },
    {
      name: 'a broken chain certificate',
      run: () => exportPkcs12(nodeCrypto, { keyPem: KEY_PEM, certificatePem: CERT_PEM, chainPems: ['CA'], passphrase: 'ten chars!', friendlyName: 'x' }),
      want: { code: 'certificate-invalid', message: 'A CA certificate must be a PEM certificate, starting "-----BEGIN CERTIFICATE-----".' },
    },
  ];
  it.each(CASES)('$name: $want.code', async ({ run, want }) => {
    expect(await refusal(run())).toEqual(want);
  });
});

// ---------------------------------------------------------------------------
// exportPkcs12, read back with pkijs

// Every kind of printable ASCII the rule allows: space, quotes, backslash, shell characters.
const PASSPHRASE = `correct horse "battery" 'staple' \\ $HOME & ~!`;
const password = () => new TextEncoder().encode(PASSPHRASE).buffer;

/** The algorithm identifiers and parameters of a PBES2 AlgorithmIdentifier, as plain data. */
function describePbes2(algorithm: AlgorithmIdentifier) {
  const params = new PBES2Params({ schema: algorithm.algorithmParams });
  const kdf = new PBKDF2Params({ schema: params.keyDerivationFunc.algorithmParams });
  return {
    scheme: algorithm.algorithmId,
    kdf: params.keyDerivationFunc.algorithmId,
    saltLength: (kdf.salt as asn1js.OctetString).valueBlock.valueHexView.length,
    iterations: kdf.iterationCount,
    keyLength: kdf.keyLength,
    prf: kdf.prf?.algorithmId,
    prfParams: kdf.prf?.algorithmParams instanceof asn1js.Null,
    cipher: params.encryptionScheme.algorithmId,
    ivLength: (params.encryptionScheme.algorithmParams as asn1js.OctetString).valueBlock.valueHexView.length,
  };
}
const PBES2_AES256 = {
  scheme: PKCS12_OID.pbes2,
  kdf: PKCS12_OID.pbkdf2,
  saltLength: 16,
  iterations: PBKDF2_ITERATIONS,
  keyLength: undefined,
  prf: PKCS12_OID.hmacWithSHA256,
  prfParams: true,
  cipher: PKCS12_OID.aes256Cbc,
  ivLength: 16,
};

/** A bag's attributes as [OID, value] in the order they are encoded. */
function attributesOf(bag: SafeBag): Array<[string, string]> {
  return (bag.bagAttributes ?? []).map((attribute) => {
    const value = attribute.values[0];
    return [attribute.type, value instanceof asn1js.BmpString ? value.valueBlock.value : hex((value as asn1js.OctetString).valueBlock.valueHexView)];
  });
}

interface Opened {
  pfx: PFX;
  certBags: SafeBag[];
  keyBag: SafeBag<PKCS8ShroudedKeyBag>;
}

/** Checks the MAC and decrypts the certificates, as a reader of the file would. */
async function open(p12: Bytes, passphrase = PASSPHRASE): Promise<Opened> {
  const pfx = PFX.fromBER(p12);
  await pfx.parseInternalValues({ password: new TextEncoder().encode(passphrase).buffer }, engine);
  const authenticatedSafe = pfx.parsedValue!.authenticatedSafe!;
  await authenticatedSafe.parseInternalValues({ safeContents: [{ password: password() }, {}] }, engine);
  const [certs, keys] = authenticatedSafe.parsedValue.safeContents as Array<{ privacyMode: number; value: SafeContents }>;
  return { pfx, certBags: certs!.value.safeBags, keyBag: keys!.value.safeBags[0] as SafeBag<PKCS8ShroudedKeyBag> };
}

// Each export runs 3 × 600,000 iterations (about a second in Node, more with other tests beside it).
/**
 * The PFX and its key bag as they are, without the MAC check or decryption (each costs 600,000 iterations):
 * the key bag's attributes and encryption parameters are in the clear.
 */
function unopened(p12: Bytes): Pick<Opened, 'pfx' | 'keyBag'> {
  const pfx = PFX.fromBER(p12);
  const authenticatedSafe = AuthenticatedSafe.fromBER((pfx.authSafe.content as asn1js.OctetString).getValue());
  const data = authenticatedSafe.safeContents[1]!.content as asn1js.OctetString;
  const keyBag = SafeContents.fromBER(data.getValue()).safeBags[0] as SafeBag<PKCS8ShroudedKeyBag>;
  return { pfx, keyBag };
}

describe('exportPkcs12', { timeout: 60_000 }, () => {
  const INPUT: Pkcs12Input = { keyPem: KEY_PEM, certificatePem: CERT_PEM, passphrase: PASSPHRASE, friendlyName: 'Example signing' };
  let p12: Bytes;
  let opened: Opened;
  beforeAll(async () => {
    p12 = await exportPkcs12(nodeCrypto, INPUT);
    opened = await open(p12);
  }, 60_000);

  it('is a v3 PFX with an HMAC-SHA256 MAC: sha256 with NULL parameters, 16-byte salt, as many iterations as the PBKDF2', () => {
    const { pfx } = opened;
    const macData = pfx.macData!;
    expect({
      version: pfx.version,
      authSafe: pfx.authSafe.contentType,
      digestAlgorithm: macData.mac.digestAlgorithm.algorithmId,
      digestParams: macData.mac.digestAlgorithm.algorithmParams instanceof asn1js.Null,
      digestLength: macData.mac.digest.valueBlock.valueHexView.length,
      saltLength: macData.macSalt.valueBlock.valueHexView.length,
      iterations: macData.iterations,
    }).toEqual({
      version: 3,
      authSafe: PKCS12_OID.data,
      digestAlgorithm: PKCS12_OID.sha256,
      digestParams: true,
      digestLength: 32,
      saltLength: 16,
      iterations: MAC_ITERATIONS,
    });
    // Regression (issue 13): the MAC had 2,048 iterations, 97 times cheaper to guess against than the key's 100,000.
    expect(MAC_ITERATIONS).toBe(PBKDF2_ITERATIONS);
  });

  it('refuses a wrong passphrase at the MAC', async () => {
    await expect(open(p12, 'wrong')).rejects.toThrow('Integrity for the PKCS#12 data is broken!');
  });

  it('holds the certificates in PBES2 EncryptedData, then the key in Data, as OpenSSL orders them', () => {
    // Read afresh: pkijs's parseInternalValues rewrites the tags of what it decrypted.
    const pfx = PFX.fromBER(p12);
    const authenticatedSafe = AuthenticatedSafe.fromBER((pfx.authSafe.content as asn1js.OctetString).getValue());
    const [certs, keys] = authenticatedSafe.safeContents;
    expect([certs!.contentType, keys!.contentType]).toEqual([PKCS12_OID.encryptedData, PKCS12_OID.data]);
    const encrypted = new EncryptedData({ schema: certs!.content });
    expect(encrypted.version).toBe(0);
    expect(encrypted.encryptedContentInfo.contentType).toBe(PKCS12_OID.data);
    expect(describePbes2(encrypted.encryptedContentInfo.contentEncryptionAlgorithm)).toEqual(PBES2_AES256);
    expect(PBKDF2_ITERATIONS).toBe(600_000);
  });

  it('holds the certificate DER in a CertBag with friendlyName and the SHA-1 localKeyId', () => {
    expect(opened.certBags).toHaveLength(1);
    const [bag] = opened.certBags as [SafeBag<CertBag>];
    expect(bag.bagId).toBe(PKCS12_OID.certBag);
    expect(bag.bagValue.certId).toBe(PKCS12_OID.x509Certificate);
    expect(hex((bag.bagValue.certValue as asn1js.OctetString).valueBlock.valueHexView)).toBe(hex(CERT_DER));
    expect(attributesOf(bag)).toEqual([
      [PKCS12_OID.localKeyId, SHA1],
      [PKCS12_OID.friendlyName, 'Example signing'],
    ]);
  });

  it('holds the key as a PKCS8ShroudedKeyBag: PBES2, PBKDF2 HMAC-SHA256, AES-256-CBC, decrypting to the PKCS#8 DER', async () => {
    const { keyBag } = opened;
    expect(keyBag.bagId).toBe(PKCS12_OID.pkcs8ShroudedKeyBag);
    expect(describePbes2(keyBag.bagValue.encryptionAlgorithm)).toEqual(PBES2_AES256);
    expect(attributesOf(keyBag)).toEqual(attributesOf(opened.certBags[0]!));
    const decrypted = await new EncryptedData({
      encryptedContentInfo: new EncryptedContentInfo({
        contentEncryptionAlgorithm: keyBag.bagValue.encryptionAlgorithm,
        encryptedContent: keyBag.bagValue.encryptedData,
      }),
    }).decrypt({ password: password() }, engine);
    expect(hex(decrypted)).toBe(hex(fromPem('PRIVATE KEY', KEY_PEM)));
  });

  it('uses fresh salts and IVs each time', async () => {
    const again = unopened(await exportPkcs12(nodeCrypto, INPUT));
    const salt = (o: Pick<Opened, 'pfx'>) => hex(o.pfx.macData!.macSalt.valueBlock.valueHexView);
    const iv = (o: Pick<Opened, 'keyBag'>) =>
      hex(new PBES2Params({ schema: o.keyBag.bagValue.encryptionAlgorithm.algorithmParams }).encryptionScheme.algorithmParams.valueBlock.valueHexView);
    expect(salt(again)).not.toBe(salt(opened));
    expect(iv(again)).not.toBe(iv(opened));
  });

  it('adds chain certificates after the certificate, without attributes', async () => {
    const { certBags } = await open(await exportPkcs12(nodeCrypto, { ...INPUT, chainPems: [CA_PEM] }));
    expect(certBags.map((bag) => hex(((bag.bagValue as CertBag).certValue as asn1js.OctetString).valueBlock.valueHexView))).toEqual([
      hex(CERT_DER),
      hex(CA_DER),
    ]);
    expect(certBags.map((bag) => bag.bagAttributes?.length)).toEqual([2, undefined]);
  });

  // DER sorts a SET OF by encoding; the localKeyId attribute is 37 bytes, friendlyName 17 + 2 per character.
  const ORDER: Array<{ name: string; friendlyName: string; want: string[] }> = [
    { name: 'no friendlyName when empty', friendlyName: '', want: [PKCS12_OID.localKeyId] },
    { name: '10 characters: friendlyName first (same length, lower OID)', friendlyName: 'a'.repeat(10), want: [PKCS12_OID.friendlyName, PKCS12_OID.localKeyId] },
    { name: '11 characters: localKeyId first (shorter)', friendlyName: 'a'.repeat(11), want: [PKCS12_OID.localKeyId, PKCS12_OID.friendlyName] },
  ];
  it.each(ORDER)('orders bag attributes as DER: $name', async ({ friendlyName, want }) => {
    const { keyBag } = unopened(await exportPkcs12(nodeCrypto, { ...INPUT, friendlyName }));
    expect(attributesOf(keyBag).map(([type]) => type)).toEqual(want);
  });
});
