/**
 * The zip the user downloads: for each artifact its `.key` and `.csr`, and
 * a README.txt that says what each file is and what to do with it. The
 * bundle is first a list of entries (what the gate, gate.ts, re-reads), then
 * the zip of exactly those entries.
 */

import JSZip from 'jszip';
import type { Artifact } from './artifact';
import type { Bytes } from './pem';
import { ROLES, type RoleId } from './profile';
import { renderReadmeArabic } from './readme-ar';
import { describeRequestedExtensions } from './request';

/** Regular files (S_IFREG); keys readable by their owner only when unzipped on Linux or macOS. */
const KEY_FILE_MODE = 0o100600;
const PUBLIC_FILE_MODE = 0o100644;

export const README_NAME = 'README.txt';
export const MANIFEST_CSV_NAME = 'manifest.csv';

/**
 * `flat`: every file at the top (one application). `per-application`: a
 * folder per application, named after its Client ID (LFIs: Organisation ID),
 * and a manifest.csv listing every file, for batches.
 */
export type Layout = 'flat' | 'per-application';

/** One file of the zip: its path (`folder/name` in a per-application bundle) and its text. */
export interface BundleEntry {
  readonly path: string;
  readonly text: string;
}

/** Which entries are a key and its CSR, and the role the CSR is for. */
export interface BundlePair {
  readonly csrPath: string;
  readonly keyPath: string;
  readonly role: RoleId;
}

/** Everything the zip will hold, in order, and what each key and CSR entry is. */
export interface Bundle {
  readonly layout: Layout;
  readonly entries: readonly BundleEntry[];
  readonly pairs: readonly BundlePair[];
}

/** The entries of the zip for these artifacts: keys and CSRs, README.txt and, for a batch, manifest.csv. */
export function bundleEntries(artifacts: readonly Artifact[], createdAt: Date, layout: Layout = 'flat'): Bundle {
  const entries: BundleEntry[] = [];
  const pairs: BundlePair[] = [];
  for (const artifact of artifacts) {
    const pair = bundlePair(artifact, layout);
    entries.push({ path: pair.keyPath, text: artifact.keyPem }, { path: pair.csrPath, text: artifact.csrPem });
    pairs.push(pair);
  }
  entries.push({ path: README_NAME, text: renderReadme(artifacts, createdAt, layout) });
  if (layout === 'per-application') entries.push({ path: MANIFEST_CSV_NAME, text: renderManifestCsv(artifacts) });
  return { layout, entries, pairs };
}

/** The zip of exactly the bundle's entries; keys readable by their owner only. */
export async function zipBundle(bundle: Bundle, createdAt: Date): Promise<Bytes> {
  const zip = new JSZip();
  const date = zipDate(createdAt);
  const keys = new Set(bundle.pairs.map((pair) => pair.keyPath));
  for (const entry of bundle.entries) {
    zip.file(entry.path, entry.text, { date, unixPermissions: keys.has(entry.path) ? KEY_FILE_MODE : PUBLIC_FILE_MODE });
  }
  // STORE: PEM's base64 barely compresses (about a quarter), and jszip's deflate costs
  // tens of milliseconds a bundle, more than signing the CSRs.
  const bytes = await zip.generateAsync({ type: 'uint8array', platform: 'UNIX', compression: 'STORE' });
  return bytes as Bytes; // jszip's types predate typed-array generics; it allocates a plain ArrayBuffer
}

export async function buildBundle(artifacts: readonly Artifact[], createdAt: Date, layout: Layout = 'flat'): Promise<Bytes> {
  return zipBundle(bundleEntries(artifacts, createdAt, layout), createdAt);
}

/**
 * Zip entries hold local wall-clock time, which unzip tools show as is;
 * jszip writes the UTC fields, so shift by the local offset.
 */
function zipDate(date: Date): Date {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
}

/** The application a file belongs to: its Client ID, or for server certificates its Organisation ID. */
export function applicationId(artifact: Pick<Artifact, 'request'>): string {
  return artifact.request.subject.commonName ?? artifact.request.subject.organizationalUnit;
}

/** Where an artifact's key and CSR go in the zip, and the role the CSR is for. */
export function bundlePair(artifact: Artifact, layout: Layout): BundlePair {
  return { ...paths(artifact, layout), role: artifact.request.role };
}

/** Where an artifact's files go in the zip. */
function paths(artifact: Artifact, layout: Layout): { keyPath: string; csrPath: string } {
  const folder = layout === 'flat' ? '' : `${applicationId(artifact)}/`;
  return { keyPath: folder + artifact.request.keyFileName, csrPath: folder + artifact.request.csrFileName };
}

/**
 * A file name as one word of a POSIX shell command: in single quotes, inside
 * which nothing is expanded, with each `'` written as `'\''`. The allowlist
 * (names.ts) already keeps every shell character out of a name; this keeps a
 * README command harmless even if it did not.
 */
