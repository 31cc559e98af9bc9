import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, FIELDS, type ErrorCode, type Field } from '../../src/lib/errors';
import type { RoleId } from '../../src/lib/profile';
import {
  checkLegalName,
  checkUuid,
  describeRequestedExtensions,
  validateClientForm,
  validateServerForm,
  type CertificateRequest,
  type ClientForm,
  type ExtensionPolicy,
  type ServerForm,
} from '../../src/lib/request';
import { CLIENT_ID, ORGANISATION_ID, VALID_FORM } from '../support/fixtures';

type Outcome = { value: string } | { code: ErrorCode; field: Field | undefined; message: string };

/** A check's result as plain data, so a table can state it. */
function outcome(result: string | AppError): Outcome {
  return result instanceof AppError ? { code: result.code, field: result.field, message: result.message } : { value: result };
}

const RULE = 'The legal name must be 1 to 64 characters, exactly as registered in the Trust Framework';
const arabic64 = 'ش'.repeat(64);
const emoji64 = '😀'.repeat(64); // 128 UTF-16 code units

describe('checkLegalName', () => {
  it.each<{ name: string; input: string; want: Outcome }>([
    { name: 'plain ASCII', input: 'Example Fintech LLC', want: { value: 'Example Fintech LLC' } },
    { name: 'Arabic', input: 'شركة المثال ذ.م.م', want: { value: 'شركة المثال ذ.م.م' } },
    {
      name: 'accents and punctuation kept as typed',
      input: 'Société / Générale, "A" + B \\ C & D',
      want: { value: 'Société / Générale, "A" + B \\ C & D' },
    },
    { name: 'spaces inside kept', input: 'Example  Fintech', want: { value: 'Example  Fintech' } },
    { name: '64 Arabic letters', input: arabic64, want: { value: arabic64 } },
    { name: '64 emoji (one character each)', input: emoji64, want: { value: emoji64 } },
    { name: '64 ASCII', input: 'a'.repeat(64), want: { value: 'a'.repeat(64) } },
    {
      name: 'empty',
      input: '',
      want: {
        code: 'required',
        field: 'legalName',
        message: 'Enter the organisation legal name, exactly as registered in the Trust Framework.',
      },
    },
    {
      name: '65 ASCII',
      input: 'a'.repeat(65),
      want: { code: 'name-too-long', field: 'legalName', message: `"${'a'.repeat(65)}" is 65 characters long. ${RULE}.` },
    },
    {
      name: '65 Arabic letters',
      input: `${arabic64}ش`,
      want: { code: 'name-too-long', field: 'legalName', message: `"${arabic64}ش" is 65 characters long. ${RULE}.` },
    },
    {
      name: '65 emoji',
      input: `${emoji64}😀`,
      want: { code: 'name-too-long', field: 'legalName', message: `"${emoji64}😀" is 65 characters long. ${RULE}.` },
    },
    {
      name: 'U+0000',
      input: 'Example\u0000LLC',
      want: {
        code: 'name-control-character',
        field: 'legalName',
        message: `"ExampleU+0000LLC" contains an invisible character (U+0000); remove it. ${RULE}, with no control or invisible characters.`,
      },
    },
    {
      name: 'U+001F',
      input: 'Example\u001fLLC',
      want: {
        code: 'name-control-character',
        field: 'legalName',
        message: `"ExampleU+001FLLC" contains an invisible character (U+001F); remove it. ${RULE}, with no control or invisible characters.`,
      },
    },
    {
      name: 'U+007F (DEL)',
      input: 'Example\u007fLLC',
      want: {
        code: 'name-control-character',
        field: 'legalName',
        message: `"ExampleU+007FLLC" contains an invisible character (U+007F); remove it. ${RULE}, with no control or invisible characters.`,
      },
    },
    {
      name: 'U+0085 (C1 next line)',
      input: 'Example\u0085LLC',
      want: {
        code: 'name-control-character',
        field: 'legalName',
        message: `"ExampleU+0085LLC" contains an invisible character (U+0085); remove it. ${RULE}, with no control or invisible characters.`,
      },
    },
    {
      name: 'U+202E (right-to-left override, which can disguise text)',
      input: 'Example\u202eCLL',
      want: {
        code: 'name-control-character',
        field: 'legalName',
        message: `"ExampleU+202ECLL" contains an invisible character (U+202E); remove it. ${RULE}, with no control or invisible characters.`,
      },
    },
    {
      name: 'U+200B (zero-width space)',
      input: 'Example\u200bLLC',
      want: {
        code: 'name-control-character',
        field: 'legalName',
        message: `"ExampleU+200BLLC" contains an invisible character (U+200B); remove it. ${RULE}, with no control or invisible characters.`,
      },
    },
    {
      name: 'a leading byte-order mark, as some editors paste it',
      input: '\ufeffExample',
      want: {
        code: 'name-control-character',
        field: 'legalName',
        message: `"U+FEFFExample" contains an invisible character (U+FEFF); remove it. ${RULE}, with no control or invisible characters.`,
      },
    },
    {
      name: 'only spaces',
      input: '   ',
      want: {
        code: 'required',
        field: 'legalName',
        message: 'Enter the organisation legal name, exactly as registered in the Trust Framework.',
      },
    },
    {
      name: 'a leading tab is a control character, not a space',
      input: '\tExample',
      want: {
        code: 'name-control-character',
        field: 'legalName',
        message: `"U+0009Example" contains an invisible character (U+0009); remove it. ${RULE}, with no control or invisible characters.`,
      },
    },
    {
      name: 'lone surrogate',
      input: 'Example \ud83d LLC',
      want: {
        code: 'name-malformed',
        field: 'legalName',
        message: `The legal name contains a broken character (a lone surrogate); retype it. ${RULE}.`,
      },
    },
    {
      name: 'leading space',
      input: ' Example',
      want: {
        code: 'name-surrounding-space',
        field: 'legalName',
        message: `" Example" starts or ends with a space; remove it. ${RULE}.`,
      },
    },
    {
      name: 'trailing space',
      input: 'Example ',
      want: {
        code: 'name-surrounding-space',
        field: 'legalName',
        message: `"Example " starts or ends with a space; remove it. ${RULE}.`,
      },
    },
    {
      name: 'trailing no-break space',
      input: 'Example\u00a0',
      want: {
        code: 'name-surrounding-space',
        field: 'legalName',
        message: `"Example\u00a0" starts or ends with a space; remove it. ${RULE}.`,
      },
    },
  ])('$name', ({ input, want }) => {
    expect(outcome(checkLegalName(input))).toEqual(want);
  });
});

