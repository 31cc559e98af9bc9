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

export async function buildBundle(artifacts: readonly Artifact[], createdAt: Date): Promise<Bytes> {
  const zip = new JSZip();
  const date = zipDate(createdAt);
  for (const artifact of artifacts) {
    zip.file(artifact.request.keyFileName, artifact.keyPem, { date, unixPermissions: KEY_FILE_MODE });
    zip.file(artifact.request.csrFileName, artifact.csrPem, { date, unixPermissions: PUBLIC_FILE_MODE });
  }
  zip.file(MANIFEST_NAME, renderManifest(artifacts, createdAt), { date, unixPermissions: PUBLIC_FILE_MODE });
  const bytes = await zip.generateAsync({ type: 'uint8array', platform: 'UNIX', compression: 'DEFLATE' });
  return bytes as Bytes; // jszip's types predate typed-array generics; it allocates a plain ArrayBuffer
}

/**
 * Zip entries hold local wall-clock time, which unzip tools show as is;
 * jszip writes the UTC fields, so shift by the local offset.
 */
function zipDate(date: Date): Date {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
}

/** `<Client ID>-altareq-keys.zip` for one application's certificates. */
export function bundleFileName(artifacts: readonly Artifact[]): string {
  const subject = artifacts[0]?.request.subject;
  const prefix = subject?.commonName ?? subject?.organizationalUnit ?? 'altareq';
  return `${prefix}-altareq-keys.zip`;
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
