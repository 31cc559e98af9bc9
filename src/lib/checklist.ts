/**
 * The Trust Framework's rules for a CSR, checked on any CSR: one this tool
 * made, or one from an HSM, a KMS or OpenSSL. Each rule gives one result, in
 * a fixed order, saying what was found and what is expected.
 * See shared/TRUST-FRAMEWORK.md, "CSR (PKCS#10)"; the roles are profile.ts's.
 */

import { checkDnsName } from './dns';
import { describeCsr, type CsrDescription } from './describe';
import { extensionLines, type GeneralNameEntry } from './extensions';
import { sameUsages } from './key-usage';
import { OID, algorithmName } from './oid';
import type { Bytes } from './pem';
import { ROLES, type RoleId, type RoleProfile } from './profile';
import { UUID_EXAMPLE, checkUuid } from './request';
import { attributeValue, type Rdn } from './x509-name';

/** The checks, in the order checkCsr() returns them. */
export const CHECK_IDS = [
  'signature',
  'key',
  'signature-algorithm',
  'subject',
  'string-types',
  'uuids',
  'legal-name',
  'extensions',
  'subject-alt-name',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * What a check found, as a code and its facts (extension names, DNs, values as
 * written), so that the page can say it in either language; `message` says
 * the same in English for the gate and the logs.
 */
export const FINDING_CODES = [
  'signature-valid',
  'signature-invalid',
  'key-valid',
  'key-rsa-wrong',
  'key-not-rsa',
  'signature-algorithm-valid',
  'signature-algorithm-wrong',
  'subject-multi-valued',
  'subject-order',
  'subject-empty',
  'subject-country',
  'subject-valid',
  'string-types-valid',
  'string-types-wrong',
  'uuids-wrong',
  'uuids-none',
  'uuids-valid',
  'legal-name-none',
  'legal-name-replacement',
  'legal-name-mojibake',
  'legal-name-valid',
  'extensions-skipped',
  'extensions-none',
  'extensions-exact',
  'extensions-wrong',
  'san-none',
  'san-none-expected',
  'san-missing',
  'san-not-allowed',
  'san-valid',
  'san-problems',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];
/** Which subject a role expects, for the findings that say so. */
export type ExpectedSubject = 'any' | 'client' | 'server';
export interface Finding {
  readonly code: FindingCode;
  readonly params: Readonly<Record<string, string>>;
}

export interface CheckResult {
  readonly id: CheckId;
  readonly pass: boolean;
  /** Not checked, for want of a role: `pass` is false, but nothing was found wrong. */
  readonly skipped?: true;
  readonly message: string;
  readonly finding: Finding;
}

const EXPECTED_STRING_TYPES: Readonly<Record<string, string>> = {
  [OID.countryName]: 'PrintableString',
  [OID.organizationName]: 'UTF8String',
  [OID.organizationalUnitName]: 'UTF8String',
  [OID.commonName]: 'UTF8String',
};

/**
 * Every rule, on the DER of a CSR that readPemOrDer() has read. Without a
 * role, the rules that depend on it (CN, extensions, SAN required) check
 * only what holds for every role, and the extensions are not checked.
 */
export async function checkCsr(crypto: Crypto, der: Bytes, role?: RoleId): Promise<CheckResult[]> {
  const csr = await describeCsr(crypto, der);
  const profile = role === undefined ? undefined : ROLES[role];
  return [
    checkSignature(csr),
    checkKey(csr),
    checkSignatureAlgorithm(csr),
    checkSubject(csr.subjectRdns, profile),
    checkStringTypes(csr.subjectRdns),
    checkUuids(csr.subjectRdns, profile),
    checkLegalNameEncoding(csr.subjectRdns),
    checkExtensions(csr, profile),
    checkSubjectAltName(csr.extensions.subjectAltName?.names ?? [], profile),
  ];
}

function result(id: CheckId, pass: boolean, message: string, code: FindingCode, params: Record<string, string> = {}): CheckResult {
  return { id, pass, message, finding: { code, params } };
}

function checkSignature(csr: CsrDescription): CheckResult {
  return csr.signatureValid
    ? result('signature', true, "The self-signature verifies with the CSR's public key.", 'signature-valid')
    : result(
        'signature',
        false,
        `The self-signature does not verify with the CSR's public key (signed with ${algorithmName(csr.signatureAlgorithm)}): the CSR was changed or damaged after signing. Make it again.`,
        'signature-invalid',
        { algorithm: algorithmName(csr.signatureAlgorithm) },
      );
}

function checkKey(csr: CsrDescription): CheckResult {
  const { algorithm, bits, exponent } = csr.publicKey;
  const found = algorithm === OID.rsaEncryption ? `RSA ${bits}-bit, e=${exponent}` : `A key of type ${algorithmName(algorithm)}`;
  const rsa = algorithm === OID.rsaEncryption;
  const facts: Record<string, string> = rsa ? { bits: String(bits), exponent: String(exponent) } : { algorithm: algorithmName(algorithm) };
  const wrong = rsa ? 'key-rsa-wrong' : 'key-not-rsa';
  return bits === 2048 && exponent === 65537
    ? result('key', true, `${found}.`, 'key-valid', facts)
    : result('key', false, `${found}; the Trust Framework requires RSA 2048-bit with e=65537 (openssl req -newkey rsa:2048).`, wrong, facts);
}

function checkSignatureAlgorithm(csr: CsrDescription): CheckResult {
  const found = algorithmName(csr.signatureAlgorithm);
  return csr.signatureAlgorithm === OID.sha256WithRSAEncryption
    ? result('signature-algorithm', true, `${found}.`, 'signature-algorithm-valid', { algorithm: found })
    : result('signature-algorithm', false, `Signed with ${found}; expected sha256WithRSAEncryption (openssl req -sha256).`, 'signature-algorithm-wrong', { algorithm: found });
}

/** C = AE, O, OU and, for client roles, CN: each its own RDN, in that order. */
function checkSubject(rdns: readonly Rdn[], profile: RoleProfile | undefined): CheckResult {
  const expected =
    profile === undefined
      ? 'C = AE, O, OU and, for client certificates, CN'
      : profile.commonName === 'client-id'
        ? 'C = AE, O, OU, CN'
        : 'C = AE, O, OU (and optionally CN)';
  const subject: ExpectedSubject = profile === undefined ? 'any' : profile.commonName === 'client-id' ? 'client' : 'server';
  const multiValued = rdns.find((rdn) => rdn.length > 1);
  if (multiValued) {
    const shown = multiValued.map((attribute) => `${attribute.shortName}=${attribute.value}`).join(' + ');
    return result(
      'subject',
      false,
      `${shown} share one RDN (a multi-valued RDN); expected ${expected}, each its own RDN. In OpenSSL's -subj an unescaped "+" does this; write it as "\\+".`,
      'subject-multi-valued',
      { rdn: shown, expected: subject },
    );
  }
  const found = rdns.map((rdn) => rdn[0]!.shortName).join(', ');
  const cnOptional = profile?.commonName !== 'client-id';
  if (found !== 'C, O, OU, CN' && !(cnOptional && found === 'C, O, OU')) {
    const message = `The subject is ${found || 'empty'}; expected ${expected}, each once, in that order.`;
    return found
      ? result('subject', false, message, 'subject-order', { found, expected: subject })
      : result('subject', false, message, 'subject-empty', { expected: subject });
  }
  const country = attributeValue(rdns, OID.countryName);
  if (country !== 'AE') return result('subject', false, `C is "${country}"; expected C = AE.`, 'subject-country', { country: country ?? '' });
  return result('subject', true, `C = AE, ${found.slice('C, '.length)}, each its own RDN, in that order.`, 'subject-valid', { found: `C = AE, ${found.slice('C, '.length)}` });
}

function checkStringTypes(rdns: readonly Rdn[]): CheckResult {
  const wrong = rdns
    .flat()
    .filter((attribute) => EXPECTED_STRING_TYPES[attribute.type] !== undefined && attribute.stringType !== EXPECTED_STRING_TYPES[attribute.type]);
  return wrong.length === 0
    ? result('string-types', true, 'C is PrintableString; O, OU and CN are UTF8String.', 'string-types-valid')
    : result(
        'string-types',
        false,
        `${wrong.map((attribute) => `${attribute.shortName} is ${attribute.stringType}`).join(', ')}; expected C as PrintableString and O, OU and CN as UTF8String, as OpenSSL 3 writes them.`,
        'string-types-wrong',
        { found: wrong.map((attribute) => `${attribute.shortName}: ${attribute.stringType}`).join(', ') },
      );
}

/** OU is the Organisation ID; on client roles CN is the Client ID: both lowercase UUIDs. */
function checkUuids(rdns: readonly Rdn[], profile: RoleProfile | undefined): CheckResult {
  const present = [
    { name: 'OU', label: 'Organisation ID', value: attributeValue(rdns, OID.organizationalUnitName) },
    { name: 'CN', label: 'Client ID', value: profile?.commonName === 'client-id' ? attributeValue(rdns, OID.commonName) : undefined },
  ].filter((entry): entry is { name: string; label: string; value: string } => entry.value !== undefined);
  // checkUuid returns the value itself when it is a lowercase UUID.
  const wrong = present.filter(({ value }) => checkUuid(value, 'organisationId', 'Organisation ID') !== value);
  if (wrong.length > 0) {
    const found = wrong.map(({ name, label, value }) => `${name} is "${value}"; expected the ${label}, a lowercase UUID like ${UUID_EXAMPLE}`);
    const values = wrong.map(({ name, value }) => `${name}=${value}`).join(', ');
    return result('uuids', false, `${found.join('. ')}.`, 'uuids-wrong', { found: values, example: UUID_EXAMPLE });
  }
  if (present.length === 0) return result('uuids', true, 'No OU or CN to check; see the subject check.', 'uuids-none');
  const names = present.map(({ name }) => name);
  const message = `${names.join(' and ')} ${names.length > 1 ? 'are lowercase UUIDs' : 'is a lowercase UUID'}.`;
  return result('uuids', true, message, 'uuids-valid', { names: names.join(', ') });
}

function checkLegalNameEncoding(rdns: readonly Rdn[]): CheckResult {
  const name = attributeValue(rdns, OID.organizationName);
  if (name === undefined) return result('legal-name', true, 'No legal name (O) to check; see the subject check.', 'legal-name-none');
  if (name.includes('\uFFFD')) {
    return result(
      'legal-name',
      false,
      `O is "${name}": it holds U+FFFD (�), the replacement character a decoder leaves for bytes it could not read, so the legal name was lost. ` +
        'Make the CSR again from the name as registered; a CSV saved by Excel should be saved as "CSV UTF-8".',
      'legal-name-replacement',
      { name },
    );
  }
  const meant = undoMojibake(name);
  return meant === undefined
    ? result('legal-name', true, `O is "${name}", with no double-encoded characters.`, 'legal-name-valid', { name })
    : result(
        'legal-name',
        false,
        `O is "${name}": UTF-8 read as single bytes (mojibake); the legal name was most likely "${meant}". ` +
          'OpenSSL does this to -subj without -utf8: make the CSR again with -utf8 added to the command, or with this tool.',
        'legal-name-mojibake',
        { name, meant },
      );
}

/**
 * If `value` is UTF-8 whose bytes were each read as a Latin-1 character (what
 * OpenSSL does to -subj without -utf8), the text that was meant: "Ø´Ø±Ù\u0083Ø©" is "شركة".
 */
export function undoMojibake(value: string): string | undefined {
  if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(value, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** Exactly the role's profile (key usage critical, EKU), or none at all; subjectAltName is the next check's. */
function checkExtensions(csr: CsrDescription, profile: RoleProfile | undefined): CheckResult {
  const { keyUsage, extendedKeyUsage, other } = csr.extensions;
  const found = extensionLines({ keyUsage, extendedKeyUsage, other });
  const requested = found.length === 0 ? 'none' : found.join('; ');
  if (profile === undefined) {
    const message = `Not checked: no role given. Requested: ${requested}. Choose the certificate type to check them against its profile.`;
    return { ...result('extensions', false, message, 'extensions-skipped', { requested: found.join('; ') || '—' }), skipped: true };
  }
  const purposes = profile.extendedKeyUsage.map((usage) => OID[usage]);
  const expected = extensionLines({
    keyUsage: { critical: true, usages: profile.keyUsage },
    ...(purposes.length > 0 ? { extendedKeyUsage: { critical: false, purposes } } : {}),
    other: [],
  }).join('; ');
  if (found.length === 0) {
    const message = `None requested, exactly as the Trust Framework command; the directory applies its own ${profile.fileRole} profile.`;
    return result('extensions', true, message, 'extensions-none', { role: profile.fileRole });
  }
  const exact =
    keyUsage?.critical === true &&
    sameUsages(keyUsage.usages, profile.keyUsage) &&
    (extendedKeyUsage === undefined ? purposes.length === 0 : sameUsages(extendedKeyUsage.purposes, purposes)) &&
    other.length === 0;
  return exact
    ? result('extensions', true, `${requested}: exactly the ${profile.fileRole} profile.`, 'extensions-exact', { requested, role: profile.fileRole })
    : result(
        'extensions',
        false,
        `Requested ${requested}; expected for ${profile.fileRole} exactly ${expected}, or no extensions at all (as the Trust Framework command).`,
        'extensions-wrong',
        { requested, role: profile.fileRole, expected },
      );
}

/** Server transport must name its hosts as DNS names; other roles carry none; any given must be valid. */
function checkSubjectAltName(names: readonly GeneralNameEntry[], profile: RoleProfile | undefined): CheckResult {
  const required = profile?.dnsNames === 'required';
  const shown = names.map((name) => `${name.type}:${name.value}`).join(', ');
  if (names.length === 0) {
    if (!required) {
      return profile
        ? result('subject-alt-name', true, `None, as ${profile.fileRole} expects.`, 'san-none-expected', { role: profile.fileRole })
        : result('subject-alt-name', true, 'None requested.', 'san-none');
    }
    return result(
      'subject-alt-name',
      false,
      `None requested; ${profile.fileRole} must name its hosts as DNS names, like -addext "subjectAltName=DNS:api.bank.ae".`,
      'san-missing',
      { role: profile.fileRole },
    );
  }
  if (profile && !required) {
    return result('subject-alt-name', false, `Requested ${shown}; ${profile.fileRole} carries no subjectAltName. Remove it.`, 'san-not-allowed', {
      names: shown,
      role: profile.fileRole,
    });
  }
  const bad = names.filter((name) => sanProblem(name) !== undefined);
  const problems = bad.map(sanProblem).filter((problem) => problem !== undefined);
  const seen = names.filter((name) => name.type === 'DNS').map((name) => name.value.toLowerCase());
  const repeated = [...new Set(seen.filter((name, index) => seen.indexOf(name) !== index))];
  problems.push(...repeated.map((name) => `"${name}" is listed twice; remove one.`));
  return problems.length === 0
    ? result('subject-alt-name', true, `${shown}: ${names.length > 1 ? 'valid DNS names' : 'a valid DNS name'}.`, 'san-valid', { names: shown })
    : result('subject-alt-name', false, problems.join(' '), 'san-problems', {
        invalid: bad.map((name) => `${name.type}:${name.value}`).join(', ') || '—',
        repeated: repeated.join(', ') || '—',
      });
}

function sanProblem(name: GeneralNameEntry): string | undefined {
  if (name.type !== 'DNS') return `${name.type}:${name.value} is not a DNS name; only DNS names belong in the subjectAltName.`;
  const checked = checkDnsName(name.value);
  if ('code' in checked) return checked.message;
  if (checked.ascii !== name.value.toLowerCase()) return `"${name.value}" must be written in its ASCII form, ${checked.ascii}.`;
  return undefined;
}
