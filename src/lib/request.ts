/**
 * CertificateRequest: everything needed to make one key and CSR, as plain
 * data. The form is validated into requests here, before any key is made.
 */

import { checkDnsName, parseDnsNames } from './dns';
import { AppError, thousands, type ErrorParams, type Field, type Warning } from './errors';
import { checkLegalNameCharacters, printableLegalName } from './names';
import { keyUsageText, purposeText } from './key-usage';
import { OID } from './oid';
import { CLIENT_ROLES, ROLES, SERVER_ROLES, fileStem, type RoleId } from './profile';
import type { Subject } from './subject';

/** `profile`: request the role's key usage; `none`: exactly as the Trust Framework command. */
export type ExtensionPolicy = 'profile' | 'none';

export interface CertificateRequest {
  readonly role: RoleId;
  readonly subject: Subject;
  readonly extensions: ExtensionPolicy;
  /** subjectAltName DNS names (server transport only). */
  readonly dnsNames: readonly string[];
  readonly keyFileName: string;
  readonly csrFileName: string;
}

/** What a TPP fills in, as typed. */
export interface ClientForm {
  readonly legalName: string;
  readonly organisationId: string;
  readonly clientId: string;
  readonly roles: readonly RoleId[];
  readonly extensions: ExtensionPolicy;
}

/** What an LFI fills in for its server certificates, as typed. */
export interface ServerForm {
  readonly legalName: string;
  readonly organisationId: string;
  /** One or more names, separated by new lines, commas or spaces. */
  readonly dnsNames: string;
  /** Optional: server certificates carry no CN unless the LFI wants one. */
  readonly commonName: string;
  readonly roles: readonly RoleId[];
  readonly extensions: ExtensionPolicy;
}

export type Validation =
  | { readonly ok: true; readonly requests: CertificateRequest[]; readonly warnings: Warning[] }
  | { readonly ok: false; readonly errors: AppError[]; readonly warnings: Warning[] };

/** X.520 upper bound for O, OU and CN, in characters. */
export const MAX_NAME_LENGTH = 64;

/** The UUID the messages show as an example of the shape the directory uses. */
export const UUID_EXAMPLE = '4af0a68f-d8a8-46c4-ace6-6949e8343868';
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Validates the whole form and, if every field is right, returns one request per ticked role. */
export function validateClientForm(form: ClientForm): Validation {
  const legalName = checkLegalName(form.legalName);
  const organisationId = checkUuid(form.organisationId, 'organisationId', 'Organisation ID');
  const clientId = checkUuid(form.clientId, 'clientId', 'Client ID');
  const errors = [legalName, organisationId, clientId].filter((r): r is AppError => r instanceof AppError);
  const roles = CLIENT_ROLES.filter((role) => form.roles.includes(role));
  if (roles.length === 0) {
    errors.push(
      new AppError('no-certificate-selected', 'Tick at least one certificate to make: Transport, Signing or Encryption.', {
        field: 'roles',
      }),
    );
  }
  const warnings = clientWarnings(form);
  if (errors.length > 0) return { ok: false, errors, warnings };

  const subject: Subject = {
    country: 'AE',
    organization: legalName as string,
    organizationalUnit: organisationId as string,
    commonName: clientId as string,
  };
  const requests = roles.map((role) => requestFor(role, clientId as string, subject, form.extensions, []));
  return { ok: true, requests, warnings };
}

