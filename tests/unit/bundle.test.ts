import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../src/lib/artifact';
import { ARABIC_HEADING } from '../../src/lib/readme-ar';
import { README_NAME, buildBundle, bundleEntries, bundleFileName, renderReadme, renderManifestCsv, shellQuote } from '../../src/lib/bundle';
import type { RoleId } from '../../src/lib/profile';
import { subjectLine, type Subject } from '../../src/lib/subject';
import { CLIENT_ID, ORGANISATION_ID } from '../support/fixtures';

const CLIENT_SUBJECT: Subject = {
  country: 'AE',
  organization: 'Example Fintech LLC',
  organizationalUnit: ORGANISATION_ID,
  commonName: CLIENT_ID,
};

/** A made-up artifact: no crypto, just distinct text for each file. */
function artifact(role: RoleId, fingerprint: string, subject = CLIENT_SUBJECT): Artifact {
  const stem = `${subject.commonName ?? subject.organizationalUnit}-opf_uae_${role}`;
  return {
    request: { role, subject, extensions: 'profile', dnsNames: [], keyFileName: `${stem}.key`, csrFileName: `${stem}.csr` },
    keyPem: `-----BEGIN PRIVATE KEY-----\n${role} key\n-----END PRIVATE KEY-----\n`,
    csrPem: `-----BEGIN CERTIFICATE REQUEST-----\n${role} csr\n-----END CERTIFICATE REQUEST-----\n`,
    subject: subjectLine(subject, { escapeNonAscii: false }),
    publicKeyFingerprint: fingerprint.repeat(64),
  };
}

const TRANSPORT = artifact('client_transport', 'a');
const SIGNING = artifact('client_signing', 'b');
const ENCRYPTION = artifact('client_encryption', 'c');
// Even seconds and no milliseconds: zip entry times have a 2-second resolution.
const CREATED_AT = new Date('2025-03-04T05:06:08Z');

describe('buildBundle', () => {
  const open = async (artifacts: Artifact[]) => JSZip.loadAsync(await buildBundle(artifacts, CREATED_AT));

  it('holds a .key and a .csr per artifact, and README.txt', async () => {
    const zip = await open([TRANSPORT, SIGNING, ENCRYPTION]);
    expect(Object.keys(zip.files)).toEqual([
      `${CLIENT_ID}-opf_uae_client_transport.key`,
      `${CLIENT_ID}-opf_uae_client_transport.csr`,
      `${CLIENT_ID}-opf_uae_client_signing.key`,
      `${CLIENT_ID}-opf_uae_client_signing.csr`,
      `${CLIENT_ID}-opf_uae_client_encryption.key`,
      `${CLIENT_ID}-opf_uae_client_encryption.csr`,
      'README.txt',
    ]);
  });

  it("stores each artifact's PEM text unchanged, and the manifest", async () => {
    const artifacts = [TRANSPORT, SIGNING, ENCRYPTION];
    const zip = await open(artifacts);
    const text = (name: string) => zip.file(name)!.async('string');
    for (const a of artifacts) {
      expect(await text(a.request.keyFileName)).toBe(a.keyPem);
      expect(await text(a.request.csrFileName)).toBe(a.csrPem);
    }
    expect(await text(README_NAME)).toBe(renderReadme(artifacts, CREATED_AT));
  });

  it('makes keys readable by their owner only (0600) and the rest 0644', async () => {
    const zip = await open([TRANSPORT, SIGNING]);
    // The modes are stored without file-type bits (no S_IFREG 0o100000).
    expect(Object.values(zip.files).map((f) => [f.name, f.unixPermissions])).toEqual([
      [TRANSPORT.request.keyFileName, 0o100600],
      [TRANSPORT.request.csrFileName, 0o100644],
      [SIGNING.request.keyFileName, 0o100600],
      [SIGNING.request.csrFileName, 0o100644],
      ['README.txt', 0o100644],
    ]);
  });

  it('dates every entry createdAt', async () => {
    const zip = await open([TRANSPORT]);
    expect(Object.values(zip.files).map((f) => f.date.toISOString())).toEqual([
      '2025-03-04T05:06:08.000Z',
      '2025-03-04T05:06:08.000Z',
      '2025-03-04T05:06:08.000Z',
    ]);
  });

  it('gives the same bytes for the same input', async () => {
    expect(await buildBundle([TRANSPORT], CREATED_AT)).toEqual(await buildBundle([TRANSPORT], CREATED_AT));
  });
});

