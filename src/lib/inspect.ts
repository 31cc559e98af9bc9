/**
 * Reads what a user drops on the page (certificates, CSRs, private keys, in
 * PEM or DER), decodes them for display, and pairs each certificate with its
 * key and CSR by public key. It shows what the files hold; it changes
 * nothing, except that a PKCS#1 key is wrapped as the PKCS#8 key it is.
 */

import * as asn1js from 'asn1js';
import {
  Certificate,
  CertificationRequest,
  CryptoEngine,
  Extensions as PkiExtensions,
  PrivateKeyInfo,
  RSAPrivateKey,
  type Extension,
  PublicKeyInfo,
  type RelativeDistinguishedNames,
} from 'pkijs';
import type { ErrorCode } from './errors';
import { publicKeyFingerprint } from './keys';
import { OID } from './oid';
import { fromBase64, latin1, pemBlocks, type Bytes } from './pem';
import { EXTENDED_KEY_USAGE_NAMES, KEY_USAGE_NAMES, ROLES, type RoleId } from './profile';
import { checkUuid } from './request';
import { subjectLine } from './subject';
import { toHex } from './bytes';

/** OIDs not yet in oid.ts (RFC 5280, RFC 8017, RFC 5480, RFC 8410, RFC 2985, X.520). */
const MORE_OID = {
  basicConstraints: '2.5.29.19',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  anyExtendedKeyUsage: '2.5.29.37.0',
  sha1WithRSAEncryption: '1.2.840.113549.1.1.5',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  rsassaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ed25519: '1.3.101.112',
  localityName: '2.5.4.7',
  stateOrProvinceName: '2.5.4.8',
  serialNumber: '2.5.4.5',
  organizationIdentifier: '2.5.4.97',
  domainComponent: '0.9.2342.19200300.100.1.25',
  emailAddress: '1.2.840.113549.1.9.1',
} as const;

// ---------------------------------------------------------------------------
// Reading a dropped file

/** Certificates, CSRs and keys are a few kilobytes; a chain a few more. A dropped file may be at most this. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export type FileKind = 'certificate' | 'csr' | 'private-key' | 'public-key' | 'encrypted-private-key' | 'unknown';

/** One object read from a file. A private key is always PKCS#8 DER (a PKCS#1 key is wrapped). */
export interface FileItem {
  readonly fileName: string;
  readonly kind: Extract<FileKind, 'certificate' | 'csr' | 'private-key' | 'public-key'>;
  readonly der: Bytes;
}

export type FileProblemCode = Extract<ErrorCode, 'file-too-large' | 'file-malformed' | 'file-unsupported' | 'encrypted-key' | 'pem-too-many-blocks'>;

/** A chain is a handful of certificates; each block costs a parse, so a file of thousands is refused before any. */
export const MAX_PEM_BLOCKS = 64;

export interface FileProblem {
  readonly code: FileProblemCode;
  readonly fileName: string;
  readonly message: string;
}

export type FileRead =
  | { readonly ok: true; readonly items: FileItem[] }
  | { readonly ok: false; readonly kind: FileKind; readonly problem: FileProblem };

const WHAT_WE_READ = 'this tool reads certificates, certificate requests (CSRs), RSA private keys and public keys, as PEM or DER';
const AGAIN = 'Download or copy it again.';

// The labels OpenSSL writes (RFC 7468 and its older ones), and what each holds.
const PEM_LABELS: Readonly<Record<string, Exclude<FileKind, 'unknown'> | 'pkcs1-private-key'>> = {
  CERTIFICATE: 'certificate',
  'CERTIFICATE REQUEST': 'csr',
  'NEW CERTIFICATE REQUEST': 'csr',
  'PRIVATE KEY': 'private-key',
  // An HSM's or KMS's exported key: its private half is elsewhere.
  'PUBLIC KEY': 'public-key',
  'RSA PRIVATE KEY': 'pkcs1-private-key',
  'ENCRYPTED PRIVATE KEY': 'encrypted-private-key',
};

/**
 * What a dropped file holds: every certificate, CSR and private key in it
 * (a PEM file may hold several blocks, such as a chain), or why it cannot be
 * read, in a message that names the file.
 */
export function readPemOrDer(bytes: Uint8Array, fileName: string): FileRead {
  const q = `"${fileName}"`;
  if (bytes.length > MAX_FILE_BYTES) {
    const size = `${Math.ceil(bytes.length / 1024)} KiB`;
    const message = `${q} is ${size}; certificates, CSRs and keys are a few KiB, and this tool reads files of at most 5 MiB.`;
    return refuse('unknown', 'file-too-large', fileName, `${message} Choose the .pem, .crt, .csr or .key file.`);
  }
  if (bytes.length === 0) return refuse('unknown', 'file-malformed', fileName, `${q} is empty; ${WHAT_WE_READ}.`);
  const text = new TextDecoder().decode(bytes);
  return text.includes('-----BEGIN ') ? readPem(text, fileName) : readDer(new Uint8Array(bytes), fileName);
}

