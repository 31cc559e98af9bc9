import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BATCH_COLUMNS,
  MAX_CSV_BYTES,
  MAX_PROBLEMS,
  checkCsvSize,
  readBatchCsv,
  readBatchFile,
  unconfirmedEncoding,
  type BatchProblem,
} from '../../src/lib/batch';
import { AppError, ERROR_CODES, type ErrorCode, type ErrorParams } from '../../src/lib/errors';
import { validateClientForm, validateServerForm, checkLegalName, type CertificateRequest, type Validation } from '../../src/lib/request';
import { CLIENT_ID, ORGANISATION_ID, VALID_FORM } from '../support/fixtures';

const ORG = ORGANISATION_ID;
const CLIENT = CLIENT_ID;
const CLIENT_2 = '0d3e3c1a-8f5b-4c1e-9a7d-2b6f4e8c9a10';
const HEADER = 'legal_name,organisation_id,client_id,roles,dns_names';
const ALL_CLIENT = 'transport;signing;encryption';
const CLIENT_ROW = `Example Fintech LLC,${ORG},${CLIENT},${ALL_CLIENT},`;

/** Each valid row as row number, folder and key file names. */
function summary(text: string) {
  const { rows, problems } = readBatchCsv(text);
  return { rows: rows.map((r) => ({ row: r.row, application: r.application, keys: r.requests.map((q) => q.keyFileName) })), problems };
}

function requestsOf(validation: Validation): CertificateRequest[] {
  if (!validation.ok) throw new Error(validation.errors.map((e) => e.message).join('\n'));
  return validation.requests;
}

const keys = (id: string, ...roles: string[]) => roles.map((role) => `${id}-opf_uae_${role}.key`);
const CLIENT_KEYS = keys(CLIENT, 'client_transport', 'client_signing', 'client_encryption');

