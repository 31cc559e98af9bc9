/**
 * The public key of a key that lives in an HSM or a cloud KMS, read from what
 * the export commands really print: PEM SubjectPublicKeyInfo (Azure, Google,
 * OpenSSL), PEM RSA PUBLIC KEY, DER (pkcs11-tool), base64 DER, the JSON of
 * `aws kms get-public-key`, a JWK (Azure's `az keyvault key show` nests it in
 * `key`), or a certificate. Only RSA-2048 with e=65537 is accepted, and the
 * SubjectPublicKeyInfo is re-encoded from its numbers, so the CSR holds the
 * same DER OpenSSL would write. Never throws: a problem is an AppError.
 */

import * as asn1js from 'asn1js';
import { AppError } from './errors';
import { OID } from './oid';
import { asText, decodeBase64, isObject, parseJsonObject } from './cli-output';
import type { Bytes } from './pem';
import { fromBigInt, toBigInt } from './bytes';

/** An export is a few hundred bytes; a certificate chain a few KiB. */
export const MAX_PUBLIC_KEY_INPUT = 64 * 1024;

export const KEY_SPEC_ADVICE =
  'Create an RSA 2048-bit signing key: AWS KMS key spec RSA_2048 with key usage SIGN_VERIFY; Google Cloud KMS algorithm RSA_SIGN_PKCS1_2048_SHA256; Azure Key Vault key type RSA-HSM, size 2048; PKCS#11 --key-type rsa:2048.';

export type PublicKeySource = 'pem' | 'der' | 'base64' | 'aws-json' | 'jwk' | 'certificate';

export interface RsaPublicKey {
  /** SubjectPublicKeyInfo DER, as OpenSSL encodes it: rsaEncryption with NULL parameters. */
  readonly spki: Bytes;
  readonly modulus: bigint;
  readonly exponent: bigint;
  /** What the input was, to say so on the page. */
  readonly source: PublicKeySource;
}

/** Reads a public key from text or bytes. */
export function readPublicKey(input: string | Uint8Array): RsaPublicKey | AppError {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  const unit = typeof input === 'string' ? 'characters' : 'bytes';
  if (size > MAX_PUBLIC_KEY_INPUT) {
    return refuse('public-key-unreadable', `This is ${size} ${unit} long; a public key export is under ${MAX_PUBLIC_KEY_INPUT / 1024} KiB. Paste only what the export command printed.`);
  }
  const text = typeof input === 'string' ? input : asText(input);
  if (text === undefined) return fromDer(input as Uint8Array, 'der');
  const trimmed = text.trim();
  if (trimmed === '') return refuse('public-key-unreadable', 'Paste the public key the export command printed, or drop its file.');
  if (trimmed.startsWith('{')) return fromJson(trimmed);
  if (trimmed.includes('-----BEGIN')) return fromPemText(trimmed);
  const der = decodeBase64(trimmed);
  if (der !== undefined) return fromDer(der, 'base64');
  return refuse(
    'public-key-unreadable',
    'This is not a public key this page reads: paste PEM (-----BEGIN PUBLIC KEY-----), base64 DER, the JSON of aws kms get-public-key, a JWK, or a certificate.',
  );
}

// ---------------------------------------------------------------------------
// The shapes of input

function fromJson(text: string): RsaPublicKey | AppError {
  const value = parseJsonObject(text);
  if (value === 'invalid') return refuse('public-key-unreadable', 'This starts like JSON but is not valid JSON: paste the whole output of the command.');
  if (value === 'not-an-object') return refuse('public-key-unreadable', 'This JSON is not an object with a public key.');
  // aws kms get-public-key: { KeyId, PublicKey (base64 DER), KeySpec, KeyUsage, SigningAlgorithms, … }
  if (typeof value.PublicKey === 'string') {
    const keySpec = value.KeySpec ?? value.CustomerMasterKeySpec;
    if (typeof keySpec === 'string' && keySpec !== 'RSA_2048') {
      return refuse('public-key-not-rsa-2048', `This AWS KMS key's key spec is ${keySpec}. ${KEY_SPEC_ADVICE}`, keySpec);
    }
    if (value.KeyUsage === 'ENCRYPT_DECRYPT') {
      return refuse(
        'public-key-cannot-sign',
        'This AWS KMS key was created with key usage ENCRYPT_DECRYPT, so it cannot sign, not even its own CSR. Create the key with key usage SIGN_VERIFY.',
        'ENCRYPT_DECRYPT',
      );
    }
    const der = decodeBase64(value.PublicKey);
    if (der === undefined) return refuse('public-key-unreadable', 'The JSON\'s PublicKey is not base64.');
    return fromDer(der, 'aws-json');
  }
  const jwk = isObject(value.key) ? value.key : value;
  if (typeof jwk.kty === 'string') return fromJwk(jwk);
  return refuse('public-key-unreadable', 'This JSON has neither a PublicKey (aws kms get-public-key) nor a JWK (kty, n, e).');
}