function readPem(text: string, fileName: string): FileRead {
  const { blocks, unclosed } = pemBlocks(text);
  if (unclosed) {
    const message = `"${fileName}" has a -----BEGIN line with no matching -----END line: the file is cut short or damaged.`;
    return refuse('unknown', 'file-malformed', fileName, `${message} ${AGAIN}`);
  }
  if (blocks.length > MAX_PEM_BLOCKS) {
    const message = `"${fileName}" holds ${blocks.length} PEM blocks; this tool reads at most ${MAX_PEM_BLOCKS} in a file (a certificate chain has a few).`;
    return refuse('unknown', 'pem-too-many-blocks', fileName, `${message} Choose the files with your certificates, keys and CSRs.`);
  }
  const items: FileItem[] = [];
  for (const [index, { label, body }] of blocks.entries()) {
    const where = blocks.length > 1 ? ` (block ${index + 1} of ${blocks.length})` : '';
    const read = readPemBlock(label, body, fileName, `"${fileName}"${where}`);
    if (!read.ok) return read;
    for (const item of read.items) items.push(item);
  }
  return { ok: true, items };
}

function readPemBlock(label: string, body: string, fileName: string, where: string): FileRead {
  const kind = Object.hasOwn(PEM_LABELS, label) ? PEM_LABELS[label] : undefined;
  if (kind === undefined) return refuse('unknown', 'file-unsupported', fileName, `${where} holds a ${label}; ${WHAT_WE_READ}.`);
  // RFC 1421 headers: OpenSSL's older encrypted "RSA PRIVATE KEY" says "Proc-Type: 4,ENCRYPTED".
  if (kind === 'encrypted-private-key' || /^Proc-Type:\s*4,ENCRYPTED/m.test(body)) return encryptedKey(fileName);
  const der = fromBase64(body.replace(/^[\w-]+:.*$/gm, ''));
  if (der === undefined) {
    const message = `${where}: the ${label} block is not valid base64; the file is damaged. ${AGAIN}`;
    return refuse(kind === 'pkcs1-private-key' ? 'private-key' : kind, 'file-malformed', fileName, message);
  }
  switch (kind) {
    case 'certificate':
      return decode(Certificate, der)
        ? { ok: true, items: [{ fileName, kind, der }] }
        : refuse(kind, 'file-malformed', fileName, `${where}: the ${label} block is not a valid X.509 certificate; the file is damaged. ${AGAIN}`);
    case 'csr':
      return decode(CertificationRequest, der)
        ? { ok: true, items: [{ fileName, kind, der }] }
        : refuse(kind, 'file-malformed', fileName, `${where}: the ${label} block is not a valid PKCS#10 request; the file is damaged. ${AGAIN}`);
    case 'private-key':
      return readPkcs8(der, fileName, where);
    case 'public-key':
      return decode(PublicKeyInfo, der)
        ? readPublicKeyInfo(der, fileName, where)
        : refuse(kind, 'file-malformed', fileName, `${where}: the ${label} block is not a valid public key; the file is damaged. ${AGAIN}`);
    case 'pkcs1-private-key': {
      const pkcs8 = pkcs1ToPkcs8(der);
      return pkcs8
        ? { ok: true, items: [{ fileName, kind: 'private-key', der: pkcs8 }] }
        : refuse('private-key', 'file-malformed', fileName, `${where}: the RSA PRIVATE KEY block is not a valid PKCS#1 key; the file is damaged.`);
    }
  }
}

/** A file with no PEM armour: one DER certificate, CSR, PKCS#8 or PKCS#1 key, or an encrypted PKCS#8 key. */
function readDer(der: Bytes, fileName: string): FileRead {
  if (decode(Certificate, der)) return { ok: true, items: [{ fileName, kind: 'certificate', der }] };
  if (decode(CertificationRequest, der)) return { ok: true, items: [{ fileName, kind: 'csr', der }] };
  if (decode(PublicKeyInfo, der)) return readPublicKeyInfo(der, fileName, `"${fileName}"`);
  if (decode(PrivateKeyInfo, der)) return readPkcs8(der, fileName, `"${fileName}"`);
  const pkcs8 = pkcs1ToPkcs8(der);
  if (pkcs8) return { ok: true, items: [{ fileName, kind: 'private-key', der: pkcs8 }] };
  if (isEncryptedPrivateKeyInfo(der)) return encryptedKey(fileName);
  return refuse('unknown', 'file-unsupported', fileName, `"${fileName}" is not a certificate, CSR or private key; ${WHAT_WE_READ}.`);
}

