import { beforeAll, describe, expect, it } from 'vitest';
import {
  exportPrivateKeyPem,
  exportPublicKeyDer,
  generateRsaKeyPair,
  importPrivateKeyPem,
  publicKeyFingerprint,
} from '../../src/lib/keys';
import { nodeCrypto, readFixture, TEST_KEY_FINGERPRINT } from '../support/fixtures';


const RSASSA_SHA256_2048 = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([0x01, 0x00, 0x01]),
  hash: { name: 'SHA-256' },
};

describe('generateRsaKeyPair', () => {
  let keys: CryptoKeyPair;
  beforeAll(async () => {
    keys = await generateRsaKeyPair(nodeCrypto);
  });

  it('makes RSA-2048, e=65537, for RSASSA-PKCS1-v1_5 with SHA-256', () => {
    expect(keys.privateKey.algorithm).toEqual(RSASSA_SHA256_2048);
    expect(keys.publicKey.algorithm).toEqual(RSASSA_SHA256_2048);
  });

  it('makes an extractable private key that signs and a public key that verifies', () => {
    expect([keys.privateKey.type, keys.privateKey.extractable, keys.privateKey.usages]).toEqual(['private', true, ['sign']]);
    expect([keys.publicKey.type, keys.publicKey.usages]).toEqual(['public', ['verify']]);
  });

  it('exports unencrypted PKCS#8 PEM in lines of 64 with LF and a trailing newline', async () => {
    const pem = await exportPrivateKeyPem(nodeCrypto, keys.privateKey);
    const lines = pem.split('\n');
    expect(pem.startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
    expect(pem.endsWith('\n-----END PRIVATE KEY-----\n')).toBe(true);
    expect(pem).not.toContain('\r');
    const body = lines.slice(1, -2);
    expect(body.slice(0, -1).every((line) => line.length === 64)).toBe(true);
    expect(body.at(-1)!.length).toBeLessThanOrEqual(64);
  });

  it('makes a different key each time', async () => {
    const other = await generateRsaKeyPair(nodeCrypto);
    const fingerprint = async ({ publicKey }: CryptoKeyPair) =>
      publicKeyFingerprint(nodeCrypto, await exportPublicKeyDer(nodeCrypto, publicKey));
    expect(await fingerprint(other)).not.toBe(await fingerprint(keys));
  });
});

describe('importPrivateKeyPem', () => {
  const pem = readFixture('test-key.pem');

  it('rebuilds the public key: its SPKI SHA-256 is what OpenSSL prints', async () => {
    const { publicKey } = await importPrivateKeyPem(nodeCrypto, pem);
    expect(await publicKeyFingerprint(nodeCrypto, await exportPublicKeyDer(nodeCrypto, publicKey))).toBe(TEST_KEY_FINGERPRINT);
  });

  it('gives a pair whose public key verifies what the private key signs', async () => {
    const { privateKey, publicKey } = await importPrivateKeyPem(nodeCrypto, pem);
    const data = new TextEncoder().encode('AlTareq');
    const signature = await nodeCrypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey, data);
    expect(await nodeCrypto.subtle.verify('RSASSA-PKCS1-v1_5', publicKey, signature, data)).toBe(true);
  });

  it('exports the key back to the same PEM OpenSSL wrote', async () => {
    const { privateKey } = await importPrivateKeyPem(nodeCrypto, pem);
    expect(await exportPrivateKeyPem(nodeCrypto, privateKey)).toBe(pem);
  });

  it('refuses text with no PRIVATE KEY block', async () => {
    await expect(importPrivateKeyPem(nodeCrypto, pem.replaceAll('PRIVATE KEY', 'RSA PRIVATE KEY'))).rejects.toThrow(
      'No "PRIVATE KEY" PEM block found',
    );
  });
});

describe('publicKeyFingerprint', () => {
  it.each([
    { name: 'empty input', input: new Uint8Array(), want: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    { name: '"abc"', input: new TextEncoder().encode('abc'), want: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
  ])('is lowercase hex SHA-256 of the bytes: $name', async ({ input, want }) => {
    expect(await publicKeyFingerprint(nodeCrypto, input)).toBe(want);
  });
});
