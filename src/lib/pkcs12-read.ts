/**
 * Reads a .p12 / .pfx the user already has (RFC 7292), with its passphrase:
 * the private keys and certificates in it, so they can be checked and
 * converted like dropped files. WebCrypto decrypts PBES2 (AES-CBC with
 * PBKDF2), what OpenSSL 3 writes by default; the legacy PKCS#12 PBE schemes
 * (3DES, RC2) need ciphers WebCrypto does not have, so such a file is
 * refused by name with the OpenSSL command that converts it.
 */

import * as asn1js from 'asn1js';
import {
  CertBag,
  CryptoEngine,
  EncryptedContentInfo,
  EncryptedData,
  PBES2Params,
  PBKDF2Params,
  PFX,
  PKCS8ShroudedKeyBag,
  PrivateKeyInfo,
  SafeContents,
  type SafeBag,
} from 'pkijs';
import { AppError, thousands, type ErrorCode } from './errors';
import { PKCS12_OID } from './oid';
import type { Bytes } from './pem';

/** A .p12 holds a key, its certificate and a chain: a few bags. More is not a file this tool made or needs. */
const MAX_BAGS = 64;
/**
 * Input is hostile: a file could ask for billions of rounds and hold the worker for hours. The MAC's KDF runs
 * a digest per round (about 5 s for 600,000 here, this tool's own export); PBKDF2 is native. keytool caps at 5,000,000.
 */
export const MAX_MAC_ITERATIONS = 1_000_000;
export const MAX_PBKDF2_ITERATIONS = 10_000_000;

export interface Pkcs12Contents {
  /** PKCS#8 DER, unencrypted: for the worker only. */
  readonly keys: Bytes[];
  readonly certificates: Bytes[];
}

/** The DER is a PFX (version 3): the caller asks for its passphrase. */
export function isPkcs12(der: Bytes): boolean {
  try {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset !== der.byteLength) return false;
    return new PFX({ schema: asn1.result }).version === 3;
  } catch {
    return false;
  }
}

export async function readPkcs12(crypto: Crypto, der: Bytes, passphrase: string, fileName: string): Promise<Pkcs12Contents> {
  const engine = new CryptoEngine({ name: 'injected', crypto });
  const password = new TextEncoder().encode(passphrase).buffer as ArrayBuffer;
  const pfx = PFX.fromBER(der);
  tooManyRounds(pfx.macData?.iterations ?? 1, MAX_MAC_ITERATIONS, fileName);
  try {
    await pfx.parseInternalValues({ password, checkIntegrity: true }, engine);
  } catch (cause) {
    throw new AppError('p12-passphrase-wrong', `"${fileName}": the passphrase does not open it (its integrity check fails). Type it again; it is case-sensitive.`, { cause });
  }
  const safe = pfx.parsedValue!.authenticatedSafe!;
  for (const content of safe.safeContents) {
    const algorithm = content.contentType === PKCS12_OID.encryptedData ? encryptionOf(content.content) : undefined;
    if (content.contentType !== PKCS12_OID.data && algorithm !== PKCS12_OID.pbes2) throw legacy(fileName, algorithm ?? content.contentType);
    if (algorithm === PKCS12_OID.pbes2) tooManyRounds(pbkdf2Iterations(encryptionParams(content.content)), MAX_PBKDF2_ITERATIONS, fileName);
  }
  await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password })) }, engine);
  const bags = safe.parsedValue!.safeContents.flatMap((contents: { value: SafeContents }) => contents.value.safeBags);
  if (bags.length > MAX_BAGS) throw new AppError('file-unsupported', `"${fileName}" holds ${bags.length} items; this tool reads at most ${MAX_BAGS}.`);
  return readBags(engine, bags, password, fileName);
}