function readPkcs8(der: Bytes, fileName: string, where: string): FileRead {
  const info = decode(PrivateKeyInfo, der);
  const algorithm = info?.privateKeyAlgorithm.algorithmId;
  if (info && algorithm !== OID.rsaEncryption) {
    return refuse('private-key', 'file-unsupported', fileName, `${where} holds a private key of type ${algorithmName(algorithm!)}, not RSA; ${WHAT_WE_READ}.`);
  }
  if (!(info?.parsedKey instanceof RSAPrivateKey)) {
    return refuse('private-key', 'file-malformed', fileName, `${where}: the PRIVATE KEY is not a valid PKCS#8 key; the file is damaged.`);
  }
  return { ok: true, items: [{ fileName, kind: 'private-key', der }] };
}

/** An RSA SubjectPublicKeyInfo, as an HSM or KMS exports its key; another algorithm is refused by name. */
function readPublicKeyInfo(der: Bytes, fileName: string, where: string): FileRead {
  const algorithm = decode(PublicKeyInfo, der)!.algorithm.algorithmId;
  if (algorithm !== OID.rsaEncryption) {
    return refuse('public-key', 'file-unsupported', fileName, `${where} holds a public key of type ${algorithmName(algorithm)}, not RSA; ${WHAT_WE_READ}.`);
  }
  return { ok: true, items: [{ fileName, kind: 'public-key', der }] };
}

function encryptedKey(fileName: string): FileRead {
  return refuse(
    'encrypted-private-key',
    'encrypted-key',
    fileName,
    `"${fileName}" is an encrypted private key; this tool cannot read encrypted keys. To check it against a certificate, decrypt a copy with ` +
      `openssl pkey -in "${fileName}" -out decrypted.key (it asks for the passphrase), add that, and delete it afterwards.`,
  );
}

function refuse(kind: FileKind, code: FileProblemCode, fileName: string, message: string): FileRead {
  return { ok: false, kind, problem: { code, fileName, message } };
}

/** The DER decoded as `Type`, or undefined if it is not one or has bytes after it. */
function decode<T>(Type: new (parameters: { schema: unknown }) => T, der: Bytes): T | undefined {
  try {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset !== der.byteLength) return undefined; // -1 when it is not BER at all
    return new Type({ schema: asn1.result });
  } catch {
    return undefined;
  }
}

function decodeOrThrow<T>(Type: new (parameters: { schema: unknown }) => T, der: Bytes, what: string): T {
  const decoded = decode(Type, der);
  // Callers pass DER that readPemOrDer has already read as this kind.
  if (decoded === undefined) throw new Error(`Not a DER ${what}`);
  return decoded;
}

/** RFC 8017 §A.1: AlgorithmIdentifier { rsaEncryption, NULL }. */
function rsaEncryption(): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.rsaEncryption }), new asn1js.Null()] });
}

/**
 * RFC 5208 §5:
 *   PrivateKeyInfo ::= SEQUENCE { version Version, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING }
 * holding an RFC 8017 RSAPrivateKey, as `openssl pkey` writes a PKCS#1 key out.
 */
function pkcs1ToPkcs8(pkcs1: Bytes): Bytes | undefined {
  if (!decode(RSAPrivateKey, pkcs1)) return undefined;
  const info = new asn1js.Sequence({
    value: [new asn1js.Integer({ value: 0 }), rsaEncryption(), new asn1js.OctetString({ valueHex: pkcs1 })],
  });
  return new Uint8Array(info.toBER());
}

