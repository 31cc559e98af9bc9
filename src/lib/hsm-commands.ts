/**
 * Where an HSM or KMS key lives, and the commands that export its public key
 * and sign the to-be-signed bytes there, ready to copy into bash or
 * PowerShell. The page never calls a KMS: the user runs these. Every value
 * that goes into a command passes an allowlist first, so a command is always
 * what it looks like; each is single-quoted, which both shells read literally.
 *
 * Each command prints, or writes, exactly what readPublicKey and
 * readSignature accept (see shared/TRUST-FRAMEWORK.md, "Production keys").
 */

import { AppError } from './errors';
import { toBase64Url } from './pem';

export const KEY_STORES = ['aws', 'azure', 'google', 'pkcs11'] as const;
export type KeyStore = (typeof KEY_STORES)[number];

/** What the user types to name the key: one field per part. */
export interface KeyLocationInput {
  readonly store: KeyStore;
  /** AWS: key ARN, alias or key ID. Azure: the key identifier URL. Google: the key version resource name. PKCS#11: the key's id (hex). */
  readonly key: string;
  /** PKCS#11 only: the token label and the module (the vendor's .so or .dll). */
  readonly tokenLabel?: string;
  readonly module?: string;
}

export type KeyLocation =
  | { readonly store: 'aws'; readonly keyId: string }
  | { readonly store: 'azure'; readonly url: string; readonly resource: string }
  | { readonly store: 'google'; readonly project: string; readonly location: string; readonly keyRing: string; readonly key: string; readonly version: string }
  | { readonly store: 'pkcs11'; readonly module: string; readonly tokenLabel: string; readonly id: string };

const AWS_KEY = /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]{1,256}|alias\/[A-Za-z0-9/_-]{1,250}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const AZURE_KEY = /^https:\/\/([a-z0-9-]{3,24})\.(vault\.azure\.net|managedhsm\.azure\.net)\/keys\/([A-Za-z0-9-]{1,127})\/([0-9a-f]{32})\/?$/i;
const GOOGLE_KEY = /^projects\/([a-z][a-z0-9-]{4,28}[a-z0-9])\/locations\/([a-z0-9-]{1,63})\/keyRings\/([A-Za-z0-9_-]{1,63})\/cryptoKeys\/([A-Za-z0-9_-]{1,63})\/cryptoKeyVersions\/(\d{1,9})$/;
const PKCS11_ID = /^([0-9a-f]{2})+$/i;
const PKCS11_LABEL = /^[A-Za-z0-9 ._-]{1,32}$/;
const PKCS11_MODULE = /^[A-Za-z0-9 ._:\\/()-]{1,260}$/;

const EXAMPLES: Record<KeyStore, string> = {
  aws: 'arn:aws:kms:me-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab or alias/altareq-transport',
  azure: 'https://my-vault.vault.azure.net/keys/altareq-transport/0123456789abcdef0123456789abcdef',
  google: 'projects/my-project/locations/me-central2/keyRings/altareq/cryptoKeys/transport/cryptoKeyVersions/1',
  pkcs11: '01',
};

/** Checks what the user typed against each system's own identifier syntax. */
export function readKeyLocation(input: KeyLocationInput): KeyLocation | AppError {
  const key = input.key.trim();
  const wrong = (what: string, value: string) =>
    new AppError('key-location-invalid', `"${value.slice(0, 80)}" is not ${what}. It looks like ${EXAMPLES[input.store]}.`, {
      field: 'keyLocation',
      params: { value: value.slice(0, 80) },
    });
  switch (input.store) {
    case 'aws':
      return AWS_KEY.test(key) ? { store: 'aws', keyId: key } : wrong('an AWS KMS key ARN, alias or key ID', key);
    case 'azure': {
      const match = AZURE_KEY.exec(key);
      if (!match) return wrong('a Key Vault key identifier with its version', key);
      const managed = match[2]!.toLowerCase().startsWith('managedhsm');
      return { store: 'azure', url: key.replace(/\/$/, ''), resource: managed ? 'https://managedhsm.azure.net' : 'https://vault.azure.net' };
    }
    case 'google': {
      const match = GOOGLE_KEY.exec(key);
      if (!match) return wrong('a Cloud KMS key version resource name', key);
      const [, project, location, keyRing, cryptoKey, version] = match as unknown as string[];
      return { store: 'google', project: project!, location: location!, keyRing: keyRing!, key: cryptoKey!, version: version! };
    }
    case 'pkcs11': {
      const tokenLabel = (input.tokenLabel ?? '').trim();
      const module = (input.module ?? '').trim();
      if (!PKCS11_ID.test(key)) return wrong("a PKCS#11 key id in hex (pkcs11-tool --list-objects shows it as ID)", key);
      if (!PKCS11_LABEL.test(tokenLabel)) return wrong('a token label (letters, digits, spaces, . _ -; at most 32)', tokenLabel);
      if (!PKCS11_MODULE.test(module)) return wrong('the path of a PKCS#11 module, like /usr/lib/softhsm/libsofthsm2.so', module);
      return { store: 'pkcs11', module, tokenLabel, id: key.toLowerCase() };
    }
  }
}