describe('checkUuid', () => {
  it.each<{ name: string; input: [string, 'organisationId' | 'clientId', string]; want: Outcome }>([
    { name: 'lowercase UUID', input: [ORGANISATION_ID, 'organisationId', 'Organisation ID'], want: { value: ORGANISATION_ID } },
    {
      name: 'surrounding spaces, tab and newline are dropped',
      input: [` \t${CLIENT_ID}\n `, 'clientId', 'Client ID'],
      want: { value: CLIENT_ID },
    },
    {
      name: 'uppercase UUID',
      input: [ORGANISATION_ID.toUpperCase(), 'organisationId', 'Organisation ID'],
      want: {
        code: 'uuid-uppercase',
        field: 'organisationId',
        message:
          'Organisation ID must be in lowercase, as the directory shows it: 4af0a68f-d8a8-46c4-ace6-6949e8343868; you entered "4AF0A68F-D8A8-46C4-ACE6-6949E8343868".',
      },
    },
    {
      name: 'mixed case UUID with spaces around',
      input: [' B8739780-9bfe-43bc-9ea4-abc70a840c13 ', 'clientId', 'Client ID'],
      want: {
        code: 'uuid-uppercase',
        field: 'clientId',
        message:
          'Client ID must be in lowercase, as the directory shows it: b8739780-9bfe-43bc-9ea4-abc70a840c13; you entered "B8739780-9bfe-43bc-9ea4-abc70a840c13".',
      },
    },
    {
      name: 'empty',
      input: ['', 'organisationId', 'Organisation ID'],
      want: {
        code: 'required',
        field: 'organisationId',
        message: 'Enter the Organisation ID, a UUID like 4af0a68f-d8a8-46c4-ace6-6949e8343868, as the Trust Framework directory shows it.',
      },
    },
    {
      name: 'only spaces',
      input: ['   ', 'clientId', 'Client ID'],
      want: {
        code: 'required',
        field: 'clientId',
        message: 'Enter the Client ID, a UUID like 4af0a68f-d8a8-46c4-ace6-6949e8343868, as the Trust Framework directory shows it.',
      },
    },
    {
      name: 'cut short',
      input: ['4af0a68f-d8a8', 'organisationId', 'Organisation ID'],
      want: {
        code: 'uuid-shape',
        field: 'organisationId',
        message: 'Organisation ID must be a UUID like 4af0a68f-d8a8-46c4-ace6-6949e8343868; you entered "4af0a68f-d8a8".',
      },
    },
    {
      name: 'without hyphens',
      input: ['4af0a68fd8a846c4ace66949e8343868', 'organisationId', 'Organisation ID'],
      want: {
        code: 'uuid-shape',
        field: 'organisationId',
        message: 'Organisation ID must be a UUID like 4af0a68f-d8a8-46c4-ace6-6949e8343868; you entered "4af0a68fd8a846c4ace66949e8343868".',
      },
    },
    {
      name: 'in braces',
      input: [`{${CLIENT_ID}}`, 'clientId', 'Client ID'],
      want: {
        code: 'uuid-braces',
        field: 'clientId',
        message: `Client ID must be a UUID like 4af0a68f-d8a8-46c4-ace6-6949e8343868, without braces: ${CLIENT_ID}; you entered "{${CLIENT_ID}}".`,
      },
    },
    {
      name: 'a letter that is not hex',
      input: ['g8739780-9bfe-43bc-9ea4-abc70a840c13', 'clientId', 'Client ID'],
      want: {
        code: 'uuid-shape',
        field: 'clientId',
        message: 'Client ID must be a UUID like 4af0a68f-d8a8-46c4-ace6-6949e8343868; you entered "g8739780-9bfe-43bc-9ea4-abc70a840c13".',
      },
    },
    {
      name: 'a control character inside is shown as U+XXXX',
      input: ['4af0a68f\u0000d8a8', 'organisationId', 'Organisation ID'],
      want: {
        code: 'uuid-shape',
        field: 'organisationId',
        message: 'Organisation ID must be a UUID like 4af0a68f-d8a8-46c4-ace6-6949e8343868; you entered "4af0a68fU+0000d8a8".',
      },
    },
  ])('$name', ({ input: [value, field, label], want }) => {
    expect(outcome(checkUuid(value, field, label))).toEqual(want);
  });

  it('offers the lowercase, unbraced form of a UUID in one click', () => {
    const braced = checkUuid(`{${CLIENT_ID.toUpperCase()}}`, 'clientId', 'Client ID') as AppError;
    expect(braced.params).toEqual({ value: `{${CLIENT_ID.toUpperCase()}}`, fix: CLIENT_ID });
    const upper = checkUuid(CLIENT_ID.toUpperCase(), 'clientId', 'Client ID') as AppError;
    expect(upper.params).toEqual({ value: CLIENT_ID.toUpperCase(), fix: CLIENT_ID });
  });
});