/** RFC 5958 §3: EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING } */
function isEncryptedPrivateKeyInfo(der: Bytes): boolean {
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

// ---------------------------------------------------------------------------
// Names

export interface NameAttribute {
  /** The attribute type's OID. */
  readonly type: string;
  /** OpenSSL's short name (C, O, OU, CN, …), or the OID if it has none here. */
  readonly shortName: string;
  /** The ASN.1 string type: PrintableString, UTF8String, …; `other` for a value that is not a string. */
  readonly stringType: string;
  readonly value: string;
}

/** One RDN: a single attribute, unless it is multi-valued. */
export type Rdn = readonly NameAttribute[];

const SHORT_NAMES: Readonly<Record<string, string>> = {
  [OID.countryName]: 'C',
  [OID.organizationName]: 'O',
  [OID.organizationalUnitName]: 'OU',
  [OID.commonName]: 'CN',
  [MORE_OID.localityName]: 'L',
  [MORE_OID.stateOrProvinceName]: 'ST',
  [MORE_OID.serialNumber]: 'serialNumber',
  [MORE_OID.organizationIdentifier]: 'organizationIdentifier',
  [MORE_OID.domainComponent]: 'DC',
  [MORE_OID.emailAddress]: 'emailAddress',
};

// X.680 universal tag numbers of the string types a Name holds.
const STRING_TYPES: Readonly<Record<number, string>> = {
  12: 'UTF8String',
  18: 'NumericString',
  19: 'PrintableString',
  20: 'TeletexString',
  22: 'IA5String',
  26: 'VisibleString',
  28: 'UniversalString',
  30: 'BMPString',
};
const UNIVERSAL = 1; // asn1js's tagClass for UNIVERSAL

/**
 * RFC 5280 §4.1.2.4:
 *   Name ::= CHOICE { rdnSequence RDNSequence }
 *   RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
 *   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 *   AttributeTypeAndValue ::= SEQUENCE { type AttributeType, value AttributeValue }
 * Read RDN by RDN: pkijs's `typesAndValues` is flat and hides a multi-valued RDN.
 */
function readName(name: RelativeDistinguishedNames): Rdn[] {
  return name.toSchema().valueBlock.value.map((rdn) =>
    (rdn as asn1js.Set).valueBlock.value.map((pair) => {
      const [type, value] = (pair as asn1js.Sequence).valueBlock.value as [asn1js.ObjectIdentifier, asn1js.BaseBlock];
      const oid = type.valueBlock.toString();
      const universal = value.idBlock.tagClass === UNIVERSAL;
      return {
        type: oid,
        shortName: SHORT_NAMES[oid] ?? oid,
        stringType: (universal && STRING_TYPES[value.idBlock.tagNumber]) || 'other',
        // Like OpenSSL, a value that is not a string shows as # and its DER in hex.
        value: value instanceof asn1js.BaseStringBlock ? value.getValue() : `#${toHex(new Uint8Array(value.toBER()))}`,
      };
    }),
  );
}

/**
 * A name as `openssl x509 -noout -subject -nameopt oneline,-esc_msb` prints it, without
 * `subject=`: `C = AE, O = …`, with ` + ` inside a multi-valued RDN.
 */
export function nameLine(rdns: readonly Rdn[]): string {
  return rdns.map((rdn) => rdn.map((attribute) => `${attribute.shortName} = ${onelineValue(attribute.value)}`).join(' + ')).join(', ');
}

/** One value quoted and escaped exactly as subjectLine() does it, borrowed through its O (subject.ts keeps the rules private). */
function onelineValue(value: string): string {
  const line = subjectLine({ country: 'AE', organization: value, organizationalUnit: '' }, { escapeNonAscii: false });
  return line.slice('C = AE, O = '.length, -', OU = '.length);
}

/** The first value of an attribute type in a name, such as the CN. */
export function attributeValue(rdns: readonly Rdn[], type: string): string | undefined {
  return rdns.flat().find((attribute) => attribute.type === type)?.value;
}

// ---------------------------------------------------------------------------
// Extensions

/** RFC 5280 §4.2.1.3, in bit order. */
const KEY_USAGES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGES)[number];

/** As `openssl x509 -text` prints them. */
const KEY_USAGE_TEXT: Readonly<Record<KeyUsageName, string>> = {
  ...KEY_USAGE_NAMES,
  dataEncipherment: 'Data Encipherment',
  keyAgreement: 'Key Agreement',
  keyCertSign: 'Certificate Sign',
  cRLSign: 'CRL Sign',
  encipherOnly: 'Encipher Only',
  decipherOnly: 'Decipher Only',
};
const PURPOSE_TEXT: Readonly<Record<string, string>> = {
  [OID.serverAuth]: EXTENDED_KEY_USAGE_NAMES.serverAuth,
  [OID.clientAuth]: EXTENDED_KEY_USAGE_NAMES.clientAuth,
  [MORE_OID.codeSigning]: 'Code Signing',
  [MORE_OID.emailProtection]: 'E-mail Protection',
  [MORE_OID.timeStamping]: 'Time Stamping',
  [MORE_OID.ocspSigning]: 'OCSP Signing',
  [MORE_OID.anyExtendedKeyUsage]: 'Any Extended Key Usage',
};
const EXTENSION_TEXT: Readonly<Record<string, string>> = {
  [OID.keyUsage]: 'Key Usage',
  [OID.extendedKeyUsage]: 'Extended Key Usage',
  [OID.subjectAltName]: 'Subject Alternative Name',
  [MORE_OID.basicConstraints]: 'Basic Constraints',
  [MORE_OID.subjectKeyIdentifier]: 'Subject Key Identifier',
  [MORE_OID.authorityKeyIdentifier]: 'Authority Key Identifier',
};

/** A subjectAltName entry, named as OpenSSL prints it: `DNS:api.bank.ae`, `IP Address:127.0.0.1`. */
export interface GeneralNameEntry {
  readonly type: 'DNS' | 'IP Address' | 'email' | 'URI' | 'other';
  readonly value: string;
}