describe('readBatchCsv: files it reads', () => {
  const CASES: Array<{ name: string; input: string; want: ReturnType<typeof summary> }> = [
    {
      name: 'comma, LF, the documented header',
      input: `${HEADER}\n${CLIENT_ROW}\n`,
      want: { rows: [{ row: 2, application: CLIENT, keys: CLIENT_KEYS }], problems: [] },
    },
    {
      name: 'semicolon, CRLF, BOM, header in another order and case, no trailing line end',
      input: `\ufeffRoles;Client ID;Legal Name;Organisation-ID\r\n"${ALL_CLIENT}";${CLIENT};Example Fintech LLC;${ORG}`,
      want: { rows: [{ row: 2, application: CLIENT, keys: CLIENT_KEYS }], problems: [] },
    },
    {
      name: 'CR line ends, "organization_id" spelling, roles separated by spaces',
      input: `legal_name,organization_id,client_id,roles\rExample Fintech LLC,${ORG},${CLIENT},transport signing encryption\r`,
      want: { rows: [{ row: 2, application: CLIENT, keys: CLIENT_KEYS }], problems: [] },
    },
    {
      name: 'role names as the directory writes them, in any case and order, repeated',
      input: `${HEADER}\nExample Fintech LLC,${ORG},${CLIENT},"opf_uae_client_encryption, TRANSPORT client_signing|transport",\n`,
      want: { rows: [{ row: 2, application: CLIENT, keys: CLIENT_KEYS }], problems: [] },
    },
    {
      name: 'blank rows and trailing empty lines are skipped; rows keep their spreadsheet numbers',
      input: `${HEADER}\n\n${CLIENT_ROW}\n,,,,\n${CLIENT_ROW.replace(CLIENT, CLIENT_2)}\n\n\n`,
      want: {
        rows: [
          { row: 3, application: CLIENT, keys: CLIENT_KEYS },
          { row: 5, application: CLIENT_2, keys: keys(CLIENT_2, 'client_transport', 'client_signing', 'client_encryption') },
        ],
        problems: [],
      },
    },
    {
      name: 'server rows: named after the Organisation ID, DNS names by ";" and spaces in a quoted cell',
      input: `${HEADER}\nExample Bank PJSC,${ORG},,server_transport;server_signing,"api.bank.ae; *.hub.bank.ae  pay.bank.ae"\n`,
      want: { rows: [{ row: 2, application: ORG, keys: keys(ORG, 'server_transport', 'server_signing') }], problems: [] },
    },
    {
      name: 'an LFI row with server encryption (by its short name and the directory-style name)',
      input: `${HEADER}\nExample Bank PJSC,${ORG},,server_signing;opf_uae_server_encryption,\n`,
      want: { rows: [{ row: 2, application: ORG, keys: keys(ORG, 'server_signing', 'server_encryption') }], problems: [] },
    },
    {
      name: 'a client and a server row for the same organisation are two applications',
      input: `${HEADER}\n${CLIENT_ROW}\nExample Bank PJSC,${ORG},,server_signing,\n`,
      want: {
        rows: [
          { row: 2, application: CLIENT, keys: CLIENT_KEYS },
          { row: 3, application: ORG, keys: keys(ORG, 'server_signing') },
        ],
        problems: [],
      },
    },
  ];
  it.each(CASES)('$name', ({ input, want }) => {
    expect(summary(input)).toEqual(want);
  });

  it('makes exactly the requests the form makes', () => {
    expect(readBatchCsv(`${HEADER}\n${CLIENT_ROW}\n`).rows[0]!.requests).toStrictEqual(requestsOf(validateClientForm(VALID_FORM)));
    const server = readBatchCsv(`${HEADER}\nExample Bank PJSC,${ORG},,server_transport,api.bank.ae;*.hub.bank.ae\n`);
    const form = { legalName: 'Example Bank PJSC', organisationId: ORG, dnsNames: 'api.bank.ae *.hub.bank.ae', commonName: '' };
    expect(server.rows[0]!.requests).toStrictEqual(requestsOf(validateServerForm({ ...form, roles: ['server_transport'], extensions: 'profile' })));
  });

  it('keeps quoted separators, doubled quotes and Arabic in the legal name', () => {
    const name = 'شركة "Société", B; C';
    const { rows, problems } = readBatchCsv(`${HEADER}\n"شركة ""Société"", B; C",${ORG},${CLIENT},signing,\n`);
    expect(problems).toEqual([]);
    expect(rows[0]!.requests[0]!.subject.organization).toBe(name);
  });

  it('uses the extension policy it is given', () => {
    const { rows } = readBatchCsv(`${HEADER}\n${CLIENT_ROW}\n`, { extensions: 'none' });
    expect(rows[0]!.requests.map((r) => r.extensions)).toEqual(['none', 'none', 'none']);
  });

  it('passes on the form warnings', () => {
    const { rows } = readBatchCsv(`${HEADER}\nExample Fintech LLC,${ORG},${ORG},signing,\n`);
    expect(rows[0]!.warnings.map((w) => w.code)).toEqual(['ids-same']);
  });
});

const HEADER_RULE =
  'Name the columns in the first row: legal_name, organisation_id, client_id, roles and (for server certificates) dns_names, in any order';
const ROLES_EXAMPLE = 'transport;signing;encryption for an application, or server_transport;server_signing;server_encryption for an LFI';
const LEGAL_RULE = 'The legal name must be 1 to 64 characters, exactly as registered in the Trust Framework';

