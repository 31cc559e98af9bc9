/**
 * The Certificate view's data: read what the user dropped (certificates,
 * keys, CSRs, or a zip this tool made), pair each certificate with its key
 * and CSR, and check every CSR against the Trust Framework checklist.
 *
 * Never throws for a bad file: each file gets its results or its own problem
 * with a code, and one bad file never hides the others. The same certificate,
 * key or CSR dropped twice is shown once, with every file it came from.
 *
 * What is returned for the page is plain, public data: names, subjects,
 * fingerprints, certificates. Private keys are returned apart, by an id, for
 * the worker to keep; the page asks for an export by that id.
 */

import { checkCsr, type CheckResult } from './checklist';
import { describeCertificate } from './describe';
import { matchFiles } from './match';
import { readPemOrDer, type FileItem } from './sniff';
import { toPem } from './pem';
import { ROLES, roleInFileName, type RoleId } from './profile';
import { readDroppedFiles, type DroppedFile, type FileProblem } from './read-files';
import { toHex } from './bytes';
import type { CertificateFacts } from './certificate-facts';
import { chainAbove, readTrust, type TrustView } from './trust-view';
import { isPkcs12, pkcs12Items } from './pkcs12-read';

export type { DroppedFile, FileProblem } from './read-files';

/** Warn when a certificate has fewer days left than this. */
export const EXPIRY_WARNING_DAYS = 30;

export interface CertificateView {
  readonly fileName: string;
  /** Every file that held this certificate (the same DER), first one first. */
  readonly fileNames: readonly string[];
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
  /** The role its key usage, EKU, subject and SAN point to (trust.gaps says what is missing). */
  readonly role: RoleId | undefined;
  /** Sandbox, production or neither; CA or not; the kid (x5t#S256). */
  readonly trust: TrustView;
}

export interface CsrView {
  readonly fileName: string;
  readonly fileNames: readonly string[];
  readonly role: RoleId | undefined;
  readonly checks: readonly CheckResult[];
  /** When neither its file name nor a certificate names its role: the checklist against each role, for the user to choose. */
  readonly checksByRole?: Readonly<Partial<Record<RoleId, readonly CheckResult[]>>>;
}

/** A private key the worker keeps: the page knows its file and its id, never the key. */
export interface KeyReference {
  /** The SHA-256 of its public key (SubjectPublicKeyInfo), lowercase hex: public, and the same for the same key. */
  readonly id: string;
  readonly fileName: string;
  readonly fileNames: readonly string[];
}

export interface Pair {
  readonly certificate: CertificateView;
  /** The certificate's private key, when it is among the files: exports ask the worker for it by id. */
  readonly key: KeyReference | undefined;
  readonly csr: CsrView | undefined;
  /** A public-key file with the certificate's key (its private key in an HSM or KMS), by its file names. */
  readonly publicKey: { readonly fileName: string; readonly fileNames: readonly string[] } | undefined;
  /** The CA certificates among the files above this one, nearest first: a .p12 can include them. */
  readonly chain: readonly CertificateView[];
}

export interface Examination {
  readonly pairs: readonly Pair[];
  /** CA certificates (root, issuing) with no private key among the files. */
  readonly authorities: readonly CertificateView[];
  /** CSRs with no certificate among the files, with their checklist. */
  readonly csrs: readonly CsrView[];
  /** Keys with neither certificate nor CSR, by file name. */
  readonly keys: readonly string[];
  readonly problems: readonly FileProblem[];
}

export interface ExaminationResult {
  /** For the page: no private key in it. */
  readonly examination: Examination;
  /** For the worker: each key's PKCS#8 PEM, by KeyReference id. */
  readonly privateKeys: ReadonlyMap<string, string>;
}