describe('validateClientForm', () => {
  const stem = (role: string) => `${CLIENT_ID}-opf_uae_client_${role}`;
  const subject = {
    country: 'AE',
    organization: 'Example Fintech LLC',
    organizationalUnit: ORGANISATION_ID,
    commonName: CLIENT_ID,
  };
  const request = (role: 'transport' | 'signing' | 'encryption', extensions = 'profile') => ({
    role: `client_${role}`,
    subject,
    extensions,
    dnsNames: [],
    keyFileName: `${stem(role)}.key`,
    csrFileName: `${stem(role)}.csr`,
  });

  it.each<{ name: string; input: Partial<ClientForm>; want: unknown[] }>([
    {
      name: 'all three roles',
      input: {},
      want: [request('transport'), request('signing'), request('encryption')],
    },
    {
      name: 'ticked in reverse order: still transport, signing, encryption',
      input: { roles: ['client_encryption', 'client_signing', 'client_transport'] },
      want: [request('transport'), request('signing'), request('encryption')],
    },
    {
      name: 'a role ticked twice gives one request',
      input: { roles: ['client_signing', 'client_signing'] },
      want: [request('signing')],
    },
    {
      name: 'encryption and transport only',
      input: { roles: ['client_encryption', 'client_transport'] },
      want: [request('transport'), request('encryption')],
    },
    {
      name: 'extensions "none" carried into every request',
      input: { roles: ['client_transport', 'client_signing'], extensions: 'none' },
      want: [request('transport', 'none'), request('signing', 'none')],
    },
    {
      name: 'UUIDs pasted with spaces are trimmed in the subject and the file names',
      input: { organisationId: ` ${ORGANISATION_ID}\t`, clientId: `\n${CLIENT_ID} `, roles: ['client_transport'] },
      want: [request('transport')],
    },
  ])('makes one request per ticked role: $name', ({ input, want }) => {
    expect(validateClientForm({ ...VALID_FORM, ...input })).toEqual({ ok: true, requests: want, warnings: [] });
  });

  it('names the files <Client ID>-opf_uae_client_<role>.key and .csr', () => {
    const result = validateClientForm(VALID_FORM);
    expect(result.ok && result.requests.flatMap((r) => [r.keyFileName, r.csrFileName])).toEqual([
      'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_transport.key',
      'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_transport.csr',
      'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_signing.key',
      'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_signing.csr',
      'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_encryption.key',
      'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_encryption.csr',
    ]);
  });

  it('refuses a form with no role ticked', () => {
    const result = validateClientForm({ ...VALID_FORM, roles: [] });
    expect(result.ok ? [] : result.errors.map(outcome)).toEqual([
      {
        code: 'no-certificate-selected',
        field: 'roles',
        message: 'Tick at least one certificate to make: Transport, Signing or Encryption.',
      },
    ]);
  });

  it('refuses a form whose only roles are server roles (the client form makes client certificates)', () => {
    const result = validateClientForm({ ...VALID_FORM, roles: ['server_transport'] });
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['no-certificate-selected']);
  });

  it('reports every error at once, in form order, not just the first', () => {
    const result = validateClientForm({
      legalName: '',
      organisationId: '4af0a68f',
      clientId: CLIENT_ID.toUpperCase(),
      roles: [],
      extensions: 'profile',
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.field])).toEqual([
      ['required', 'legalName'],
      ['uuid-shape', 'organisationId'],
      ['uuid-uppercase', 'clientId'],
      ['no-certificate-selected', 'roles'],
    ]);
  });

  it('returns AppError instances', () => {
    const result = validateClientForm({ ...VALID_FORM, legalName: '' });
    expect(result.ok ? [] : result.errors.map((e) => [e instanceof AppError, e.name])).toEqual([[true, 'AppError']]);
  });

  it.each([
    {
      name: 'ids-same: the Client ID equals the Organisation ID',
      input: { clientId: ` ${ORGANISATION_ID} ` },
      want: {
        code: 'ids-same',
        field: 'clientId',
        message:
          'Client ID is the same as Organisation ID. They are usually different: the Client ID belongs to the application, the Organisation ID to the organisation. Check both in the directory.',
      },
    },
    {
      name: 'legal-name-is-uuid: the legal name looks like a UUID',
      input: { legalName: CLIENT_ID },
      want: {
        code: 'legal-name-is-uuid',
        field: 'legalName',
        message: 'The legal name looks like a UUID. Did you swap it with the Organisation ID or Client ID?',
      },
    },
    {
      name: 'legal-name-is-uuid also for an uppercase UUID',
      input: { legalName: ORGANISATION_ID.toUpperCase() },
      want: {
        code: 'legal-name-is-uuid',
        field: 'legalName',
        message: 'The legal name looks like a UUID. Did you swap it with the Organisation ID or Client ID?',
      },
    },
  ])('warns and still makes the requests: $name', ({ input, want }) => {
    const result = validateClientForm({ ...VALID_FORM, ...input });
    expect({ ok: result.ok, requests: result.ok ? result.requests.length : 0, warnings: result.warnings }).toEqual({
      ok: true,
      requests: 3,
      warnings: [want],
    });
  });

  it('does not call two invalid, equal IDs the same ID: the errors say enough', () => {
    const result = validateClientForm({ ...VALID_FORM, organisationId: 'x', clientId: 'x' });
    expect(result.warnings).toEqual([]);
  });

  it('gives both warnings together', () => {
    const result = validateClientForm({ ...VALID_FORM, legalName: ORGANISATION_ID, clientId: ORGANISATION_ID });
    expect(result.warnings.map((w) => w.code)).toEqual(['ids-same', 'legal-name-is-uuid']);
  });
});

