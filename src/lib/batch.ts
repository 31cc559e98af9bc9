/**
 * Many applications in one go: a CSV file with one application per row,
 * read into the same CertificateRequests the form makes. Every row is checked
 * by request.ts; each problem names the row and column as a spreadsheet shows
 * them (the header is row 1), quotes the value and says the rule.
 */

import { csvRecords, detectSeparator, type Separator } from './csv';
import { runToEnd } from './steps';
import { AppError, type ErrorCode, type ErrorParams, type Field, type Warning } from './errors';
import { printableLegalName } from './names';
import { ROLES, type RoleId } from './profile';
import { checkUuid, validateClientForm, validateServerForm, type CertificateRequest, type ExtensionPolicy } from './request';
import { decodeText, type TextEncodingName } from './text-encoding';

export const BATCH_COLUMNS = ['legal_name', 'organisation_id', 'client_id', 'roles', 'dns_names'] as const;
export type BatchColumn = (typeof BATCH_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly BatchColumn[] = ['legal_name', 'organisation_id', 'client_id', 'roles'];

export interface BatchProblem {
  readonly code: ErrorCode;
  /** As a spreadsheet numbers it: the header is row 1; a value with a line break in it stays one row. */
  readonly row: number;
  /** Undefined for a column the header does not name. */
  readonly column: BatchColumn | undefined;
  /** The cell as written (the header name, for header problems). */
  readonly value: string;
  readonly message: string;
  /** The facts the message quotes, for the other languages' messages, when there are more than `value`. */
  readonly params?: ErrorParams;
}

export interface BatchRow {
  readonly row: number;
  /** The Client ID, or the Organisation ID for server certificates: the folder the zip puts this row's files in. */
  readonly application: string;
  /** File names as request.ts makes them. */
  readonly requests: CertificateRequest[];
  readonly warnings: Warning[];
}

const COLUMN_NAMES = 'legal_name, organisation_id, client_id, roles, dns_names';
const HEADER_RULE = 'Name the columns in the first row: legal_name, organisation_id, client_id, roles and (for server certificates) dns_names, in any order';
const ROLES_EXAMPLE = 'transport;signing;encryption for an application, or server_transport;server_signing;server_encryption for an LFI';

/**
 * Header names as people write them, after lowercasing and turning spaces and
 * hyphens into "_". A Map, not an object: a column named `constructor` or
 * `__proto__` is an unknown column, not something every object has.
 */
const HEADER_NAMES: ReadonlyMap<string, BatchColumn> = new Map([
  ['legal_name', 'legal_name'],
  ['organisation_id', 'organisation_id'],
  ['organization_id', 'organisation_id'],
  ['client_id', 'client_id'],
  ['roles', 'roles'],
  ['dns_names', 'dns_names'],
]);

const COLUMN_OF_FIELD: Partial<Record<Field, BatchColumn>> = {
  legalName: 'legal_name',
  organisationId: 'organisation_id',
  clientId: 'client_id',
  dnsNames: 'dns_names',
};

/** The most a batch CSV may hold, pasted or dropped: 1 MiB, some 8,000 applications. */
export const MAX_CSV_BYTES = 1 << 20;
/** Reading stops at this many problems (`truncated`): a file with more is most likely not the one meant. */
export const MAX_PROBLEMS = 200;

export interface BatchRead {
  /** The rows that passed every check; make files only when `problems` is empty. */
  readonly rows: BatchRow[];
  /** In row order, at most MAX_PROBLEMS of them. */
  readonly problems: BatchProblem[];
  /** Reading stopped at MAX_PROBLEMS problems: the rest of the file was not read, and no row is offered. */
  readonly truncated: boolean;
  readonly separator: Separator;
  /** Every legal name as read, once each, in order: what the user checks when the encoding was a guess. */
  readonly legalNames: string[];
  /** The text as a whole is refused (too large): nothing was read. */
  readonly refusal?: AppError;
}

export interface BatchOptions {
  readonly extensions?: ExtensionPolicy;
  /** The file the text came from, named in the messages about the file as a whole. */
  readonly fileName?: string;
}

/**
 * Reads a batch CSV: comma-, semicolon- or tab-separated (whichever the
 * header line uses most); RFC 4180 quoting; CRLF, LF or CR line ends; a BOM
 * is ignored. Never throws; linear in the text.
 */
export function readBatchCsv(text: string, options: BatchOptions = {}): BatchRead {
  return runToEnd(readBatchSteps(text, options));
}

/**
 * readBatchCsv in steps: it pauses every few thousand characters or a few
 * hundred rows, so that a page can read in slices between frames. Records
 * are read one at a time and dropped once checked, and reading stops at
 * MAX_PROBLEMS problems.
 */
export function* readBatchSteps(text: string, options: BatchOptions = {}): Generator<void, BatchRead> {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const separator = detectSeparator(body);
  const refusal = checkCsvSize(utf8Length(text), options.fileName);
  if (refusal) return { rows: [], problems: [], truncated: false, separator, legalNames: [], refusal };
  const problems: BatchProblem[] = [];
  let truncated = false;
  const problem: Problem = (code, row, column, value, message, params) => {
    if (problems.length >= MAX_PROBLEMS) truncated = true;
    else problems.push({ code, row, column, value, message, ...(params === undefined ? {} : { params }) });
  };
  const rows: BatchRow[] = [];
  const legalNames = new Set<string>();
  const seen = new Map<string, number>(); // "client:<id>" or "server:<id>" → the row it first appeared in
  let header: Header | undefined;
  let index = -1; // the record's, from 0
  let unclosed: { row: number; column: BatchColumn | undefined; value: string } | undefined;

  for (const record of csvRecords(body, separator)) {
    if (record === undefined) {
      yield;
      continue;
    }
    index++;
    if (index % 16 === 15) yield;
    const { fields } = record;
    const row = index + 1;
    if (record.unclosed !== undefined) {
      const column = header === undefined ? undefined : BATCH_COLUMNS.find((c) => header!.columns.get(c) === record.unclosed);
      unclosed = { row, column, value: firstLine(fields[record.unclosed]!) };
    }
    if (isBlank(fields)) continue;
    if (header === undefined) {
      header = yield* readHeader(fields, row, problem, () => truncated);
      // The quote runs to the end, so no row after it is read: reported where it starts.
      if (unclosed) reportUnclosed({ ...unclosed, column: BATCH_COLUMNS.find((c) => header!.columns.get(c) === record.unclosed) });
      for (const column of REQUIRED_COLUMNS.filter((c) => !header!.columns.has(c))) {
        problem('csv-missing-column', row, column, '', `The header row has no ${column} column. ${HEADER_RULE}.`);
      }
      continue;
    }
    if (truncated || REQUIRED_COLUMNS.some((c) => !header!.columns.has(c))) continue; // only an unclosed quote is still reported
    if (record.unclosed !== undefined) continue;
    const before = problems.length;
    for (let i = 0; i < fields.length && !truncated; i++) {
      if (i % 1024 === 1023) yield;
      if (fields[i]!.trim() !== '' && (header.fields[i] ?? '').trim() === '') {
        const message = `Column ${letter(i)} has no name in the header row; delete "${fields[i]!}", or name the column. If it belongs to the cell before, put that cell in double quotes.`;
        problem('csv-extra-field', row, undefined, fields[i]!, message);
      }
    }
    const columns = header.columns;
    const cell = (column: BatchColumn) => {
      const at = columns.get(column);
      return at === undefined ? '' : (fields[at] ?? '');
    };
    if (cell('legal_name').trim() !== '') legalNames.add(cell('legal_name'));
    const result = readRow(cell, options.extensions ?? 'profile', (code, column, value, message, params) => problem(code, row, column, value, message, params));

    // Two rows for one application would make its files twice.
    const server = result.kind === 'server';
    const column = server ? 'organisation_id' : 'client_id';
    const id = server ? checkUuid(cell(column), 'organisationId', 'Organisation ID') : checkUuid(cell(column), 'clientId', 'Client ID');
    if (result.kind !== undefined && typeof id === 'string') {
      const first = seen.get(`${result.kind}:${id}`);
      if (first === undefined) seen.set(`${result.kind}:${id}`, row);
      else {
        const message = server
          ? `Organisation ID ${id} has server certificates in row ${first} too. Put them in one row, with all their roles and DNS names.`
          : `Client ID ${id} is also in row ${first}. Put each application in one row, with all its roles, so that its keys are made once.`;
        problem('duplicate-application', row, column, cell(column), message);
      }
    }
    if (problems.length === before && !truncated && result.requests) {
      rows.push({ row, application: typeof id === 'string' ? id : '', requests: result.requests, warnings: result.warnings });
    }
  }

  if (header === undefined) {
    const file = options.fileName === undefined ? 'The file' : `The file "${printableFileName(options.fileName)}"`;
    const params = options.fileName === undefined ? undefined : { value: printableFileName(options.fileName) };
    problem('csv-empty', 1, undefined, params?.value ?? '', `${file} is empty. ${HEADER_RULE}, and add one row per application.`, params);
  } else if (unclosed && unclosed.row !== header.row) {
    reportUnclosed(unclosed);
  }
  if (header !== undefined && rows.length === 0 && problems.length === 0) {
    problem('csv-empty', header.row, undefined, '', 'The file has a header row but no applications; add one row per application below it.');
  }
  // Rows after the reading stopped were never checked, so none is offered for making.
  return { rows: truncated ? [] : rows, problems, truncated, separator, legalNames: [...legalNames] };

  function reportUnclosed(at: { row: number; column: BatchColumn | undefined; value: string }) {
    const message =
      'A quoted value has no closing quote ("), so the rest of the file was read into it. Close the quote; inside a quoted value, write a quote as two ("").';
    problem('csv-unclosed-quote', at.row, at.column, at.value, message);
  }
}

type Problem = (code: ErrorCode, row: number, column: BatchColumn | undefined, value: string, message: string, params?: ErrorParams) => void;

interface Header {
  readonly row: number;
  readonly fields: readonly string[];
  /** Where each column this tool reads is. */
  readonly columns: ReadonlyMap<BatchColumn, number>;
}

/** The columns the header row names; an unknown name, or one named twice, is a problem. */
function* readHeader(fields: readonly string[], row: number, problem: Problem, full: () => boolean): Generator<void, Header> {
  const columns = new Map<BatchColumn, number>();
  const unknown = new Map<string, number>(); // an unknown column's name → where it first appears
  for (let index = 0; index < fields.length && !full(); index++) {
    if (index % 1024 === 1023) yield;
    const name = fields[index]!;
    if (name.trim() === '') continue;
    const key = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
    const column = HEADER_NAMES.get(key);
    const first = column === undefined ? unknown.get(key) : columns.get(column);
    if (column === undefined && first !== undefined) {
      const message = `The "${name}" column appears twice, in columns ${letter(first)} and ${letter(index)}, and is not one this tool reads; rename it to one of ${COLUMN_NAMES}, or delete both.`;
      problem('csv-duplicate-column', row, undefined, name, message);
    } else if (column === undefined) {
      unknown.set(key, index);
      const message = `Column ${letter(index)}, "${name}", is not one this tool reads; rename it to one of ${COLUMN_NAMES}, or delete it.`;
      problem('csv-unknown-column', row, undefined, name, message);
    } else if (first !== undefined) {
      const message = `The ${column} column appears twice, in columns ${letter(first)} and ${letter(index)}; delete one.`;
      problem('csv-duplicate-column', row, column, name, message);
    } else {
      columns.set(column, index);
    }
  }
  return { row, fields, columns };
}

/** A dropped or chosen CSV file: its text, and how it was decoded; or why it is refused as a whole. */
export type BatchFile =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncodingName; readonly guessed: boolean }
  | { readonly ok: false; readonly refusal: AppError };