/** Reads, pairs and checks everything dropped. Never throws for a bad file: it becomes a problem naming it. */
export async function examine(
  crypto: Crypto,
  dropped: readonly DroppedFile[],
  now: Date,
  p12Passphrases: ReadonlyMap<string, string> = new Map(),
): Promise<ExaminationResult> {
  const { files, problems } = await readDroppedFiles(dropped);
  const read: FileItem[] = [];
  for (const file of files) {
    const name = file.name;
    try {
      if (isPkcs12(file.bytes)) {
        const opened = await pkcs12Items(crypto, file.bytes, name, p12Passphrases.get(name));
        if ('problem' in opened) problems.push(opened.problem);
        else read.push(...opened.items);
        continue;
      }
      const result = readPemOrDer(file.bytes, name);
      if (result.ok) for (const item of result.items) read.push(item);
      else problems.push(result.problem);
    } catch (cause) {
      problems.push(unreadable(name, 'file', cause));
    }
  }

  // Each distinct object once, with the names of all the files it was in; then each is decoded on its own.
  const distinct = await deduplicate(crypto, read);
  const usable: Distinct[] = [];
  const certificates = new Map<FileItem, { view: CertificateView; facts: CertificateFacts }>();
  for (const entry of distinct) {
    try {
      if (entry.item.kind === 'certificate') certificates.set(entry.item, await viewCertificate(crypto, entry, now));
      await matchFiles(crypto, [entry.item]); // its public key can be read, or it is a problem here and not for everyone
      usable.push(entry);
    } catch (cause) {
      problems.push(unreadable(entry.item.fileName, entry.item.kind, cause));
    }
  }
  const namesOf = new Map(usable.map((entry) => [entry.item, entry.fileNames]));
  const matches = await matchFiles(
    crypto,
    usable.map((entry) => entry.item),
  );

  const privateKeys = new Map<string, string>();
  const keyReference = (item: FileItem, id: string): KeyReference => {
    privateKeys.set(id, toPem('PRIVATE KEY', item.der));
    return { id, fileName: item.fileName, fileNames: namesOf.get(item) ?? [item.fileName] };
  };
  const csrView = async (item: FileItem, certificateRole?: RoleId): Promise<CsrView | undefined> => {
    try {
      return await viewCsr(crypto, item, namesOf.get(item) ?? [item.fileName], certificateRole);
    } catch (cause) {
      problems.push(unreadable(item.fileName, 'csr', cause));
      return undefined;
    }
  };

  // A CA certificate without its key is shown as a CA, not as a certificate missing its key.
  const isAuthority = (match: (typeof matches.certificates)[number]) => !match.key && certificates.get(match.certificate)!.view.trust.kind !== 'end-entity';
  const authorities = matches.certificates.filter(isAuthority).map((match) => certificates.get(match.certificate)!);
  const ladder = authorities.map(({ view, facts }) => ({ facts, item: view }));
  const pairs: Pair[] = [];
  for (const match of matches.certificates.filter((candidate) => !isAuthority(candidate))) {
    const { view: certificate, facts } = certificates.get(match.certificate)!;
    pairs.push({
      certificate,
      key: match.key && keyReference(match.key, match.publicKeyFingerprint),
      csr: match.csr && (await csrView(match.csr, certificate.role)),
      publicKey: match.publicKey && { fileName: match.publicKey.fileName, fileNames: namesOf.get(match.publicKey) ?? [match.publicKey.fileName] },
      chain: chainAbove(facts, ladder),
    });
  }
  const csrs: CsrView[] = [];
  const keys: string[] = [];
  for (const entry of matches.withoutCertificate) {
    if (entry.key) keyReference(entry.key, entry.publicKeyFingerprint);
    if (entry.csr) {
      const view = await csrView(entry.csr);
      if (view) csrs.push(view);
    } else if (entry.key) {
      keys.push(entry.key.fileName);
    } else if (entry.publicKey) {
      keys.push(entry.publicKey.fileName);
    }
  }
  return { examination: { pairs, authorities: authorities.map(({ view }) => view), csrs, keys, problems }, privateKeys };
}

interface Distinct {
  readonly item: FileItem;
  readonly fileNames: string[];
}

/** The same DER of the same kind, from one file or several, is one object. */
async function deduplicate(crypto: Crypto, items: readonly FileItem[]): Promise<Distinct[]> {
  const byDigest = new Map<string, Distinct>();
  for (const item of items) {
    const digest = `${item.kind}:${toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', item.der)))}`;
    const seen = byDigest.get(digest);
    if (!seen) byDigest.set(digest, { item, fileNames: [item.fileName] });
    else if (!seen.fileNames.includes(item.fileName)) seen.fileNames.push(item.fileName);
  }
  return [...byDigest.values()];
}

const KIND_TEXT: Readonly<Record<FileItem['kind'] | 'file', string>> = {
  certificate: 'certificate',
  csr: 'CSR',
  'private-key': 'private key',
  'public-key': 'public key',
  file: 'file',
};

/** A file whose object was read but cannot be decoded further: damaged, or not what its standard allows. */
function unreadable(fileName: string, kind: FileItem['kind'] | 'file', cause: unknown): FileProblem {
  const why = cause instanceof RangeError ? 'it is nested or long beyond what this tool reads' : 'its contents are damaged or not what the standard allows';
  return {
    code: 'file-malformed',
    fileName,
    message: `"${fileName}": the ${KIND_TEXT[kind]} in it cannot be read: ${why}. Download or copy it again.`,
  };
}

async function viewCertificate(crypto: Crypto, { item, fileNames }: Distinct, now: Date): Promise<{ view: CertificateView; facts: CertificateFacts }> {
  const description = await describeCertificate(crypto, item.der);
  const trust = await readTrust(crypto, item.der, description);
  const view: CertificateView = {
    fileName: item.fileName,
    fileNames,
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
    role: trust.role,
    trust: trust.view,
  };
  return { view, facts: trust.facts };
}

/** The role comes from the file name when it has one (`…opf_uae_client_signing.csr`), else from its certificate. */
async function viewCsr(crypto: Crypto, item: FileItem, fileNames: readonly string[], certificateRole?: RoleId): Promise<CsrView> {
  const role = roleInFileName(item.fileName) ?? certificateRole;
  const view = { fileName: item.fileName, fileNames, role, checks: await checkCsr(crypto, item.der, role) };
  if (role !== undefined) return view;
  const byRole = await Promise.all(Object.values(ROLES).map(async ({ id }) => [id, await checkCsr(crypto, item.der, id)] as const));
  return { ...view, checksByRole: Object.fromEntries(byRole) };
}