describe('readBatchCsv: problems, by row and column, with the rule', () => {
  const CASES: Array<{ name: string; input: string; want: BatchProblem[]; rows?: number[] }> = [
    {
      name: 'empty file',
      input: '',
      want: [{ code: 'csv-empty', row: 1, column: undefined, value: '', message: `The file is empty. ${HEADER_RULE}, and add one row per application.` }],
    },
    {
      name: 'only a BOM and blank lines',
      input: '\ufeff\r\n  \n',
      want: [{ code: 'csv-empty', row: 1, column: undefined, value: '', message: `The file is empty. ${HEADER_RULE}, and add one row per application.` }],
    },
    {
      name: 'a header and no rows',
      input: `${HEADER}\r\n`,
      want: [
        {
          code: 'csv-empty',
          row: 1,
          column: undefined,
          value: '',
          message: 'The file has a header row but no applications; add one row per application below it.',
        },
      ],
    },
    {
      name: 'missing columns: no rows are read',
      input: `legal_name,client_id\n${CLIENT_ROW}\n`,
      want: [
        { code: 'csv-missing-column', row: 1, column: 'organisation_id', value: '', message: `The header row has no organisation_id column. ${HEADER_RULE}.` },
        { code: 'csv-missing-column', row: 1, column: 'roles', value: '', message: `The header row has no roles column. ${HEADER_RULE}.` },
      ],
    },
    {
      name: 'a column named twice, an unknown column, and a value under no header',
      input: `${HEADER},Client-ID,notes\n${CLIENT_ROW},,,extra\n`,
      want: [
        {
          code: 'csv-duplicate-column',
          row: 1,
          column: 'client_id',
          value: 'Client-ID',
          message: 'The client_id column appears twice, in columns C and F; delete one.',
        },
        {
          code: 'csv-unknown-column',
          row: 1,
          column: undefined,
          value: 'notes',
          message:
            'Column G, "notes", is not one this tool reads; rename it to one of legal_name, organisation_id, client_id, roles, dns_names, or delete it.',
        },
        {
          code: 'csv-extra-field',
          row: 2,
          column: undefined,
          value: 'extra',
          message: 'Column H has no name in the header row; delete "extra", or name the column. If it belongs to the cell before, put that cell in double quotes.',
        },
      ],
    },
    {
      name: 'unquoted ";" in a semicolon file spills DNS names into the next column',
      input: `legal_name;organisation_id;client_id;roles;dns_names\nExample Bank PJSC;${ORG};;server_transport;api.bank.ae;pay.bank.ae\n`,
      want: [
        {
          code: 'csv-extra-field',
          row: 2,
          column: undefined,
          value: 'pay.bank.ae',
          message:
            'Column F has no name in the header row; delete "pay.bank.ae", or name the column. If it belongs to the cell before, put that cell in double quotes.',
        },
      ],
    },
    {
      name: 'the form rules, with the messages of request.ts',
      input: `${HEADER}\n,4af0a68f-d8a8,${CLIENT.toUpperCase()},signing,\n`,
      want: [
        {
          code: 'required',
          row: 2,
          column: 'legal_name',
          value: '',
          message: 'Enter the organisation legal name, exactly as registered in the Trust Framework.',
        },
        {
          code: 'uuid-shape',
          row: 2,
          column: 'organisation_id',
          value: '4af0a68f-d8a8',
          message: 'Organisation ID must be a UUID like 4af0a68f-d8a8-46c4-ace6-6949e8343868; you entered "4af0a68f-d8a8".',
          params: { value: '4af0a68f-d8a8' },
        },
        {
          code: 'uuid-uppercase',
          row: 2,
          column: 'client_id',
          value: CLIENT.toUpperCase(),
          message: `Client ID must be in lowercase, as the directory shows it: ${CLIENT}; you entered "${CLIENT.toUpperCase()}".`,
          params: { value: CLIENT.toUpperCase(), fix: CLIENT },
        },
      ],
    },
    {
      name: 'a line break inside quotes stays in row 2; the next row is row 3',
      input: `${HEADER}\n"Example\nLLC",${ORG},${CLIENT},signing,\n" Example",${ORG},${CLIENT_2},signing,\n`,
      want: [
        {
          code: 'name-control-character',
          row: 2,
          column: 'legal_name',
          value: 'Example\nLLC',
          message: `"ExampleU+000ALLC" contains an invisible character (U+000A); remove it. ${LEGAL_RULE}, with no control or invisible characters.`,
          params: { value: 'ExampleU+000ALLC', character: 'U+000A' },
        },
        {
          code: 'name-surrounding-space',
          row: 3,
          column: 'legal_name',
          value: ' Example',
          message: `" Example" starts or ends with a space; remove it. ${LEGAL_RULE}.`,
          params: { value: ' Example' },
        },
      ],
    },
    {
      name: 'server transport: a bad DNS name, and none at all',
      input: `${HEADER}\nBank,${ORG},,server_transport,api.bank.ae:443\nBank,${CLIENT},,server_transport,\n`,
      want: [
        {
          code: 'dns-name-invalid',
          row: 2,
          column: 'dns_names',
          value: 'api.bank.ae:443',
          message: '"api.bank.ae:443" has a port; remove ":443". A DNS name is like api.bank.ae, with no scheme, port or path.',
          params: { value: 'api.bank.ae:443', line: '1' },
        },
        {
          code: 'dns-names-required',
          row: 3,
          column: 'dns_names',
          value: '',
          message: 'Enter at least one DNS name for the server transport certificate, like api.bank.ae.',
        },
      ],
    },
    {
      name: 'roles: unknown, mixed, empty',
      input: `${HEADER}\nA,${ORG},${CLIENT},transport;sign,\nB,${ORG},${CLIENT_2},transport;server_signing,\nC,${ORG},${CLIENT},,\n`,
      want: [
        { code: 'unknown-role', row: 2, column: 'roles', value: 'sign', message: `"sign" is not a certificate role. Write ${ROLES_EXAMPLE}.` },
        {
          code: 'roles-mixed',
          row: 3,
          column: 'roles',
          value: 'transport;server_signing',
          message:
            "A row is either an application's certificates (transport, signing, encryption) or an LFI's server certificates (server_transport, server_signing, server_encryption); put the server certificates in a row of their own.",
        },
        { code: 'no-certificate-selected', row: 4, column: 'roles', value: '', message: `Enter the certificates to make: ${ROLES_EXAMPLE}.` },
      ],
    },
    {
      name: 'values a row does not use',
      input: `${HEADER}\nA,${ORG},${CLIENT},transport,api.bank.ae\nB,${ORG},${CLIENT},server_transport,api.bank.ae\nC,${CLIENT},,server_signing,api.bank.ae\n`,
      want: [
        {
          code: 'csv-value-not-used',
          row: 2,
          column: 'dns_names',
          value: 'api.bank.ae',
          message: 'DNS names are only for server_transport certificates; leave dns_names empty in a row of client certificates.',
        },
        {
          code: 'csv-value-not-used',
          row: 3,
          column: 'client_id',
          value: CLIENT,
          message: 'Server certificates have no Client ID; leave client_id empty in a row of server certificates.',
        },
        {
          code: 'csv-value-not-used',
          row: 4,
          column: 'dns_names',
          value: 'api.bank.ae',
          message:
            'DNS names are only for server_transport certificates, and this row does not make one; add server_transport to its roles, or leave dns_names empty.',
        },
      ],
    },
    {
      name: 'duplicates: the later row is refused, the first is read',
      input: `${HEADER}\n${CLIENT_ROW}\nOther name,${ORG},${CLIENT},signing,\nBank,${ORG},,server_signing,\nBank,${ORG},,server_transport,api.bank.ae\n`,
      rows: [2, 4],
      want: [
        {
          code: 'duplicate-application',
          row: 3,
          column: 'client_id',
          value: CLIENT,
          message: `Client ID ${CLIENT} is also in row 2. Put each application in one row, with all its roles, so that its keys are made once.`,
        },
        {
          code: 'duplicate-application',
          row: 5,
          column: 'organisation_id',
          value: ORG,
          message: `Organisation ID ${ORG} has server certificates in row 4 too. Put them in one row, with all their roles and DNS names.`,
        },
      ],
    },
    {
      name: 'a duplicate is found even when the first row has other problems',
      input: `${HEADER}\n,${ORG},${CLIENT},signing,\nExample,${ORG},${CLIENT},signing,\n`,
      want: [
        {
          code: 'required',
          row: 2,
          column: 'legal_name',
          value: '',
          message: 'Enter the organisation legal name, exactly as registered in the Trust Framework.',
        },
        {
          code: 'duplicate-application',
          row: 3,
          column: 'client_id',
          value: CLIENT,
          message: `Client ID ${CLIENT} is also in row 2. Put each application in one row, with all its roles, so that its keys are made once.`,
        },
      ],
    },
    {
      name: 'an unclosed quote: reported where it starts; the rows before are read',
      input: `${HEADER}\n${CLIENT_ROW}\n"Example, LLC,${ORG},${CLIENT_2},signing,\nB,${ORG},${CLIENT_2},signing,\n`,
      rows: [2],
      want: [
        {
          code: 'csv-unclosed-quote',
          row: 3,
          column: 'legal_name',
          value: `Example, LLC,${ORG},${CLIENT_2},signing,`,
          message:
            'A quoted value has no closing quote ("), so the rest of the file was read into it. Close the quote; inside a quoted value, write a quote as two ("").',
        },
      ],
    },
  ];
  it.each(CASES)('$name', ({ input, want, rows = [] }) => {
    const result = readBatchCsv(input);
    expect(result.problems).toEqual(want);
    expect(result.rows.map((r) => r.row)).toEqual(rows);
  });
});

