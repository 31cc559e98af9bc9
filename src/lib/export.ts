/**
 * After issuance: the user's key and the certificate the directory issued,
 * as a PKCS#12 (.p12) file for Windows, Java and OpenSSL, and as JWKs.
 *
 * The .p12 is laid out as `openssl pkcs12 -export` in OpenSSL 3.0 writes it:
 * the certificates in a PBES2-encrypted SafeContents, the key in a
 * PKCS8ShroudedKeyBag, both linked by localKeyId and friendlyName, and an
 * HMAC-SHA256 MAC over the whole. It uses 600,000 iterations (OpenSSL: 2,048)
 * for the PBKDF2 of the key and of the certificates and for the MAC's KDF alike,
 * so that the MAC, which readers check first, is no cheaper a way to guess the
 * passphrase than the key itself; and 16-byte salts everywhere.
 */

import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Attribute,
  AuthenticatedSafe,
  CertBag,
  Certificate,
  ContentInfo,
  CryptoEngine,
  DigestInfo,
  EncryptedContentInfo,
  EncryptedData,
  MacData,
  PBES2Params,
  PBKDF2Params,
  PFX,
  PKCS8ShroudedKeyBag,
  SafeBag,
  SafeContents,
} from 'pkijs';
import { AppError, type ErrorCode } from './errors';
import { importPrivateKeyPem } from './keys';
import { OID } from './oid';
import { fromPem, toBase64, type Bytes } from './pem';
import { ROLES, type RoleId } from './profile';

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

/**
 * PBKDF2-HMAC-SHA256 iterations for the key and the certificates: OWASP's figure for PBKDF2-HMAC-SHA256 (2023).
 * OpenSSL 3 and keytool (which caps at 5,000,000) read it; measured import times are in the README.
 */
export const PBKDF2_ITERATIONS = 600_000;
/**
 * The MAC's iterations (RFC 7292 appendix B KDF, SHA-256): the same as the PBKDF2's. OpenSSL checks the MAC
 * before it decrypts anything, so a MAC with OpenSSL's default of 2,048 let a guesser test each passphrase
 * about 97 times more cheaply than against the key (issue 13).
 */
export const MAC_ITERATIONS = PBKDF2_ITERATIONS;
export const SALT_LENGTH = 16;
/** The shortest passphrase accepted: the file can be attacked offline, at whatever speed the attacker can buy. */
export const MIN_PASSPHRASE_LENGTH = 10;

export type ExportErrorCode = Extract<
  ErrorCode,
  'passphrase-required' | 'passphrase-not-ascii' | 'passphrase-too-short' | 'key-invalid' | 'certificate-invalid' | 'key-certificate-mismatch' | 'kid-required'
>;

/** Why an export was refused: an AppError with one of the export codes. */
function refused(code: ExportErrorCode, message: string, options: { cause?: unknown; params?: { limit?: string } } = {}): AppError {
  return new AppError(code, message, options);
}

export interface Pkcs12Input {
  /** Unencrypted PKCS#8 PEM, as this tool writes the .key. */
  readonly keyPem: string;
  /** The certificate the directory issued for that key. */
  readonly certificatePem: string;
  /** CA certificates to include, one PEM each, issuer after subject. */
  readonly chainPems?: readonly string[];
  readonly passphrase: string;
  /** The name Windows and keytool show for the entry; none if empty. */
  readonly friendlyName: string;
}

/**
 * RFC 7292 §4:
 *   PFX ::= SEQUENCE { version INTEGER {v3(3)}(v3,...), authSafe ContentInfo, macData MacData OPTIONAL }
 *   MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
 *   AuthenticatedSafe ::= SEQUENCE OF ContentInfo  -- Data if unencrypted, EncryptedData if password-encrypted
 * The authSafe holds two ContentInfos, in OpenSSL's order: EncryptedData with
 * the CertBags, then Data with the PKCS8ShroudedKeyBag (already encrypted).
 */
