/**
 * Typed errors and notices. Every problem the core reports has a fixed `code`
 * (the UI and tests key on it), the `field` it concerns, and an English
 * message that quotes the value and says the rule and the fix.
 */

export const ERROR_CODES = [
  // The form (request.ts, dns.ts)
  'required',
  'uuid-shape',
  'uuid-uppercase',
  'uuid-braces',
  'name-too-long',
  'name-control-character',
  'name-surrounding-space',
  'name-malformed',
  'name-replacement-character',
  'name-not-normalised',
  'no-certificate-selected',
  'dns-name-invalid',
  'dns-names-required',
  // File names (names.ts): a pasted -out / -keyout, and every zip entry
  'file-name-invalid',
  'file-name-character',
  'file-name-reserved',
  'file-name-extension',
  'file-names-swapped',
  'file-names-equal',
  'file-name-duplicate',
  // The gate (gate.ts): the last check of every file before it is offered for download
  'gate-entry-name',
  'gate-duplicate-entry',
  'gate-unexpected-entry',
  'gate-csr-unreadable',
  'gate-csr-signature',
  'gate-csr-checklist',
  'gate-key-unreadable',
  'gate-key-encrypted',
  'gate-key-not-rsa-2048',
  'gate-key-mismatch',
  'gate-name-unquoted',
  // A pasted OpenSSL command (openssl-req.ts, pasted-commands.ts)
  'command-empty',
  'command-syntax',
  'unknown-option',
  'missing-value',
  'key-not-rsa-2048',
  'encrypted-key',
  'digest-not-sha256',
  'config-file',
  'subject-syntax',
  'subject-attribute',
  'multi-valued-rdn',
  'country-not-ae',
  'subject-missing',
  'missing-output',
  'extension-unsupported',
  'extensions-differ',
  'role-required',
  'command-too-long',
  'command-too-many',
  'shell-expansion',
  'windows-path',
  // A batch CSV (batch.ts)
  'batch-has-problems',
  'csv-empty',
  'csv-too-large',
  'csv-not-text',
  'csv-encoding',
  'csv-encoding-unconfirmed',
  'csv-missing-column',
  'csv-unknown-column',
  'csv-duplicate-column',
  'csv-extra-field',
  'csv-unclosed-quote',
  'csv-value-not-used',
  'unknown-role',
  'roles-mixed',
  'duplicate-application',
  // Files dropped in the Certificates view (sniff.ts)
  'file-too-large',
  'file-malformed',
  'file-unsupported',
  'pem-too-many-blocks',
  'zip-too-large',
  'zip-too-many-entries',
  'zip-entry-too-large',
  'zip-inflated-too-large',
  'zip-nested',
  'zip-entry-unsupported',
  // A .p12 the user already has (pkcs12-read.ts, issue 17)
  'p12-passphrase-needed',
  'p12-passphrase-wrong',
  'p12-encryption-unsupported',
  // Exports after issuance (pkcs12.ts, jwk.ts)
  'passphrase-required',
  'passphrase-not-ascii',
  'passphrase-too-short',
  'key-not-held',
  'key-invalid',
  'certificate-invalid',
  'key-certificate-mismatch',
  'kid-required',
  // A key in an HSM or KMS (hsm-public-key.ts, hsm-signature.ts)
  'key-location-invalid',
  'public-key-unreadable',
  'public-key-not-rsa-2048',
  'public-key-cannot-sign',
  'public-key-is-private',
  'signature-unreadable',
  'signature-length',
  'signature-other-key',
  'signature-pss',
  'signature-hashed-twice',
  'signature-no-digest-info',
  'signature-wrong-digest',
  'signature-earlier-request',
  'signature-other-bytes',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type WarningCode = 'ids-same' | 'legal-name-is-uuid' | 'utf8-added' | 'key-unencrypted';

/** The form fields, or the pasted command, a problem can point at. */
export const FIELDS = ['legalName', 'organisationId', 'clientId', 'roles', 'dnsNames', 'commonName', 'command', 'batch', 'keyLocation', 'publicKey', 'signature'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * The facts a message quotes, by name, so that every language's message can
 * say them: `value` (what was entered), `token` (the offending word of a
 * command), `character` (as U+XXXX), `fix` (the corrected value), `limit`,
 * `line` (the line of a text area the value is on).
 */
export const ERROR_PARAMS = ['value', 'token', 'character', 'fix', 'limit', 'line'] as const;
export type ErrorParams = Partial<Record<(typeof ERROR_PARAMS)[number], string>>;

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly field: Field | undefined;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, message: string, options: { field?: Field; cause?: unknown; params?: ErrorParams } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.field = options.field;
    this.params = options.params ?? {};
  }
}

/** Something worth a second look that does not stop generation. */
export interface Warning {
  readonly code: WarningCode;
  readonly field: Field;
  readonly message: string;
}

/** 1048576 as 1,048,576, for messages (toLocaleString would start the whole of Intl for it). */
export function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}