describe('bundleFileName', () => {
  const bank: Subject = { country: 'AE', organization: 'Example Bank PJSC', organizationalUnit: ORGANISATION_ID };
  const server = artifact('server_transport', 'd', bank);
  const other = artifact('client_transport', 'e', { ...CLIENT_SUBJECT, commonName: 'c2f6a3f4-2b1e-4d7a-9c1b-0e5d8f7a6b5c' });

  it.each([
    { name: 'client certificates: the Client ID', input: [TRANSPORT, SIGNING, ENCRYPTION], want: `${CLIENT_ID}-altareq-keys.zip` },
    { name: 'one client certificate', input: [SIGNING], want: `${CLIENT_ID}-altareq-keys.zip` },
    { name: 'server certificates: the Organisation ID', input: [server], want: `${ORGANISATION_ID}-altareq-keys.zip` },
    { name: 'several applications pasted: what it holds, and the UTC date', input: [TRANSPORT, other], want: 'altareq-keys-2-applications-2025-12-31.zip' },
  ])('$name', ({ input, want }) => {
    expect(bundleFileName(input, 'flat', new Date('2026-01-01T01:00:00+04:00'))).toBe(want);
  });
});

describe('renderReadme', () => {
  it('says what each file is, what to upload, what to keep secret and how to check', () => {
    const [english] = renderReadme([TRANSPORT, SIGNING], CREATED_AT).split(`${'='.repeat(72)}\n\n`);
    expect(english).toBe(`\
AlTareq Trust Framework (UAE Open Finance): keys and certificate requests

Made 2025-03-04 05:06 UTC in a web browser. The keys were generated on this
computer and were not sent anywhere.

UPLOAD each .csr in the Trust Framework directory, under the matching certificate type:
  'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_transport.csr'  ->  Transport certificate
  'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_signing.csr'  ->  Signing certificate

KEEP SECRET each .key: never upload, email or share it. Store it where your
application will use it, and delete other copies:
  'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_transport.key'
  'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_signing.key'

Transport (opf_uae_client_transport): mTLS client authentication to API providers
  Certificate request (upload): 'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_transport.csr'
  Private key (keep secret):    'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_transport.key'
  Subject:                      C = AE, O = Example Fintech LLC, OU = 4af0a68f-d8a8-46c4-ace6-6949e8343868, CN = b8739780-9bfe-43bc-9ea4-abc70a840c13
  Requested extensions:         Key Usage (critical): Digital Signature, Key Encipherment
                                Extended Key Usage: TLS Web Client Authentication
  Public key SHA-256:           aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
  Key:                          RSA 2048 bits, e=65537, PKCS#8 PEM, not encrypted

Signing (opf_uae_client_signing): signing JWTs with PS256
  Certificate request (upload): 'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_signing.csr'
  Private key (keep secret):    'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_signing.key'
  Subject:                      C = AE, O = Example Fintech LLC, OU = 4af0a68f-d8a8-46c4-ace6-6949e8343868, CN = b8739780-9bfe-43bc-9ea4-abc70a840c13
  Requested extensions:         Key Usage (critical): Digital Signature, Non Repudiation
  Public key SHA-256:           bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
  Key:                          RSA 2048 bits, e=65537, PKCS#8 PEM, not encrypted

Check the files yourself with OpenSSL:
  openssl req -in 'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_transport.csr' -noout -verify -text
  openssl req -in 'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_transport.csr' -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256
  openssl pkey -in 'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_transport.key' -pubout -outform DER | openssl dgst -sha256
  (the last two print the public key SHA-256 above, so the key and the CSR match)

Certificates and keys must be rotated at least every 13 months.

`);
  });

  it('says the same in Arabic after the English: every file, its role, subject, fingerprint, the checks and the rotation', () => {
    const readme = renderReadme([TRANSPORT, SIGNING], CREATED_AT);
    const [english, arabic] = readme.split(`${'='.repeat(72)}\n\n`) as [string, string];
    expect(arabic.split('\n')[0]).toBe(ARABIC_HEADING);
    expect(arabic).toContain('أُنشئت في 2025-03-04 05:06 UTC');
    for (const artifact of [TRANSPORT, SIGNING]) {
      expect(arabic).toContain(`  طلب توقيع الشهادة (للرفع): '${artifact.request.csrFileName}'`);
      expect(arabic).toContain(`  المفتاح الخاص (احتفظ به سرًّا): '${artifact.request.keyFileName}'`);
      expect(arabic).toContain(`  Subject: ${artifact.subject}`);
      expect(arabic).toContain(`  بصمة SHA-256 للمفتاح العام: ${artifact.publicKeyFingerprint}`);
    }
    expect(arabic).toContain('  شهادة النقل: ');
    expect(arabic).toContain('Key Usage (critical): Digital Signature, Key Encipherment؛ Extended Key Usage: TLS Web Client Authentication');
    // The same OpenSSL commands, quoted the same way.
    const commands = (text: string) => text.split('\n').filter((line) => line.startsWith('  openssl '));
    expect(commands(arabic)).toEqual(commands(english));
    expect(commands(arabic)).toHaveLength(3);
    expect(arabic).toContain('13 شهرًا');
  });

  it('prints folder/name in a per-application bundle, quoted', () => {
    const manifest = renderReadme([TRANSPORT], CREATED_AT, 'per-application');
    expect(manifest).toContain(`  openssl req -in '${CLIENT_ID}/${TRANSPORT.request.csrFileName}' -noout -verify -text`);
    expect(manifest).toContain(`  '${CLIENT_ID}/${TRANSPORT.request.keyFileName}'\n`);
  });

  it('writes the date in UTC to the minute', () => {
    const manifest = renderReadme([TRANSPORT], new Date('2025-12-31T23:59:59.999+04:00'));
    expect(manifest.split('\n')[2]).toBe('Made 2025-12-31 19:59 UTC in a web browser. The keys were generated on this');
  });
});