describe('readBatchCsv: header names are looked up in a Map, not on an object', () => {
  const unknown = (name: string, letter: string): BatchProblem => ({
    code: 'csv-unknown-column',
    row: 1,
    column: undefined,
    value: name,
    message: `Column ${letter}, "${name}", is not one this tool reads; rename it to one of legal_name, organisation_id, client_id, roles, dns_names, or delete it.`,
  });
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('a column named %s is an unknown column', (name) => {
    const { rows, problems } = readBatchCsv(`${HEADER},${name}\n${CLIENT_ROW},\n`);
    expect(problems).toEqual([unknown(name, 'F')]);
    expect(rows.map((row) => row.row)).toEqual([2]);
  });

  it('two constructor columns: unknown, and said to appear twice, by name', () => {
    expect(readBatchCsv(`constructor,${HEADER},Constructor\n`).problems).toEqual([
      unknown('constructor', 'A'),
      {
        code: 'csv-duplicate-column',
        row: 1,
        column: undefined,
        value: 'Constructor',
        message:
          'The "Constructor" column appears twice, in columns A and G, and is not one this tool reads; rename it to one of legal_name, organisation_id, client_id, roles, dns_names, or delete both.',
      },
    ]);
  });
});

describe('readBatchCsv: separators and what the page is told', () => {
  it.each([
    { name: 'commas', input: `${HEADER}\n${CLIENT_ROW}\n`, separator: ',' },
    { name: 'semicolons', input: `${HEADER.replace(/,/g, ';')}\n"Example Fintech LLC";${ORG};${CLIENT};"${ALL_CLIENT}";\n`, separator: ';' },
    { name: 'tabs', input: `${HEADER.replace(/,/g, '\t')}\r\nExample Fintech LLC\t${ORG}\t${CLIENT}\t${ALL_CLIENT}\t\r\n`, separator: '\t' },
  ])('$name', ({ input, separator }) => {
    const read = readBatchCsv(input);
    expect({ separator: read.separator, problems: read.problems, keys: read.rows.map((r) => r.requests.map((q) => q.keyFileName)) }).toEqual({
      separator,
      problems: [],
      keys: [CLIENT_KEYS],
    });
  });

  it('lists every legal name once, in order, rows with problems too', () => {
    const input = `${HEADER}\nSociété Générale,${ORG},${CLIENT},signing,\nCafé,bad,${CLIENT_2},signing,\nSociété Générale,${ORG},${CLIENT},signing,\n,${ORG},${CLIENT_2},signing,\n`;
    expect(readBatchCsv(input).legalNames).toEqual(['Société Générale', 'Café']);
  });

  it('a U+FFFD in a pasted legal name is refused by the legal-name allowlist', () => {
    const { rows, problems } = readBatchCsv(`${HEADER}\nSoci\uFFFDt\uFFFD G\uFFFDn\uFFFDrale,${ORG},${CLIENT},signing,\n`);
    expect(rows).toEqual([]);
    expect(problems.map((p) => [p.code, p.row, p.column, p.params])).toEqual([
      ['name-replacement-character', 2, 'legal_name', { value: 'SociU+FFFDtU+FFFD GU+FFFDnU+FFFDrale', character: 'U+FFFD' }],
    ]);
  });

  it(`stops at ${MAX_PROBLEMS} problems, and then offers no row`, () => {
    const bad = Array.from({ length: 300 }, (_, i) => `Bank ${i},${ORG},not-a-uuid,signing,`);
    const read = readBatchCsv(`${HEADER}\n${CLIENT_ROW}\n${bad.join('\n')}\n`);
    expect({ count: read.problems.length, last: read.problems.at(-1)?.row, truncated: read.truncated, rows: read.rows }).toEqual({
      count: MAX_PROBLEMS,
      last: 2 + MAX_PROBLEMS,
      truncated: true,
      rows: [],
    });
    expect(readBatchCsv(`${HEADER}\n${CLIENT_ROW}\n${bad.slice(0, 3).join('\n')}\n`).truncated).toBe(false);
  });
});