function fromJwk(jwk: Record<string, unknown>): RsaPublicKey | AppError {
  if (jwk.kty !== 'RSA' && jwk.kty !== 'RSA-HSM') {
    return refuse('public-key-not-rsa-2048', `This JWK's key type is ${String(jwk.kty)}. ${KEY_SPEC_ADVICE}`, String(jwk.kty));
  }
  const n = typeof jwk.n === 'string' ? decodeBase64(jwk.n) : undefined;
  const e = typeof jwk.e === 'string' ? decodeBase64(jwk.e) : undefined;
  if (n === undefined || e === undefined) return refuse('public-key-unreadable', 'This JWK has no base64url n and e.');
  return checkRsa(toBigInt(n), toBigInt(e), 'jwk');
}

/** The first PEM block this page reads; finds each BEGIN and then its END, a linear scan. */
function fromPemText(text: string): RsaPublicKey | AppError {
  let from = 0;
  for (;;) {
    const begin = text.indexOf('-----BEGIN ', from);
    if (begin === -1) break;
    const labelEnd = text.indexOf('-----', begin + 11);
    if (labelEnd === -1) break;
    const label = text.slice(begin + 11, labelEnd);
    const end = text.indexOf(`-----END ${label}-----`, labelEnd + 5);
    if (end === -1) {
      return refuse('public-key-unreadable', `The PEM block "${label.slice(0, 40)}" has no END line: paste all of it.`);
    }
    const der = decodeBase64(text.slice(labelEnd + 5, end));
    if (label === 'PUBLIC KEY' || label === 'RSA PUBLIC KEY' || label === 'CERTIFICATE') {
      if (der === undefined) return refuse('public-key-unreadable', `The PEM block "${label}" is not base64: paste it again, whole.`);
      return fromDer(der, label === 'CERTIFICATE' ? 'certificate' : 'pem');
    }
    if (label.includes('PRIVATE KEY')) {
      return refuse(
        'public-key-is-private',
        'This is a private key. Paste only the public key: the private key of an HSM or KMS key never leaves it, and this page needs only the public half.',
      );
    }
    from = end;
  }
  return refuse('public-key-unreadable', 'No PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE PEM block was found.');
}

/** SubjectPublicKeyInfo, RSAPublicKey or Certificate DER. */
function fromDer(der: Uint8Array, source: PublicKeySource): RsaPublicKey | AppError {
  const parsed = decodeDer(der);
  if (!(parsed instanceof asn1js.Sequence)) {
    return refuse('public-key-unreadable', 'These bytes are not a DER public key: export it again, as PEM or DER.');
  }
  const items = parsed.valueBlock.value;
  // RFC 8017 §A.1.1: RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
  if (items.length === 2 && items[0] instanceof asn1js.Integer && items[1] instanceof asn1js.Integer) {
    return checkRsa(unsignedInteger(items[0]), unsignedInteger(items[1]), source);
  }
  // RFC 5280 §4.1: SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
  if (items.length === 2 && items[0] instanceof asn1js.Sequence && items[1] instanceof asn1js.BitString) {
    return fromSpki(items[0], items[1], source);
  }
  // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version, serial, signature, issuer, validity, subject, subjectPublicKeyInfo, … }, … }
  const tbs = items[0];
  if (items.length === 3 && tbs instanceof asn1js.Sequence) {
    const fields = tbs.valueBlock.value;
    const spki = fields[fields[0]?.idBlock.tagClass === 3 ? 6 : 5];
    if (spki instanceof asn1js.Sequence) {
      const [algorithm, key] = spki.valueBlock.value;
      if (algorithm instanceof asn1js.Sequence && key instanceof asn1js.BitString) return fromSpki(algorithm, key, 'certificate');
    }
  }
  return refuse('public-key-unreadable', 'These bytes are DER but not a public key or a certificate: export the public key again.');
}

