/**
 * The Certificate view's data: read what the user dropped (certificates,
 * keys, CSRs, or a zip this tool made), pair each certificate with its key
 * and CSR, and check every CSR against the Trust Framework checklist.
 * Everything returned is plain data, so it can cross from the worker to the page.
 */

import JSZip from 'jszip';
import { checkCsr, roleFromFileName, type CheckResult } from './checklist';
import { describeCertificate, matchFiles, MAX_FILE_BYTES, readPemOrDer, type FileItem, type FileProblem } from './inspect';
import { toPem, type Bytes } from './pem';
import type { RoleId } from './profile';

export interface DroppedFile {
  readonly name: string;
  readonly bytes: Bytes;
}

/** Warn when a certificate has fewer days left than this. */
export const EXPIRY_WARNING_DAYS = 30;

export interface CertificateView {
  readonly fileName: string;
  readonly pem: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly daysLeft: number;
  readonly keyUsage: readonly string[];
  readonly extendedKeyUsage: readonly string[];
  readonly dnsNames: readonly string[];
  /** SHA-256 of the certificate, as `openssl x509 -fingerprint -sha256` prints it. */
  readonly fingerprint: string;
  readonly role: RoleId | undefined;
}

export interface CsrView {
  readonly fileName: string;
  readonly role: RoleId | undefined;
  readonly checks: readonly CheckResult[];
}

export interface Pair {
  readonly certificate: CertificateView;
  /** The private key's PKCS#8 PEM, when it is among the files: needed to export. */
  readonly key: { readonly fileName: string; readonly pem: string } | undefined;
  readonly csr: CsrView | undefined;
}

export interface Examination {
  readonly pairs: readonly Pair[];
  /** CSRs with no certificate among the files, with their checklist. */
  readonly csrs: readonly CsrView[];
  /** Keys with neither certificate nor CSR. */
  readonly keys: readonly string[];
  readonly problems: readonly FileProblem[];
}

/** Reads, pairs and checks everything dropped. Never throws for a bad file: it becomes a problem naming it. */
export async function examine(crypto: Crypto, dropped: readonly DroppedFile[], now: Date): Promise<Examination> {
  const items: FileItem[] = [];
  const problems: FileProblem[] = [];
  for (const file of await unzipAll(dropped, problems)) {
    const read = readPemOrDer(file.bytes, file.name);
    if (read.ok) items.push(...read.items);
    else problems.push(read.problem);
  }
  const matches = await matchFiles(crypto, items);
  const pairs = await Promise.all(
    matches.certificates.map(async (match): Promise<Pair> => {
      const certificate = await viewCertificate(crypto, match.certificate, now);
      return {
        certificate,
        key: match.key && { fileName: match.key.fileName, pem: toPem('PRIVATE KEY', match.key.der) },
        csr: match.csr && (await viewCsr(crypto, match.csr, certificate.role)),
      };
    }),
  );
  const csrs = await Promise.all(matches.withoutCertificate.flatMap((entry) => (entry.csr ? [viewCsr(crypto, entry.csr)] : [])));
  const keys = matches.withoutCertificate.flatMap((entry) => (entry.key && !entry.csr ? [entry.key.fileName] : []));
  return { pairs, csrs, keys, problems };
}

/** A zip is opened and its files read in its place; its README.txt and manifest.csv are skipped. */
async function unzipAll(dropped: readonly DroppedFile[], problems: FileProblem[]): Promise<DroppedFile[]> {
  const files: DroppedFile[] = [];
  for (const file of dropped) {
    if (!file.name.toLowerCase().endsWith('.zip')) {
      files.push(file);
      continue;
    }
    try {
      const zip = await JSZip.loadAsync(file.bytes);
      for (const entry of Object.values(zip.files)) {
        if (entry.dir || /(^|\/)(README\.txt|manifest\.csv)$/.test(entry.name)) continue;
        const bytes = (await entry.async('uint8array')) as Bytes;
        if (bytes.length > MAX_FILE_BYTES) continue; // readPemOrDer would refuse it; the zip is ours or not at all
        files.push({ name: entry.name.split('/').pop()!, bytes });
      }
    } catch (cause) {
      problems.push({ code: 'file-malformed', fileName: file.name, message: `"${file.name}" is not a zip file that can be opened (${String(cause)}).` });
    }
  }
  return files;
}

async function viewCertificate(crypto: Crypto, item: FileItem, now: Date): Promise<CertificateView> {
  const description = await describeCertificate(crypto, item.der);
  return {
    fileName: item.fileName,
    pem: toPem('CERTIFICATE', item.der),
    subject: description.subject,
    issuer: description.issuer,
    serial: description.serial,
    notBefore: description.notBefore.toISOString(),
    notAfter: description.notAfter.toISOString(),
    daysLeft: description.daysLeft(now),
    keyUsage: description.keyUsage,
    extendedKeyUsage: description.extendedKeyUsage,
    dnsNames: description.dnsNames,
    fingerprint: description.fingerprint,
    role: description.likelyRole(),
  };
}

/** The role comes from the file name when it has one (`…opf_uae_client_signing.csr`), else from its certificate. */
async function viewCsr(crypto: Crypto, item: FileItem, certificateRole?: RoleId): Promise<CsrView> {
  const role = roleFromFileName(item.fileName) ?? certificateRole;
  return { fileName: item.fileName, role, checks: await checkCsr(crypto, item.der, role) };
}