/** The extensions of a certificate, or those a CSR requests, decoded where this tool uses them. */
export interface ExtensionSummary {
  readonly keyUsage?: { readonly critical: boolean; readonly usages: readonly KeyUsageName[] };
  /** Purposes by OID. */
  readonly extendedKeyUsage?: { readonly critical: boolean; readonly purposes: readonly string[] };
  readonly subjectAltName?: { readonly critical: boolean; readonly names: readonly GeneralNameEntry[] };
  /** Any other extension, by OID. */
  readonly other: readonly { readonly id: string; readonly critical: boolean }[];
}

/** RFC 5280 §4.1: Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } */
function readExtensions(extensions: readonly Extension[]): ExtensionSummary {
  const other: { id: string; critical: boolean }[] = [];
  const summary: { -readonly [K in keyof ExtensionSummary]: ExtensionSummary[K] } = { other };
  for (const { extnID, critical, extnValue } of extensions) {
    const value = asn1js.fromBER(extnValue.valueBlock.valueHexView).result;
    if (extnID === OID.keyUsage && value instanceof asn1js.BitString) {
      summary.keyUsage = { critical, usages: readKeyUsage(value) };
    } else if (extnID === OID.extendedKeyUsage && value instanceof asn1js.Sequence) {
      // ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId
      const purposes = value.valueBlock.value.map((id) => (id instanceof asn1js.ObjectIdentifier ? id.valueBlock.toString() : 'not an OID'));
      summary.extendedKeyUsage = { critical, purposes };
    } else if (extnID === OID.subjectAltName && value instanceof asn1js.Sequence) {
      summary.subjectAltName = { critical, names: value.valueBlock.value.map(readGeneralName) };
    } else {
      other.push({ id: extnID, critical });
    }
  }
  return summary;
}

/** KeyUsage ::= BIT STRING { digitalSignature (0), nonRepudiation (1), … }: the names of the bits set. */
function readKeyUsage(bits: asn1js.BitString): KeyUsageName[] {
  const bytes = bits.valueBlock.valueHexView;
  const length = bytes.length * 8 - bits.valueBlock.unusedBits;
  return KEY_USAGES.filter((_, bit) => bit < length && (bytes[bit >> 3]! & (0x80 >> (bit & 7))) !== 0);
}

/**
 * GeneralName ::= CHOICE { rfc822Name [1] IA5String, dNSName [2] IA5String,
 *   uniformResourceIdentifier [6] IA5String, iPAddress [7] OCTET STRING, … } (IMPLICIT tags)
 */
function readGeneralName(name: asn1js.BaseBlock): GeneralNameEntry {
  // A constructed [1], [2], [6] or [7] is not what RFC 5280 allows: shown as unsupported, not read as text.
  if (name.idBlock.isConstructed || !(name instanceof asn1js.Primitive)) return { type: 'other', value: '<unsupported>' };
  const bytes = name.valueBlock.valueHexView;
  const text = () => latin1(bytes);
  switch (name.idBlock.tagClass === 3 ? name.idBlock.tagNumber : -1) {
    case 1:
      return { type: 'email', value: text() };
    case 2:
      return { type: 'DNS', value: text() };
    case 6:
      return { type: 'URI', value: text() };
    case 7:
      return { type: 'IP Address', value: ipAddress(bytes) };
    default:
      return { type: 'other', value: `<unsupported>` };
  }
}

/** As OpenSSL prints it: 127.0.0.1, or eight uncompressed groups of uppercase hex. */
function ipAddress(bytes: Uint8Array): string {
  if (bytes.length === 4) return bytes.join('.');
  const groups = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16).toUpperCase());
  return groups.join(':');
}

export function keyUsageText(usage: KeyUsageName): string {
  return KEY_USAGE_TEXT[usage];
}

export function purposeText(oid: string): string {
  return PURPOSE_TEXT[oid] ?? oid;
}

export function dnsNamesOf(extensions: ExtensionSummary): string[] {
  return (extensions.subjectAltName?.names ?? []).filter((name) => name.type === 'DNS').map((name) => name.value);
}

/**
 * One line per extension, in the words of `openssl req -text` and of
 * describeRequestedExtensions() in request.ts: `Key Usage (critical): Digital Signature, Key Encipherment`.
 */
