/**
 * PKCS#10 certification requests (RFC 2986), built and signed the way
 * OpenSSL 3 does for `openssl req -new -utf8 -subj … -addext …`:
 * version 0, sha256WithRSAEncryption, `attributes [0]` always present,
 * and a subject of one RDN per attribute.
 */

import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, Attribute, CertificationRequest, PublicKeyInfo, RelativeDistinguishedNames } from 'pkijs';
import { RSA_KEY_ALGORITHM, exportPublicKeyDer } from './keys';
import { OID } from './oid';
import type { Bytes } from './pem';
import { keyUsageBit, type KeyUsageName } from './key-usage';
import { ROLES } from './profile';
import type { CertificateRequest } from './request';
import { subjectAttributes, type Subject } from './subject';
import { concat } from './bytes';

/** Builds and signs the CSR for `request` with `keys`; returns its DER. */
export async function buildCsr(crypto: Crypto, request: CertificateRequest, keys: CryptoKeyPair): Promise<Bytes> {
  return signRequest(crypto, request, await exportPublicKeyDer(crypto, keys.publicKey), keys.privateKey);
}

/** The same, for a caller that has already exported the public key (SubjectPublicKeyInfo DER). */
export async function signRequest(crypto: Crypto, request: CertificateRequest, spki: Bytes, privateKey: CryptoKey): Promise<Bytes> {
  const tbs = toBeSigned(request, spki);
  const signature = await crypto.subtle.sign(RSA_KEY_ALGORITHM.name, privateKey, tbs);
  return assembleCsr(tbs, new Uint8Array(signature));
}

/**
 * The DER CertificationRequestInfo for `request` and a public key: the bytes
 * that get signed, here with WebCrypto or, for a key in an HSM or KMS, by it.
 */
export function toBeSigned(request: CertificateRequest, spki: Bytes): Bytes {
  return encodeRequestInfo(unsignedRequest(request, spki));
}

/**
 * RFC 2986 §4.2:
 *   CertificationRequest ::= SEQUENCE {
 *     certificationRequestInfo CertificationRequestInfo,
 *     signatureAlgorithm AlgorithmIdentifier, signature BIT STRING }
 * with sha256WithRSAEncryption and the NULL parameters RFC 4055 §5 requires
 * (and OpenSSL writes; pkijs's own sign() leaves them out). `tbs` goes in as
 * it is, byte for byte: it is what was signed.
 */
export function assembleCsr(tbs: Bytes, signature: Uint8Array): Bytes {
  const algorithm = new AlgorithmIdentifier({ algorithmId: OID.sha256WithRSAEncryption, algorithmParams: new asn1js.Null() });
  const tail = [algorithm.toSchema().toBER(), new asn1js.BitString({ valueHex: signature }).toBER()].map((part) => new Uint8Array(part));
  const body = concat([tbs, ...tail]);
  return concat([derHeader(0x30, body.byteLength), body]);
}

/** X.690 §8.1.2–8.1.3: a tag and a definite length, short form below 128. */
function derHeader(tag: number, length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(tag, length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Uint8Array.of(tag, 0x80 | bytes.length, ...bytes);
}


/** The CertificationRequestInfo for `request` and a public key (SubjectPublicKeyInfo DER), not yet signed. */
export function unsignedRequest(request: CertificateRequest, spki: Bytes): CertificationRequest {
  return new CertificationRequest({
    version: 0,
    // pkijs would put every attribute in one SET (a multi-valued RDN); hand it the DER we built instead.
    subject: new RelativeDistinguishedNames({ valueBeforeDecode: toArrayBuffer(encodeName(request.subject)) }),
    subjectPublicKeyInfo: PublicKeyInfo.fromBER(spki),
    attributes: requestedAttributes(request),
  });
}

/** The DER that gets signed. toSchema(true) encodes the CertificationRequestInfo afresh, as its first element. */
export function encodeRequestInfo(csr: CertificationRequest): Bytes {
  return new Uint8Array(csr.toSchema(true).valueBlock.value[0]!.toBER());
}

const ATTRIBUTE_TYPES = { C: OID.countryName, O: OID.organizationName, OU: OID.organizationalUnitName, CN: OID.commonName };

/**
 * RFC 5280 §4.1.2.4:
 *   Name ::= CHOICE { rdnSequence RDNSequence }
 *   RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
 *   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 *   AttributeTypeAndValue ::= SEQUENCE { type AttributeType, value AttributeValue }
 * One attribute per RDN; C is a PrintableString (X.520 CountryName), the rest
 * UTF8String, as OpenSSL 3 encodes them.
 */
export function encodeName(subject: Subject): Bytes {
  const rdns = subjectAttributes(subject).map(
    ([name, value]) =>
      new asn1js.Set({
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.ObjectIdentifier({ value: ATTRIBUTE_TYPES[name] }),
              name === 'C' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
            ],
          }),
        ],
      }),
  );
  return new Uint8Array(new asn1js.Sequence({ value: rdns }).toBER());
}

/**
 * RFC 2986 §4.1: attributes [0] Attributes, here at most one extensionRequest
 * (RFC 2985 §5.4.2) holding the role's Extensions. With no extensions the set
 * is empty but present, as OpenSSL writes it.
 */
function requestedAttributes(request: CertificateRequest): Attribute[] {
  const extensions = requestedExtensions(request);
  if (extensions.length === 0) return [];
  return [new Attribute({ type: OID.extensionRequest, values: [new asn1js.Sequence({ value: extensions })] })];
}

/** The extensions, in the order OpenSSL writes them for `-addext` keyUsage, extendedKeyUsage, subjectAltName. */
function requestedExtensions(request: CertificateRequest): asn1js.Sequence[] {
  const extensions: asn1js.Sequence[] = [];
  if (request.extensions === 'profile') {
    const role = ROLES[request.role];
    if (role.keyUsage.length > 0) extensions.push(extension(OID.keyUsage, true, encodeKeyUsage(role.keyUsage)));
    if (role.extendedKeyUsage.length > 0) {
      // ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId
      const purposes = role.extendedKeyUsage.map((usage) => new asn1js.ObjectIdentifier({ value: OID[usage] }));
      extensions.push(extension(OID.extendedKeyUsage, false, new asn1js.Sequence({ value: purposes })));
    }
  }
  if (request.dnsNames.length > 0) {
    // GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName; dNSName [2] IA5String
    const names = request.dnsNames.map(
      (name) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 }, valueHex: new TextEncoder().encode(name) }),
    );
    extensions.push(extension(OID.subjectAltName, false, new asn1js.Sequence({ value: names })));
  }
  return extensions;
}

/** Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } */
function extension(id: string, critical: boolean, value: asn1js.BaseBlock): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: id }),
      // DER leaves out a BOOLEAN equal to its DEFAULT.
      ...(critical ? [new asn1js.Boolean({ value: true })] : []),
      new asn1js.OctetString({ valueHex: value.toBER() }),
    ],
  });
}

/**
 * KeyUsage ::= BIT STRING { digitalSignature (0), nonRepudiation (1), keyEncipherment (2), … }
 * DER (X.690 §11.2.2) drops trailing zero bits of a named bit list, so
 * digitalSignature + keyEncipherment is `03 02 05 A0`.
 */
export function encodeKeyUsage(usages: readonly KeyUsageName[]): asn1js.BitString {
  const bits = usages.map(keyUsageBit);
  const highest = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  return new asn1js.BitString({ valueHex: bytes, unusedBits: 7 - (highest & 7) });
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