/** Validates an LFI's form: one request per ticked server role, named after the Organisation ID. */
export function validateServerForm(form: ServerForm): Validation {
  const legalName = checkLegalName(form.legalName);
  const organisationId = checkUuid(form.organisationId, 'organisationId', 'Organisation ID');
  const errors = [legalName, organisationId].filter((r): r is AppError => r instanceof AppError);

  let commonName: string | undefined;
  if (form.commonName.trim() !== '') {
    const checked = checkServerCommonName(form.commonName);
    if (checked instanceof AppError) errors.push(checked);
    else commonName = checked;
  }
  const roles = SERVER_ROLES.filter((role) => form.roles.includes(role));
  let dnsNames: string[] = [];
  if (roles.includes('server_transport')) {
    const parsed = parseDnsNames(form.dnsNames);
    errors.push(...parsed.problems.map((problem) => fieldError(problem, 'dnsNames')));
    dnsNames = parsed.names.map((name) => name.ascii);
  }
  if (roles.length === 0) {
    errors.push(
      new AppError('no-certificate-selected', 'Tick at least one certificate to make: Server transport, Server signing or Server encryption.', {
        field: 'roles',
      }),
    );
  }
  const warnings = UUID_SHAPE.test(form.legalName.trim().toLowerCase()) ? [legalNameIsUuid()] : [];
  if (errors.length > 0) return { ok: false, errors, warnings };

  const subject: Subject = {
    country: 'AE',
    organization: legalName as string,
    organizationalUnit: organisationId as string,
    ...(commonName === undefined ? {} : { commonName }),
  };
  const requests = roles.map((role) =>
    requestFor(role, organisationId as string, subject, form.extensions, role === 'server_transport' ? dnsNames : []),
  );
  return { ok: true, requests, warnings };
}

/**
 * A server certificate's optional CN: a host name, in its ASCII form like
 * the DNS names, and at most 64 characters (X.520 ub-common-name).
 */
export function checkServerCommonName(value: string): string | AppError {
  const checked = checkDnsName(value);
  if ('code' in checked) return fieldError({ ...checked, params: { value } }, 'commonName');
  if (checked.ascii.length > MAX_NAME_LENGTH) {
    return new AppError(
      'dns-name-invalid',
      `"${checked.ascii}" is ${checked.ascii.length} characters long; a common name is at most ${MAX_NAME_LENGTH}. Leave it empty: TLS clients check the DNS names.`,
      { field: 'commonName', params: { value: checked.ascii } },
    );
  }
  return checked.ascii;
}

function requestFor(
  role: RoleId,
  filePrefix: string,
  subject: Subject,
  extensions: ExtensionPolicy,
  dnsNames: readonly string[],
): CertificateRequest {
  const stem = fileStem(filePrefix, role);
  return { role, subject, extensions, dnsNames, keyFileName: `${stem}.key`, csrFileName: `${stem}.csr` };
}

function fieldError(problem: { code: AppError['code']; message: string; params?: ErrorParams }, field: Field): AppError {
  return new AppError(problem.code, problem.message, { field, ...(problem.params ? { params: problem.params } : {}) });
}

/** The legal name as it goes into O, or why it cannot. */
export function checkLegalName(value: string): string | AppError {
  const field = 'legalName';
  const rule = `The legal name must be 1 to ${MAX_NAME_LENGTH} characters, exactly as registered in the Trust Framework`;
  if (value.length > LONG_TEXT) {
    // Far too long to be a name (a paste gone wrong): say so without quoting or scanning all of it.
    const shown = `${printableLegalName([...value.slice(0, 40)].slice(0, 30).join(''))}…`;
    return new AppError('name-too-long', `"${shown}" is ${thousands(codePointCount(value))} characters long. ${rule}.`, {
      field,
      params: { value: shown },
    });
  }
  if (value.trim().length === 0) {
    return new AppError('required', 'Enter the organisation legal name, exactly as registered in the Trust Framework.', { field });
  }
  if (!value.isWellFormed()) {
    return new AppError('name-malformed', `The legal name contains a broken character (a lone surrogate); retype it. ${rule}.`, {
      field,
    });
  }
  if (/^\p{Zs}|\p{Zs}$/u.test(value)) {
    return new AppError('name-surrounding-space', `"${value}" starts or ends with a space; remove it. ${rule}.`, { field, params: { value } });
  }
  const refused = checkLegalNameCharacters(value);
  if (refused) return new AppError(refused.code, refused.message, { field, params: refused.params });
  const length = [...value].length;
  if (length > MAX_NAME_LENGTH) {
    return new AppError('name-too-long', `"${value}" is ${length} characters long. ${rule}.`, { field, params: { value } });
  }
  return value;
}