export function shellQuote(name: string): string {
  return `'${name.replace(/'/g, `'\\''`)}'`;
}

/** An RFC 4180 CSV field, always in double quotes (each `"` doubled). */
export function csvQuote(field: string): string {
  return `"${field.replace(/"/g, '""')}"`;
}

/** One line per file: folder, file, what it is, role, subject, public-key SHA-256 (RFC 4180 CSV, CRLF, every field quoted). */
export function renderManifestCsv(artifacts: readonly Artifact[]): string {
  const rows = [['folder', 'file', 'kind', 'role', 'subject', 'public_key_sha256'].join(',')];
  for (const artifact of artifacts) {
    const role = ROLES[artifact.request.role].fileRole;
    const folder = applicationId(artifact);
    const row = (file: string, kind: string) => [folder, file, kind, role, artifact.subject, artifact.publicKeyFingerprint].map(csvQuote).join(',');
    rows.push(row(artifact.request.csrFileName, 'csr (upload)'), row(artifact.request.keyFileName, 'private key (secret)'));
  }
  return rows.join('\r\n') + '\r\n';
}

/**
 * `<Client ID>-altareq-keys.zip` for one application; for a batch, or a paste
 * of several applications, what it holds: `altareq-keys-<n>-applications-<UTC date>.zip`.
 */
export function bundleFileName(artifacts: readonly Pick<Artifact, 'request'>[], layout: Layout, createdAt: Date): string {
  const applications = new Set(artifacts.map(applicationId)).size;
  if (layout === 'per-application' || applications > 1) return `altareq-keys-${applications}-applications-${createdAt.toISOString().slice(0, 10)}.zip`;
  const first = artifacts[0];
  return `${first ? applicationId(first) : 'altareq'}-altareq-keys.zip`;
}

/**
 * README.txt, in English and then the same in Arabic (readme-ar.ts). Every file name it prints is in single quotes (shellQuote), in
 * the lists as in the commands, so that any line can be pasted into a shell.
 * In a per-application bundle names are printed with their folder.
 */
export function renderReadme(artifacts: readonly Artifact[], createdAt: Date, layout: Layout = 'flat'): string {
  const quoted = artifacts.map((artifact) => {
    const { keyPath, csrPath } = paths(artifact, layout);
    return { artifact, key: shellQuote(keyPath), csr: shellQuote(csrPath) };
  });
  const upload = quoted.map(({ artifact, csr }) => `  ${csr}  ->  ${ROLES[artifact.request.role].label} certificate`);
  const secret = quoted.map(({ key }) => `  ${key}`);
  const details = quoted.map(({ artifact: a, key, csr }) => {
    const role = ROLES[a.request.role];
    const extensions = describeRequestedExtensions(a.request);
    return [
      `${role.label} (${role.fileRole}): ${role.usedFor}`,
      `  Certificate request (upload): ${csr}`,
      `  Private key (keep secret):    ${key}`,
      `  ${SUBJECT_LABEL.padEnd(30)}${a.subject}`,
      `  Requested extensions:         ${extensions.join('\n                                ')}`,
      `  Public key SHA-256:           ${a.publicKeyFingerprint}`,
      `  Key:                          RSA 2048 bits, e=65537, PKCS#8 PEM, not encrypted`,
    ].join('\n');
  });
  const example = quoted[0];
  const commands = example
    ? [
        `  openssl req -in ${example.csr} -noout -verify -text`,
        `  openssl req -in ${example.csr} -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256`,
        `  openssl pkey -in ${example.key} -pubout -outform DER | openssl dgst -sha256`,
      ]
    : [];
  const arabic = renderReadmeArabic(
    quoted.map(({ artifact: a, key, csr }) => ({
      role: a.request.role,
      fileRole: ROLES[a.request.role].fileRole,
      csr,
      key,
      subject: a.subject,
      extensions: describeRequestedExtensions(a.request),
      fingerprint: a.publicKeyFingerprint,
    })),
    formatUtc(createdAt),
    SUBJECT_LABEL,
    commands,
  );
  return [
    'AlTareq Trust Framework (UAE Open Finance): keys and certificate requests',
    '',
    `Made ${formatUtc(createdAt)} in a web browser. The keys were generated on this`,
    'computer and were not sent anywhere.',
    '',
    'UPLOAD each .csr in the Trust Framework directory, under the matching certificate type:',
    ...upload,
    '',
    'KEEP SECRET each .key: never upload, email or share it. Store it where your',
    'application will use it, and delete other copies:',
    ...secret,
    '',
    ...details.flatMap((block) => [block, '']),
    'Check the files yourself with OpenSSL:',
    ...(example ? [...commands, '  (the last two print the public key SHA-256 above, so the key and the CSR match)'] : []),
    '',
    'Certificates and keys must be rotated at least every 13 months.',
    '',
    // The same in Arabic, after a rule: one file, whatever the page's language.
    '='.repeat(72),
    '',
    arabic,
  ].join('\n');
}

/**
 * The label of README.txt's subject lines: the one place it prints text that
 * is not its own (the legal name may hold anything the allowlist lets in),
 * which the gate therefore does not read for unquoted file names.
 */
export const SUBJECT_LABEL = 'Subject:';

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
