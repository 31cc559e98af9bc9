/**
 * The signature an HSM or KMS made over the to-be-signed bytes: read from
 * what the signing commands print (base64, base64url, hex, the JSON of
 * `aws kms sign` or of the Key Vault sign operation, or the raw file that
 * gcloud and pkcs11-tool write), then checked against the public key before
 * anything is made. When it does not verify, the public RSA operation shows
 * what was signed, so the page can name the likely mistake.
 */

import { AppError, type ErrorCode } from './errors';
import { asText, decodeBase64, parseJsonObject } from './cli-output';
import type { RsaPublicKey } from './hsm-public-key';
import type { Bytes } from './pem';
import { fromBigInt, toBigInt, toHex } from './bytes';

/** RSA-2048: a signature is exactly as long as the modulus. */
export const SIGNATURE_BYTES = 256;
const MAX_SIGNATURE_INPUT = 16 * 1024;

/** Reads a signature from text or a dropped file. Never throws. */
export function readSignature(input: string | Uint8Array): Bytes | AppError {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  const unit = typeof input === 'string' ? 'characters' : 'bytes';
  if (size > MAX_SIGNATURE_INPUT) {
    return refuse('signature-unreadable', `This is ${size} ${unit} long; an RSA-2048 signature is ${SIGNATURE_BYTES} bytes (344 characters of base64). Paste only the signature.`);
  }
  const text = typeof input === 'string' ? input : asText(input);
  if (text === undefined) return checkLength(new Uint8Array(input as Uint8Array));
  const trimmed = text.trim();
  if (trimmed === '') return refuse('signature-unreadable', 'Paste the signature the signing command printed, or drop its file.');
  if (trimmed.startsWith('{')) return fromJson(trimmed);
  const hex = trimmed.replace(/[\s:]/g, '');
  if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === 2 * SIGNATURE_BYTES) return checkLength(fromBigInt(BigInt(`0x${hex}`), SIGNATURE_BYTES) as Bytes);
  const compact = trimmed.replace(/\s+/g, '');
  if (/[+/]/.test(compact) && /[-_]/.test(compact)) {
    return refuse(
      'signature-unreadable',
      'This mixes base64 (+ /) and base64url (- _) characters, so part of it was changed: copy the signature again, exactly as the command printed it.',
    );
  }
  const bytes = decodeBase64(compact);
  if (bytes === undefined) return refuse('signature-unreadable', 'This is not base64, base64url or hex: copy the signature again, exactly as the command printed it.');
  return checkLength(bytes);
}

/**
 * `aws kms sign`: { KeyId, Signature (base64), SigningAlgorithm }.
 * Key Vault sign: { kid, value (base64url) }.
 */
function fromJson(text: string): Bytes | AppError {
  const record = parseJsonObject(text);
  if (record === 'invalid') return refuse('signature-unreadable', 'This starts like JSON but is not valid JSON: paste the whole output of the command.');
  if (record === 'not-an-object') return refuse('signature-unreadable', 'This JSON has no signature in it.');
  const algorithm = record.SigningAlgorithm;
  if (typeof algorithm === 'string' && algorithm !== 'RSASSA_PKCS1_V1_5_SHA_256') {
    return refuse(
      algorithm.startsWith('RSASSA_PSS') ? 'signature-pss' : 'signature-wrong-digest',
      `AWS KMS signed with ${algorithm}; the CSR needs RSASSA_PKCS1_V1_5_SHA_256. Run the sign command again with --signing-algorithm RSASSA_PKCS1_V1_5_SHA_256.`,
      algorithm,
    );
  }
  const encoded = typeof record.Signature === 'string' ? record.Signature : typeof record.value === 'string' ? record.value : undefined;
  if (encoded === undefined) return refuse('signature-unreadable', 'This JSON has neither a Signature (aws kms sign) nor a value (Key Vault sign).');
  return readSignature(encoded);
}

function checkLength(bytes: Bytes): Bytes | AppError {
  if (bytes.byteLength === SIGNATURE_BYTES) return bytes;
  return refuse(
    'signature-length',
    `This signature is ${bytes.byteLength} bytes; an RSA-2048 signature is ${SIGNATURE_BYTES}. Check that you copied all of it, and that the key is RSA 2048.`,
    String(bytes.byteLength),
  );
}

// ---------------------------------------------------------------------------
// Checking it

/** DigestInfo prefixes (RFC 8017 §9.2, note 1): the DER before the hash. */
const DIGEST_INFO: Record<string, string> = {
  'SHA-256': '3031300d060960864801650304020105000420',
  'SHA-1': '3021300906052b0e03021a05000414',
  'SHA-384': '3041300d060960864801650304020205000430',
  'SHA-512': '3051300d060960864801650304020305000440',
  'SHA-256 (no NULL)': '302f300b0609608648016503040201' + '0420',
};

