/**
 * RSA keys as DER structures: a PKCS#1 key wrapped as the PKCS#8 key it is,
 * the public half of a PKCS#8 key, an encrypted key recognised. keys.ts makes
 * keys with WebCrypto; this module reads the ones users bring.
 */

import * as asn1js from 'asn1js';
import { PrivateKeyInfo, PublicKeyInfo, RSAPrivateKey } from 'pkijs';
import { decode, decodeOrThrow } from './der';
import { OID } from './oid';
import type { Bytes } from './pem';

/** RFC 8017 §A.1: AlgorithmIdentifier { rsaEncryption, NULL }. */
function rsaEncryption(): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.rsaEncryption }), new asn1js.Null()] });
}

/**
 * RFC 5208 §5:
 *   PrivateKeyInfo ::= SEQUENCE { version Version, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING }
 * holding an RFC 8017 RSAPrivateKey, as `openssl pkey` writes a PKCS#1 key out.
 */
export function pkcs1ToPkcs8(pkcs1: Bytes): Bytes | undefined {
  if (!decode(RSAPrivateKey, pkcs1)) return undefined;
  const info = new asn1js.Sequence({
    value: [new asn1js.Integer({ value: 0 }), rsaEncryption(), new asn1js.OctetString({ valueHex: pkcs1 })],
  });
  return new Uint8Array(info.toBER());
}

/** RFC 5958 §3: EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING } */
export function isEncryptedPrivateKeyInfo(der: Bytes): boolean {
  let asn1: ReturnType<typeof asn1js.fromBER>;
  try {
    asn1 = asn1js.fromBER(der);
  } catch {
    return false;
  }
  if (asn1.offset !== der.byteLength || !(asn1.result instanceof asn1js.Sequence)) return false;
  const [algorithm, data, ...rest] = asn1.result.valueBlock.value;
  return (
    rest.length === 0 &&
    algorithm instanceof asn1js.Sequence &&
    algorithm.valueBlock.value[0] instanceof asn1js.ObjectIdentifier &&
    data instanceof asn1js.OctetString
  );
}

/**
 * RFC 8017 §A.1:
 *   RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
 *   RSAPrivateKey ::= SEQUENCE { version Version, modulus INTEGER, publicExponent INTEGER, … }
 * The two INTEGERs as they were encoded (pkijs's RSAPublicKey and RSAPrivateKey drop
 * the modulus's leading zero byte, which changes its DER and its sign).
 */
export function rsaPublicNumbers(der: Uint8Array, at: 0 | 1): [asn1js.Integer, asn1js.Integer] {
  const numbers = (asn1js.fromBER(der).result as asn1js.Sequence).valueBlock.value.slice(at, at + 2);
  if (!numbers.every((number) => number instanceof asn1js.Integer) || numbers.length !== 2) throw new Error('Not an RSA key');
  return numbers as [asn1js.Integer, asn1js.Integer];
}

export function spkiDer(spki: PublicKeyInfo): Bytes {
  return new Uint8Array(spki.toSchema().toBER());
}

/**
 * The public half of a PKCS#8 RSA key, as SubjectPublicKeyInfo DER:
 *   RFC 5280 §4.1: SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
 * holding an RSAPublicKey.
 */
export function publicKeyOfPrivateKey(pkcs8: Bytes): Bytes {
  const info = decodeOrThrow(PrivateKeyInfo, pkcs8, 'PKCS#8 key');
  const rsaPublicKey = new asn1js.Sequence({ value: rsaPublicNumbers(info.privateKey.valueBlock.valueHexView, 1) });
  const spki = new asn1js.Sequence({ value: [rsaEncryption(), new asn1js.BitString({ valueHex: rsaPublicKey.toBER() })] });
  return new Uint8Array(spki.toBER());
}