describe('validateClientForm, for any input', () => {
  const ROLE_IDS: RoleId[] = ['client_transport', 'client_signing', 'client_encryption'];

  // Any string, including lone surrogates and control characters; often a UUID, padded or in uppercase.
  const anyText = fc.string({ unit: 'binary', maxLength: 80 });
  const uuidLike = fc.oneof(
    fc.uuid(),
    fc.uuid().map((u) => ` ${u}\t`),
    fc.uuid().map((u) => u.toUpperCase()),
    anyText,
  );
  const form = fc.record({
    legalName: fc.oneof(anyText, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 70 })),
    organisationId: uuidLike,
    clientId: uuidLike,
    roles: fc.subarray(ROLE_IDS),
    extensions: fc.constantFrom('profile' as const, 'none' as const),
  });

  it('never throws, and every error has a known code and field', () => {
    fc.assert(
      fc.property(form, (input) => {
        const result = validateClientForm(input);
        for (const error of result.ok ? [] : result.errors) {
          expect(error).toBeInstanceOf(AppError);
          expect(ERROR_CODES).toContain(error.code);
          expect(FIELDS).toContain(error.field);
          expect(error.message).not.toBe('');
        }
        expect(result.ok || result.errors.length > 0).toBe(true);
      }),
    );
  });

  it('accepts its own output: a valid subject passes the checks again unchanged', () => {
    fc.assert(
      fc.property(form, (input) => {
        const result = validateClientForm(input);
        fc.pre(result.ok);
        for (const { subject } of result.ok ? result.requests : []) {
          expect(checkLegalName(subject.organization)).toBe(subject.organization);
          expect(checkUuid(subject.organizationalUnit, 'organisationId', 'Organisation ID')).toBe(subject.organizationalUnit);
          expect(checkUuid(subject.commonName!, 'clientId', 'Client ID')).toBe(subject.commonName);
        }
      }),
    );
  });
});

