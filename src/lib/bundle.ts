/**
 * The zip the user downloads: for each artifact its `.key` and `.csr`, and
 * a README.txt that says what each file is and what to do with it.
 */

import JSZip from 'jszip';
import type { Artifact } from './artifact';
import type { Bytes } from './pem';
import { ROLES } from './profile';
import { describeRequestedExtensions } from './request';

/** Regular files (S_IFREG); keys readable by their owner only when unzipped on Linux or macOS. */
const KEY_FILE_MODE = 0o100600;
const PUBLIC_FILE_MODE = 0o100644;

export const MANIFEST_NAME = 'README.txt';
export const MANIFEST_CSV_NAME = 'manifest.csv';

/**
 * `flat`: every file at the top (one application). `per-application`: a
 * folder per application, named after its Client ID (LFIs: Organisation ID),
 * and a manifest.csv listing every file, for batches.
 */
export type Layout = 'flat' | 'per-application';

export async function buildBundle(artifacts: readonly Artifact[], createdAt: Date, layout: Layout = 'flat'): Promise<Bytes> {
  const zip = new JSZip();
  const date = zipDate(createdAt);
  for (const artifact of artifacts) {
    const folder = layout === 'flat' ? '' : `${applicationId(artifact)}/`;
    zip.file(folder + artifact.request.keyFileName, artifact.keyPem, { date, unixPermissions: KEY_FILE_MODE });
    zip.file(folder + artifact.request.csrFileName, artifact.csrPem, { date, unixPermissions: PUBLIC_FILE_MODE });
  }
  zip.file(MANIFEST_NAME, renderManifest(artifacts, createdAt), { date, unixPermissions: PUBLIC_FILE_MODE });
  if (layout === 'per-application') {
    zip.file(MANIFEST_CSV_NAME, renderManifestCsv(artifacts), { date, unixPermissions: PUBLIC_FILE_MODE });
  }
  // STORE: PEM's base64 barely compresses (about a quarter), and jszip's deflate costs
  // tens of milliseconds a bundle, more than signing the CSRs.
  const bytes = await zip.generateAsync({ type: 'uint8array', platform: 'UNIX', compression: 'STORE' });
  return bytes as Bytes; // jszip's types predate typed-array generics; it allocates a plain ArrayBuffer
}

/**
 * Zip entries hold local wall-clock time, which unzip tools show as is;
 * jszip writes the UTC fields, so shift by the local offset.
 */
function zipDate(date: Date): Date {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
}

/** The application a file belongs to: its Client ID, or for server certificates its Organisation ID. */
export function applicationId(artifact: Artifact): string {
  return artifact.request.subject.commonName ?? artifact.request.subject.organizationalUnit;
}

/** One line per file: folder, file, what it is, role, subject, public-key SHA-256 (RFC 4180 CSV, CRLF). */
export function renderManifestCsv(artifacts: readonly Artifact[]): string {
  const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  const rows = [['folder', 'file', 'kind', 'role', 'subject', 'public_key_sha256']];
  for (const artifact of artifacts) {
    const role = ROLES[artifact.request.role].fileRole;
    const folder = applicationId(artifact);
    rows.push([folder, artifact.request.csrFileName, 'csr (upload)', role, artifact.subject, artifact.publicKeyFingerprint]);
    rows.push([folder, artifact.request.keyFileName, 'private key (secret)', role, artifact.subject, artifact.publicKeyFingerprint]);
  }
  return rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** `<Client ID>-altareq-keys.zip` for one application; `altareq-keys-<n>-applications.zip` for a batch. */
export function bundleFileName(artifacts: readonly Artifact[], layout: Layout = 'flat'): string {
  if (layout === 'per-application') return `altareq-keys-${new Set(artifacts.map(applicationId)).size}-applications.zip`;
  const first = artifacts[0];
  return `${first ? applicationId(first) : 'altareq'}-altareq-keys.zip`;
}

export function renderManifest(artifacts: readonly Artifact[], createdAt: Date): string {
  const upload = artifacts.map((a) => `  ${a.request.csrFileName}  ->  ${ROLES[a.request.role].label} certificate`);
  const secret = artifacts.map((a) => `  ${a.request.keyFileName}`);
  const details = artifacts.map((a) => {
    const role = ROLES[a.request.role];
    const extensions = describeRequestedExtensions(a.request);
    return [
      `${role.label} (${role.fileRole}): ${role.usedFor}`,
      `  Certificate request (upload): ${a.request.csrFileName}`,
      `  Private key (keep secret):    ${a.request.keyFileName}`,
      `  Subject:                      ${a.subject}`,
      `  Requested extensions:         ${extensions.join('\n                                ')}`,
      `  Public key SHA-256:           ${a.publicKeyFingerprint}`,
      `  Key:                          RSA 2048 bits, e=65537, PKCS#8 PEM, not encrypted`,
    ].join('\n');
  });
  const example = artifacts[0]?.request;
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
    ...(example
      ? [
          `  openssl req -in ${example.csrFileName} -noout -verify -text`,
          `  openssl req -in ${example.csrFileName} -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256`,
          `  openssl pkey -in ${example.keyFileName} -pubout -outform DER | openssl dgst -sha256`,
          '  (the last two print the public key SHA-256 above, so the key and the CSR match)',
        ]
      : []),
    '',
    'Certificates and keys must be rotated at least every 13 months.',
    '',
  ].join('\n');
}

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
