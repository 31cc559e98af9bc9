/**
 * After issuance: what the Trust Framework's PKIs are (shared/TRUST-FRAMEWORK.md,
 * "The Trust Framework's CAs"), whether a certificate comes from one of them,
 * and which role an issued certificate plays, judged by what the CA really
 * issues: its key usage, EKU, subject shape (a Client ID as CN, or no CN) and
 * SAN. Recognition is by name, policy and (for the sandbox) the published
 * key identifier: the CAs' own certificates are not reachable offline, so
 * nothing here claims to verify a chain.
 */

import type { CertificateFacts, NameParts } from './certificate-facts';
import { OID } from './oid';
import type { KeyUsageName } from './key-usage';
import { ROLES, type Party, type Purpose, type RoleId } from './profile';
import { isDirectoryUuid } from './request';

export type Environment = 'sandbox' | 'production';

/** The certificate policy every participant certificate carries. */
export const TRUST_FRAMEWORK_POLICY = '1.3.6.1.4.1.56623.114.1.2';

/** Every Trust Framework CA name is under this. */
export const TRUST_FRAMEWORK_NAME = { C: 'AE', O: 'Nebras Open Finance Company', OU: 'Al Tareq Trust Framework' } as const;

export interface TrustFrameworkPki {
  readonly issuingCa: string;
  readonly rootCa: string;
  readonly ocsp: string;
  readonly crl: string;
  /** The issuing CA's key identifier, as seen in a real issued certificate's AKI; undefined where none is published. */
  readonly issuingKeyId: string | undefined;
}

export const TRUST_FRAMEWORK_PKIS: Readonly<Record<Environment, TrustFrameworkPki>> = {
  sandbox: {
    issuingCa: 'Al Tareq Sandbox Trust Framework Issuing CA - G1',
    rootCa: 'Al Tareq Sandbox Trust Framework Root CA - G1',
    ocsp: 'http://ocsp.sandbox.pki.openfinance.ae',
    crl: 'http://crl.sandbox.pki.openfinance.ae/issuer.crl',
    issuingKeyId: 'C7:CC:BC:87:56:27:C3:1B:93:4A:85:65:32:00:94:E8:CF:3A:EC:4D',
  },
  production: {
    issuingCa: 'Al Tareq Production Trust Framework Issuing CA - G1',
    rootCa: 'Al Tareq Production Trust Framework Root CA - G1',
    ocsp: 'http://ocsp.pki.openfinance.ae',
    crl: 'http://crl.pki.openfinance.ae/issuer.crl',
    issuingKeyId: undefined,
  },
};

const ENVIRONMENTS: readonly Environment[] = ['sandbox', 'production'];

export type CertificateKind = 'end-entity' | 'issuing-ca' | 'root-ca' | 'other-ca';

/** How the key identifier compares with the published one: the real CA's, another key with the same name, or none published. */
export type KeyIdEvidence = 'match' | 'differs' | 'unknown';

export interface Recognition {
  readonly kind: CertificateKind;
  /** The Trust Framework PKI the certificate is from (an end entity) or is part of (a CA); undefined for any other. */
  readonly environment: Environment | undefined;
  /** The issuer (end entity) or subject (CA) is a Trust Framework CA's name, exactly. */
  readonly name: boolean;
  /** An end entity carries the Trust Framework's policy OID. */
  readonly policy: boolean;
  readonly keyId: KeyIdEvidence;
}

/** Which Trust Framework PKI a certificate belongs to, and how sure the names, policy and key identifier make it. */
export function recognise(facts: CertificateFacts): Recognition {
  if (facts.isCa) return recogniseCa(facts);
  const found = ENVIRONMENTS.find((environment) => isTfName(facts.issuer, TRUST_FRAMEWORK_PKIS[environment].issuingCa));
  const policy = facts.policies.includes(TRUST_FRAMEWORK_POLICY);
  if (found === undefined) return { kind: 'end-entity', environment: undefined, name: false, policy, keyId: 'unknown' };
  return { kind: 'end-entity', environment: found, name: true, policy, keyId: keyIdEvidence(found, facts.authorityKeyId) };
}