async function readBags(engine: CryptoEngine, bags: readonly SafeBag[], password: ArrayBuffer, fileName: string): Promise<Pkcs12Contents> {
  const keys: Bytes[] = [];
  const certificates: Bytes[] = [];
  for (const bag of bags) {
    if (bag.bagValue instanceof PKCS8ShroudedKeyBag) {
      if (bag.bagValue.encryptionAlgorithm.algorithmId !== PKCS12_OID.pbes2) throw legacy(fileName, bag.bagValue.encryptionAlgorithm.algorithmId);
      tooManyRounds(pbkdf2Iterations(bag.bagValue.encryptionAlgorithm.algorithmParams), MAX_PBKDF2_ITERATIONS, fileName);
      // Decrypted as pkijs's own bag reader does, but kept as the bytes: pkijs re-encodes an RSA key without the modulus's leading zero.
      const encrypted = new EncryptedData({
        encryptedContentInfo: new EncryptedContentInfo({ contentEncryptionAlgorithm: bag.bagValue.encryptionAlgorithm, encryptedContent: bag.bagValue.encryptedData }),
      });
      keys.push(new Uint8Array(await encrypted.decrypt({ password }, engine)));
    } else if (bag.bagValue instanceof PrivateKeyInfo) {
      keys.push(new Uint8Array(bag.bagValue.toSchema().toBER()));
    } else if (bag.bagValue instanceof CertBag && bag.bagValue.certValue instanceof asn1js.OctetString) {
      certificates.push(new Uint8Array(bag.bagValue.certValue.valueBlock.valueHexView));
    }
  }
  return { keys, certificates };
}

/** EncryptedData ::= SEQUENCE { version, encryptedContentInfo SEQUENCE { contentType, contentEncryptionAlgorithm, … } } */
function encryptionAlgorithm(content: unknown): asn1js.Sequence | undefined {
  const value = (content as asn1js.Sequence | undefined)?.valueBlock?.value;
  const info = value?.[1] as asn1js.Sequence | undefined;
  return info?.valueBlock?.value?.[1] as asn1js.Sequence | undefined;
}

function encryptionOf(content: unknown): string | undefined {
  const oid = encryptionAlgorithm(content)?.valueBlock?.value?.[0];
  return oid instanceof asn1js.ObjectIdentifier ? oid.valueBlock.toString() : undefined;
}

function encryptionParams(content: unknown): unknown {
  return encryptionAlgorithm(content)?.valueBlock?.value?.[1];
}

/**
 * RFC 8018: PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier {{PBKDF2}}, encryptionScheme … }
 *   PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER, … }
 * The count, or Infinity when it cannot be read (refused rather than guessed).
 */
function pbkdf2Iterations(params: unknown): number {
  try {
    const pbes2 = new PBES2Params({ schema: params });
    return new PBKDF2Params({ schema: pbes2.keyDerivationFunc.algorithmParams }).iterationCount;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function tooManyRounds(iterations: number, limit: number, fileName: string): void {
  if (iterations <= limit) return;
  throw new AppError(
    'file-unsupported',
    `"${fileName}" asks for ${Number.isFinite(iterations) ? thousands(iterations) : 'an unreadable number of'} key-derivation rounds; this tool reads .p12 files of at most ${thousands(limit)}. Export it again with fewer (OpenSSL: -iter).`,
  );
}

function legacy(fileName: string, algorithm: string): AppError {
  return new AppError(
    'p12-encryption-unsupported',
    `"${fileName}" is encrypted with a legacy PKCS#12 scheme (${algorithm}, such as 3DES or RC2) that browsers cannot decrypt. ` +
      `Convert a copy with OpenSSL: openssl pkcs12 -in "${fileName}" -nodes | openssl pkcs12 -export -out converted.p12 (it asks for both passphrases), and add that.`,
    { params: { value: algorithm } },
  );
}

/**
 * A dropped .p12 as the items in it (keys and certificates, named after the
 * file), or the problem to show: its passphrase is needed, wrong, or its
 * encryption is one browsers cannot decrypt.
 */
export async function pkcs12Items(
  crypto: Crypto,
  der: Bytes,
  fileName: string,
  passphrase: string | undefined,
): Promise<{ items: { fileName: string; kind: 'private-key' | 'certificate'; der: Bytes }[] } | { problem: { code: ErrorCode; fileName: string; message: string } }> {
  if (passphrase === undefined) {
    const message = `"${fileName}" is a PKCS#12 (.p12) file protected by a passphrase. Enter it to read the key and certificates in it; the key stays in the part of the page that keeps keys.`;
    return { problem: { code: 'p12-passphrase-needed', fileName, message } };
  }
  try {
    const { keys, certificates } = await readPkcs12(crypto, der, passphrase, fileName);
    return {
      items: [...keys.map((key) => ({ fileName, kind: 'private-key' as const, der: key })), ...certificates.map((certificate) => ({ fileName, kind: 'certificate' as const, der: certificate }))],
    };
  } catch (error) {
    if (error instanceof AppError) return { problem: { code: error.code, fileName, message: error.message } };
    return { problem: { code: 'file-malformed', fileName, message: `"${fileName}": the .p12 file is damaged or not what the standard allows. Export it again.` } };
  }
}
