/**
 * The extensions of a certificate, or those a CSR requests (RFC 5280 §4.2,
 * RFC 2985 §5.4.2), decoded where this tool uses them and printed in
 * OpenSSL's words.
 */

import * as asn1js from 'asn1js';
import { CertificationRequest, Extensions as PkiExtensions, type Extension } from 'pkijs';
import { KEY_USAGES, keyUsageText, purposeText, type KeyUsageName } from './key-usage';
import { OID } from './oid';
import { latin1 } from './pem';

const EXTENSION_TEXT: Readonly<Record<string, string>> = {
  [OID.keyUsage]: 'Key Usage',
  [OID.extendedKeyUsage]: 'Extended Key Usage',
  [OID.subjectAltName]: 'Subject Alternative Name',
  [OID.basicConstraints]: 'Basic Constraints',
  [OID.subjectKeyIdentifier]: 'Subject Key Identifier',
  [OID.authorityKeyIdentifier]: 'Authority Key Identifier',
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
export function readExtensions(extensions: readonly Extension[]): ExtensionSummary {
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

/**
 * RFC 2985 §5.4.2: extensionRequest ATTRIBUTE ::= { WITH SYNTAX ExtensionRequest SINGLE VALUE TRUE … }
 *   ExtensionRequest ::= Extensions
 */
export function requestedExtensions(csr: CertificationRequest): Extension[] {
  const attribute = csr.attributes?.find((candidate) => candidate.type === OID.extensionRequest);
  const value = attribute?.values[0];
  return value ? new PkiExtensions({ schema: value }).extensions : [];
}