/** Text longer than this (in UTF-16 code units) is not quoted whole in a message. */
const LONG_TEXT = 1000;

/** Characters as a person counts them: code points, not UTF-16 units. */
function codePointCount(text: string): number {
  // Each low surrogate that follows a high one is the second half of one character.
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}


/** Whether a name's CN (or any value) is a UUID exactly as the directory writes one: a Client ID, in a TPP's certificate. */
export function isDirectoryUuid(value: string | undefined): value is string {
  return value !== undefined && checkUuid(value, 'clientId', 'Client ID') === value;
}

/**
 * A UUID as the directory shows it: lowercase, 8-4-4-4-12 hex digits.
 * Spaces around a pasted value are dropped (a UUID cannot contain one).
 */
export function checkUuid(value: string, field: 'organisationId' | 'clientId', label: string): string | AppError {
  const trimmed = value.trim();
  if (trimmed.length === 0) {
    return new AppError('required', `Enter the ${label}, a UUID like ${UUID_EXAMPLE}, as the Trust Framework directory shows it.`, {
      field,
    });
  }
  if (UUID_SHAPE.test(trimmed)) return trimmed;
  if (UUID_SHAPE.test(trimmed.toLowerCase())) {
    const fix = trimmed.toLowerCase();
    return new AppError('uuid-uppercase', `${label} must be in lowercase, as the directory shows it: ${fix}; you entered "${trimmed}".`, {
      field,
      params: { value: trimmed, fix },
    });
  }
  // A UUID in braces, as Windows writes one: the directory's form is offered too.
  const unbraced = /^\{([^{}]*)\}$/.exec(trimmed)?.[1]?.trim().toLowerCase();
  const shown = printableLegalName(trimmed.length > 100 ? `${trimmed.slice(0, 60)}…` : trimmed);
  if (unbraced !== undefined && UUID_SHAPE.test(unbraced)) {
    return new AppError('uuid-braces', `${label} must be a UUID like ${UUID_EXAMPLE}, without braces: ${unbraced}; you entered "${shown}".`, {
      field,
      params: { value: shown, fix: unbraced },
    });
  }
  return new AppError('uuid-shape', `${label} must be a UUID like ${UUID_EXAMPLE}; you entered "${shown}".`, { field, params: { value: shown } });
}

function clientWarnings(form: ClientForm): Warning[] {
  const warnings: Warning[] = [];
  const organisationId = form.organisationId.trim().toLowerCase();
  const clientId = form.clientId.trim().toLowerCase();
  if (UUID_SHAPE.test(organisationId) && organisationId === clientId) {
    warnings.push({
      code: 'ids-same',
      field: 'clientId',
      message:
        'Client ID is the same as Organisation ID. They are usually different: the Client ID belongs to the application, the Organisation ID to the organisation. Check both in the directory.',
    });
  }
  if (UUID_SHAPE.test(form.legalName.trim().toLowerCase())) warnings.push(legalNameIsUuid());
  return warnings;
}

function legalNameIsUuid(): Warning {
  return {
    code: 'legal-name-is-uuid',
    field: 'legalName',
    message: 'The legal name looks like a UUID. Did you swap it with the Organisation ID or Client ID?',
  };
}

/** The extensions a request asks for, one line each, in the words `openssl req -text` uses. */
export function describeRequestedExtensions(request: CertificateRequest): string[] {
  const role = ROLES[request.role];
  const lines: string[] = [];
  if (request.extensions === 'profile') {
    lines.push(`Key Usage (critical): ${role.keyUsage.map(keyUsageText).join(', ')}`);
    if (role.extendedKeyUsage.length > 0) {
      lines.push(`Extended Key Usage: ${role.extendedKeyUsage.map((usage) => purposeText(OID[usage])).join(', ')}`);
    }
  }
  if (request.dnsNames.length > 0) {
    lines.push(`Subject Alternative Name: ${request.dnsNames.map((name) => `DNS:${name}`).join(', ')}`);
  }
  if (lines.length === 0) lines.push('None: exactly as the Trust Framework command; the directory applies its own profile');
  return lines;
}