const SAVE_AS_UTF8 = 'In Excel, use Save As with the type "CSV UTF-8 (Comma delimited)", and choose that file';

/**
 * The bytes of a CSV file as text: UTF-8 with or without BOM, UTF-16 by its
 * BOM, or else Windows-1252, which is a guess (`guessed`) the user confirms
 * by looking at the legal names. Refused when over MAX_CSV_BYTES, or when the
 * bytes are not text in any of these.
 */
export function readBatchFile(name: string, bytes: Uint8Array): BatchFile {
  const tooLarge = checkCsvSize(bytes.length, name);
  if (tooLarge) return { ok: false, refusal: tooLarge };
  const decoded = decodeText(bytes);
  if (decoded.ok) return { ok: true, text: decoded.text, encoding: decoded.encoding, guessed: !decoded.bom && decoded.encoding === 'Windows-1252' };
  const shown = printableFileName(name);
  if (decoded.reason === 'binary') {
    const message = `"${shown}" is not a CSV text file (byte ${decoded.offset ?? 0} is zero): it may be a spreadsheet (.xlsx) or UTF-16 text without a byte-order mark. ${SAVE_AS_UTF8}.`;
    return { ok: false, refusal: new AppError('csv-not-text', message, { field: 'batch', params: { value: shown } }) };
  }
  const message = `"${shown}" starts with a ${decoded.encoding} byte-order mark, but the bytes after it are not ${decoded.encoding}, so the file is damaged. ${SAVE_AS_UTF8}.`;
  return { ok: false, refusal: new AppError('csv-encoding', message, { field: 'batch', params: { value: shown } }) };
}

