/**
 * What an export starts from, read and checked with messages a person can act
 * on: the private key (unencrypted PKCS#8 PEM, as this tool writes the .key)
 * and certificates (PEM) with their RSA public key.
 */

import type * as asn1js from 'asn1js';
import { Certificate } from 'pkijs';
import { AppError, type ErrorCode } from './errors';
import { importPrivateKeyPem } from './keys';
import { OID } from './oid';
import { fromPem, type Bytes } from './pem';

export type ExportErrorCode = Extract<
  ErrorCode,
  'passphrase-required' | 'passphrase-not-ascii' | 'passphrase-too-short' | 'key-invalid' | 'certificate-invalid' | 'key-certificate-mismatch' | 'kid-required'
>;

/** Why an export was refused: an AppError with one of the export codes. */
export function refused(code: ExportErrorCode, message: string, options: { cause?: unknown; params?: { limit?: string } } = {}): AppError {
  return new AppError(code, message, options);
}

/** The RSA members of a private JWK, base64url. */
export interface RsaPrivateMembers {
  readonly n: string;
  readonly e: string;
  readonly d: string;
  readonly p: string;
  readonly q: string;
  readonly dp: string;
  readonly dq: string;
  readonly qi: string;
}

export async function readKey(crypto: Crypto, pem: string): Promise<{ pkcs8: Bytes; jwk: RsaPrivateMembers }> {
  try {
    const { privateKey } = await importPrivateKeyPem(crypto, pem);
    const jwk = await crypto.subtle.exportKey('jwk', privateKey);
    return { pkcs8: fromPem('PRIVATE KEY', pem), jwk: jwk as RsaPrivateMembers };
  } catch (cause) {
    throw refused(
      'key-invalid',
      'The private key must be the .key file made with the CSR: an unencrypted RSA key in PKCS#8 PEM, starting "-----BEGIN PRIVATE KEY-----".',
      { cause },
    );
  }
}

/** A certificate's DER and its RSA public key members, base64url as in a JWK. */
export async function readCertificate(crypto: Crypto, pem: string, which: 'certificate' | 'chain'): Promise<{ der: Bytes; n: string; e: string }> {
  const what = which === 'certificate' ? 'The certificate' : 'A CA certificate';
  try {
    const der = fromPem('CERTIFICATE', pem);
    const spki = Certificate.fromBER(der).subjectPublicKeyInfo;
    if (spki.algorithm.algorithmId !== OID.rsaEncryption) {
      throw refused('certificate-invalid', `${what} does not hold an RSA public key; AlTareq certificates are RSA 2048.`);
    }
    // WebCrypto reads the key and writes n and e in JWK form (base64url, no leading zero).
    const publicKey = await crypto.subtle.importKey('spki', encode(spki), { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']);
    const { n, e } = await crypto.subtle.exportKey('jwk', publicKey);
    return { der, n: n!, e: e! };
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw refused('certificate-invalid', `${what} must be a PEM certificate, starting "-----BEGIN CERTIFICATE-----".`, { cause });
  }
}

export function encode(value: { toSchema(): asn1js.BaseBlock }): ArrayBuffer {
  return value.toSchema().toBER();
}

