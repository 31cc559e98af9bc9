/**
 * What one dropped file holds: every certificate, CSR, private key or public
 * key in it, as PEM or DER, or why it cannot be read, in a message that names
 * the file. It changes nothing, except that a PKCS#1 key is wrapped as the
 * PKCS#8 key it is.
 */

import { Certificate, CertificationRequest, PrivateKeyInfo, PublicKeyInfo, RSAPrivateKey } from 'pkijs';
import { decode } from './der';
import type { ErrorCode } from './errors';
import { isEncryptedPrivateKeyInfo, pkcs1ToPkcs8 } from './key-der';
import { OID, algorithmName } from './oid';
import { fromBase64, pemBlocks, type Bytes } from './pem';

/** Certificates, CSRs and keys are a few kilobytes; a chain a few more. A dropped file may be at most this. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export type FileKind = 'certificate' | 'csr' | 'private-key' | 'public-key' | 'encrypted-private-key' | 'unknown';

/** One object read from a file. A private key is always PKCS#8 DER (a PKCS#1 key is wrapped). */
export interface FileItem {
  readonly fileName: string;
  readonly kind: Extract<FileKind, 'certificate' | 'csr' | 'private-key' | 'public-key'>;
  readonly der: Bytes;
}

export type FileProblemCode = Extract<ErrorCode, 'file-too-large' | 'file-malformed' | 'file-unsupported' | 'encrypted-key' | 'pem-too-many-blocks'>;

/** A chain is a handful of certificates; each block costs a parse, so a file of thousands is refused before any. */
export const MAX_PEM_BLOCKS = 64;

export interface FileProblem {
  readonly code: FileProblemCode;
  readonly fileName: string;
  readonly message: string;
}

export type FileRead =
  | { readonly ok: true; readonly items: FileItem[] }
  | { readonly ok: false; readonly kind: FileKind; readonly problem: FileProblem };

const WHAT_WE_READ = 'this tool reads certificates, certificate requests (CSRs), RSA private keys and public keys, as PEM or DER';
const AGAIN = 'Download or copy it again.';

// The labels OpenSSL writes (RFC 7468 and its older ones), and what each holds.
const PEM_LABELS: Readonly<Record<string, Exclude<FileKind, 'unknown'> | 'pkcs1-private-key'>> = {
  CERTIFICATE: 'certificate',
  'CERTIFICATE REQUEST': 'csr',
  'NEW CERTIFICATE REQUEST': 'csr',
  'PRIVATE KEY': 'private-key',
  // An HSM's or KMS's exported key: its private half is elsewhere.
  'PUBLIC KEY': 'public-key',
  'RSA PRIVATE KEY': 'pkcs1-private-key',
  'ENCRYPTED PRIVATE KEY': 'encrypted-private-key',
};

/**
 * What a dropped file holds: every certificate, CSR and private key in it
 * (a PEM file may hold several blocks, such as a chain), or why it cannot be
 * read, in a message that names the file.
 */
export function readPemOrDer(bytes: Uint8Array, fileName: string): FileRead {
  const quoted = `"${fileName}"`;
  if (bytes.length > MAX_FILE_BYTES) {
    const size = `${Math.ceil(bytes.length / 1024)} KiB`;
    const message = `${quoted} is ${size}; certificates, CSRs and keys are a few KiB, and this tool reads files of at most 5 MiB.`;
    return refuse('unknown', 'file-too-large', fileName, `${message} Choose the .pem, .crt, .csr or .key file.`);
  }
  if (bytes.length === 0) return refuse('unknown', 'file-malformed', fileName, `${quoted} is empty; ${WHAT_WE_READ}.`);
  const text = new TextDecoder().decode(bytes);
  return text.includes('-----BEGIN ') ? readPem(text, fileName) : readDer(new Uint8Array(bytes), fileName);
}

function readPem(text: string, fileName: string): FileRead {
  const { blocks, unclosed } = pemBlocks(text);
  if (unclosed) {
    const message = `"${fileName}" has a -----BEGIN line with no matching -----END line: the file is cut short or damaged.`;
    return refuse('unknown', 'file-malformed', fileName, `${message} ${AGAIN}`);
  }
  if (blocks.length > MAX_PEM_BLOCKS) {
    const message = `"${fileName}" holds ${blocks.length} PEM blocks; this tool reads at most ${MAX_PEM_BLOCKS} in a file (a certificate chain has a few).`;
    return refuse('unknown', 'pem-too-many-blocks', fileName, `${message} Choose the files with your certificates, keys and CSRs.`);
  }
  const items: FileItem[] = [];
  for (const [index, { label, body }] of blocks.entries()) {
    const where = blocks.length > 1 ? ` (block ${index + 1} of ${blocks.length})` : '';
    const read = readPemBlock(label, body, fileName, `"${fileName}"${where}`);
    if (!read.ok) return read;
    for (const item of read.items) items.push(item);
  }
  return { ok: true, items };
}