/** Refuses a CSV of more than MAX_CSV_BYTES (in UTF-8, for pasted text), before it is read. */
export function checkCsvSize(bytes: number, fileName?: string): AppError | undefined {
  if (bytes <= MAX_CSV_BYTES) return undefined;
  const size = `${(bytes / MAX_CSV_BYTES).toFixed(1)} MiB`;
  const what = fileName === undefined ? `The CSV is ${size}` : `"${printableFileName(fileName)}" is ${size}`;
  const message = `${what}; a batch CSV may be at most 1 MiB (1,048,576 bytes, some 8,000 applications). Split it into smaller files.`;
  return new AppError('csv-too-large', message, {
    field: 'batch',
    params: { ...(fileName === undefined ? {} : { value: printableFileName(fileName) }), limit: '1 MiB' },
  });
}

/** Nothing is made from a file read as Windows-1252 until the user has seen its legal names and said they are right. */
export function unconfirmedEncoding(fileName: string): AppError {
  const shown = printableFileName(fileName);
  const message = `"${shown}" is not UTF-8; it was read as Windows-1252 (Excel). Check the legal names shown and confirm them, or ${SAVE_AS_UTF8[0]!.toLowerCase()}${SAVE_AS_UTF8.slice(1)}.`;
  return new AppError('csv-encoding-unconfirmed', message, { field: 'batch', params: { value: shown } });
}

