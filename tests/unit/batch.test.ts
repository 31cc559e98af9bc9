import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BATCH_COLUMNS, readBatchCsv, type BatchProblem } from '../../src/lib/batch';
import { ERROR_CODES } from '../../src/lib/errors';
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
const ROLES_EXAMPLE = 'transport;signing;encryption for an application, or server_transport;server_signing for an LFI';
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
        },
        {
          code: 'uuid-uppercase',
          row: 2,
          column: 'client_id',
          value: CLIENT.toUpperCase(),
          message: `Client ID must be in lowercase, as the directory shows it: ${CLIENT}; you entered "${CLIENT.toUpperCase()}".`,
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
            "A row is either an application's certificates (transport, signing, encryption) or an LFI's server certificates (server_transport, server_signing); put the server certificates in a row of their own.",
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

// ---------------------------------------------------------------------------
// Properties

const chars = (text: string) => fc.constantFrom(...text);

describe('readBatchCsv for any input', () => {
  /** Never throws; every problem has a known code, a row, a known column or none, and a message. */
  function expectWellFormed(text: string): void {
    const { rows, problems } = readBatchCsv(text);
    for (const p of problems) {
      expect(ERROR_CODES).toContain(p.code);
      expect(Number.isInteger(p.row) && p.row >= 1).toBe(true);
      if (p.column !== undefined) expect(BATCH_COLUMNS).toContain(p.column);
      expect(p.message).not.toBe('');
    }
    for (const row of rows) expect(row.requests.length).toBeGreaterThan(0);
  }

  it('arbitrary text never throws', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: chars(',;"\r\n\ufeff a_-'), maxLength: 200 }));
    fc.assert(fc.property(text, expectWellFormed), { numRuns: 1000 });
  });

  it('CSV-like text built from header names, IDs and roles never throws', () => {
    const token = fc.constantFrom(...BATCH_COLUMNS, 'Legal Name', ORG, CLIENT, CLIENT_2, 'transport', 'server_transport', 'api.bank.ae', 'Bank', ',', ';', '"', '""', '\n', '\r\n', '\r', ' ', 'x');
    fc.assert(fc.property(fc.array(token, { maxLength: 80 }).map((parts) => parts.join('')), expectWellFormed), { numRuns: 1000 });
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
