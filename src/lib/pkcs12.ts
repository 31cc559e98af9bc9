/**
 * After issuance: the user's key and the certificate the directory issued
 * as a PKCS#12 (.p12) file, for Windows, Java and OpenSSL.
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
import { encode, readCertificate, readKey, refused } from './export-inputs';
import { codePointLabel } from './names';
import { PKCS12_OID } from './oid';
import type { Bytes } from './pem';

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
  const keyBag = await shroudedKeyBag(crypto, password, key.pkcs8, attributes);
  const certContents = new SafeContents({ safeBags: [certBag(certificate.der, attributes), ...chain.map((c) => certBag(c.der))] });
  const authenticatedSafe = encode(
    new AuthenticatedSafe({ safeContents: [await encryptedContent(crypto, password, certContents), dataContent(new SafeContents({ safeBags: [keyBag] }))] }),
  );
  const pfx = new PFX({
    version: 3,
    authSafe: new ContentInfo({ contentType: PKCS12_OID.data, content: new asn1js.OctetString({ valueHex: authenticatedSafe }) }),
    macData: await macData(crypto, password, authenticatedSafe),
  });
  return new Uint8Array(encode(pfx));
}

/** PKCS8ShroudedKeyBag ::= EncryptedPrivateKeyInfo  -- SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING } */
async function shroudedKeyBag(crypto: Crypto, password: Bytes, pkcs8: Bytes, attributes: Attribute[]): Promise<SafeBag> {
  const encryption = await pbes2Encrypt(crypto, password, pkcs8);
  return new SafeBag({
    bagId: PKCS12_OID.pkcs8ShroudedKeyBag,
    bagValue: new PKCS8ShroudedKeyBag({
      encryptionAlgorithm: encryption.algorithm,
      encryptedData: new asn1js.OctetString({ valueHex: encryption.ciphertext }),
    }),
    bagAttributes: attributes,
  });
}

/** CertBag ::= SEQUENCE { certId BAG-TYPE.&id, certValue [0] EXPLICIT  -- x509Certificate: OCTET STRING holding the DER } */
function certBag(der: Bytes, attributes?: Attribute[]): SafeBag {
  return new SafeBag({
    bagId: PKCS12_OID.certBag,
    bagValue: new CertBag({ certId: PKCS12_OID.x509Certificate, certValue: new asn1js.OctetString({ valueHex: der }) }),
    ...(attributes ? { bagAttributes: attributes } : {}),
  });
}

/** EncryptedData ::= SEQUENCE { version CMSVersion (0), encryptedContentInfo EncryptedContentInfo }, PBES2 under the passphrase. */
async function encryptedContent(crypto: Crypto, password: Bytes, contents: SafeContents): Promise<ContentInfo> {
  const encryption = await pbes2Encrypt(crypto, password, encode(contents));
  return new ContentInfo({
    contentType: PKCS12_OID.encryptedData,
    content: new EncryptedData({
      version: 0,
      encryptedContentInfo: new EncryptedContentInfo({
        contentType: PKCS12_OID.data,
        contentEncryptionAlgorithm: encryption.algorithm,
        encryptedContent: new asn1js.OctetString({ valueHex: encryption.ciphertext }),
        disableSplit: true, // one primitive [0], as OpenSSL writes; pkijs would chunk it into indefinite-length BER
      }),
    }).toSchema(),
  });
}

/** Data: the contents as they are (the key bag in them is already encrypted). */
function dataContent(contents: SafeContents): ContentInfo {
  return new ContentInfo({ contentType: PKCS12_OID.data, content: new asn1js.OctetString({ valueHex: encode(contents) }) });
}

/**
 * The MAC key comes from the PKCS#12 KDF (RFC 7292 appendix B) over the passphrase as a BMPString,
 * which pkijs's engine implements; the PBES2 keys use its UTF-8 bytes, as OpenSSL 3 does.
 */
async function macData(crypto: Crypto, password: Bytes, authenticatedSafe: ArrayBuffer): Promise<MacData> {
  const engine = new CryptoEngine({ name: 'injected', crypto });
  const macSalt = crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
  const mac = await engine.stampDataWithPassword({
    password: password.slice().buffer,
    hashAlgorithm: 'SHA-256',
    salt: macSalt.buffer,
    iterationCount: MAC_ITERATIONS,
    contentToStamp: authenticatedSafe,
  });
  return new MacData({
    // DigestInfo ::= SEQUENCE { digestAlgorithm AlgorithmIdentifier, digest OCTET STRING }; sha256 with NULL, as OpenSSL writes it
    mac: new DigestInfo({
      digestAlgorithm: new AlgorithmIdentifier({ algorithmId: PKCS12_OID.sha256, algorithmParams: new asn1js.Null() }),
      digest: new asn1js.OctetString({ valueHex: mac }),
    }),
    macSalt: new asn1js.OctetString({ valueHex: macSalt }),
    iterations: MAC_ITERATIONS,
  });
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
    const code = codePointLabel(other[0]);
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