export function extensionLines(extensions: ExtensionSummary): string[] {
  const line = (id: string, critical: boolean, values?: readonly string[]) =>
    `${EXTENSION_TEXT[id] ?? id}${critical ? ' (critical)' : ''}${values ? `: ${values.join(', ')}` : ''}`;
  const { keyUsage, extendedKeyUsage, subjectAltName } = extensions;
  return [
    ...(keyUsage ? [line(OID.keyUsage, keyUsage.critical, keyUsage.usages.map(keyUsageText))] : []),
    ...(extendedKeyUsage ? [line(OID.extendedKeyUsage, extendedKeyUsage.critical, extendedKeyUsage.purposes.map(purposeText))] : []),
    ...(subjectAltName ? [line(OID.subjectAltName, subjectAltName.critical, subjectAltName.names.map((n) => `${n.type}:${n.value}`))] : []),
    ...extensions.other.map((other) => line(other.id, other.critical)),
  ];
}

/**
 * The role (profile.ts) whose profile these extensions and this subject fit
 * exactly: the same key usage and extended key usage, DNS names if and only
 * if the role requires them, and a UUID as CN if and only if the role carries
 * the Client ID. Undefined when no role, or more than one, fits.
 */
function fittingRole(extensions: ExtensionSummary, subject: readonly Rdn[]): RoleId | undefined {
  const commonName = attributeValue(subject, OID.commonName);
  const cnIsUuid = commonName !== undefined && checkUuid(commonName, 'clientId', 'Client ID') === commonName;
  const hasDnsNames = dnsNamesOf(extensions).length > 0;
  const fits = Object.values(ROLES).filter(
    (role) =>
      sameMembers(extensions.keyUsage?.usages ?? [], role.keyUsage) &&
      sameMembers(extensions.extendedKeyUsage?.purposes ?? [], role.extendedKeyUsage.map((usage) => OID[usage])) &&
      (role.dnsNames === 'required') === hasDnsNames &&
      (role.commonName === 'client-id') === cnIsUuid,
  );
  return fits.length === 1 ? fits[0]!.id : undefined;
}

export function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item)) && b.every((item) => a.includes(item));
}

// ---------------------------------------------------------------------------
// Keys, algorithms, fingerprints

export interface PublicKeyDescription {
  /** The algorithm's OID (rsaEncryption for the keys this tool makes). */
  readonly algorithm: string;
  /** RSA: the modulus length in bits, and the public exponent. */
  readonly bits?: number;
  readonly exponent?: number;
}

const ALGORITHM_NAMES: Readonly<Record<string, string>> = {
  [OID.rsaEncryption]: 'rsaEncryption',
  [OID.sha256WithRSAEncryption]: 'sha256WithRSAEncryption',
  [MORE_OID.sha1WithRSAEncryption]: 'sha1WithRSAEncryption',
  [MORE_OID.sha384WithRSAEncryption]: 'sha384WithRSAEncryption',
  [MORE_OID.sha512WithRSAEncryption]: 'sha512WithRSAEncryption',
  [MORE_OID.rsassaPss]: 'rsassaPss',
  [MORE_OID.ecPublicKey]: 'id-ecPublicKey',
  [MORE_OID.ecdsaWithSHA256]: 'ecdsa-with-SHA256',
  [MORE_OID.ed25519]: 'ED25519',
};

/** An algorithm as `openssl req -text` names it, or its OID. */
export function algorithmName(oid: string): string {
  return ALGORITHM_NAMES[oid] ?? oid;
}

function describePublicKey(spki: PublicKeyInfo): PublicKeyDescription {
  const algorithm = spki.algorithm.algorithmId;
  if (algorithm !== OID.rsaEncryption) return { algorithm };
  const [modulus, exponent] = rsaPublicNumbers(spki.subjectPublicKey.valueBlock.valueHexView, 0);
  return { algorithm, bits: unsigned(modulus).toString(2).length, exponent: Number(unsigned(exponent)) };
}

/**
 * RFC 8017 §A.1:
 *   RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
 *   RSAPrivateKey ::= SEQUENCE { version Version, modulus INTEGER, publicExponent INTEGER, … }
 * The two INTEGERs as they were encoded (pkijs's RSAPublicKey and RSAPrivateKey drop
 * the modulus's leading zero byte, which changes its DER and its sign).
 */
function rsaPublicNumbers(der: Uint8Array, at: 0 | 1): [asn1js.Integer, asn1js.Integer] {
  const numbers = (asn1js.fromBER(der).result as asn1js.Sequence).valueBlock.value.slice(at, at + 2);
  if (!numbers.every((number) => number instanceof asn1js.Integer) || numbers.length !== 2) throw new Error('Not an RSA key');
  return numbers as [asn1js.Integer, asn1js.Integer];
}

function unsigned(integer: asn1js.Integer): bigint {
  return BigInt(`0x${toHex(integer.valueBlock.valueHexView) || '0'}`);
}

function spkiDer(spki: PublicKeyInfo): Bytes {
  return new Uint8Array(spki.toSchema().toBER());
}

/**
 * The public half of a PKCS#8 RSA key, as SubjectPublicKeyInfo DER:
 *   RFC 5280 §4.1: SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
 * holding an RSAPublicKey.
 */