/**
 * Whether `signature` is RSASSA-PKCS1-v1_5 with SHA-256 over `tbs` by `key`.
 * If not, the error says which mistake it most likely is: another key,
 * RSA-PSS, the bytes hashed twice, a digest without its DigestInfo, another
 * digest, the to-be-signed bytes of an earlier request (`earlier` holds
 * their SHA-256 digests), or other bytes altogether.
 */
export async function checkSignature(
  crypto: Crypto,
  key: RsaPublicKey,
  tbs: Bytes,
  signature: Bytes,
  earlier: readonly Uint8Array[] = [],
): Promise<AppError | undefined> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const publicKey = await crypto.subtle.importKey('spki', key.spki, algorithm, false, ['verify']);
  if (await crypto.subtle.verify(algorithm.name, publicKey, signature, tbs)) return undefined;

  const s = toBigInt(signature);
  if (s >= key.modulus) return otherKey();
  // The public operation, s^e mod n: what the signer encoded (EMSA), readable by anyone with the public key.
  const encoded = toHex(fromBigInt(modPow(s, key.exponent, key.modulus), SIGNATURE_BYTES));
  // A PSS encoding ends in 0xBC, but so does one in 256 encodings of a signature by another key: verify as PSS to be sure.
  if (encoded.endsWith('bc') && (await isPss(crypto, key, tbs, signature))) {
    return refuse('signature-pss', 'This signature is RSA-PSS. The CSR needs PKCS#1 v1.5 (sha256WithRSAEncryption): sign again with RSASSA_PKCS1_V1_5_SHA_256, RS256 or SHA256-RSA-PKCS.');
  }
  const padding = /^0001(ff){8,}00/.exec(encoded);
  if (!padding) return otherKey();
  const payload = encoded.slice(padding[0].length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', tbs));
  if (payload.startsWith(DIGEST_INFO['SHA-256']!)) {
    const signed = payload.slice(DIGEST_INFO['SHA-256']!.length);
    const twice = new Uint8Array(await crypto.subtle.digest('SHA-256', digest));
    if (signed === toHex(twice)) {
      return refuse(
        'signature-hashed-twice',
        'The bytes were hashed twice: the signer hashed what it was given, and it was given the SHA-256 digest. Give it the to-be-signed bytes themselves (AWS --message-type RAW, gcloud --input-file, pkcs11-tool SHA256-RSA-PKCS), or the digest in a mode that does not hash again (AWS --message-type DIGEST, Key Vault sign).',
      );
    }
    if (earlier.some((each) => toHex(each) === signed)) {
      return refuse('signature-earlier-request', 'This signature is over the to-be-signed bytes of an earlier request, not the current one. Download the to-be-signed bytes again and sign those.');
    }
    return refuse('signature-other-bytes', 'The key signed other bytes than these to-be-signed bytes: sign the file downloaded from this page, unchanged (not a copy with other line endings, and not the digest in hex).');
  }
  if (payload === toHex(digest)) {
    return refuse('signature-no-digest-info', 'The SHA-256 digest was signed without its DigestInfo (raw RSA-PKCS over the hash). Sign with SHA256-RSA-PKCS on the bytes, or RSA-PKCS on the DigestInfo.');
  }
  for (const [name, prefix] of Object.entries(DIGEST_INFO)) {
    if (payload.startsWith(prefix)) {
      return refuse('signature-wrong-digest', `This signature uses ${name}; the CSR needs SHA-256. Sign again with SHA-256.`, name);
    }
  }
  return refuse('signature-other-bytes', 'The key signed something other than these to-be-signed bytes: sign the file downloaded from this page, unchanged.');
}

/** RSASSA-PSS with SHA-256 and the salt lengths signers use: the hash length (AWS, Key Vault's PS256) or the most that fits. */
async function isPss(crypto: Crypto, key: RsaPublicKey, tbs: Bytes, signature: Bytes): Promise<boolean> {
  const algorithm = { name: 'RSA-PSS', hash: 'SHA-256' };
  const publicKey = await crypto.subtle.importKey('spki', key.spki, algorithm, false, ['verify']);
  for (const saltLength of [32, SIGNATURE_BYTES - 32 - 2]) {
    if (await crypto.subtle.verify({ name: 'RSA-PSS', saltLength }, publicKey, signature, tbs)) return true;
  }
  return false;
}

function otherKey(): AppError {
  return refuse('signature-other-key', 'This signature was not made by the key whose public key you gave: sign with the same key you exported, or paste that key\'s public key.');
}

/** Square-and-multiply; the exponent is public (65537), so no constant time is needed. */
function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}


function refuse(code: ErrorCode, message: string, token?: string): AppError {
  return new AppError(code, message, { field: 'signature', params: token === undefined ? {} : { token } });
}