describe('a batch bundle (per-application layout)', () => {
  const OTHER_CLIENT = '0b6a3c9e-2f41-4d7a-9c1e-5a8b7d6e4f20';
  const OTHER = artifact('client_transport', 'd', { ...CLIENT_SUBJECT, organization: 'Other "Pay", LLC', commonName: OTHER_CLIENT });
  const SERVER = artifact('server_signing', 'e', { country: 'AE', organization: 'Example Bank PJSC', organizationalUnit: ORGANISATION_ID });

  it('puts each application in a folder named after its Client ID (LFIs: Organisation ID), with README.txt and manifest.csv at the top', async () => {
    const zip = await JSZip.loadAsync(await buildBundle([TRANSPORT, SIGNING, OTHER, SERVER], CREATED_AT, 'per-application'));
    expect(Object.keys(zip.files).filter((name) => !zip.files[name]!.dir)).toEqual([
      `${CLIENT_ID}/${CLIENT_ID}-opf_uae_client_transport.key`,
      `${CLIENT_ID}/${CLIENT_ID}-opf_uae_client_transport.csr`,
      `${CLIENT_ID}/${CLIENT_ID}-opf_uae_client_signing.key`,
      `${CLIENT_ID}/${CLIENT_ID}-opf_uae_client_signing.csr`,
      `${OTHER_CLIENT}/${OTHER_CLIENT}-opf_uae_client_transport.key`,
      `${OTHER_CLIENT}/${OTHER_CLIENT}-opf_uae_client_transport.csr`,
      `${ORGANISATION_ID}/${ORGANISATION_ID}-opf_uae_server_signing.key`,
      `${ORGANISATION_ID}/${ORGANISATION_ID}-opf_uae_server_signing.csr`,
      'README.txt',
      'manifest.csv',
    ]);
    expect(await zip.file(`${CLIENT_ID}/${CLIENT_ID}-opf_uae_client_signing.key`)!.async('string')).toBe(SIGNING.keyPem);
  });

  it('lists every file in manifest.csv with its subject and public-key SHA-256, every field quoted', () => {
    expect(renderManifestCsv([TRANSPORT, OTHER]).split('\r\n')).toEqual([
      'folder,file,kind,role,subject,public_key_sha256',
      `"${CLIENT_ID}","${CLIENT_ID}-opf_uae_client_transport.csr","csr (upload)","opf_uae_client_transport","C = AE, O = Example Fintech LLC, OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}","${'a'.repeat(64)}"`,
      `"${CLIENT_ID}","${CLIENT_ID}-opf_uae_client_transport.key","private key (secret)","opf_uae_client_transport","C = AE, O = Example Fintech LLC, OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}","${'a'.repeat(64)}"`,
      `"${OTHER_CLIENT}","${OTHER_CLIENT}-opf_uae_client_transport.csr","csr (upload)","opf_uae_client_transport","C = AE, O = ""Other \\""Pay\\"", LLC"", OU = ${ORGANISATION_ID}, CN = ${OTHER_CLIENT}","${'d'.repeat(64)}"`,
      `"${OTHER_CLIENT}","${OTHER_CLIENT}-opf_uae_client_transport.key","private key (secret)","opf_uae_client_transport","C = AE, O = ""Other \\""Pay\\"", LLC"", OU = ${ORGANISATION_ID}, CN = ${OTHER_CLIENT}","${'d'.repeat(64)}"`,
      '',
    ]);
  });

  it('is named for the number of applications', () => {
    expect(bundleFileName([TRANSPORT, SIGNING, OTHER, SERVER], 'per-application', CREATED_AT)).toBe(
      `altareq-keys-3-applications-${CREATED_AT.toISOString().slice(0, 10)}.zip`,
    );
  });
});

