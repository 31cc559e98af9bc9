/**
 * What the Trust Framework view needs to know of a certificate beyond what
 * describe.ts describes: the issuer's and subject's C, O, OU and CN, whether it
 * is a CA, its key identifiers and certificate policies, and its
 * `x5t#S256`. Reads the DER with pkijs; never throws for a damaged
 * extension (it is then simply not there).
 */

import { AuthorityKeyIdentifier, BasicConstraints, Certificate, CertificatePolicies, type Extension, type RelativeDistinguishedNames } from 'pkijs';
import * as asn1js from 'asn1js';
import { toHex } from './bytes';
import { describeCertificate, type CertificateDescription } from './describe';
import type { ExtensionSummary } from './extensions';
import { OID } from './oid';
import { x5tS256 } from './jwk';
import type { Bytes } from './pem';

/** The first value of each of the attributes the Trust Framework's names use. */
export interface NameParts {
  readonly C?: string;
  readonly O?: string;
  readonly OU?: string;
  readonly CN?: string;
}

export interface CertificateFacts {
  readonly issuer: NameParts;
  readonly subject: NameParts;
  /** The issuer's and the subject's Name DER, in hex: names are compared exactly. */
  readonly issuerDer: string;
  readonly subjectDer: string;
  /** Subject and issuer are the same DER: a root (or another self-issued certificate). */
  readonly selfIssued: boolean;
  /** basicConstraints cA is TRUE. */
  readonly isCa: boolean;
  /** As `openssl x509 -text` prints them: uppercase hex, colon-separated. */
  readonly authorityKeyId: string | undefined;
  readonly subjectKeyId: string | undefined;
  /** The certificatePolicies policy OIDs. */
  readonly policies: readonly string[];
  readonly extensions: ExtensionSummary;
  /** base64url of the SHA-256 of the DER (RFC 7517 §4.9): the directory's kid. */
  readonly x5tS256: string;
}

/** `description`, when the caller already has it, is not made again. */
export async function readCertificateFacts(crypto: Crypto, der: Bytes, description?: CertificateDescription): Promise<CertificateFacts> {
  const certificate = Certificate.fromBER(der);
  const { extensions: extensionSummary } = description ?? (await describeCertificate(crypto, der));
  const extensions = certificate.extensions ?? [];
  const basic = parsed(extensions, OID.basicConstraints, BasicConstraints);
  const aki = parsed(extensions, OID.authorityKeyIdentifier, AuthorityKeyIdentifier);
  const ski = extensions.find((extension) => extension.extnID === OID.subjectKeyIdentifier);
  const policies = parsed(extensions, OID.certificatePolicies, CertificatePolicies);
  const issuerDer = toHex(new Uint8Array(certificate.issuer.toSchema().toBER()));
  const subjectDer = toHex(new Uint8Array(certificate.subject.toSchema().toBER()));
  return {
    issuer: nameParts(certificate.issuer),
    subject: nameParts(certificate.subject),
    issuerDer,
    subjectDer,
    selfIssued: issuerDer === subjectDer,
    isCa: basic?.cA === true,
    authorityKeyId: aki?.keyIdentifier && colonHex(aki.keyIdentifier.valueBlock.valueHexView),
    subjectKeyId: ski && subjectKeyId(ski),
    policies: policies?.certificatePolicies.map((policy) => policy.policyIdentifier) ?? [],
    extensions: extensionSummary,
    x5tS256: await x5tS256(crypto, der),
  };
}

/** Whether `issuer` could have signed `subject`: its subject is the issuer name, and the key identifiers agree when both are given. */
export function issuedBy(subject: CertificateFacts, issuer: CertificateFacts): boolean {
  if (subject.issuerDer !== issuer.subjectDer) return false;
  return subject.authorityKeyId === undefined || issuer.subjectKeyId === undefined || subject.authorityKeyId === issuer.subjectKeyId;
}

const SHORT: Readonly<Record<string, keyof NameParts>> = {
  [OID.countryName]: 'C',
  [OID.organizationName]: 'O',
  [OID.organizationalUnitName]: 'OU',
  [OID.commonName]: 'CN',
};

function nameParts(name: RelativeDistinguishedNames): NameParts {
  const parts: { -readonly [K in keyof NameParts]: string } = {};
  for (const { type, value } of name.typesAndValues) {
    const short = SHORT[type];
    if (short && parts[short] === undefined && value instanceof asn1js.BaseStringBlock) parts[short] = value.getValue();
  }
  return parts;
}

/** The extension's pkijs reading, or undefined when it is absent or damaged. */
function parsed<T>(extensions: readonly Extension[], id: string, Type: abstract new (...args: never[]) => T): T | undefined {
  try {
    const value: unknown = extensions.find((extension) => extension.extnID === id)?.parsedValue;
    return value instanceof Type ? value : undefined;
  } catch {
    return undefined;
  }
}

/** SubjectKeyIdentifier ::= KeyIdentifier (OCTET STRING), inside the extnValue. */
function subjectKeyId(extension: Extension): string | undefined {
  const inner = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView).result;
  return inner instanceof asn1js.OctetString ? colonHex(inner.valueBlock.valueHexView) : undefined;
}

function colonHex(bytes: Uint8Array): string {
  return (toHex(bytes).toUpperCase().match(/../g) ?? []).join(':');
}