describe('refusals of the file as a whole, each with its code', () => {
  const big = new Uint8Array(MAX_CSV_BYTES + 1).fill(0x61);
  const LIMIT_RULE = 'a batch CSV may be at most 1 MiB (1,048,576 bytes, some 8,000 applications). Split it into smaller files.';
  const SAVE_AS = 'In Excel, use Save As with the type "CSV UTF-8 (Comma delimited)", and choose that file.';
  it.each<{ name: string; refusal: () => AppError | undefined; want: { code: ErrorCode; message: string; params: ErrorParams } }>([
    {
      name: 'a dropped file over 1 MiB, named',
      refusal: () => (({ ...readBatchFile('applications.csv', big) }) as { refusal?: AppError }).refusal,
      want: { code: 'csv-too-large', message: `"applications.csv" is 1.0 MiB; ${LIMIT_RULE}`, params: { value: 'applications.csv', limit: '1 MiB' } },
    },
    {
      name: 'a file over 1 MiB by its size alone, before it is read',
      refusal: () => checkCsvSize(3 * MAX_CSV_BYTES, 'huge.csv'),
      want: { code: 'csv-too-large', message: `"huge.csv" is 3.0 MiB; ${LIMIT_RULE}`, params: { value: 'huge.csv', limit: '1 MiB' } },
    },
    {
      name: 'pasted text over 1 MiB in UTF-8 (here 600 Ki Arabic letters)',
      refusal: () => readBatchCsv('ش'.repeat(600 * 1024)).refusal,
      want: { code: 'csv-too-large', message: `The CSV is 1.2 MiB; ${LIMIT_RULE}`, params: { limit: '1 MiB' } },
    },
    {
      name: 'a spreadsheet dropped instead of a CSV',
      refusal: () => (({ ...readBatchFile('book.xlsx', Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00)) }) as { refusal?: AppError }).refusal,
      want: {
        code: 'csv-not-text',
        message: `"book.xlsx" is not a CSV text file (byte 5 is zero): it may be a spreadsheet (.xlsx) or UTF-16 text without a byte-order mark. ${SAVE_AS}`,
        params: { value: 'book.xlsx' },
      },
    },
    {
      name: 'a UTF-8 BOM and then Windows-1252 bytes',
      refusal: () => (({ ...readBatchFile('mixed.csv', Uint8Array.of(0xef, 0xbb, 0xbf, 0x53, 0xe9)) }) as { refusal?: AppError }).refusal,
      want: {
        code: 'csv-encoding',
        message: `"mixed.csv" starts with a UTF-8 byte-order mark, but the bytes after it are not UTF-8, so the file is damaged. ${SAVE_AS}`,
        params: { value: 'mixed.csv' },
      },
    },
    {
      name: 'UTF-16 cut short, with a file name that hides its end (U+202E)',
      refusal: () => (({ ...readBatchFile('x\u202Evsc.csv', Uint8Array.of(0xff, 0xfe, 0x41)) }) as { refusal?: AppError }).refusal,
      want: {
        code: 'csv-encoding',
        message: `"xU+202Evsc.csv" starts with a UTF-16LE byte-order mark, but the bytes after it are not UTF-16LE, so the file is damaged. ${SAVE_AS}`,
        params: { value: 'xU+202Evsc.csv' },
      },
    },
    {
      name: 'a Windows-1252 file whose names are not confirmed yet',
      refusal: () => unconfirmedEncoding('excel.csv'),
      want: {
        code: 'csv-encoding-unconfirmed',
        message:
          '"excel.csv" is not UTF-8; it was read as Windows-1252 (Excel). Check the legal names shown and confirm them, or in Excel, use Save As with the type "CSV UTF-8 (Comma delimited)", and choose that file.',
        params: { value: 'excel.csv' },
      },
    },
  ])('$name', ({ refusal, want }) => {
    const error = refusal();
    expect(error).toBeInstanceOf(AppError);
    expect({ code: error!.code, message: error!.message, params: error!.params, field: error!.field }).toEqual({ ...want, field: 'batch' });
  });

  it('an empty file is said to be empty, by name', () => {
    const file = readBatchFile('empty.csv', new Uint8Array());
    expect(file).toEqual({ ok: true, text: '', encoding: 'UTF-8', guessed: false });
    expect(readBatchCsv('', { fileName: 'empty.csv' }).problems).toEqual([
      {
        code: 'csv-empty',
        row: 1,
        column: undefined,
        value: 'empty.csv',
        params: { value: 'empty.csv' },
        message: `The file "empty.csv" is empty. ${HEADER_RULE}, and add one row per application.`,
      },
    ]);
  });

  it('1 MiB exactly is read', () => {
    expect(checkCsvSize(MAX_CSV_BYTES, 'a.csv')).toBeUndefined();
    expect(readBatchFile('a.csv', new Uint8Array(MAX_CSV_BYTES).fill(0x0a)).ok).toBe(true);
  });
});