export async function exportPkcs12(crypto: Crypto, input: Pkcs12Input): Promise<Bytes> {
  const password = checkPassphrase(input.passphrase);
  const key = await readKey(crypto, input.keyPem);
  const certificate = await readCertificate(crypto, input.certificatePem, 'certificate');
  if (certificate.n !== key.jwk.n || certificate.e !== key.jwk.e) {
    throw refused(
      'key-certificate-mismatch',
      'The certificate is not for this private key: their public keys differ. Choose the certificate the directory issued for the CSR made with this key.',
    );
  }
  const chain = await Promise.all((input.chainPems ?? []).map((pem) => readCertificate(crypto, pem, 'chain')));

  // localKeyId is the SHA-1 of the certificate DER, as `openssl pkcs12 -export` sets it
  // (X509_digest with SHA-1). It only pairs the key with its certificate; nothing relies on it for security.
  const localKeyId = new Uint8Array(await crypto.subtle.digest('SHA-1', certificate.der));
  const attributes = bagAttributes(input.friendlyName, localKeyId);

  const keyEncryption = await pbes2Encrypt(crypto, password, key.pkcs8);
  // PKCS8ShroudedKeyBag ::= EncryptedPrivateKeyInfo  -- SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING }
  const keyBag = new SafeBag({
    bagId: PKCS12_OID.pkcs8ShroudedKeyBag,
    bagValue: new PKCS8ShroudedKeyBag({
      encryptionAlgorithm: keyEncryption.algorithm,
      encryptedData: new asn1js.OctetString({ valueHex: keyEncryption.ciphertext }),
    }),
    bagAttributes: attributes,
  });
  // CertBag ::= SEQUENCE { certId BAG-TYPE.&id, certValue [0] EXPLICIT  -- x509Certificate: OCTET STRING holding the DER }
  const certBag = (der: Bytes, attrs?: Attribute[]) =>
    new SafeBag({
      bagId: PKCS12_OID.certBag,
      bagValue: new CertBag({ certId: PKCS12_OID.x509Certificate, certValue: new asn1js.OctetString({ valueHex: der }) }),
      ...(attrs ? { bagAttributes: attrs } : {}),
    });
  const certContents = new SafeContents({ safeBags: [certBag(certificate.der, attributes), ...chain.map((c) => certBag(c.der))] });
  const certEncryption = await pbes2Encrypt(crypto, password, encode(certContents));

  const authenticatedSafe = encode(
    new AuthenticatedSafe({
      safeContents: [
        // EncryptedData ::= SEQUENCE { version CMSVersion (0), encryptedContentInfo EncryptedContentInfo }
        new ContentInfo({
          contentType: PKCS12_OID.encryptedData,
          content: new EncryptedData({
            version: 0,
            encryptedContentInfo: new EncryptedContentInfo({
              contentType: PKCS12_OID.data,
              contentEncryptionAlgorithm: certEncryption.algorithm,
              encryptedContent: new asn1js.OctetString({ valueHex: certEncryption.ciphertext }),
              disableSplit: true, // one primitive [0], as OpenSSL writes; pkijs would chunk it into indefinite-length BER
            }),
          }).toSchema(),
        }),
        new ContentInfo({
          contentType: PKCS12_OID.data,
          content: new asn1js.OctetString({ valueHex: encode(new SafeContents({ safeBags: [keyBag] })) }),
        }),
      ],
    }),
  );

  // The MAC key comes from the PKCS#12 KDF (RFC 7292 appendix B) over the passphrase as a BMPString,
  // which pkijs's engine implements; the PBES2 keys above use its UTF-8 bytes, as OpenSSL 3 does.
  const engine = new CryptoEngine({ name: 'injected', crypto });
  const macSalt = crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
  const mac = await engine.stampDataWithPassword({
    password: password.slice().buffer,
    hashAlgorithm: 'SHA-256',
    salt: macSalt.buffer,
    iterationCount: MAC_ITERATIONS,
    contentToStamp: authenticatedSafe,
  });
  const pfx = new PFX({
    version: 3,
    authSafe: new ContentInfo({ contentType: PKCS12_OID.data, content: new asn1js.OctetString({ valueHex: authenticatedSafe }) }),
    macData: new MacData({
      // DigestInfo ::= SEQUENCE { digestAlgorithm AlgorithmIdentifier, digest OCTET STRING }; sha256 with NULL, as OpenSSL writes it
      mac: new DigestInfo({
        digestAlgorithm: new AlgorithmIdentifier({ algorithmId: PKCS12_OID.sha256, algorithmParams: new asn1js.Null() }),
        digest: new asn1js.OctetString({ valueHex: mac }),
      }),
      macSalt: new asn1js.OctetString({ valueHex: macSalt }),
      iterations: MAC_ITERATIONS,
    }),
  });
  return new Uint8Array(encode(pfx));
}

/**
 * RFC 8018 §6.2, A.2, A.4, B.2.5:
 *   PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier {{PBES2-KDFs}}, encryptionScheme AlgorithmIdentifier {{PBES2-Encs}} }
 *   PBKDF2-params ::= SEQUENCE { salt CHOICE { specified OCTET STRING, ... }, iterationCount INTEGER (1..MAX),
 *                                keyLength INTEGER (1..MAX) OPTIONAL, prf AlgorithmIdentifier DEFAULT algid-hmacWithSHA1 }
 *   aes256-CBC-PAD parameters: AES-IV ::= OCTET STRING (SIZE(16))
 * keyLength is left out (AES-256 fixes it) and prf is hmacWithSHA256 with NULL parameters, as OpenSSL writes them.
 */
