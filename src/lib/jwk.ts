/** After issuance: the certificate's public key, or the private key, as a JWK (RFC 7517, RFC 7518 §6.3). */

import { readCertificate, readKey, refused, type RsaPrivateMembers } from './export-inputs';
import { toBase64, toBase64Url, type Bytes } from './pem';
import { ROLES, type RoleId } from './profile';

/** What the public and private JWKs share. */
interface RsaJwkMembers {
  readonly kty: 'RSA';
  readonly kid: string;
  readonly use?: 'sig' | 'enc';
  readonly alg?: 'PS256' | 'RSA-OAEP-256';
  readonly n: string;
  readonly e: string;
}

export interface RsaPublicJwk extends RsaJwkMembers {
  /** The certificate DER in standard base64 (RFC 7517 §4.7), not base64url. */
  readonly x5c: string[];
  /** base64url of the SHA-256 of the certificate DER (RFC 7517 §4.9); what RFC 8705 binds mTLS tokens to. */
  readonly 'x5t#S256': string;
}

/** The members of RFC 7518 §6.3.2 too: the private key. */
export type RsaPrivateJwk = RsaJwkMembers & RsaPrivateMembers;

/**
 * `use` and `alg` by the role's purpose: signing keys sign JWTs with PS256;
 * encryption keys receive RSA-OAEP-256 JWEs. Transport keys get neither:
 * they are for TLS, not JOSE. RFC 7517 registers only "sig" and "enc"; the
 * "tls" some Open Banking directories write is unregistered and strict
 * parsers reject it. Without `alg`, no JOSE library is told the key is for
 * any JWS or JWE algorithm; `x5t#S256` still identifies the certificate.
 */
function usage(role: RoleId): Pick<RsaPublicJwk, 'use' | 'alg'> {
  switch (ROLES[role].purpose) {
    case 'signing':
      return { use: 'sig', alg: 'PS256' };
    case 'encryption':
      return { use: 'enc', alg: 'RSA-OAEP-256' };
    case 'transport':
      return {};
  }
}

/** The certificate's public key as a JWK, members in the order kty, kid, use, alg, n, e, x5c, x5t#S256. */
export async function publicJwk(crypto: Crypto, input: { certificatePem: string; kid: string; role: RoleId }): Promise<RsaPublicJwk> {
  const kid = checkKid(input.kid);
  const { der, n, e } = await readCertificate(crypto, input.certificatePem, 'certificate');
  return { kty: 'RSA', kid, ...usage(input.role), n, e, x5c: [toBase64(der)], 'x5t#S256': await x5tS256(crypto, der) };
}

/** The private key as a JWK, members in the order kty, kid, use, alg, n, e, d, p, q, dp, dq, qi. Secret. */
export async function privateJwk(crypto: Crypto, input: { keyPem: string; kid: string; role: RoleId }): Promise<RsaPrivateJwk> {
  const kid = checkKid(input.kid);
  const { n, e, d, p, q, dp, dq, qi } = (await readKey(crypto, input.keyPem)).jwk;
  return { kty: 'RSA', kid, ...usage(input.role), n, e, d, p, q, dp, dq, qi };
}

function checkKid(kid: string): string {
  const trimmed = kid.trim();
  if (trimmed === '') {
    throw refused('kid-required', 'Enter the Key ID (kid) the Trust Framework directory showed when it issued the certificate.');
  }
  return trimmed;
}

/** base64url, unpadded, of the SHA-256 of the certificate DER (RFC 7517 §4.9): the directory's kid. */
export async function x5tS256(crypto: Crypto, der: Bytes): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', der)));
}