function publicKeyOfPrivateKey(pkcs8: Bytes): Bytes {
  const info = decodeOrThrow(PrivateKeyInfo, pkcs8, 'PKCS#8 key');
  const rsaPublicKey = new asn1js.Sequence({ value: rsaPublicNumbers(info.privateKey.valueBlock.valueHexView, 1) });
  const spki = new asn1js.Sequence({ value: [rsaEncryption(), new asn1js.BitString({ valueHex: rsaPublicKey.toBER() })] });
  return new Uint8Array(spki.toBER());
}

async function sha256(crypto: Crypto, bytes: Bytes): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}


/** The serial as `openssl x509 -serial` prints it: uppercase hex, whole bytes, `-` if negative. */
function serialHex(serial: asn1js.Integer): string {
  const value = serial.toBigInt();
  const digits = (value < 0n ? -value : value).toString(16).toUpperCase();
  return (value < 0n ? '-' : '') + (digits.length % 2 === 1 ? `0${digits}` : digits);
}

// ---------------------------------------------------------------------------
// Descriptions

const DAY_MS = 86_400_000;

export interface CertificateDescription {
  /** As subjectLine() prints it (readable, not `\XX`-escaped); other attributes with OpenSSL's short names. */
  readonly subject: string;
  readonly subjectRdns: readonly Rdn[];
  readonly issuer: string;
  /** As `openssl x509 -serial` prints it, without `serial=`. */
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** As `openssl x509 -text` names them: Digital Signature, TLS Web Client Authentication. */
  readonly keyUsage: readonly string[];
  readonly extendedKeyUsage: readonly string[];
  readonly dnsNames: readonly string[];
  readonly extensions: ExtensionSummary;
  readonly publicKey: PublicKeyDescription;
  /** SHA-256 of the certificate DER, as `openssl x509 -fingerprint -sha256` prints it: uppercase, colon-separated. */
  readonly fingerprint: string;
  /** SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex, as keys.ts publicKeyFingerprint(). */
  readonly publicKeyFingerprint: string;
  /** Whole days from `now` to notAfter; negative once it has expired. */
  daysLeft(now: Date): number;
  /** The Trust Framework role whose profile the key usage, EKU, SAN and CN fit, if exactly one does. */
  likelyRole(): RoleId | undefined;
}

export async function describeCertificate(crypto: Crypto, der: Bytes): Promise<CertificateDescription> {
  const certificate = decodeOrThrow(Certificate, der, 'certificate');
  const subjectRdns = readName(certificate.subject);
  const extensions = readExtensions(certificate.extensions ?? []);
  const notAfter = certificate.notAfter.value;
  const digest = toHex(await sha256(crypto, der)).toUpperCase();
  return {
    subject: nameLine(subjectRdns),
    subjectRdns,
    issuer: nameLine(readName(certificate.issuer)),
    serial: serialHex(certificate.serialNumber),
    notBefore: certificate.notBefore.value,
    notAfter,
    keyUsage: (extensions.keyUsage?.usages ?? []).map(keyUsageText),
    extendedKeyUsage: (extensions.extendedKeyUsage?.purposes ?? []).map(purposeText),
    dnsNames: dnsNamesOf(extensions),
    extensions,
    publicKey: describePublicKey(certificate.subjectPublicKeyInfo),
    fingerprint: digest.match(/../g)!.join(':'),
    publicKeyFingerprint: await publicKeyFingerprint(crypto, spkiDer(certificate.subjectPublicKeyInfo)),
    daysLeft: (now) => Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
    likelyRole: () => fittingRole(extensions, subjectRdns),
  };
}

export interface CsrDescription {
  readonly subject: string;
  readonly subjectRdns: readonly Rdn[];
  readonly publicKey: PublicKeyDescription;
  readonly publicKeyFingerprint: string;
  /** The signature algorithm's OID. */
  readonly signatureAlgorithm: string;
  /** The self-signature verifies with the CSR's own public key. */
  readonly signatureValid: boolean;
  /** What the extensionRequest attribute asks for; `other: []` and nothing else when there is none. */
  readonly extensions: ExtensionSummary;
}

export async function describeCsr(crypto: Crypto, der: Bytes): Promise<CsrDescription> {
  const csr = decodeOrThrow(CertificationRequest, der, 'CSR');
  const subjectRdns = readName(csr.subject);
  // Both asked of WebCrypto at once: this runs after the last key of every generation.
  const [fingerprint, signatureValid] = await Promise.all([publicKeyFingerprint(crypto, spkiDer(csr.subjectPublicKeyInfo)), verifyCsr(crypto, csr)]);
  return {
    subject: nameLine(subjectRdns),
    subjectRdns,
    publicKey: describePublicKey(csr.subjectPublicKeyInfo),
    publicKeyFingerprint: fingerprint,
    signatureAlgorithm: csr.signatureAlgorithm.algorithmId,
    signatureValid,
    extensions: readExtensions(requestedExtensions(csr)),
  };
}

