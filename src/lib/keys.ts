/**
 * RSA-2048 keys, e=65537, made by WebCrypto, and their PKCS#8 export.
 * The key is generated for RSASSA-PKCS1-v1_5 with SHA-256 because that is
 * how the CSR is signed; its PKCS#8 form is a plain rsaEncryption key that
 * OpenSSL and every other tool can use for PS256 or RSA-OAEP-256 too.
 */

import { toHex } from './bytes';
import { fromPem, toPem, type Bytes } from './pem';

export const RSA_KEY_ALGORITHM: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([0x01, 0x00, 0x01]),
  hash: 'SHA-256',
};

export async function generateRsaKeyPair(crypto: Crypto): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(RSA_KEY_ALGORITHM, true, ['sign', 'verify']);
}

/** Unencrypted PKCS#8 PEM: `-----BEGIN PRIVATE KEY-----`, as `openssl req -nodes` writes. */
export async function exportPrivateKeyPem(crypto: Crypto, privateKey: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey('pkcs8', privateKey);
  return toPem('PRIVATE KEY', new Uint8Array(der));
}

/** SubjectPublicKeyInfo DER, as in the CSR. */
export async function exportPublicKeyDer(crypto: Crypto, publicKey: CryptoKey): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
}

/**
 * A key pair from a PKCS#8 PEM. WebCrypto cannot derive a public key from a
 * private one directly, so the public half is rebuilt from the JWK's n and e.
 */
export async function importPrivateKeyPem(crypto: Crypto, pem: string): Promise<CryptoKeyPair> {
  const privateKey = await crypto.subtle.importKey('pkcs8', fromPem('PRIVATE KEY', pem), RSA_KEY_ALGORITHM, true, ['sign']);
  const { kty, n, e } = await crypto.subtle.exportKey('jwk', privateKey);
  const publicKey = await crypto.subtle.importKey('jwk', { kty, n, e }, RSA_KEY_ALGORITHM, true, ['verify']);
  return { privateKey, publicKey };
}

/**
 * SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex: the same digits as
 * `openssl pkey -pubin -outform DER | openssl dgst -sha256`.
 */
export async function publicKeyFingerprint(crypto: Crypto, spkiDer: Bytes): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', spkiDer));
  return toHex(digest);
}