describe('describeRequestedExtensions', () => {
  const request = (role: RoleId, extensions: ExtensionPolicy, dnsNames: string[] = []): CertificateRequest => ({
    role,
    extensions,
    dnsNames,
    subject: { country: 'AE', organization: 'O', organizationalUnit: ORGANISATION_ID },
    keyFileName: 'x.key',
    csrFileName: 'x.csr',
  });
  const NONE = 'None: exactly as the Trust Framework command; the directory applies its own profile';

  it.each([
    {
      name: 'client transport',
      input: request('client_transport', 'profile'),
      want: ['Key Usage (critical): Digital Signature, Key Encipherment', 'Extended Key Usage: TLS Web Client Authentication'],
    },
    { name: 'client signing', input: request('client_signing', 'profile'), want: ['Key Usage (critical): Digital Signature, Non Repudiation'] },
    { name: 'client encryption', input: request('client_encryption', 'profile'), want: ['Key Usage (critical): Key Encipherment, Data Encipherment'] },
    {
      name: 'server transport with DNS names',
      input: request('server_transport', 'profile', ['api.example.ae', '*.hub.example.ae']),
      want: [
        'Key Usage (critical): Digital Signature, Key Encipherment',
        'Extended Key Usage: TLS Web Server Authentication',
        'Subject Alternative Name: DNS:api.example.ae, DNS:*.hub.example.ae',
      ],
    },
    { name: 'server signing', input: request('server_signing', 'profile'), want: ['Key Usage (critical): Digital Signature, Non Repudiation'] },
    { name: 'client transport, extensions "none"', input: request('client_transport', 'none'), want: [NONE] },
    { name: 'client encryption, extensions "none"', input: request('client_encryption', 'none'), want: [NONE] },
    {
      name: 'server transport, extensions "none": only the SAN the user asked for',
      input: request('server_transport', 'none', ['api.example.ae']),
      want: ['Subject Alternative Name: DNS:api.example.ae'],
    },
  ])('lists what the CSR asks for, in openssl req -text words: $name', ({ input, want }) => {
    expect(describeRequestedExtensions(input)).toEqual(want);
  });
});