export type Shell = 'bash' | 'powershell';

export interface HsmCommands {
  /** Prints (or writes) the public key. */
  readonly exportPublicKey: string;
  /** Signs `<stem>.tbs.der` with RSASSA-PKCS1-v1_5 over SHA-256; some need a line before it. */
  readonly sign: string;
  /** What to give the page: paste what the command printed, or drop the file it wrote. */
  readonly output: 'printed' | 'file';
}

/** The file names the commands use; the to-be-signed bytes are downloaded under the first. */
export function hsmFileNames(stem: string) {
  return { toBeSigned: `${stem}.tbs.der`, signature: `${stem}.sig`, publicKey: `${stem}.public-key.der` };
}

/**
 * The commands for `location`, signing the file `<stem>.tbs.der` whose
 * SHA-256 is `digest`. AWS signs the bytes in RAW mode (KMS hashes them: the
 * CertificationRequestInfo is far under its 4096-byte limit); Google and
 * PKCS#11 hash the input file themselves; Key Vault signs a digest, so its
 * request carries the digest, base64url.
 */
export function renderHsmCommands(location: KeyLocation, stem: string, digest: Uint8Array, shell: Shell): HsmCommands {
  const files = hsmFileNames(stem);
  switch (location.store) {
    case 'aws':
      return {
        exportPublicKey: `aws kms get-public-key --key-id ${shellQuoted(location.keyId)} --output json`,
        sign: `aws kms sign --key-id ${shellQuoted(location.keyId)} --message fileb://${files.toBeSigned} --message-type RAW --signing-algorithm RSASSA_PKCS1_V1_5_SHA_256 --output json`,
        output: 'printed',
      };
    case 'azure': {
      const body = `{"alg":"RS256","value":"${toBase64Url(digest)}"}`;
      const url = `${location.url}/sign?api-version=7.4`;
      const rest = `az rest --method post --resource ${shellQuoted(location.resource)} --url ${shellQuoted(url)}`;
      return {
        exportPublicKey: `az keyvault key show --id ${shellQuoted(location.url)} --output json`,
        // PowerShell 5 mangles double quotes inside an argument to a native program: the body goes through a file instead.
        sign:
          shell === 'bash'
            ? `${rest} --body ${shellQuoted(body)}`
            : `Set-Content -NoNewline -Encoding ascii -Path ${stem}.sign-request.json -Value ${shellQuoted(body)}\n${rest} --body "@${stem}.sign-request.json"`,
        output: 'printed',
      };
    }
    case 'google': {
      const where = `--location ${shellQuoted(location.location)} --keyring ${shellQuoted(location.keyRing)} --key ${shellQuoted(location.key)} --project ${shellQuoted(location.project)}`;
      return {
        exportPublicKey: `gcloud kms keys versions get-public-key ${shellQuoted(location.version)} ${where}`,
        sign: `gcloud kms asymmetric-sign --version ${shellQuoted(location.version)} ${where} --digest-algorithm sha256 --input-file ${files.toBeSigned} --signature-file ${files.signature}`,
        output: 'file',
      };
    }
    case 'pkcs11': {
      const token = `--module ${shellQuoted(location.module)} --token-label ${shellQuoted(location.tokenLabel)} --id ${location.id}`;
      return {
        exportPublicKey: `pkcs11-tool ${token} --read-object --type pubkey --output-file ${files.publicKey}`,
        sign: `pkcs11-tool ${token} --login --sign --mechanism SHA256-RSA-PKCS --input-file ${files.toBeSigned} --output-file ${files.signature}`,
        output: 'file',
      };
    }
  }
}

/**
 * RFC 7512: the token's key as OpenSSL's pkcs11 engine names it; the label
 * percent-encoded where it is not a plain character, the id byte by byte.
 */
export function pkcs11Uri(location: Extract<KeyLocation, { store: 'pkcs11' }>): string {
  const token = location.tokenLabel.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  const id = location.id.replace(/../g, (pair) => `%${pair.toUpperCase()}`);
  return `pkcs11:token=${token};id=${id};type=private`;
}

/** Single quotes, literal in bash and PowerShell alike; values never hold one (the allowlists above). */
function shellQuoted(value: string): string {
  return /^[A-Za-z0-9._:/=@-]+$/.test(value) ? value : `'${value}'`;
}