describe('readBatchFile: files as spreadsheets save them', () => {
  const name = 'Société Générale';
  const csv = `legal_name;organisation_id;client_id;roles\r\n${name};${ORG};${CLIENT};signing\r\n`;
  it.each([
    { label: 'Excel "CSV (Comma delimited)": Windows-1252, a guess to confirm', bytes: Buffer.from(csv, 'latin1'), encoding: 'Windows-1252', guessed: true },
    { label: 'Excel "CSV UTF-8": with BOM', bytes: Buffer.from(`\ufeff${csv}`, 'utf8'), encoding: 'UTF-8', guessed: false },
    { label: 'UTF-8 without BOM', bytes: Buffer.from(csv, 'utf8'), encoding: 'UTF-8', guessed: false },
    { label: 'Excel "Unicode Text": UTF-16LE with BOM, tabs', bytes: Buffer.from(`\ufeff${csv.replace(/;/g, '\t')}`, 'utf16le'), encoding: 'UTF-16LE', guessed: false },
  ])('$label', ({ bytes, encoding, guessed }) => {
    const file = readBatchFile('applications.csv', Uint8Array.from(bytes));
    if (!file.ok) throw file.refusal;
    expect({ encoding: file.encoding, guessed: file.guessed }).toEqual({ encoding, guessed });
    const read = readBatchCsv(file.text, { fileName: 'applications.csv' });
    expect(read.problems).toEqual([]);
    expect(read.rows.map((row) => row.requests.map((request) => request.subject.organization))).toEqual([[name]]);
  });
});