function recogniseCa(facts: CertificateFacts): Recognition {
  for (const environment of ENVIRONMENTS) {
    const pki = TRUST_FRAMEWORK_PKIS[environment];
    if (isTfName(facts.subject, pki.issuingCa)) {
      return { kind: 'issuing-ca', environment, name: true, policy: false, keyId: keyIdEvidence(environment, facts.subjectKeyId) };
    }
    if (isTfName(facts.subject, pki.rootCa)) return { kind: 'root-ca', environment, name: true, policy: false, keyId: 'unknown' };
  }
  return { kind: 'other-ca', environment: undefined, name: false, policy: false, keyId: 'unknown' };
}

function isTfName(name: NameParts, commonName: string): boolean {
  return name.C === TRUST_FRAMEWORK_NAME.C && name.O === TRUST_FRAMEWORK_NAME.O && name.OU === TRUST_FRAMEWORK_NAME.OU && name.CN === commonName;
}

function keyIdEvidence(environment: Environment, keyId: string | undefined): KeyIdEvidence {
  const published = TRUST_FRAMEWORK_PKIS[environment].issuingKeyId;
  if (published === undefined || keyId === undefined) return 'unknown';
  return keyId === published ? 'match' : 'differs';
}

/** The environments a set of certificates comes from: more than one means sandbox and production are mixed. */
export function environmentsOf(recognitions: readonly Recognition[]): Environment[] {
  return ENVIRONMENTS.filter((environment) => recognitions.some((recognition) => recognition.environment === environment));
}

// ---------------------------------------------------------------------------
// Which role an issued certificate plays

/** What keeps a certificate from matching its role's profile fully; none when it does. */
export type RoleGap =
  | 'no-key-usage'
  | 'key-usage-not-critical'
  | 'key-usage-differs'
  | 'no-extended-key-usage'
  | 'cn-not-client-id'
  | 'cn-on-lfi-certificate'
  | 'no-dns-names';

export interface Classification {
  /** The role the evidence points to; undefined when the key usage says nothing. */
  readonly role: RoleId | undefined;
  readonly gaps: readonly RoleGap[];
}

/**
 * Purpose from the EKU, else the key usage; party from the EKU, else the
 * subject (a Client ID as CN: a TPP's; no CN: an LFI's). Then every way
 * the certificate differs from that role's profile is a gap.
 */
export function classify(facts: CertificateFacts): Classification {
  const { keyUsage, extendedKeyUsage, subjectAltName } = facts.extensions;
  const usages = keyUsage?.usages ?? [];
  const purposes = extendedKeyUsage?.purposes ?? [];
  const commonName = facts.subject.CN;
  const cnIsClientId = isDirectoryUuid(commonName);
  const purpose = purposeOf(usages, purposes);
  if (purpose === undefined) return { role: undefined, gaps: keyUsage ? [] : ['no-key-usage'] };
  const party: Party = purposes.includes(OID.serverAuth) ? 'server' : purposes.includes(OID.clientAuth) ? 'client' : cnIsClientId ? 'client' : 'server';
  const role = `${party}_${purpose}` as RoleId;
  const profile = ROLES[role];
  const gaps: RoleGap[] = [];
  if (!keyUsage) gaps.push('no-key-usage');
  else if (!keyUsage.critical) gaps.push('key-usage-not-critical');
  if (keyUsage && !sameSet(usages, profile.keyUsage)) gaps.push('key-usage-differs');
  if (profile.extendedKeyUsage.length > 0 && purposes.length === 0) gaps.push('no-extended-key-usage');
  if (party === 'client' && !cnIsClientId) gaps.push('cn-not-client-id');
  if (party === 'server' && commonName !== undefined && purpose !== 'transport') gaps.push('cn-on-lfi-certificate');
  const hasDns = (subjectAltName?.names ?? []).some((name) => name.type === 'DNS');
  if (profile.dnsNames === 'required' && !hasDns) gaps.push('no-dns-names');
  return { role, gaps };
}

function purposeOf(usages: readonly string[], purposes: readonly string[]): Purpose | undefined {
  if (purposes.includes(OID.serverAuth) || purposes.includes(OID.clientAuth)) return 'transport';
  const has = (usage: KeyUsageName) => usages.includes(usage);
  if (has('nonRepudiation') || (has('digitalSignature') && !has('keyEncipherment'))) return 'signing';
  if (has('digitalSignature') && has('keyEncipherment')) return 'transport';
  if (has('keyEncipherment') || has('dataEncipherment')) return 'encryption';
  return undefined;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}