function fromSpki(algorithm: asn1js.Sequence, key: asn1js.BitString, source: PublicKeySource): RsaPublicKey | AppError {
  const oid = algorithm.valueBlock.value[0];
  const id = oid instanceof asn1js.ObjectIdentifier ? oid.valueBlock.toString() : '';
  if (id === OID.ecPublicKey) {
    return refuse('public-key-not-rsa-2048', `This is an elliptic-curve key; the Trust Framework requires RSA 2048. ${KEY_SPEC_ADVICE}`, 'EC');
  }
  if (id === OID.rsassaPss) {
    return refuse('public-key-not-rsa-2048', `This RSA key is restricted to RSA-PSS, which cannot sign a CSR with sha256WithRSAEncryption. ${KEY_SPEC_ADVICE}`, 'RSASSA-PSS');
  }
  if (id !== OID.rsaEncryption) {
    return refuse('public-key-not-rsa-2048', `This key's algorithm is ${id || 'unknown'}, not RSA. ${KEY_SPEC_ADVICE}`, id);
  }
  const inner = decodeDer(key.valueBlock.valueHexView);
  const numbers = inner instanceof asn1js.Sequence ? inner.valueBlock.value : [];
  if (numbers.length !== 2 || !(numbers[0] instanceof asn1js.Integer) || !(numbers[1] instanceof asn1js.Integer)) {
    return refuse('public-key-unreadable', 'The RSA public key inside is damaged: export it again.');
  }
  return checkRsa(unsignedInteger(numbers[0]), unsignedInteger(numbers[1]), source);
}

function checkRsa(modulus: bigint, exponent: bigint, source: PublicKeySource): RsaPublicKey | AppError {
  const bits = modulus === 0n ? 0 : modulus.toString(2).length;
  if (bits !== 2048) {
    return refuse('public-key-not-rsa-2048', `This RSA key is ${bits} bits; the Trust Framework requires 2048. ${KEY_SPEC_ADVICE}`, `RSA-${bits}`);
  }
  if (exponent !== 65537n) {
    return refuse('public-key-not-rsa-2048', `This RSA key's public exponent is ${exponent}; the Trust Framework profile uses 65537. ${KEY_SPEC_ADVICE}`, `e=${exponent}`);
  }
  return { spki: encodeSpki(modulus, exponent), modulus, exponent, source };
}

/** RFC 5280 §4.1 and RFC 8017 §A.1: SubjectPublicKeyInfo { { rsaEncryption, NULL }, BIT STRING { RSAPublicKey } }. */
export function encodeSpki(modulus: bigint, exponent: bigint): Bytes {
  const rsaPublicKey = new asn1js.Sequence({ value: [derInteger(modulus), derInteger(exponent)] });
  const algorithm = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.rsaEncryption }), new asn1js.Null()] });
  return new Uint8Array(new asn1js.Sequence({ value: [algorithm, new asn1js.BitString({ valueHex: rsaPublicKey.toBER() })] }).toBER());
}

// ---------------------------------------------------------------------------
// Bytes and numbers

/** One whole DER value, or undefined: asn1js throws on some malformed input (a bad GeneralizedTime) rather than reporting it. */
function decodeDer(der: Uint8Array): asn1js.AsnType | undefined {
  try {
    const parsed = asn1js.fromBER(der);
    return parsed.offset === der.byteLength ? parsed.result : undefined;
  } catch {
    return undefined;
  }
}

/** A positive INTEGER: big-endian, with a leading zero byte when the top bit is set (X.690 §8.3). */
function derInteger(value: bigint): asn1js.Integer {
  const bytes = fromBigInt(value);
  const body = bytes[0]! & 0x80 ? Uint8Array.of(0, ...bytes) : bytes;
  return new asn1js.Integer({ valueHex: body });
}



function unsignedInteger(integer: asn1js.Integer): bigint {
  return toBigInt(integer.valueBlock.valueHexView);
}




function refuse(code: 'public-key-unreadable' | 'public-key-not-rsa-2048' | 'public-key-cannot-sign' | 'public-key-is-private', message: string, token?: string): AppError {
  return new AppError(code, message, { field: 'publicKey', params: token === undefined ? {} : { token } });
}