describe('validateServerForm', () => {
  const SERVER_FORM: ServerForm = {
    legalName: 'Example Bank PJSC',
    organisationId: ORGANISATION_ID,
    dnsNames: 'api.bank.ae\n*.hub.bank.ae',
    commonName: '',
    roles: ['server_transport', 'server_signing'],
    extensions: 'profile',
  };
  const stem = (role: string) => `${ORGANISATION_ID}-opf_uae_${role}`;
  const SUBJECT = { country: 'AE', organization: 'Example Bank PJSC', organizationalUnit: ORGANISATION_ID };

  it('makes server transport (with the DNS names) and server signing, named after the Organisation ID, with no CN', () => {
    expect(validateServerForm(SERVER_FORM)).toEqual({
      ok: true,
      warnings: [],
      requests: [
        {
          role: 'server_transport',
          subject: SUBJECT,
          extensions: 'profile',
          dnsNames: ['api.bank.ae', '*.hub.bank.ae'],
          keyFileName: `${stem('server_transport')}.key`,
          csrFileName: `${stem('server_transport')}.csr`,
        },
        {
          role: 'server_signing',
          subject: SUBJECT,
          extensions: 'profile',
          dnsNames: [],
          keyFileName: `${stem('server_signing')}.key`,
          csrFileName: `${stem('server_signing')}.csr`,
        },
      ],
    });
  });

  it('puts internationalised DNS names in punycode and an optional CN in lowercase', () => {
    const result = validateServerForm({ ...SERVER_FORM, dnsNames: 'بنك.امارات', commonName: 'API.Bank.ae', roles: ['server_transport'] });
    expect(result.ok ? result.requests.map((r) => [r.dnsNames, r.subject.commonName]) : result.errors).toEqual([
      [['xn--ngb8ci.xn--mgbaam7a8h'], 'api.bank.ae'],
    ]);
  });

  it('needs no DNS names when only server signing is ticked', () => {
    const result = validateServerForm({ ...SERVER_FORM, dnsNames: '', roles: ['server_signing'] });
    expect(result.ok && result.requests.map((r) => r.role)).toEqual(['server_signing']);
  });

  it.each<{ name: string; input: Partial<ServerForm>; want: Array<[string, string, string]> }>([
    {
      name: 'server transport without DNS names',
      input: { dnsNames: '  ' },
      want: [['dns-names-required', 'dnsNames', 'Enter at least one DNS name for the server transport certificate, like api.bank.ae.']],
    },
    {
      name: 'a DNS name with a scheme',
      input: { dnsNames: 'https://api.bank.ae' },
      want: [
        [
          'dns-name-invalid',
          'dnsNames',
          '"https://api.bank.ae" has a scheme; remove "https://". A DNS name is like api.bank.ae, with no scheme, port or path.',
        ],
      ],
    },
    {
      // Regression: the CN was once checked only as a DNS name, which may be 253 characters.
      name: 'a CN over 64 characters',
      input: { commonName: `${'a'.repeat(60)}.bank.ae` },
      want: [
        [
          'dns-name-invalid',
          'commonName',
          `"${'a'.repeat(60)}.bank.ae" is 68 characters long; a common name is at most 64. Leave it empty: TLS clients check the DNS names.`,
        ],
      ],
    },
    {
      name: 'no server role ticked',
      input: { roles: ['client_transport'] },
      want: [['no-certificate-selected', 'roles', 'Tick at least one certificate to make: Server transport, Server signing or Server encryption.']],
    },
  ])('refuses $name', ({ input, want }) => {
    const result = validateServerForm({ ...SERVER_FORM, ...input });
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.field, e.message])).toEqual(want);
  });
});