// ---------------------------------------------------------------------------
// Properties

const chars = (text: string) => fc.constantFrom(...text);
/** Text built from the header names, IDs, roles and what CSV treats specially. */
const csvLike = (maxLength: number) =>
  fc
    .array(
      fc.constantFrom(...BATCH_COLUMNS, 'Legal Name', 'constructor', '__proto__', ORG, CLIENT, CLIENT_2, 'transport', 'server_transport', 'api.bank.ae', 'Société', 'Bank', ',', ';', '\t', '"', '""', '\n', '\r\n', '\r', ' ', 'x'),
      { maxLength },
    )
    .map((parts) => parts.join(''));

describe('readBatchCsv for any input', () => {
  /** Never throws; every problem has a known code, a row, a known column or none, and a message. */
  function expectWellFormed(text: string): void {
    const { rows, problems } = readBatchCsv(text);
    expect(problems.length).toBeLessThanOrEqual(MAX_PROBLEMS);
    for (const p of problems) {
      expect(ERROR_CODES).toContain(p.code);
      expect(Number.isInteger(p.row) && p.row >= 1).toBe(true);
      if (p.column !== undefined) expect(BATCH_COLUMNS).toContain(p.column);
      expect(p.message).not.toBe('');
    }
    for (const row of rows) expect(row.requests.length).toBeGreaterThan(0);
  }

  it('arbitrary text never throws', { timeout: 60_000 }, () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: chars(',;\t"\r\n\ufeff\ufffd a_-'), maxLength: 200 }));
    fc.assert(fc.property(text, expectWellFormed), { numRuns: 10_000 });
  });

  it('CSV-like text built from header names, IDs and roles never throws', { timeout: 60_000 }, () => {
    fc.assert(fc.property(csvLike(80), expectWellFormed), { numRuns: 10_000 });
  });

  it('arbitrary bytes, as a dropped file, give text or a typed refusal, never a throw', { timeout: 60_000 }, () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.tuple(fc.constantFrom([0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], []), fc.uint8Array({ maxLength: 300 })).map(([bom, tail]) =>
        Uint8Array.from([...bom, ...tail]),
      ),
      csvLike(60).map((text) => Uint8Array.from(Buffer.from(text, 'latin1'))),
      csvLike(60).map((text) => Uint8Array.from(Buffer.from(`\ufeff${text}`, 'utf16le'))),
    );
    fc.assert(
      fc.property(bytes, (bytes) => {
        const start = performance.now();
        const file = readBatchFile('dropped.csv', bytes);
        if (file.ok) {
          // Never a U+FFFD the bytes do not spell (in UTF-8, or in UTF-16 after its BOM).
          const hex = Buffer.from(bytes).toString('hex');
          if (file.text.includes('\uFFFD')) expect(hex.includes('efbfbd') || /^(fffe|feff)/.test(hex)).toBe(true);
          expectWellFormed(file.text);
        } else {
          expect(file.refusal).toBeInstanceOf(AppError);
          expect(['csv-too-large', 'csv-not-text', 'csv-encoding']).toContain(file.refusal.code);
        }
        expect(performance.now() - start).toBeLessThan(1000);
      }),
      { numRuns: 10_000 },
    );
  });

  it('any text up to the limit is read in under a second', { timeout: 120_000 }, () => {
    // A chunk of CSV-like text repeated to 1 MiB: many rows, many columns, long quotes, or blank lines.
    const big = fc.tuple(csvLike(40), fc.constantFrom('', HEADER + '\n', 'legal_name\troles\n')).map(([chunk, head]) => {
      const unit = chunk === '' ? 'x' : chunk;
      const text = (head + unit.repeat(Math.ceil(MAX_CSV_BYTES / unit.length))).slice(0, MAX_CSV_BYTES);
      return text.slice(0, MAX_CSV_BYTES - (Buffer.byteLength(text) - text.length)); // at most 1 MiB in UTF-8
    });
    fc.assert(
      fc.property(big, (text) => {
        const start = performance.now();
        expectWellFormed(text);
        expect(performance.now() - start).toBeLessThan(1000);
      }),
      { numRuns: 20 },
    );
  });
});

