/**
 * Many applications in one go: a CSV file with one application per row,
 * read into the same CertificateRequests the form makes. Every row is checked
 * by request.ts; each problem names the row and column as a spreadsheet shows
 * them (the header is row 1), quotes the value and says the rule.
 */

import type { ErrorCode, Field, Warning } from './errors';
import { ROLES, type RoleId } from './profile';
import { checkUuid, validateClientForm, validateServerForm, type CertificateRequest, type ExtensionPolicy } from './request';

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
const ROLES_EXAMPLE = 'transport;signing;encryption for an application, or server_transport;server_signing for an LFI';

// Header names as people write them, after lowercasing and turning spaces and hyphens into "_".
const HEADER_NAMES: Readonly<Record<string, BatchColumn>> = {
  legal_name: 'legal_name',
  organisation_id: 'organisation_id',
  organization_id: 'organisation_id',
  client_id: 'client_id',
  roles: 'roles',
  dns_names: 'dns_names',
};

const COLUMN_OF_FIELD: Partial<Record<Field, BatchColumn>> = {
  legalName: 'legal_name',
  organisationId: 'organisation_id',
  clientId: 'client_id',
  dnsNames: 'dns_names',
};

/**
 * Reads a batch CSV: UTF-8 with or without BOM; comma- or semicolon-separated
 * (whichever the header line uses more); RFC 4180 quoting; CRLF, LF or CR line
 * ends. Never throws. `rows` holds the rows that passed every check; make
 * files only when `problems` is empty.
 */
export function readBatchCsv(text: string, options: { extensions?: ExtensionPolicy } = {}): { rows: BatchRow[]; problems: BatchProblem[] } {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const { records, unclosed } = parseCsv(body, detectSeparator(body));
  const problems: BatchProblem[] = [];
  const problem = (code: BatchProblem['code'], row: number, column: BatchColumn | undefined, value: string, message: string) =>
    problems.push({ code, row, column, value, message });

  const headerIndex = records.findIndex((fields) => !isBlank(fields));
  if (headerIndex < 0) {
    problem('csv-empty', 1, undefined, '', `The file is empty. ${HEADER_RULE}, and add one row per application.`);
    return { rows: [], problems };
  }
  const header = records[headerIndex]!;
  const headerRow = headerIndex + 1;
  const columns = new Map<BatchColumn, number>();
  header.forEach((name, index) => {
    if (name.trim() === '') return;
    const column = HEADER_NAMES[name.trim().toLowerCase().replace(/[\s-]+/g, '_')];
    const first = column === undefined ? undefined : columns.get(column);
    if (column === undefined) {
      const message = `Column ${letter(index)}, "${name}", is not one this tool reads; rename it to one of ${COLUMN_NAMES}, or delete it.`;
      problem('csv-unknown-column', headerRow, undefined, name, message);
    } else if (first !== undefined) {
      const message = `The ${column} column appears twice, in columns ${letter(first)} and ${letter(index)}; delete one.`;
      problem('csv-duplicate-column', headerRow, column, name, message);
    } else {
      columns.set(column, index);
    }
  });
  if (unclosed) {
    const value = records[unclosed.record]![unclosed.field]!;
    const column = BATCH_COLUMNS.find((c) => columns.get(c) === unclosed.field);
    const message =
      'A quoted value has no closing quote ("), so the rest of the file was read into it. Close the quote; inside a quoted value, write a quote as two ("").';
    problem('csv-unclosed-quote', unclosed.record + 1, column, value.split(/\r\n|\n|\r/)[0]!, message);
  }
  for (const column of REQUIRED_COLUMNS.filter((c) => !columns.has(c))) {
    problem('csv-missing-column', headerRow, column, '', `The header row has no ${column} column. ${HEADER_RULE}.`);
  }
  if (REQUIRED_COLUMNS.some((c) => !columns.has(c))) return { rows: [], problems };

  const rows: BatchRow[] = [];
  const seen = new Map<string, number>(); // "client:<id>" or "server:<id>" → the row it first appeared in
  for (let index = headerIndex + 1; index < records.length; index++) {
    const fields = records[index]!;
    const row = index + 1;
    if (isBlank(fields) || unclosed?.record === index) continue;
    const before = problems.length;
    fields.forEach((value, i) => {
      if (value.trim() !== '' && (header[i] ?? '').trim() === '') {
        const message = `Column ${letter(i)} has no name in the header row; delete "${value}", or name the column. If it belongs to the cell before, put that cell in double quotes.`;
        problem('csv-extra-field', row, undefined, value, message);
      }
    });
    const cell = (column: BatchColumn) => {
      const at = columns.get(column);
      return at === undefined ? '' : (fields[at] ?? '');
    };
    const result = readRow(cell, options.extensions ?? 'profile', (code, column, value, message) => problem(code, row, column, value, message));

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
    if (problems.length === before && result.requests) {
      rows.push({ row, application: typeof id === 'string' ? id : '', requests: result.requests, warnings: result.warnings });
    }
  }
  if (rows.length === 0 && problems.length === 0) {
    problem('csv-empty', headerRow, undefined, '', 'The file has a header row but no applications; add one row per application below it.');
  }
  return { rows, problems: problems.sort((a, b) => a.row - b.row) };
}

type Report = (code: BatchProblem['code'], column: BatchColumn | undefined, value: string, message: string) => void;

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
      "A row is either an application's certificates (transport, signing, encryption) or an LFI's server certificates (server_transport, server_signing); put the server certificates in a row of their own.";
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
      if (error.field !== 'roles') report(error.code, column, column === undefined ? '' : cell(column), error.message);
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

/** `;` if the first non-blank line has more semicolons than commas outside quotes; `,` otherwise. */
function detectSeparator(text: string): ',' | ';' {
  const line = (text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '').replace(/"[^"]*"?/g, '');
  const count = (separator: string) => line.split(separator).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * RFC 4180 records: a field in double quotes may hold separators, line
 * breaks and quotes written twice. Lenient as spreadsheets are: a quote
 * inside an unquoted field, or text after a closing quote, is kept as text.
 * `unclosed` points at a quoted field that runs to the end of the text.
 */
function parseCsv(text: string, separator: string): { records: string[][]; unclosed?: { record: number; field: number } } {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false; // a quote only opens a quoted field at its start
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] !== '"') quoted = false;
      else {
        field += '"';
        i++;
      }
    } else if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === separator) {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      records.push([...fields, field]);
      fields = [];
      field = '';
      fieldStarted = false;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (fieldStarted || fields.length > 0) records.push([...fields, field]);
  return quoted ? { records, unclosed: { record: records.length - 1, field: fields.length } } : { records };
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === '');
}

/** A spreadsheet's column letter: 0 → A, 25 → Z, 26 → AA. */
function letter(index: number): string {
  return (index >= 26 ? letter(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));
}