/**
 * RFC 2985 §5.4.2: extensionRequest ATTRIBUTE ::= { WITH SYNTAX ExtensionRequest SINGLE VALUE TRUE … }
 *   ExtensionRequest ::= Extensions
 */
function requestedExtensions(csr: CertificationRequest): Extension[] {
  const attribute = csr.attributes?.find((candidate) => candidate.type === OID.extensionRequest);
  const value = attribute?.values[0];
  return value ? new PkiExtensions({ schema: value }).extensions : [];
}

/** Checks the self-signature with the injected WebCrypto; an algorithm it cannot check counts as not valid. */
async function verifyCsr(crypto: Crypto, csr: CertificationRequest): Promise<boolean> {
  try {
    return await csr.verify(new CryptoEngine({ name: 'injected', crypto }));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// Which key and CSR go with which certificate

export interface CertificateMatch {
  readonly certificate: FileItem;
  readonly key?: FileItem;
  readonly csr?: FileItem;
  /** Its public key on its own, as an HSM or KMS exports it, when its private key is elsewhere. */
  readonly publicKey?: FileItem;
  /** The certificate's private key is among the files. */
  readonly match: boolean;
  readonly publicKeyFingerprint: string;
  /** "Matches the key in …", or "No matching key …": a certificate without its key is not an error. */
  readonly message: string;
}

/** A key and/or CSR with the same public key, for which no certificate was given. */
export interface WithoutCertificate {
  readonly key?: FileItem;
  readonly csr?: FileItem;
  readonly publicKey?: FileItem;
  readonly publicKeyFingerprint: string;
}

export interface FileMatches {
  readonly certificates: CertificateMatch[];
  readonly withoutCertificate: WithoutCertificate[];
}

/** Pairs each certificate with the key and CSR that have its public key (the same SPKI SHA-256). */
export async function matchFiles(crypto: Crypto, files: readonly FileItem[]): Promise<FileMatches> {
  const keyed = await Promise.all(
    files.map(async (item) => ({ item, fingerprint: await publicKeyFingerprint(crypto, publicKeyDer(item)) })),
  );
  const find = (kind: FileItem['kind'], fingerprint: string) =>
    keyed.find((entry) => entry.item.kind === kind && entry.fingerprint === fingerprint)?.item;

  const certificates = keyed
    .filter((entry) => entry.item.kind === 'certificate')
    .map(({ item, fingerprint }): CertificateMatch => {
      const key = find('private-key', fingerprint);
      const csr = find('csr', fingerprint);
      const publicKey = find('public-key', fingerprint);
      return { certificate: item, key, csr, ...(publicKey ? { publicKey } : {}), match: key !== undefined, publicKeyFingerprint: fingerprint, message: matchMessage(key, csr) };
    });

  const certified = new Set(certificates.map((match) => match.publicKeyFingerprint));
  const withoutCertificate: Array<{ key?: FileItem; csr?: FileItem; publicKey?: FileItem; publicKeyFingerprint: string }> = [];
  for (const { item, fingerprint } of keyed) {
    if (item.kind === 'certificate' || certified.has(fingerprint)) continue;
    const slot = item.kind === 'private-key' ? 'key' : item.kind === 'public-key' ? 'publicKey' : 'csr';
    const pair = withoutCertificate.find((entry) => entry.publicKeyFingerprint === fingerprint && entry[slot] === undefined);
    if (pair) pair[slot] = item;
    else withoutCertificate.push({ [slot]: item, publicKeyFingerprint: fingerprint });
  }
  return { certificates, withoutCertificate };
}

function publicKeyDer(item: FileItem): Bytes {
  switch (item.kind) {
    case 'certificate':
      return spkiDer(decodeOrThrow(Certificate, item.der, 'certificate').subjectPublicKeyInfo);
    case 'csr':
      return spkiDer(decodeOrThrow(CertificationRequest, item.der, 'CSR').subjectPublicKeyInfo);
    case 'private-key':
      return publicKeyOfPrivateKey(item.der);
    case 'public-key':
      return spkiDer(decodeOrThrow(PublicKeyInfo, item.der, 'public key'));
  }
}

function matchMessage(key: FileItem | undefined, csr: FileItem | undefined): string {
  const csrPart = csr ? `the CSR in "${csr.fileName}"` : '';
  if (key) return `Matches the key in "${key.fileName}"${csr ? ` and ${csrPart}` : ''}.`;
  return `No matching key among the files${csr ? `; ${csrPart} has the same public key` : ''}.`;
}
