/**
 * Typed errors and notices. Every problem the core reports has a fixed `code`
 * (the UI and tests key on it), the `field` it concerns, and an English
 * message that quotes the value and says the rule and the fix.
 */

export type ErrorCode =
  | 'required'
  | 'uuid-shape'
  | 'uuid-uppercase'
  | 'name-too-long'
  | 'name-control-character'
  | 'name-surrounding-space'
  | 'name-malformed'
  | 'no-certificate-selected'
  | 'crypto-unavailable'
  | 'generation-failed';

export type WarningCode = 'ids-same' | 'legal-name-is-uuid';

/** The form fields a problem can point at. */
export type Field = 'legalName' | 'organisationId' | 'clientId' | 'roles';

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly field: Field | undefined;

  constructor(code: ErrorCode, message: string, options: { field?: Field; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.field = options.field;
  }
}

/** Something worth a second look that does not stop generation. */
export interface Warning {
  readonly code: WarningCode;
  readonly field: Field;
  readonly message: string;
}
