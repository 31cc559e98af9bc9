/**
 * The gate: the last check before any file is offered for download. It
 * re-reads every entry of a bundle (bundle.ts) as if it came from elsewhere,
 * and refuses the whole bundle if one thing is wrong:
 *
 * - names: every key and CSR entry passes the file-name allowlist for its
 *   kind (names.ts), every path is unique ignoring case and normalisation,
 *   and the zip holds nothing but the pairs, README.txt and manifest.csv;
 * - each `.csr` is one PEM CERTIFICATE REQUEST block holding a PKCS#10
 *   request whose signature verifies and which passes the Trust Framework
 *   checklist for its role (checklist.ts);
 * - each `.key` is one PEM PRIVATE KEY block holding an unencrypted PKCS#8
 *   rsaEncryption key of 2048 bits with e=65537, which WebCrypto imports (a
 *   second reader, which checks the key's numbers agree), and whose public
 *   key is the public key of its CSR;
 * - README.txt and manifest.csv print every file name quoted.
 *
 * A bug anywhere before it gives a refusal with a code, never a wrong file.
 */

import * as asn1js from 'asn1js';
import { MANIFEST_CSV_NAME, README_NAME, SUBJECT_LABEL, type Bundle, type BundlePair } from './bundle';
import { checkCsr } from './checklist';
import { AppError, type ErrorCode, type ErrorParams } from './errors';
import { RSA_KEY_ALGORITHM } from './keys';
import { checkFileName, fileNameKey, firstDuplicateFileName, type OutputKind } from './names';
import { OID } from './oid';
import type { Bytes } from './pem';
import type { RoleId } from './profile';
import { toBigInt } from './bytes';

const NOTHING_OFFERED = 'No file was offered for download. This is a fault in this tool, not in what you entered: please report it.';

function refuse(code: ErrorCode, path: string, what: string, params: ErrorParams = {}): AppError {
  return new AppError(code, `${what} ${NOTHING_OFFERED}`, { params: { value: path, ...params } });
}

/**
 * Resolves if every entry of the bundle is right; otherwise rejects with an
 * AppError whose code says what is wrong. `pairs` may hold checks of some
 * pairs started earlier (the worker starts each as its pair is made, while
 * the next key is still being made); one is used only for the very same
 * paths, role and texts.
 */