describe('write → read keeps any legal name the form accepts', () => {
  // ASCII letters, digits and space; Arabic letters; and what CSV treats specially.
  const legalNameArb = fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ') },
        { weight: 3, arbitrary: fc.integer({ min: 0x0621, max: 0x064a }).map((code) => String.fromCodePoint(code)) },
        { weight: 2, arbitrary: chars(`",;'\\`) },
      ),
      { minLength: 1, maxLength: 64, size: 'medium' },
    )
    .map((parts) => parts.join('').trim())
    .filter((name) => checkLegalName(name) === name);

  /** RFC 4180: quote a field holding the separator, a quote or a line break, and double its quotes. */
  const field = (value: string, separator: string) => (/[",;\r\n]/.test(value) || value.includes(separator) ? `"${value.replace(/"/g, '""')}"` : value);

  it('with either separator, either line end, with or without BOM', () => {
    fc.assert(
      fc.property(legalNameArb, fc.constantFrom(',', ';'), fc.constantFrom('\n', '\r\n'), fc.boolean(), (name, separator, eol, bom) => {
        const line = (values: string[]) => values.map((value) => field(value, separator)).join(separator);
        const text = `${bom ? '\ufeff' : ''}${line(['legal_name', 'organisation_id', 'client_id', 'roles'])}${eol}${line([name, ORG, CLIENT, ALL_CLIENT])}${eol}`;
        const { rows, problems } = readBatchCsv(text);
        expect(problems).toEqual([]);
        expect(rows.map((r) => r.requests.map((q) => q.subject.organization))).toEqual([[name, name, name]]);
      }),
      { numRuns: 500 },
    );
  });
});