async function pbes2Encrypt(crypto: Crypto, password: Bytes, plaintext: BufferSource): Promise<{ algorithm: AlgorithmIdentifier; ciphertext: ArrayBuffer }> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const baseKey = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveKey']);
  const aesKey = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: PBKDF2_ITERATIONS },
    baseKey,
    { name: 'AES-CBC', length: 256 },
    false,
    ['encrypt'],
  );
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, aesKey, plaintext);
  const kdf = new PBKDF2Params({
    salt: new asn1js.OctetString({ valueHex: salt }),
    iterationCount: PBKDF2_ITERATIONS,
    prf: new AlgorithmIdentifier({ algorithmId: PKCS12_OID.hmacWithSHA256, algorithmParams: new asn1js.Null() }),
  });
  const params = new PBES2Params({
    keyDerivationFunc: new AlgorithmIdentifier({ algorithmId: PKCS12_OID.pbkdf2, algorithmParams: kdf.toSchema() }),
    encryptionScheme: new AlgorithmIdentifier({ algorithmId: PKCS12_OID.aes256Cbc, algorithmParams: new asn1js.OctetString({ valueHex: iv }) }),
  });
  return { algorithm: new AlgorithmIdentifier({ algorithmId: PKCS12_OID.pbes2, algorithmParams: params.toSchema() }), ciphertext };
}

/**
 * RFC 7292 §4.2: bagAttributes SET OF PKCS12Attribute, here
 *   friendlyName ATTRIBUTE ::= { WITH SYNTAX BMPString (SIZE(1..pkcs-9-ub-friendlyName)) ID pkcs-9-at-friendlyName }
 *   localKeyId   ATTRIBUTE ::= { WITH SYNTAX OCTET STRING ID pkcs-9-at-localKeyId }
 * in DER order (X.690 §11.6: by their encodings), as OpenSSL writes the set.
 */