export async function checkBundle(crypto: Crypto, bundle: Bundle, pairs = new PairChecks(crypto)): Promise<void> {
  const texts = checkEntries(bundle);
  checkQuoting(bundle, texts);
  // Every pair at once (WebCrypto works in parallel); the first refusal in the bundle's order is the one reported.
  const results = await Promise.allSettled(bundle.pairs.map((pair) => pairs.check(pair, texts.get(pair.csrPath)!, texts.get(pair.keyPath)!)));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The checks of key-and-CSR pairs, each run once for the same paths, role and texts. */
export class PairChecks {
  readonly #crypto: Crypto;
  readonly #checks = new Map<string, Promise<void>>();
  /** How long the pair checks took, each from its start to its end, added up. */
  ms = 0;

  constructor(crypto: Crypto) {
    this.#crypto = crypto;
  }

  /** The check of this pair with these texts: the one already started, or a new one. */
  check(pair: BundlePair, csrText: string, keyText: string): Promise<void> {
    const key = JSON.stringify([pair.csrPath, pair.keyPath, pair.role, csrText, keyText]);
    let check = this.#checks.get(key);
    if (check === undefined) {
      const started = performance.now();
      check = checkPair(this.#crypto, pair, csrText, keyText).finally(() => (this.ms += performance.now() - started));
      check.catch(() => undefined); // reported when checkBundle awaits it, not as an unhandled rejection
      this.#checks.set(key, check);
    }
    return check;
  }
}

// ---------------------------------------------------------------------------
// Names

/** The entries' texts by path, once every path has passed the allowlist and each pair's files are there. */
function checkEntries(bundle: Bundle): Map<string, string> {
  const kinds = new Map<string, OutputKind>();
  for (const pair of bundle.pairs) {
    for (const [path, kind] of [
      [pair.csrPath, 'csr'],
      [pair.keyPath, 'key'],
    ] as const) {
      if (kinds.has(path)) throw refuse('gate-duplicate-entry', path, `"${path}" is named by two files of the bundle.`);
      kinds.set(path, kind);
    }
  }
  const texts = new Map<string, string>();
  for (const { path, text } of bundle.entries) {
    const own = path === README_NAME || (path === MANIFEST_CSV_NAME && bundle.layout === 'per-application');
    const kind = kinds.get(path);
    if (!own && kind === undefined) throw refuse('gate-unexpected-entry', path, `The zip was to hold "${path}", which is not a key, a CSR or a file this tool writes.`);
    if (kind !== undefined) checkPath(path, kind, bundle.layout);
    texts.set(path, text);
  }
  const duplicate = firstDuplicateFileName(bundle.entries.map((entry) => entry.path));
  if (duplicate !== undefined) {
    throw refuse('gate-duplicate-entry', duplicate, `The zip was to hold "${duplicate}" and another file of the same name (ignoring case), which would overwrite each other when unzipped on Windows or macOS.`);
  }
  for (const path of [...kinds.keys(), README_NAME]) {
    if (!texts.has(path)) throw refuse('gate-unexpected-entry', path, `The zip was to hold "${path}", but it is missing.`);
  }
  return texts;
}

/** `name` in a flat bundle, `folder/name` in a per-application one: each part from the allowlist. */
function checkPath(path: string, kind: OutputKind, layout: Bundle['layout']): void {
  const parts = path.split('/');
  if (parts.length !== (layout === 'flat' ? 1 : 2)) {
    throw refuse('gate-entry-name', path, `The zip entry "${path}" is not a file name${layout === 'flat' ? '' : ' in one folder'}.`);
  }
  const problem = parts.length === 2 ? (checkFileName(parts[0]!) ?? checkFileName(parts[1]!, kind)) : checkFileName(parts[0]!, kind);
  if (problem) throw refuse('gate-entry-name', path, `The zip entry "${problem.params.value ?? path}" is not a safe file name: ${problem.message}`, { ...problem.params });
}

/**
 * Every key and CSR name (and path) that README.txt or manifest.csv prints is
 * in quotes: single quotes in README.txt, so a command can be pasted into a
 * shell as is; double quotes in manifest.csv (RFC 4180). README.txt's subject
 * lines print the legal name, which may hold anything, and are not read.
 */
function checkQuoting(bundle: Bundle, texts: Map<string, string>): void {
  const names = new Map<string, string>();
  for (const pair of bundle.pairs) {
    for (const path of [pair.csrPath, pair.keyPath]) {
      names.set(fileNameKey(path), path);
      names.set(fileNameKey(path.slice(path.lastIndexOf('/') + 1)), path);
    }
  }
  const readme = texts.get(README_NAME)!;
  const prose = readme
    .split('\n')
    .filter((line) => !line.trimStart().startsWith(SUBJECT_LABEL))
    .join('\n');
  // A Set of the quoted words, so that a batch's long README is read once, not once per file.
  const quoted = new Set(prose.match(/'[^'\n]*'/g));
  checkUnquoted(README_NAME, prose.replace(/'[^'\n]*'/g, ' '), names);
  for (const pair of bundle.pairs) {
    for (const path of [pair.csrPath, pair.keyPath]) {
      if (!quoted.has(`'${path}'`)) throw refuse('gate-name-unquoted', path, `README.txt does not list "${path}" in single quotes.`);
    }
  }
  const csv = texts.get(MANIFEST_CSV_NAME);
  if (csv === undefined) return;
  const fields = new Set(csv.match(/"(?:[^"]|"")*"/g));
  checkUnquoted(MANIFEST_CSV_NAME, csv.replace(/"(?:[^"]|"")*"/g, ' '), names);
  for (const pair of bundle.pairs) {
    for (const path of [pair.csrPath, pair.keyPath]) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (!fields.has(`"${name}"`)) throw refuse('gate-name-unquoted', path, `manifest.csv does not list "${name}" in double quotes.`);
    }
  }
}

/** Refuses if a name is left in `text` once its quoted parts are gone. */
function checkUnquoted(file: string, text: string, names: Map<string, string>): void {
  for (const word of text.split(/[^A-Za-z0-9._/-]+/)) {
    const path = names.get(fileNameKey(word));
    if (path !== undefined) throw refuse('gate-name-unquoted', path, `${file} prints the file name "${word}" without quotes.`);
  }
}

// ---------------------------------------------------------------------------
// Keys and CSRs

interface RsaPublicNumbers {
  readonly modulus: Uint8Array;
  readonly exponent: Uint8Array;
}

async function checkPair(crypto: Crypto, pair: BundlePair, csrText: string, keyText: string): Promise<void> {
  const csr = readCsr(pair.csrPath, csrText);
  const key = readKey(pair.keyPath, keyText);
  if (!sameBytes(csr.publicKey.modulus, key.publicKey.modulus) || !sameBytes(csr.publicKey.exponent, key.publicKey.exponent)) {
    throw refuse('gate-key-mismatch', pair.keyPath, `The private key "${pair.keyPath}" is not the key of "${pair.csrPath}": their public keys differ.`);
  }
  const [, imported] = await Promise.all([checkRequest(crypto, pair.csrPath, csr.der, pair.role), importable(crypto, key.der)]);
  if (!imported) throw refuse('gate-key-unreadable', pair.keyPath, `"${pair.keyPath}" is not a private key WebCrypto can import.`);
}

/**
 * The gate for a CSR whose private key is elsewhere, in an HSM or KMS: its
 * name, the request as for a pair, and its public key is the one the user
 * exported (`modulus`, `exponent`).
 */
export async function checkLoneCsr(
  crypto: Crypto,
  file: { readonly path: string; readonly text: string; readonly role: RoleId; readonly modulus: bigint; readonly exponent: bigint },
): Promise<void> {
  checkPath(file.path, 'csr', 'flat');
  const csr = readCsr(file.path, file.text);
  if (toBigInt(csr.publicKey.modulus) !== file.modulus || toBigInt(csr.publicKey.exponent) !== file.exponent) {
    throw refuse('gate-key-mismatch', file.path, `The public key in "${file.path}" is not the public key you gave.`);
  }
  await checkRequest(crypto, file.path, csr.der, file.role);
}

/** PKCS#10, with a signature that verifies, passing the Trust Framework checklist for `role`. */
async function checkRequest(crypto: Crypto, path: string, der: Bytes, role: RoleId): Promise<void> {
  const checks = await checkCsr(crypto, der, role).catch(() => undefined);
  if (checks === undefined) throw refuse('gate-csr-unreadable', path, `"${path}" is not a PKCS#10 certificate request.`);
  for (const check of checks) {
    if (check.pass) continue;
    if (check.id === 'signature') throw refuse('gate-csr-signature', path, `The signature of "${path}" does not verify.`);
    throw refuse('gate-csr-checklist', path, `"${path}" fails the Trust Framework checklist (${check.id}): ${check.message}`, { token: check.id });
  }
}


/**
 * One PEM CERTIFICATE REQUEST block, nothing else, holding (RFC 2986 §4)
 *   CertificationRequest ::= SEQUENCE { certificationRequestInfo SEQUENCE { version INTEGER,
 *     subject Name, subjectPKInfo SubjectPublicKeyInfo, attributes [0] }, signatureAlgorithm, signature BIT STRING }
 * with an RSA key. The whole request is read again, as PKCS#10, by the checklist.
 */
function readCsr(path: string, text: string): { der: Bytes; publicKey: RsaPublicNumbers } {
  const der = pemBody(text, 'CERTIFICATE REQUEST');
  if (der === undefined) {
    const label = pemLabel(text);
    const found = label?.includes('PRIVATE KEY') ? 'a private key: the key and the CSR are swapped' : label ? `a ${label}` : 'no PEM block';
    throw refuse('gate-csr-unreadable', path, `"${path}" is to hold the certificate request, but holds ${found}.`);
  }
  const [info] = sequence(der, 3) ?? [];
  const [, , spki] = (info instanceof asn1js.Sequence ? info.valueBlock.value : []) as asn1js.AsnType[];
  const bits = rsaSubjectPublicKey(spki);
  const publicKey = bits && rsaNumbers(bits, 0);
  if (!publicKey) throw refuse('gate-csr-unreadable', path, `"${path}" is not a PKCS#10 certificate request with an RSA key.`);
  return { der, publicKey };
}

/** RFC 5280: SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier { rsaEncryption, NULL }, subjectPublicKey BIT STRING } */
function rsaSubjectPublicKey(spki: asn1js.AsnType | undefined): Uint8Array | undefined {
  if (!(spki instanceof asn1js.Sequence) || spki.valueBlock.value.length !== 2) return undefined;
  const [algorithm, key] = spki.valueBlock.value;
  return isRsaEncryption(algorithm) && key instanceof asn1js.BitString ? key.valueBlock.valueHexView : undefined;
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm rsaEncryption, parameters NULL } (RFC 8017 §A.1) */
function isRsaEncryption(algorithm: asn1js.AsnType | undefined): boolean {
  if (!(algorithm instanceof asn1js.Sequence)) return false;
  const [oid, parameters, ...rest] = algorithm.valueBlock.value;
  return rest.length === 0 && oid instanceof asn1js.ObjectIdentifier && oid.valueBlock.toString() === OID.rsaEncryption && parameters instanceof asn1js.Null;
}

/** The values of a DER SEQUENCE with exactly `length` of them and nothing after it, or undefined. */
function sequence(der: Uint8Array, length: number): asn1js.AsnType[] | undefined {
  let asn1: ReturnType<typeof asn1js.fromBER>;
  try {
    asn1 = asn1js.fromBER(der);
  } catch {
    return undefined; // asn1js throws on some malformed values rather than reporting them
  }
  if (asn1.offset !== der.byteLength || !(asn1.result instanceof asn1js.Sequence)) return undefined;
  const values = asn1.result.valueBlock.value;
  return values.length === length ? values : undefined;
}

/** One PEM PRIVATE KEY block, nothing else, holding an unencrypted PKCS#8 rsaEncryption key: 2048 bits, e=65537. */
function readKey(path: string, text: string): { der: Bytes; publicKey: RsaPublicNumbers } {
  const der = pemBody(text, 'PRIVATE KEY');
  if (der === undefined) {
    const label = pemLabel(text);
    if (label === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type:\s*4,ENCRYPTED/m.test(text)) {
      throw refuse('gate-key-encrypted', path, `"${path}" is an encrypted private key; this tool writes keys unencrypted (as openssl req -nodes).`);
    }
    const found = label === 'CERTIFICATE REQUEST' ? 'a certificate request: the key and the CSR are swapped' : label ? `a ${label}` : 'no PEM block';
    throw refuse('gate-key-unreadable', path, `"${path}" is to hold an unencrypted PKCS#8 private key, but holds ${found}.`);
  }
  // RFC 5208 §5: PrivateKeyInfo ::= SEQUENCE { version 0, privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING }
  const [version, algorithm, privateKey] = sequence(der, 3) ?? [];
  const numbers =
    version instanceof asn1js.Integer && version.valueBlock.valueDec === 0 && isRsaEncryption(algorithm) && privateKey instanceof asn1js.OctetString
      ? rsaNumbers(privateKey.valueBlock.valueHexView, 1)
      : undefined;
  if (!numbers) throw refuse('gate-key-unreadable', path, `"${path}" is not an unencrypted PKCS#8 RSA private key.`);
  const bits = bitLength(numbers.modulus);
  const exponent = toBigInt(numbers.exponent);
  if (bits !== 2048 || exponent !== 65537n) {
    throw refuse('gate-key-not-rsa-2048', path, `"${path}" is an RSA key of ${bits} bits with e=${exponent}; the Trust Framework requires RSA 2048 bits with e=65537.`, {
      token: `RSA ${bits}`,
    });
  }
  return { der, publicKey: numbers };
}

/** Whether WebCrypto imports the PKCS#8 key: a second reader, which checks that its numbers agree (BoringSSL's RSA_check_key in Chromium). */
async function importable(crypto: Crypto, pkcs8: Bytes): Promise<boolean> {
  try {
    await crypto.subtle.importKey('pkcs8', pkcs8, RSA_KEY_ALGORITHM, false, ['sign']);
    return true;
  } catch {
    return false;
  }
}

/**
 * RFC 8017 §A.1:
 *   RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
 *   RSAPrivateKey ::= SEQUENCE { version Version (two-prime: 0), modulus INTEGER, publicExponent INTEGER,
 *     privateExponent, prime1, prime2, exponent1, exponent2, coefficient INTEGER }
 * The modulus and exponent as encoded (`at` 0 or 1), or undefined if the DER is not that.
 */
function rsaNumbers(der: Uint8Array, at: 0 | 1): RsaPublicNumbers | undefined {
  const values = sequence(der, at === 0 ? 2 : 9);
  if (!values?.every((value) => value instanceof asn1js.Integer)) return undefined;
  if (at === 1 && (values[0] as asn1js.Integer).valueBlock.valueDec !== 0) return undefined;
  const [modulus, exponent] = values.slice(at, at + 2).map((value) => (value as asn1js.Integer).valueBlock.valueHexView);
  // Both positive: a DER INTEGER's first bit is its sign.
  if (!modulus || !exponent || (modulus[0]! & 0x80) !== 0 || (exponent[0]! & 0x80) !== 0) return undefined;
  return { modulus, exponent };
}

function bitLength(positive: Uint8Array): number {
  let start = 0;
  while (start < positive.length && positive[start] === 0) start++;
  if (start === positive.length) return 0;
  return (positive.length - start - 1) * 8 + positive[start]!.toString(2).length;
}

// ---------------------------------------------------------------------------
// PEM and DER, read strictly: exactly what pem.ts writes

/** The DER of a text that is exactly one PEM block with this label (64-character lines, LF, a final newline), or undefined. */
function pemBody(text: string, label: string): Bytes | undefined {
  const begin = `-----BEGIN ${label}-----\n`;
  const end = `-----END ${label}-----\n`;
  if (!text.startsWith(begin) || !text.endsWith(end) || text.length < begin.length + end.length) return undefined;
  const body = text.slice(begin.length, text.length - end.length);
  if (!/^(?:[A-Za-z0-9+/=]{1,64}\n)+$/.test(body)) return undefined;
  try {
    return Uint8Array.from(atob(body.replace(/\n/g, '')), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** The label of a text's first PEM block, to say what a file holds instead. */
function pemLabel(text: string): string | undefined {
  return /^-----BEGIN ([A-Z0-9 ]{1,40})-----/.exec(text)?.[1];
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

