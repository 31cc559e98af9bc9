/**
 * X.509 names (RFC 5280 §4.1.2.4) read RDN by RDN, with each value's string
 * type, and printed as `openssl x509 -nameopt oneline` does.
 */

import * as asn1js from 'asn1js';
import type { RelativeDistinguishedNames } from 'pkijs';
import { toHex } from './bytes';
import { OID } from './oid';
import { onelineValue } from './subject';

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
  [OID.localityName]: 'L',
  [OID.stateOrProvinceName]: 'ST',
  [OID.serialNumber]: 'serialNumber',
  [OID.organizationIdentifier]: 'organizationIdentifier',
  [OID.domainComponent]: 'DC',
  [OID.emailAddress]: 'emailAddress',
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
export function readName(name: RelativeDistinguishedNames): Rdn[] {
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
  return rdns.map((rdn) => rdn.map((attribute) => `${attribute.shortName} = ${onelineValue(attribute.value, false)}`).join(' + ')).join(', ');
}

/** The first value of an attribute type in a name, such as the CN. */
export function attributeValue(rdns: readonly Rdn[], type: string): string | undefined {
  return rdns.flat().find((attribute) => attribute.type === type)?.value;
}

