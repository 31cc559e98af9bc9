/**
 * Object identifiers by name: those this tool writes into keys and CSRs, and
 * those it reads in certificates and CSRs made elsewhere (RFC 5280, RFC 2985,
 * RFC 8017, RFC 5480, RFC 8410, X.520).
 */
export const OID = {
  // Name attributes (X.520, RFC 4519, RFC 2985)
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  commonName: '2.5.4.3',
  localityName: '2.5.4.7',
  stateOrProvinceName: '2.5.4.8',
  serialNumber: '2.5.4.5',
  organizationIdentifier: '2.5.4.97',
  domainComponent: '0.9.2342.19200300.100.1.25',
  emailAddress: '1.2.840.113549.1.9.1',
  // PKCS#9 attribute
  extensionRequest: '1.2.840.113549.1.9.14',
  // Extensions
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  certificatePolicies: '2.5.29.32',
  // Key purposes
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  anyExtendedKeyUsage: '2.5.29.37.0',
  // Key and signature algorithms
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha1WithRSAEncryption: '1.2.840.113549.1.1.5',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  rsassaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ed25519: '1.3.101.112',
} as const;

/** Object identifiers of PKCS#12 (RFC 7292), PKCS#5 (RFC 8018), PKCS#9 (RFC 2985), CMS (RFC 5652) and NIST. */
export const PKCS12_OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSHA256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

const ALGORITHM_NAMES: Readonly<Record<string, string>> = {
  [OID.rsaEncryption]: 'rsaEncryption',
  [OID.sha256WithRSAEncryption]: 'sha256WithRSAEncryption',
  [OID.sha1WithRSAEncryption]: 'sha1WithRSAEncryption',
  [OID.sha384WithRSAEncryption]: 'sha384WithRSAEncryption',
  [OID.sha512WithRSAEncryption]: 'sha512WithRSAEncryption',
  [OID.rsassaPss]: 'rsassaPss',
  [OID.ecPublicKey]: 'id-ecPublicKey',
  [OID.ecdsaWithSHA256]: 'ecdsa-with-SHA256',
  [OID.ed25519]: 'ED25519',
};

/** An algorithm as `openssl req -text` names it, or its OID. */
export function algorithmName(oid: string): string {
  return ALGORITHM_NAMES[oid] ?? oid;
}