function bagAttributes(friendlyName: string, localKeyId: Bytes): Attribute[] {
  const attributes = [new Attribute({ type: PKCS12_OID.localKeyId, values: [new asn1js.OctetString({ valueHex: localKeyId })] })];
  if (friendlyName !== '') {
    attributes.push(new Attribute({ type: PKCS12_OID.friendlyName, values: [new asn1js.BmpString({ value: friendlyName })] }));
  }
  const der = new Map(attributes.map((a) => [a, new Uint8Array(encode(a))]));
  return attributes.sort((a, b) => compareBytes(der.get(a)!, der.get(b)!));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

// ---------------------------------------------------------------------------
// JWK (RFC 7517, RFC 7518 §6.3)

/** What the public and private JWKs share. */
interface RsaJwkMembers {
  readonly kty: 'RSA';
  readonly kid: string;
  readonly use?: 'sig' | 'enc';
  readonly alg?: 'PS256' | 'RSA-OAEP-256';
  readonly n: string;
  readonly e: string;
}

export interface RsaPublicJwk extends RsaJwkMembers {
  /** The certificate DER in standard base64 (RFC 7517 §4.7), not base64url. */
  readonly x5c: string[];
  /** base64url of the SHA-256 of the certificate DER (RFC 7517 §4.9); what RFC 8705 binds mTLS tokens to. */
  readonly 'x5t#S256': string;
}

export interface RsaPrivateJwk extends RsaJwkMembers {
  readonly d: string;
  readonly p: string;
  readonly q: string;
  readonly dp: string;
  readonly dq: string;
  readonly qi: string;
}

/**
 * `use` and `alg` by the role's purpose: signing keys sign JWTs with PS256;
 * encryption keys receive RSA-OAEP-256 JWEs. Transport keys get neither:
 * they are for TLS, not JOSE. RFC 7517 registers only "sig" and "enc"; the
 * "tls" some Open Banking directories write is unregistered and strict
 * parsers reject it. Without `alg`, no JOSE library is told the key is for
 * any JWS or JWE algorithm; `x5t#S256` still identifies the certificate.
 */
function usage(role: RoleId): Pick<RsaPublicJwk, 'use' | 'alg'> {
  switch (ROLES[role].purpose) {
    case 'signing':
      return { use: 'sig', alg: 'PS256' };
    case 'encryption':
      return { use: 'enc', alg: 'RSA-OAEP-256' };
    case 'transport':
      return {};
  }
}

/** The certificate's public key as a JWK, members in the order kty, kid, use, alg, n, e, x5c, x5t#S256. */
export async function publicJwk(crypto: Crypto, input: { certificatePem: string; kid: string; role: RoleId }): Promise<RsaPublicJwk> {
  const kid = checkKid(input.kid);
  const { der, n, e } = await readCertificate(crypto, input.certificatePem, 'certificate');
  const thumbprint = new Uint8Array(await crypto.subtle.digest('SHA-256', der));
  return { kty: 'RSA', kid, ...usage(input.role), n, e, x5c: [toBase64(der)], 'x5t#S256': toBase64Url(thumbprint) };
}

/** The private key as a JWK, members in the order kty, kid, use, alg, n, e, d, p, q, dp, dq, qi. Secret. */
export async function privateJwk(crypto: Crypto, input: { keyPem: string; kid: string; role: RoleId }): Promise<RsaPrivateJwk> {
  const kid = checkKid(input.kid);
  const { n, e, d, p, q, dp, dq, qi } = (await readKey(crypto, input.keyPem)).jwk;
  return { kty: 'RSA', kid, ...usage(input.role), n, e, d, p, q, dp, dq, qi };
}

// ---------------------------------------------------------------------------
// Inputs

type RsaPrivateMembers = Pick<RsaPrivateJwk, 'n' | 'e' | 'd' | 'p' | 'q' | 'dp' | 'dq' | 'qi'>;

async function readKey(crypto: Crypto, pem: string): Promise<{ pkcs8: Bytes; jwk: RsaPrivateMembers }> {
  try {
    const { privateKey } = await importPrivateKeyPem(crypto, pem);
    const jwk = await crypto.subtle.exportKey('jwk', privateKey);
    return { pkcs8: fromPem('PRIVATE KEY', pem), jwk: jwk as RsaPrivateMembers };
  } catch (cause) {
    throw refused(
      'key-invalid',
      'The private key must be the .key file made with the CSR: an unencrypted RSA key in PKCS#8 PEM, starting "-----BEGIN PRIVATE KEY-----".',
      { cause },
    );
  }
}

/** A certificate's DER and its RSA public key members, base64url as in a JWK. */
async function readCertificate(crypto: Crypto, pem: string, which: 'certificate' | 'chain'): Promise<{ der: Bytes; n: string; e: string }> {
  const what = which === 'certificate' ? 'The certificate' : 'A CA certificate';
  try {
    const der = fromPem('CERTIFICATE', pem);
    const spki = Certificate.fromBER(der).subjectPublicKeyInfo;
    if (spki.algorithm.algorithmId !== OID.rsaEncryption) {
      throw refused('certificate-invalid', `${what} does not hold an RSA public key; AlTareq certificates are RSA 2048.`);
    }
    // WebCrypto reads the key and writes n and e in JWK form (base64url, no leading zero).
    const publicKey = await crypto.subtle.importKey('spki', encode(spki), { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']);
    const { n, e } = await crypto.subtle.exportKey('jwk', publicKey);
    return { der, n: n!, e: e! };
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw refused('certificate-invalid', `${what} must be a PEM certificate, starting "-----BEGIN CERTIFICATE-----".`, { cause });
  }
}

function checkPassphrase(passphrase: string): Bytes {
  if (passphrase === '') {
    throw refused(
      'passphrase-required',
      'Enter a passphrase for the .p12 file. It protects the private key inside; Windows, Java and OpenSSL ask for it to open the file.',
    );
  }
  // OpenSSL 3 reads any UTF-8 passphrase (UTF-8 for PBES2, BMPString for the MAC), but Java's keytool
  // refuses to decrypt PBES2 with one that is not ASCII ("Password is not ASCII", OpenJDK 17).
  const other = /[^\x20-\x7e]/u.exec(passphrase);
  if (other) {
    const code = `U+${other[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    throw refused(
      'passphrase-not-ascii',
      `The passphrase contains ${code}; use only ASCII letters, digits, spaces and punctuation. Java cannot open a .p12 file whose passphrase has other characters.`,
    );
  }
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw refused(
      'passphrase-too-short',
      `The passphrase has ${passphrase.length} characters; use at least ${MIN_PASSPHRASE_LENGTH}. Anyone who gets the .p12 file can try passphrases against it offline, as fast as their computers allow, so a short one is soon guessed.`,
      { params: { limit: String(MIN_PASSPHRASE_LENGTH) } },
    );
  }
  return new TextEncoder().encode(passphrase) as Bytes;
}

function checkKid(kid: string): string {
  const trimmed = kid.trim();
  if (trimmed === '') {
    throw refused('kid-required', 'Enter the Key ID (kid) the Trust Framework directory showed when it issued the certificate.');
  }
  return trimmed;
}

function encode(value: { toSchema(): asn1js.BaseBlock }): ArrayBuffer {
  return value.toSchema().toBER();
}

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