function readPemBlock(label: string, body: string, fileName: string, where: string): FileRead {
  const kind = Object.hasOwn(PEM_LABELS, label) ? PEM_LABELS[label] : undefined;
  if (kind === undefined) return refuse('unknown', 'file-unsupported', fileName, `${where} holds a ${label}; ${WHAT_WE_READ}.`);
  // RFC 1421 headers: OpenSSL's older encrypted "RSA PRIVATE KEY" says "Proc-Type: 4,ENCRYPTED".
  if (kind === 'encrypted-private-key' || /^Proc-Type:\s*4,ENCRYPTED/m.test(body)) return encryptedKey(fileName);
  const der = fromBase64(body.replace(/^[\w-]+:.*$/gm, ''));
  if (der === undefined) {
    const message = `${where}: the ${label} block is not valid base64; the file is damaged. ${AGAIN}`;
    return refuse(kind === 'pkcs1-private-key' ? 'private-key' : kind, 'file-malformed', fileName, message);
  }
  switch (kind) {
    case 'certificate':
      return decode(Certificate, der)
        ? { ok: true, items: [{ fileName, kind, der }] }
        : refuse(kind, 'file-malformed', fileName, `${where}: the ${label} block is not a valid X.509 certificate; the file is damaged. ${AGAIN}`);
    case 'csr':
      return decode(CertificationRequest, der)
        ? { ok: true, items: [{ fileName, kind, der }] }
        : refuse(kind, 'file-malformed', fileName, `${where}: the ${label} block is not a valid PKCS#10 request; the file is damaged. ${AGAIN}`);
    case 'private-key':
      return readPkcs8(der, fileName, where);
    case 'public-key':
      return decode(PublicKeyInfo, der)
        ? readPublicKeyInfo(der, fileName, where)
        : refuse(kind, 'file-malformed', fileName, `${where}: the ${label} block is not a valid public key; the file is damaged. ${AGAIN}`);
    case 'pkcs1-private-key': {
      const pkcs8 = pkcs1ToPkcs8(der);
      return pkcs8
        ? { ok: true, items: [{ fileName, kind: 'private-key', der: pkcs8 }] }
        : refuse('private-key', 'file-malformed', fileName, `${where}: the RSA PRIVATE KEY block is not a valid PKCS#1 key; the file is damaged.`);
    }
  }
}

/** A file with no PEM armour: one DER certificate, CSR, PKCS#8 or PKCS#1 key, or an encrypted PKCS#8 key. */
function readDer(der: Bytes, fileName: string): FileRead {
  if (decode(Certificate, der)) return { ok: true, items: [{ fileName, kind: 'certificate', der }] };
  if (decode(CertificationRequest, der)) return { ok: true, items: [{ fileName, kind: 'csr', der }] };
  if (decode(PublicKeyInfo, der)) return readPublicKeyInfo(der, fileName, `"${fileName}"`);
  if (decode(PrivateKeyInfo, der)) return readPkcs8(der, fileName, `"${fileName}"`);
  const pkcs8 = pkcs1ToPkcs8(der);
  if (pkcs8) return { ok: true, items: [{ fileName, kind: 'private-key', der: pkcs8 }] };
  if (isEncryptedPrivateKeyInfo(der)) return encryptedKey(fileName);
  return refuse('unknown', 'file-unsupported', fileName, `"${fileName}" is not a certificate, CSR or private key; ${WHAT_WE_READ}.`);
}

function readPkcs8(der: Bytes, fileName: string, where: string): FileRead {
  const info = decode(PrivateKeyInfo, der);
  const algorithm = info?.privateKeyAlgorithm.algorithmId;
  if (info && algorithm !== OID.rsaEncryption) {
    return refuse('private-key', 'file-unsupported', fileName, `${where} holds a private key of type ${algorithmName(algorithm!)}, not RSA; ${WHAT_WE_READ}.`);
  }
  if (!(info?.parsedKey instanceof RSAPrivateKey)) {
    return refuse('private-key', 'file-malformed', fileName, `${where}: the PRIVATE KEY is not a valid PKCS#8 key; the file is damaged.`);
  }
  return { ok: true, items: [{ fileName, kind: 'private-key', der }] };
}

/** An RSA SubjectPublicKeyInfo, as an HSM or KMS exports its key; another algorithm is refused by name. */
function readPublicKeyInfo(der: Bytes, fileName: string, where: string): FileRead {
  const algorithm = decode(PublicKeyInfo, der)!.algorithm.algorithmId;
  if (algorithm !== OID.rsaEncryption) {
    return refuse('public-key', 'file-unsupported', fileName, `${where} holds a public key of type ${algorithmName(algorithm)}, not RSA; ${WHAT_WE_READ}.`);
  }
  return { ok: true, items: [{ fileName, kind: 'public-key', der }] };
}

function encryptedKey(fileName: string): FileRead {
  return refuse(
    'encrypted-private-key',
    'encrypted-key',
    fileName,
    `"${fileName}" is an encrypted private key; this tool cannot read encrypted keys. To check it against a certificate, decrypt a copy with ` +
      `openssl pkey -in "${fileName}" -out decrypted.key (it asks for the passphrase), add that, and delete it afterwards.`,
  );
}

function refuse(kind: FileKind, code: FileProblemCode, fileName: string, message: string): FileRead {
  return { ok: false, kind, problem: { code, fileName, message } };
}