/** A file name to quote: invisible characters as U+XXXX, at most 60 characters. */
export function printableFileName(name: string): string {
  const shown = printableLegalName(name);
  return shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
}

/** The bytes `text` takes in UTF-8, without making them. */
function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

function firstLine(value: string): string {
  const end = value.search(/\r|\n/);
  return end < 0 ? value : value.slice(0, end);
}

type Report = (code: BatchProblem['code'], column: BatchColumn | undefined, value: string, message: string, params?: ErrorParams) => void;

/** One row's requests, or its problems through `report`. `kind` is undefined when the roles are mixed or missing. */
function readRow(
  cell: (column: BatchColumn) => string,
  extensions: ExtensionPolicy,
  report: Report,
): { kind: 'client' | 'server' | undefined; requests?: CertificateRequest[]; warnings: Warning[] } {
  const tokens = cell('roles').split(/[\s;,|]+/u).filter((token) => token !== '');
  const roles: RoleId[] = [];
  for (const token of tokens) {
    const role = roleNamed(token);
    if (role === undefined) report('unknown-role', 'roles', token, `"${token}" is not a certificate role. Write ${ROLES_EXAMPLE}.`);
    else if (!roles.includes(role)) roles.push(role);
  }
  if (tokens.length === 0) report('no-certificate-selected', 'roles', '', `Enter the certificates to make: ${ROLES_EXAMPLE}.`);
  const client = roles.some((role) => ROLES[role].party === 'client');
  const server = roles.some((role) => ROLES[role].party === 'server');
  if (client && server) {
    const message =
      "A row is either an application's certificates (transport, signing, encryption) or an LFI's server certificates (server_transport, server_signing, server_encryption); put the server certificates in a row of their own.";
    report('roles-mixed', 'roles', cell('roles'), message);
  }
  const kind = client === server ? undefined : server ? 'server' : 'client';

  const dnsNames = cell('dns_names');
  if (kind === 'client' && dnsNames.trim() !== '') {
    const message = 'DNS names are only for server_transport certificates; leave dns_names empty in a row of client certificates.';
    report('csv-value-not-used', 'dns_names', dnsNames, message);
  }
  if (kind === 'server' && cell('client_id').trim() !== '') {
    const message = 'Server certificates have no Client ID; leave client_id empty in a row of server certificates.';
    report('csv-value-not-used', 'client_id', cell('client_id'), message);
  }
  if (kind === 'server' && !roles.includes('server_transport') && dnsNames.trim() !== '') {
    const message =
      'DNS names are only for server_transport certificates, and this row does not make one; add server_transport to its roles, or leave dns_names empty.';
    report('csv-value-not-used', 'dns_names', dnsNames, message);
  }

  const common = { legalName: cell('legal_name'), organisationId: cell('organisation_id'), roles, extensions };
  const validation =
    kind === 'server'
      ? validateServerForm({ ...common, dnsNames: dnsNames.replace(/;/g, ' '), commonName: '' })
      : validateClientForm({ ...common, clientId: cell('client_id') });
  if (!validation.ok) {
    for (const error of validation.errors) {
      const column = error.field === undefined ? undefined : COLUMN_OF_FIELD[error.field];
      const params = Object.keys(error.params).length > 0 ? error.params : undefined;
      if (error.field !== 'roles') report(error.code, column, column === undefined ? '' : cell(column), error.message, params);
    }
    return { kind, warnings: validation.warnings };
  }
  return { kind, requests: validation.requests, warnings: validation.warnings };
}

/** `transport`, `client_transport` or the directory's `opf_uae_client_transport`, in any case. */
function roleNamed(token: string): RoleId | undefined {
  const name = token.toLowerCase().replace(/^opf_uae_/, '');
  if (Object.hasOwn(ROLES, name)) return name as RoleId;
  return ['transport', 'signing', 'encryption'].includes(name) ? (`client_${name}` as RoleId) : undefined;
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

/** A spreadsheet's column letter: 0 → A, 25 → Z, 26 → AA. */
function letter(index: number): string {
  return (index >= 26 ? letter(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));
}