describe('README.txt commands in a shell (issue 13, item 8)', () => {
  // Names the allowlist refuses long before a bundle is made; README.txt must be harmless even so.
  const HOSTILE = ['$(touch PWNED).csr', '`touch PWNED`.csr', "it's'$(touch PWNED)'.csr", '; touch PWNED #.csr', '${IFS}touch${IFS}PWNED.csr'];

  it.each([
    { name: 'a plain name', input: 'x.csr', want: "'x.csr'" },
    { name: 'a command substitution', input: '$(touch PWNED).csr', want: "'$(touch PWNED).csr'" },
    { name: "a single quote, written '\\''", input: "it's.csr", want: "'it'\\''s.csr'" },
  ])('shellQuote: $name', ({ input, want }) => {
    expect(shellQuote(input)).toBe(want);
  });

  it.each(HOSTILE)('runs nothing for a CSR named %s, and passes the name to openssl as it is', (name) => {
    const hostile = { ...TRANSPORT, request: { ...TRANSPORT.request, csrFileName: name, keyFileName: `${name}.key` } };
    const commands = renderReadme([hostile], CREATED_AT)
      .split('\n')
      .filter((line) => line.startsWith('  openssl '));
    // The Arabic half repeats the English half's three commands, word for word: each is run.
    expect(commands).toHaveLength(6);
    expect(commands.slice(3)).toEqual(commands.slice(0, 3));
    const dir = mkdtempSync(join(tmpdir(), 'altareq-readme-'));
    try {
      // openssl stands in as a function that prints its arguments, one a line; each README line is run as sh would.
      const printed = commands.map((line) =>
        execFileSync('sh', ['-c', `openssl() { printf '%s\\n' "$@"; }\n${line.split(' | ')[0]}`], { cwd: dir, encoding: 'utf8' }),
      );
      expect(existsSync(join(dir, 'PWNED'))).toBe(false);
      expect(printed[0]!.split('\n')[2]).toBe(name);
      expect(printed[2]!.split('\n')[2]).toBe(`${name}.key`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('quotes every name in manifest.csv too, and lists exactly the zip entries', () => {
    const bundle = bundleEntries([TRANSPORT, SIGNING], CREATED_AT, 'per-application');
    const csv = bundle.entries.find((entry) => entry.path === 'manifest.csv')!.text;
    for (const pair of bundle.pairs) {
      for (const path of [pair.csrPath, pair.keyPath]) expect(csv).toContain(`"${path.split('/')[1]}"`);
    }
    expect(bundle.entries.map((entry) => entry.path)).toEqual([
      `${CLIENT_ID}/${TRANSPORT.request.keyFileName}`,
      `${CLIENT_ID}/${TRANSPORT.request.csrFileName}`,
      `${CLIENT_ID}/${SIGNING.request.keyFileName}`,
      `${CLIENT_ID}/${SIGNING.request.csrFileName}`,
      'README.txt',
      'manifest.csv',
    ]);
  });
});
