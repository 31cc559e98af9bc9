/**
 * Key usages and extended key usages: their RFC 5280 names, their bits, and
 * the words `openssl req -text` and `openssl x509 -text` print for them.
 * profile.ts says which of them each role requests; this module says what they are.
 */

import { OID } from './oid';

/** RFC 5280 §4.2.1.3, in bit order: the index is the bit. */
export const KEY_USAGES = [
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

/** The key purposes this tool requests, by their OpenSSL names (RFC 5280 §4.2.1.12). */
export type ExtendedKeyUsage = 'clientAuth' | 'serverAuth';

/** As OpenSSL prints them, so a user can compare the two. */
const KEY_USAGE_TEXT: Readonly<Record<KeyUsageName, string>> = {
  digitalSignature: 'Digital Signature',
  nonRepudiation: 'Non Repudiation',
  keyEncipherment: 'Key Encipherment',
  dataEncipherment: 'Data Encipherment',
  keyAgreement: 'Key Agreement',
  keyCertSign: 'Certificate Sign',
  cRLSign: 'CRL Sign',
  encipherOnly: 'Encipher Only',
  decipherOnly: 'Decipher Only',
};

const PURPOSE_TEXT: Readonly<Record<string, string>> = {
  [OID.serverAuth]: 'TLS Web Server Authentication',
  [OID.clientAuth]: 'TLS Web Client Authentication',
  [OID.codeSigning]: 'Code Signing',
  [OID.emailProtection]: 'E-mail Protection',
  [OID.timeStamping]: 'Time Stamping',
  [OID.ocspSigning]: 'OCSP Signing',
  [OID.anyExtendedKeyUsage]: 'Any Extended Key Usage',
};

export function isKeyUsageName(name: string): name is KeyUsageName {
  return (KEY_USAGES as readonly string[]).includes(name);
}

/** The bit a usage sets in the KeyUsage BIT STRING. */
export function keyUsageBit(usage: KeyUsageName): number {
  return KEY_USAGES.indexOf(usage);
}

export function keyUsageText(usage: KeyUsageName): string {
  return KEY_USAGE_TEXT[usage];
}

/** A key purpose by OID, in OpenSSL's words, or the OID when OpenSSL has no name for it. */
export function purposeText(oid: string): string {
  return PURPOSE_TEXT[oid] ?? oid;
}

/** The same usages, in any order: lists whose repeats were refused when read, or the profile's own. */
export function sameUsages(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item)) && b.every((item) => a.includes(item));
}
