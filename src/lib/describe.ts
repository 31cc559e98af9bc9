/**
 * Certificates, CSRs and public keys described for a person: subject, issuer,
 * validity, usages, key size, fingerprints, and the Trust Framework role a
 * certificate's profile fits. Each value reads as OpenSSL prints it.
 */

import type * as asn1js from 'asn1js';
import { Certificate, CertificationRequest, CryptoEngine, PublicKeyInfo } from 'pkijs';
import { toBigInt, toHex } from './bytes';
import { decodeOrThrow } from './der';
import { dnsNamesOf, readExtensions, requestedExtensions, type ExtensionSummary } from './extensions';
import { rsaPublicNumbers, spkiDer } from './key-der';
import { keyUsageText, purposeText, sameUsages } from './key-usage';
import { publicKeyFingerprint } from './keys';
import { OID } from './oid';
import type { Bytes } from './pem';
import { ROLES, type RoleId } from './profile';
import { isDirectoryUuid } from './request';
import { attributeValue, nameLine, readName, type Rdn } from './x509-name';

export interface PublicKeyDescription {
  /** The algorithm's OID (rsaEncryption for the keys this tool makes). */
  readonly algorithm: string;
  /** RSA: the modulus length in bits, and the public exponent. */
  readonly bits?: number;
  readonly exponent?: number;
}

function describePublicKey(spki: PublicKeyInfo): PublicKeyDescription {
  const algorithm = spki.algorithm.algorithmId;
  if (algorithm !== OID.rsaEncryption) return { algorithm };
  const [modulus, exponent] = rsaPublicNumbers(spki.subjectPublicKey.valueBlock.valueHexView, 0).map((integer) => toBigInt(integer.valueBlock.valueHexView));
  return { algorithm, bits: modulus!.toString(2).length, exponent: Number(exponent) };
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

/** Checks the self-signature with the injected WebCrypto; an algorithm it cannot check counts as not valid. */
async function verifyCsr(crypto: Crypto, csr: CertificationRequest): Promise<boolean> {
  try {
    return await csr.verify(new CryptoEngine({ name: 'injected', crypto }));
  } catch {
    return false;
  }
}


/**
 * The role (profile.ts) whose profile these extensions and this subject fit
 * exactly: the same key usage and extended key usage, DNS names if and only
 * if the role requires them, and a UUID as CN if and only if the role carries
 * the Client ID. Undefined when no role, or more than one, fits.
 */
function fittingRole(extensions: ExtensionSummary, subject: readonly Rdn[]): RoleId | undefined {
  const commonName = attributeValue(subject, OID.commonName);
  const cnIsUuid = isDirectoryUuid(commonName);
  const hasDnsNames = dnsNamesOf(extensions).length > 0;
  const fits = Object.values(ROLES).filter(
    (role) =>
      sameUsages(extensions.keyUsage?.usages ?? [], role.keyUsage) &&
      sameUsages(extensions.extendedKeyUsage?.purposes ?? [], role.extendedKeyUsage.map((usage) => OID[usage])) &&
      (role.dnsNames === 'required') === hasDnsNames &&
      (role.commonName === 'client-id') === cnIsUuid,
  );
  return fits.length === 1 ? fits[0]!.id : undefined;
}
