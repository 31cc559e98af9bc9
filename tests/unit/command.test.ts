import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The OpenSSL command both ways: read (openssl-req.ts), tied to roles (pasted-commands.ts), rendered (render-command.ts).
import { parseCommands } from '../../src/lib/openssl-req';
import { requestFromCommand, validatePaste } from '../../src/lib/pasted-commands';
import { renderCommand } from '../../src/lib/render-command';
import { checkDnsName } from '../../src/lib/dns';
import { AppError, ERROR_CODES, type ErrorCode, type Warning } from '../../src/lib/errors';
import { ROLES, type RoleId } from '../../src/lib/profile';
import { checkLegalName, type CertificateRequest, type Validation } from '../../src/lib/request';
import { CLIENT_ID, ORGANISATION_ID } from '../support/fixtures';

// The directory's command names the .csr and the .key after two different UUIDs.
const CSR_UUID = 'e2c0b7a4-5d1f-4c38-9a6e-0f3b8d2c7a15';
const KEY_UUID = '91d4f6b2-3a8e-4f07-b5c1-6e2a9d0c4b83';
const csr = (role: RoleId) => `${CSR_UUID}-opf_uae_${role}.csr`;
const key = (role: RoleId) => `${KEY_UUID}-opf_uae_${role}.key`;

const CLIENT_SUBJ = `/C=AE/O=Example Fintech LLC/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}`;
const SERVER_SUBJ = `/C=AE/O=Example Bank PJSC/OU=${ORGANISATION_ID}`;
const isClient = (role: RoleId) => ROLES[role].party === 'client';

/** The command the directory shows for `role`, on one line, with `subj` in double quotes. */
function directory(role: RoleId = 'client_transport', subj = isClient(role) ? CLIENT_SUBJ : SERVER_SUBJ): string {
  return `openssl req -new -newkey rsa:2048 -nodes -out ${csr(role)} -keyout ${key(role)} -subj "${subj}" -sha256`;
}
const DIRECTORY = directory();

/** The request the directory's command for `role` makes, with `changes`. */
function request(role: RoleId, changes: Partial<CertificateRequest> = {}): CertificateRequest {
  return {
    role,
    subject: isClient(role)
      ? { country: 'AE', organization: 'Example Fintech LLC', organizationalUnit: ORGANISATION_ID, commonName: CLIENT_ID }
      : { country: 'AE', organization: 'Example Bank PJSC', organizationalUnit: ORGANISATION_ID },
    extensions: 'none',
    dnsNames: [],
    keyFileName: key(role),
    csrFileName: csr(role),
    ...changes,
  };
}
const transport = (changes: Partial<CertificateRequest> = {}) => request('client_transport', changes);
const legalName = (organization: string): Partial<CertificateRequest> => ({
  subject: { country: 'AE', organization, organizationalUnit: ORGANISATION_ID, commonName: CLIENT_ID },
});

const UTF8_ADDED: Warning = {
  code: 'utf8-added',
  field: 'command',
  message:
    'The subject has non-ASCII characters but the command has no -utf8, so OpenSSL would have garbled them. This tool encodes them correctly as UTF-8.',
};
const KEY_UNENCRYPTED: Warning = {
  code: 'key-unencrypted',
  field: 'command',
  message: "Without -nodes OpenSSL would ask for a passphrase. This tool writes the key unencrypted, as the directory's command does: keep it safe.",
};

const accepted = (requests: CertificateRequest[], warnings: Warning[] = []): Validation => ({ ok: true, requests, warnings });

// "Noor/Pay \ Co + Partners = LLC": -subj needs it as Noor\/Pay \\ Co \+ Partners \= LLC.
const SPECIAL = String.raw`Noor/Pay \ Co + Partners = LLC`;
const SPECIAL_SUBJ = String.raw`/C=AE/O=Noor\/Pay \\ Co \+ Partners \= LLC/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}`;
const ARABIC = 'شركة المثال للتقنية المالية';
const SAN = 'subjectAltName=DNS:api.bank.ae,DNS:*.hub.bank.ae';

describe('validatePaste accepts the directory command as users paste it', () => {
  it.each<{ name: string; input: string; want: Validation }>([
    { name: 'one line, double quotes', input: DIRECTORY, want: accepted([transport()]) },
    {
      name: 'bash, wrapped with \\ and LF',
      input: [
        'openssl req -new -newkey rsa:2048 -nodes \\',
        `  -out ${csr('client_transport')} \\`,
        `  -keyout ${key('client_transport')} \\`,
        `  -subj "${CLIENT_SUBJ}" \\`,
        '  -sha256',
      ].join('\n'),
      want: accepted([transport()]),
    },
    {
      name: 'cmd.exe, wrapped with ^ and CRLF',
      input: [
        'openssl req -new -newkey rsa:2048 -nodes ^',
        `  -out ${csr('client_transport')} ^`,
        `  -keyout ${key('client_transport')} ^`,
        `  -subj "${CLIENT_SUBJ}" ^`,
        '  -sha256',
      ].join('\r\n'),
      want: accepted([transport()]),
    },
    {
      name: 'PowerShell, wrapped with a backtick and CRLF',
      input: [
        'openssl req -new -newkey rsa:2048 -nodes `',
        `  -out ${csr('client_transport')} \``,
        `  -keyout ${key('client_transport')} \``,
        `  -subj "${CLIENT_SUBJ}" \``,
        '  -sha256',
      ].join('\r\n'),
      want: accepted([transport()]),
    },
    {
      name: 'cmd.exe, openssl.exe by its path and files in a folder: the file names only',
      input: [
        '"C:\\Program Files\\OpenSSL-Win64\\bin\\openssl.exe" req -new -newkey rsa:2048 -nodes ^',
        `  -out C:\\certs\\${csr('client_transport')} -keyout C:\\certs\\${key('client_transport')} ^`,
        `  -subj "${CLIENT_SUBJ}" -sha256`,
      ].join('\r\n'),
      want: accepted([transport()]),
    },
    {
      name: '-subj in single quotes',
      input: DIRECTORY.replace(`"${CLIENT_SUBJ}"`, `'${CLIENT_SUBJ}'`),
      want: accepted([transport()]),
    },
    {
      name: 'options in another order',
      input: `openssl req -subj "${CLIENT_SUBJ}" -keyout ${key('client_transport')} -sha256 -out ${csr('client_transport')} -nodes -newkey rsa:2048 -new`,
      want: accepted([transport()]),
    },
    {
      name: 'without -new, -nodes and -sha256: the key is still unencrypted, with a note',
      input: `openssl req -newkey rsa:2048 -out ${csr('client_transport')} -keyout ${key('client_transport')} -subj "${CLIENT_SUBJ}"`,
      want: accepted([transport()], [KEY_UNENCRYPTED]),
    },
    {
      name: '-noenc, the OpenSSL 3 name for -nodes',
      input: DIRECTORY.replace('-nodes', '-noenc'),
      want: accepted([transport()]),
    },
    { name: '-utf8 with an ASCII subject', input: `${DIRECTORY} -utf8`, want: accepted([transport()]) },
    {
      name: 'Arabic legal name without -utf8: encoded as UTF-8, with a note',
      input: directory('client_transport', CLIENT_SUBJ.replace('Example Fintech LLC', ARABIC)),
      want: accepted([transport(legalName(ARABIC))], [UTF8_ADDED]),
    },
    {
      name: 'Arabic legal name with -utf8',
      input: `${directory('client_transport', CLIENT_SUBJ.replace('Example Fintech LLC', ARABIC))} -utf8`,
      want: accepted([transport(legalName(ARABIC))]),
    },
    {
      name: 'Arabic legal name, no -utf8 and no -nodes: both notes',
      input: directory('client_transport', CLIENT_SUBJ.replace('Example Fintech LLC', ARABIC)).replace(' -nodes', ''),
      want: accepted([transport(legalName(ARABIC))], [UTF8_ADDED, KEY_UNENCRYPTED]),
    },
    {
      name: 'escapes, bash double quotes: \\\\\\\\ reaches OpenSSL as \\\\, and \\/ \\+ \\= pass unchanged',
      input: DIRECTORY.replace(CLIENT_SUBJ, SPECIAL_SUBJ.replace('\\\\', '\\\\\\\\')),
      want: accepted([transport(legalName(SPECIAL))]),
    },
    {
      name: 'escapes, bash double quotes: \\\\ reaches OpenSSL as one \\, which escapes the space after it',
      input: DIRECTORY.replace(CLIENT_SUBJ, SPECIAL_SUBJ),
      want: accepted([transport(legalName('Noor/Pay  Co + Partners = LLC'))]),
    },
    {
      name: 'escapes, bash single quotes: passed as written',
      input: DIRECTORY.replace(`"${CLIENT_SUBJ}"`, `'${SPECIAL_SUBJ}'`),
      want: accepted([transport(legalName(SPECIAL))]),
    },
    {
      name: 'escapes, cmd.exe double quotes: backslashes are literal',
      input: `${DIRECTORY.replace(CLIENT_SUBJ, SPECIAL_SUBJ).replace(' -subj', ' ^\r\n  -subj')}`,
      want: accepted([transport(legalName(SPECIAL))]),
    },
    {
      name: 'escapes, PowerShell double quotes: backslashes are literal',
      input: `${DIRECTORY.replace(CLIENT_SUBJ, SPECIAL_SUBJ).replace(' -subj', ' `\r\n  -subj')}`,
      want: accepted([transport(legalName(SPECIAL))]),
    },
    {
      name: 'escapes, PowerShell single quotes: passed as written',
      input: `${DIRECTORY.replace(`"${CLIENT_SUBJ}"`, `'${SPECIAL_SUBJ}'`).replace(' -subj', ' `\r\n  -subj')}`,
      want: accepted([transport(legalName(SPECIAL))]),
    },
    {
      name: "an apostrophe, bash single quotes: '\\''",
      input: DIRECTORY.replace(`"${CLIENT_SUBJ}"`, `'${CLIENT_SUBJ.replace('Example Fintech LLC', "Al Ma'\\''mun & Sons")}'`),
      want: accepted([transport(legalName("Al Ma'mun & Sons"))]),
    },
    {
      name: "an apostrophe, PowerShell single quotes: ''",
      input: DIRECTORY.replace(`"${CLIENT_SUBJ}"`, `'${CLIENT_SUBJ.replace('Example Fintech LLC', "Al Ma''mun & Sons")}'`).replace(' -subj', ' `\r\n  -subj'),
      want: accepted([transport(legalName("Al Ma'mun & Sons"))]),
    },
    {
      name: 'a double quote, bash double quotes: \\"',
      input: DIRECTORY.replace('Example Fintech LLC', '\\"Noor\\" Pay'),
      want: accepted([transport(legalName('"Noor" Pay'))]),
    },
    {
      name: 'a double quote, PowerShell double quotes: `" and ""',
      input: DIRECTORY.replace('Example Fintech LLC', '`"Noor"" Pay').replace(' -subj', ' `\r\n  -subj'),
      want: accepted([transport(legalName('"Noor" Pay'))]),
    },
    {
      name: 'an ampersand, unquoted: \\& in bash',
      input: DIRECTORY.replace(`"${CLIENT_SUBJ}"`, CLIENT_SUBJ.replace('Example Fintech LLC', 'Noor\\&Pay')),
      want: accepted([transport(legalName('Noor&Pay'))]),
    },
    {
      name: 'an ampersand, unquoted: ^& in cmd.exe',
      input: DIRECTORY.replace(`"${CLIENT_SUBJ}"`, CLIENT_SUBJ.replace('Example Fintech LLC', 'Noor^&Pay')).replace(' -subj', ' ^\r\n  -subj'),
      want: accepted([transport(legalName('Noor&Pay'))]),
    },
    {
      name: 'long attribute names',
      input: directory(
        'client_transport',
        `/countryName=AE/organizationName=Example Fintech LLC/organizationalUnitName=${ORGANISATION_ID}/commonName=${CLIENT_ID}`,
      ),
      want: accepted([transport()]),
    },
    {
      name: 'transport, signing and encryption pasted at once, with blank and comment lines',
      input: [
        '# 1. Transport',
        directory('client_transport'),
        '',
        '# 2. Signing',
        directory('client_signing'),
        '   ',
        '# 3. Encryption (optional)',
        directory('client_encryption'),
        '',
      ].join('\n'),
      want: accepted([transport(), request('client_signing'), request('client_encryption')]),
    },
    {
      name: 'two commands with cmd.exe comments (rem, ::), CRLF',
      input: ['rem Transport', directory('client_transport'), ':: Signing', directory('client_signing')].join('\r\n'),
      want: accepted([transport(), request('client_signing')]),
    },
    {
      name: 'two commands joined by && on one line',
      input: `${directory('client_transport')} && ${directory('client_signing')}`,
      want: accepted([transport(), request('client_signing')]),
    },
    {
      name: 'LFI server transport: no CN, the hosts in a SAN',
      input: `${directory('server_transport')} -addext "${SAN}"`,
      want: accepted([request('server_transport', { dnsNames: ['api.bank.ae', '*.hub.bank.ae'] })]),
    },
    {
      name: 'LFI server transport: a Unicode host name goes in as punycode',
      input: `${directory('server_transport')} -addext "subjectAltName=DNS:بنك.امارات"`,
      want: accepted([request('server_transport', { dnsNames: ['xn--ngb8ci.xn--mgbaam7a8h'] })]),
    },
    { name: 'LFI server signing: no CN', input: directory('server_signing'), want: accepted([request('server_signing')]) },
    { name: 'LFI server encryption: no CN, role from the file names', input: directory('server_encryption'), want: accepted([request('server_encryption')]) },
    {
      name: "keyUsage and extendedKeyUsage equal to the role's: extensions 'profile'",
      input: `${DIRECTORY} -addext "keyUsage=critical,digitalSignature,keyEncipherment" -addext "extendedKeyUsage=clientAuth"`,
      want: accepted([transport({ extensions: 'profile' })]),
    },
    {
      name: "the role's key usages in another order, with spaces: extensions 'profile'",
      input: `${directory('client_signing')} -addext "keyUsage = critical, nonRepudiation, digitalSignature"`,
      want: accepted([request('client_signing', { extensions: 'profile' })]),
    },
    {
      name: "server transport with the role's extensions and a SAN",
      input: `${directory('server_transport')} -addext "keyUsage=critical,digitalSignature,keyEncipherment" -addext extendedKeyUsage=serverAuth -addext ${SAN}`,
      want: accepted([request('server_transport', { extensions: 'profile', dnsNames: ['api.bank.ae', '*.hub.bank.ae'] })]),
    },
    // Regressions: each was once misread.
    {
      name: 'a Client ID with spaces around it goes into CN without them, as OU does',
      input: directory('client_transport', `/C=AE/O=Example Fintech LLC/OU=${ORGANISATION_ID}/CN= ${CLIENT_ID} `),
      want: accepted([transport()]),
    },
    {
      name: 'comment lines with quotes and & in them are skipped, as the shells skip them',
      input: `# Here's the transport & signing command\nrem transport & signing\n:: cmd.exe comment\n${DIRECTORY} # a trailing note`,
      want: accepted([transport()]),
    },
    {
      name: 'a backslash-newline inside bash double quotes joins the two lines, as bash does',
      input: DIRECTORY.replace('Example Fintech', 'Exa\\\nmple Fintech'),
      want: accepted([transport()]),
    },
    {
      name: "Git Bash's MSYS_NO_PATHCONV=1 in front of the command",
      input: `MSYS_NO_PATHCONV=1 ${DIRECTORY}`,
      want: accepted([transport()]),
    },
    {
      name: 'a server CN is a host name, lowercased like the form does',
      input: directory('server_signing', `${SERVER_SUBJ}/CN=API.Bank.ae`),
      want: accepted([
        request('server_signing', {
          subject: { country: 'AE', organization: 'Example Bank PJSC', organizationalUnit: ORGANISATION_ID, commonName: 'api.bank.ae' },
        }),
      ]),
    },
  ])('$name', ({ input, want }) => {
    expect(validatePaste(input, []).validation).toEqual(want);
  });
});

describe('a command whose file names name no role', () => {
  const input = `openssl req -new -newkey rsa:2048 -nodes -out request.csr -keyout private.key -subj "${CLIENT_SUBJ}" -sha256`;

  it('parses, with role undefined', () => {
    const [outcome] = parseCommands(input);
    expect(outcome?.ok && { role: outcome.command.role, csr: outcome.command.csrFileName, key: outcome.command.keyFileName }).toEqual({
      role: undefined,
      csr: 'request.csr',
      key: 'private.key',
    });
  });

  it('makes the request for the role the user picked', () => {
    expect(validatePaste(input, ['client_signing']).validation).toEqual(
      accepted([request('client_signing', { csrFileName: 'request.csr', keyFileName: 'private.key' })]),
    );
  });

  it('asks for a role when none is picked', () => {
    const { commands, validation } = validatePaste(input, []);
    expect(commands.map((command) => command.role)).toEqual([undefined]);
    expect(validation.ok ? [] : validation.errors.map(({ code, field, message }) => ({ code, field, message }))).toEqual([
      { code: 'role-required', field: 'command', message: 'Choose which certificate "request.csr" is for: its file name does not say.' },
    ]);
  });
});

describe('validatePaste refuses, saying why and how to fix it', () => {
  const SUBJECT_RULE = '/C=AE/O=<legal name>/OU=<Organisation ID>/CN=<Client ID>';
  const READS = 'It reads -new, -newkey rsa:2048, -nodes, -sha256, -utf8, -out, -keyout, -subj and -addext.';
  const withSubj = (subj: string) => directory('client_transport', subj);

  it.each<{ name: string; input: string; want: { code: ErrorCode; message: string } }>([
    {
      name: '-newkey rsa:1024',
      input: DIRECTORY.replace('rsa:2048', 'rsa:1024'),
      want: {
        code: 'key-not-rsa-2048',
        message: '"-newkey rsa:1024" is not allowed: the Trust Framework requires RSA 2048-bit keys. Use -newkey rsa:2048.',
      },
    },
    {
      name: '-newkey ec:prime256v1',
      input: DIRECTORY.replace('rsa:2048', 'ec:prime256v1'),
      want: {
        code: 'key-not-rsa-2048',
        message: '"-newkey ec:prime256v1" is not allowed: the Trust Framework requires RSA 2048-bit keys. Use -newkey rsa:2048.',
      },
    },
    {
      name: '-passout pass:x',
      input: `${DIRECTORY} -passout pass:x`,
      want: {
        code: 'encrypted-key',
        message: '"-passout" asks for an encrypted key, which this tool does not make. Remove it and keep -nodes; protect the key file instead.',
      },
    },
    {
      name: '-config x.cnf',
      input: `${DIRECTORY} -config x.cnf`,
      want: { code: 'config-file', message: '"-config" names a file this page cannot read. Remove it and give everything with -subj and -addext.' },
    },
    {
      name: '-sha1',
      input: DIRECTORY.replace('-sha256', '-sha1'),
      want: { code: 'digest-not-sha256', message: '"-sha1" is not allowed: the Trust Framework requires SHA-256. Use -sha256.' },
    },
    {
      name: '-x509',
      input: DIRECTORY.replace('-new ', '-x509 '),
      want: { code: 'unknown-option', message: `"-x509" is not an option this tool understands. ${READS}` },
    },
    {
      name: '-key existing.key',
      input: DIRECTORY.replace('-newkey rsa:2048', '-key existing.key'),
      want: { code: 'unknown-option', message: '"-key" signs with an existing key file; this tool makes a new key. Use -newkey rsa:2048 instead.' },
    },
    {
      name: 'an option with no value at the end',
      input: `${DIRECTORY} -addext`,
      want: { code: 'missing-value', message: '-addext needs a value after it.' },
    },
    {
      name: 'C=US',
      input: withSubj(CLIENT_SUBJ.replace('C=AE', 'C=US')),
      want: { code: 'country-not-ae', message: '-subj has C=US; the Trust Framework requires C=AE.' },
    },
    {
      name: 'no OU',
      input: withSubj(`/C=AE/O=Example Fintech LLC/CN=${CLIENT_ID}`),
      want: { code: 'subject-missing', message: `-subj has no OU: the subject is ${SUBJECT_RULE}.` },
    },
    {
      name: 'no -subj',
      input: DIRECTORY.replace(` -subj "${CLIENT_SUBJ}"`, ''),
      want: { code: 'subject-missing', message: `The command has no -subj: add -subj "${SUBJECT_RULE}".` },
    },
    {
      name: 'client role with no CN',
      input: withSubj(SERVER_SUBJ),
      want: { code: 'subject-missing', message: 'A Transport certificate needs the Client ID as CN: add /CN=<Client ID> to -subj.' },
    },
    {
      name: 'an extra /L=Dubai',
      input: withSubj(CLIENT_SUBJ.replace('/O=', '/L=Dubai/O=')),
      want: {
        code: 'subject-attribute',
        message: '-subj: "L" is not part of the Trust Framework subject, which is /C=AE/O=…/OU=…/CN=…; remove /L=….',
      },
    },
    {
      name: 'attributes in the wrong order',
      input: withSubj(`/O=Example Fintech LLC/C=AE/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}`),
      want: {
        code: 'subject-attribute',
        message: '-subj has O, C, OU, CN; the Trust Framework subject is C, O, OU, CN, each once and in this order.',
      },
    },
    {
      name: 'an unescaped + in the legal name',
      input: withSubj(CLIENT_SUBJ.replace('Example Fintech LLC', 'Noor+Partners')),
      want: {
        code: 'multi-valued-rdn',
        message: '-subj: the "+" in O=Noor+… joins two attributes into one RDN. If it is part of the name, write it as \\+.',
      },
    },
    {
      name: '-subj not starting with /',
      input: withSubj(CLIENT_SUBJ.slice(1)),
      want: { code: 'subject-syntax', message: `-subj "${CLIENT_SUBJ.slice(1)}" must start with "/", like ${SUBJECT_RULE}.` },
    },
    {
      name: 'a lone \\ at the end of -subj',
      input: DIRECTORY.replace(`"${CLIENT_SUBJ}"`, `'${CLIENT_SUBJ}\\'`),
      want: { code: 'subject-syntax', message: '-subj ends with a lone "\\": write a backslash in a name as \\\\.' },
    },
    {
      name: 'an unbalanced quote',
      input: DIRECTORY.replace(`${CLIENT_SUBJ}"`, CLIENT_SUBJ),
      want: {
        code: 'command-syntax',
        message: `The quote " opened at "/C=AE/O=Example Fintech LLC/OU=4af0a68f… is never closed. Check that the whole command was pasted.`,
      },
    },
    {
      name: 'not an openssl req command',
      input: 'openssl genrsa -out private.key 2048',
      want: {
        code: 'command-syntax',
        message: '"openssl genrsa -out private.key 2048" is not an openssl req command. Paste the command that starts with "openssl req".',
      },
    },
    {
      name: '-out and -keyout naming different roles',
      input: DIRECTORY.replace(key('client_transport'), key('client_signing')),
      want: {
        code: 'command-syntax',
        message: '-out names a client_transport file but -keyout a client_signing file: one command makes one certificate.',
      },
    },
    {
      name: 'no -out',
      input: DIRECTORY.replace(` -out ${csr('client_transport')}`, ''),
      want: { code: 'missing-output', message: 'The command has no -out: add -out with the name of the .csr file.' },
    },
    {
      name: 'no -keyout',
      input: DIRECTORY.replace(` -keyout ${key('client_transport')}`, ''),
      want: { code: 'missing-output', message: 'The command has no -keyout: add -keyout with the name of the .key file.' },
    },
    {
      name: '-addext basicConstraints',
      input: `${DIRECTORY} -addext "basicConstraints=critical,CA:FALSE"`,
      want: {
        code: 'extension-unsupported',
        message: '-addext "basicConstraints=critical,CA:FALSE" is not one this tool makes: it reads keyUsage, extendedKeyUsage and subjectAltName.',
      },
    },
    {
      name: 'a SAN with an IP address',
      input: `${directory('server_transport')} -addext "subjectAltName=DNS:api.bank.ae,IP:10.0.0.1"`,
      want: {
        code: 'extension-unsupported',
        message: '-addext "subjectAltName=DNS:api.bank.ae,IP:10.0.0.1": "IP:10.0.0.1" is not a DNS name; server certificates list their hosts as DNS:api.bank.ae.',
      },
    },
    {
      name: 'a SAN DNS name with a port',
      input: `${directory('server_transport')} -addext "subjectAltName=DNS:api.bank.ae:443"`,
      want: {
        code: 'dns-name-invalid',
        message: '"api.bank.ae:443" has a port; remove ":443". A DNS name is like api.bank.ae, with no scheme, port or path.',
      },
    },
    {
      name: 'keyUsage given twice',
      input: `${DIRECTORY} -addext keyUsage=digitalSignature -addext keyUsage=keyEncipherment`,
      want: { code: 'extension-unsupported', message: '-addext "keyUsage=keyEncipherment": keyUsage is given twice; give it once.' },
    },
    {
      name: "keyUsage that is not the signing role's",
      input: `${directory('client_signing')} -addext "keyUsage=critical,digitalSignature"`,
      want: {
        code: 'extensions-differ',
        message:
          "The command's -addext differs from what a Signing certificate requests: keyUsage=critical,digitalSignature,nonRepudiation. Use exactly these, or none.",
      },
    },
    {
      name: "the transport role's keyUsage, not critical",
      input: `${DIRECTORY} -addext "keyUsage=digitalSignature,keyEncipherment" -addext extendedKeyUsage=clientAuth`,
      want: {
        code: 'extensions-differ',
        message:
          "The command's -addext differs from what a Transport certificate requests: keyUsage=critical,digitalSignature,keyEncipherment and extendedKeyUsage=clientAuth. Use exactly these, or none.",
      },
    },
    {
      name: 'a SAN on a client role',
      input: `${DIRECTORY} -addext "subjectAltName=DNS:app.fintech.ae"`,
      want: { code: 'extension-unsupported', message: 'A Transport certificate has no subjectAltName: remove -addext "subjectAltName=…".' },
    },
    {
      name: 'server transport without a SAN',
      input: directory('server_transport'),
      want: {
        code: 'dns-names-required',
        message: 'A Server transport certificate needs its DNS names: add -addext "subjectAltName=DNS:api.bank.ae".',
      },
    },
    {
      name: 'a bad Organisation ID in OU',
      input: withSubj(CLIENT_SUBJ.replace(ORGANISATION_ID, '4af0a68f-d8a8')),
      want: {
        code: 'uuid-shape',
        message: 'Organisation ID (OU) must be a UUID like 4af0a68f-d8a8-46c4-ace6-6949e8343868; you entered "4af0a68f-d8a8".',
      },
    },
    {
      name: 'a bad Client ID in CN',
      input: withSubj(CLIENT_SUBJ.replace(CLIENT_ID, 'my-app')),
      want: { code: 'uuid-shape', message: 'Client ID (CN) must be a UUID like 4af0a68f-d8a8-46c4-ace6-6949e8343868; you entered "my-app".' },
    },
    {
      name: 'a Client ID in uppercase',
      input: withSubj(CLIENT_SUBJ.replace(CLIENT_ID, CLIENT_ID.toUpperCase())),
      want: {
        code: 'uuid-uppercase',
        message: `Client ID (CN) must be in lowercase, as the directory shows it: ${CLIENT_ID}; you entered "${CLIENT_ID.toUpperCase()}".`,
      },
    },
    {
      name: 'a legal name with a trailing space',
      input: withSubj(CLIENT_SUBJ.replace('LLC', 'LLC ')),
      want: {
        code: 'name-surrounding-space',
        message: '"Example Fintech LLC " starts or ends with a space; remove it. The legal name must be 1 to 64 characters, exactly as registered in the Trust Framework.',
      },
    },
    {
      name: 'the same command pasted twice: two commands write the same file',
      input: `${DIRECTORY}\n${DIRECTORY}`,
      want: { code: 'file-name-duplicate', message: `Two commands write "${csr('client_transport')}": give each file its own name.` },
    },
    // Regressions: each was once accepted.
    {
      name: 'a key usage repeated to make up the count is not the role\'s set',
      input: `${DIRECTORY} -addext "keyUsage=critical,digitalSignature,digitalSignature" -addext extendedKeyUsage=clientAuth`,
      want: { code: 'extension-unsupported', message: '-addext "keyUsage=critical,digitalSignature,digitalSignature": "digitalSignature" is given twice.' },
    },
    {
      name: 'a critical extendedKeyUsage differs from the profile, where it is not critical',
      input: `${DIRECTORY} -addext "keyUsage=critical,digitalSignature,keyEncipherment" -addext "extendedKeyUsage=critical,clientAuth"`,
      want: {
        code: 'extensions-differ',
        message:
          "The command's -addext differs from what a Transport certificate requests: keyUsage=critical,digitalSignature,keyEncipherment and extendedKeyUsage=clientAuth. Use exactly these, or none.",
      },
    },
    {
      name: 'an extendedKeyUsage with no usage',
      input: `${directory('client_signing')} -addext "keyUsage=critical,digitalSignature,nonRepudiation" -addext extendedKeyUsage=critical`,
      want: { code: 'extension-unsupported', message: '-addext "extendedKeyUsage=critical" names no usage.' },
    },
    {
      name: 'a server CN with a control character',
      input: directory('server_signing', `${SERVER_SUBJ}/CN=api\u0001bank.ae`),
      want: { code: 'dns-name-invalid', message: expect.stringMatching(/^CN: "api\u0001bank\.ae" contains/) as unknown as string },
    },
    {
      name: 'a server CN over 64 characters',
      input: directory('server_signing', `${SERVER_SUBJ}/CN=${'a'.repeat(60)}.bank.ae`),
      want: {
        code: 'dns-name-invalid',
        message: `CN: "${'a'.repeat(60)}.bank.ae" is 68 characters long; a common name is at most 64. Leave it empty: TLS clients check the DNS names.`,
      },
    },
    {
      name: 'an empty server CN',
      input: directory('server_signing', `${SERVER_SUBJ}/CN=`),
      want: { code: 'dns-name-invalid', message: 'CN: Enter a DNS name, like api.bank.ae.' },
    },
    {
      name: 'a word that is a name on Object.prototype is not an option',
      input: `${DIRECTORY} toString x`,
      want: {
        code: 'unknown-option',
        message: '"toString" is not an option this tool understands. It reads -new, -newkey rsa:2048, -nodes, -sha256, -utf8, -out, -keyout, -subj and -addext.',
      },
    },
    {
      name: 'a -subj attribute that is a name on Object.prototype',
      input: directory('client_transport', `/C=AE/constructor=x/OU=${ORGANISATION_ID}`),
      want: {
        code: 'subject-attribute',
        message: '-subj: "constructor" is not part of the Trust Framework subject, which is /C=AE/O=…/OU=…/CN=…; remove /constructor=….',
      },
    },
    {
      name: '-out that names a folder',
      input: DIRECTORY.replace(`-out ${csr('client_transport')}`, '-out certs/'),
      want: { code: 'missing-output', message: '-out "certs/" names a folder, not a file: give the file name too.' },
    },
    {
      name: 'the same DNS name twice in subjectAltName',
      input: `${directory('server_transport')} -addext "subjectAltName=DNS:api.bank.ae,DNS:API.bank.ae"`,
      want: { code: 'dns-name-invalid', message: '-addext "subjectAltName=DNS:api.bank.ae,DNS:API.bank.ae": "api.bank.ae" is listed twice; remove one.' },
    },
    { name: 'empty text', input: '', want: { code: 'command-empty', message: 'Paste the openssl req command that the Trust Framework directory shows.' } },
    {
      name: 'only blank lines and comments',
      input: '\n  \r\n# Transport\n',
      want: { code: 'command-empty', message: 'Paste the openssl req command that the Trust Framework directory shows.' },
    },
  ])('$name', ({ input, want }) => {
    const { validation } = validatePaste(input, []);
    expect(validation.ok ? [] : validation.errors.map(({ code, field, message }) => ({ code, field, message }))).toEqual([
      { ...want, field: 'command' },
    ]);
  });

  it('reports each bad command of a paste on its own, and makes no requests', () => {
    const input = [directory('client_transport'), directory('client_signing').replace('rsa:2048', 'rsa:4096'), directory('server_transport')].join('\n');
    const { commands, validation } = validatePaste(input, []);
    expect(commands.map((command) => [command.role, command.request?.role, command.errors.map((error) => error.code)])).toEqual([
      ['client_transport', 'client_transport', []],
      [undefined, undefined, ['key-not-rsa-2048']],
      ['server_transport', undefined, ['dns-names-required']],
    ]);
    expect(validation.ok).toBe(false);
  });
});

describe('renderCommand', () => {
  it.each<{ name: string; input: CertificateRequest; want: string }>([
    {
      name: "client transport, extensions 'profile'",
      input: transport({ extensions: 'profile' }),
      want: [
        'openssl req -new -newkey rsa:2048 -nodes -sha256 \\',
        `  -out ${csr('client_transport')} -keyout ${key('client_transport')} \\`,
        `  -subj '${CLIENT_SUBJ}' \\`,
        '  -addext keyUsage=critical,digitalSignature,keyEncipherment \\',
        '  -addext extendedKeyUsage=clientAuth',
      ].join('\n'),
    },
    {
      name: "server transport, extensions 'none', Arabic and special characters",
      input: request('server_transport', {
        subject: { country: 'AE', organization: `${ARABIC} / "A+B" \\ Ma'mun`, organizationalUnit: ORGANISATION_ID },
        dnsNames: ['api.bank.ae'],
      }),
      want: [
        'openssl req -new -newkey rsa:2048 -nodes -sha256 -utf8 \\',
        `  -out ${csr('server_transport')} -keyout ${key('server_transport')} \\`,
        `  -subj '/C=AE/O=${ARABIC} \\/ "A\\+B" \\\\ Ma'\\''mun/OU=${ORGANISATION_ID}' \\`,
        '  -addext subjectAltName=DNS:api.bank.ae',
      ].join('\n'),
    },
  ])('$name', ({ input, want }) => {
    expect(renderCommand(input)).toBe(want);
  });
});

// ---------------------------------------------------------------------------
// Properties

const ROLE_IDS = Object.keys(ROLES) as RoleId[];
const chars = (text: string) => fc.constantFrom(...text);
const uuid = fc.uuid().map((value) => value.toLowerCase());

// ASCII letters, digits and space; Arabic letters; and what -subj or a shell treats specially.
const legalNameArb = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ') },
      { weight: 3, arbitrary: fc.integer({ min: 0x0621, max: 0x064a }).map((code) => String.fromCodePoint(code)) },
      { weight: 2, arbitrary: chars(`/\\+=,"'&;`) },
    ),
    { minLength: 1, maxLength: 64, size: 'medium' },
  )
  .map((parts) => parts.join('').trim())
  .filter((name) => checkLegalName(name) === name);

const dnsNameArb = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('ae', 'com', 'bank'),
  )
  .map(([wildcard, labels, tld]) => `${wildcard ? '*.' : ''}${[...labels, tld].join('.')}`)
  .filter((name) => {
    const checked = checkDnsName(name);
    return !('code' in checked) && checked.ascii === name;
  });

const requestArb: fc.Arbitrary<CertificateRequest> = fc
  .record({
    role: fc.constantFrom(...ROLE_IDS),
    organization: legalNameArb,
    organisationId: uuid,
    clientId: uuid,
    dnsNames: fc.uniqueArray(dnsNameArb, { minLength: 1, maxLength: 3 }),
    extensions: fc.constantFrom('profile' as const, 'none' as const),
    prefix: uuid,
  })
  .map(({ role, organization, organisationId, clientId, dnsNames, extensions, prefix }) => ({
    role,
    subject: {
      country: 'AE' as const,
      organization,
      organizationalUnit: organisationId,
      ...(isClient(role) ? { commonName: clientId } : {}),
    },
    extensions,
    dnsNames: role === 'server_transport' ? dnsNames : [],
    keyFileName: `${prefix}-opf_uae_${role}.key`,
    csrFileName: `${prefix}-opf_uae_${role}.csr`,
  }));

describe('render → parse is the identity', () => {
  it('parseCommands(renderCommand(request)) gives back the request', () => {
    fc.assert(
      fc.property(requestArb, (want) => {
        const outcomes = parseCommands(renderCommand(want));
        expect(outcomes.map((outcome) => outcome.ok)).toEqual([true]);
        const { command } = outcomes[0] as Extract<(typeof outcomes)[number], { ok: true }>;
        expect(command.notes).toEqual([]);
        expect(requestFromCommand(command, command.role!)).toStrictEqual(want);
      }),
      { numRuns: 1000 },
    );
  });

  it('validatePaste of several rendered commands, one per line, gives back the requests in order', () => {
    const requests = fc.uniqueArray(requestArb, { minLength: 1, maxLength: 4, selector: (r) => r.csrFileName });
    fc.assert(
      fc.property(requests, (want) => {
        expect(validatePaste(want.map((request) => renderCommand(request)).join('\n'), []).validation).toStrictEqual(accepted(want));
      }),
      { numRuns: 1000 },
    );
  });
});

/** Characters and words that some shell treats specially. */
const SHELL_UNITS = ['$', '%', '\\', '`', "'", '"', '(', ')', '{', '}', '^', ' ', '\n', ';', '&', '|', '#', '=', '/', ':', '.', '-', 'A', 'z', '0'];

describe('for any input', () => {
  /** Every refusal is an AppError with a known code, about the command. */
  function expectKnownErrors(text: string, pickedRoles: (RoleId | undefined)[]): void {
    const known = (error: AppError) => {
      expect(error).toBeInstanceOf(AppError);
      expect(ERROR_CODES).toContain(error.code);
      expect(error.field).toBe('command');
      expect(error.message).not.toBe('');
    };
    for (const outcome of parseCommands(text)) {
      if (!outcome.ok) {
        expect(outcome.errors.length).toBeGreaterThan(0);
        outcome.errors.forEach(known);
      }
    }
    const { commands, validation } = validatePaste(text, pickedRoles);
    commands.flatMap((command) => command.errors).forEach(known);
    if (!validation.ok) {
      expect(validation.errors.length).toBeGreaterThan(0);
      validation.errors.forEach(known);
    }
    for (const warning of validation.warnings) expect(warning.field).toBe('command');
  }

  const pickedRoles = fc.array(fc.option(fc.constantFrom(...ROLE_IDS), { nil: undefined }), { maxLength: 4 });

  it('arbitrary text never throws, and every error has a known code', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: chars(` \t\n\r'"\\^\`;&|#/=+-aopenslrq`), maxLength: 200 }));
    fc.assert(
      fc.property(text, pickedRoles, (input, picked) => expectKnownErrors(input, picked)),
      { numRuns: 10_000 },
    );
  }, 120_000);

  // Insertions (often quotes, escapes and separators), deletions, and line continuations of each shell.
  type Edit = ['insert', number, string] | ['delete', number, number] | ['wrap', number, string];
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.tuple(fc.constant('insert' as const), fc.nat(), fc.oneof(chars(`'"\\^\`\n\r\t ;&|#/+=,-`), fc.string({ unit: 'binary', maxLength: 3 }))),
    fc.tuple(fc.constant('delete' as const), fc.nat(), fc.integer({ min: 1, max: 8 })),
    fc.tuple(fc.constant('wrap' as const), fc.nat(), fc.constantFrom(' ^\r\n', ' `\r\n', ' \\\n', '^\n', '`\n', ' \\\r\n')),
  );
  function applyEdit(text: string, [kind, at, arg]: Edit): string {
    const i = at % (text.length + 1);
    if (kind === 'delete') return text.slice(0, i) + text.slice(i + arg);
    if (kind === 'insert') return text.slice(0, i) + arg + text.slice(i);
    const spaces = [...text.matchAll(/ /g)].map((match) => match.index);
    const space = spaces.length > 0 ? spaces[at % spaces.length]! : text.length;
    return text.slice(0, space) + arg + text.slice(space);
  }
  const valid = fc.oneof(
    fc.constantFrom(DIRECTORY, `${directory('server_transport')} -addext "${SAN}"`, `${directory('client_signing')}\n${directory('client_encryption')}`),
    fc.array(requestArb, { minLength: 1, maxLength: 3 }).map((requests) => requests.map((request) => renderCommand(request)).join('\n')),
  );

  it('a valid command, mutated, never throws, and every error has a known code', () => {
    fc.assert(
      fc.property(valid, fc.array(edit, { minLength: 1, maxLength: 8 }), pickedRoles, (text, edits, picked) =>
        expectKnownErrors(edits.reduce(applyEdit, text), picked),
      ),
      { numRuns: 10_000 },
    );
  }, 120_000);

  // Shell syntax of every kind, where the quoting rules meet the expansion rules.
  const shellText = fc.string({ unit: fc.constantFrom(...SHELL_UNITS, 'C:\\', '.\\', '$(', '${', '%A%', 'openssl req ', '-out ', '-keyout ', '-subj '), maxLength: 60 });
  it('shell syntax of every kind never throws, and every error has a known code', () => {
    fc.assert(
      fc.property(shellText, pickedRoles, (input, picked) => expectKnownErrors(input, picked)),
      { numRuns: 10_000 },
    );
  }, 120_000);
});

describe('any input up to the 1 MiB limit', () => {
  const LIMIT = 1024 * 1024;
  /** Runs `validatePaste` on `text` and returns the milliseconds it took; it must not throw. */
  function timed(text: string): number {
    const started = performance.now();
    const { validation } = validatePaste(text, []);
    const took = performance.now() - started;
    if (!validation.ok) for (const error of validation.errors) expect(ERROR_CODES).toContain(error.code);
    return took;
  }
  const fill = (unit: string) => unit.repeat(Math.floor(LIMIT / unit.length));

  // Each once slow, or a shape a quadratic scan would choke on.
  it.each<{ name: string; input: string }>([
    { name: '1 MiB of x; (issue 13: 21.7 s before)', input: fill('x;') },
    { name: 'one 1 MiB word', input: fill('x') },
    { name: 'one command with a 1 MiB legal name', input: DIRECTORY.replace('Example Fintech LLC', 'A'.repeat(LIMIT - DIRECTORY.length)) },
    { name: 'one command with a 1 MiB -out', input: DIRECTORY.replace(csr('client_transport'), `${'a'.repeat(LIMIT - DIRECTORY.length)}.csr`) },
    { name: 'one keyUsage with 100,000 usages', input: `${DIRECTORY} -addext keyUsage=${'digitalSignature,'.repeat(60_000)}` },
    { name: 'one subjectAltName with 60,000 names', input: `${directory('server_transport')} -addext subjectAltName=${'DNS:a.bank.ae,'.repeat(60_000)}` },
    { name: 'the directory command, 3,000 times (more than 50)', input: `${DIRECTORY}\n`.repeat(3000) },
    { name: '50 commands and 1 MiB of spaces', input: `${DIRECTORY}\n`.repeat(50) + ' '.repeat(LIMIT - 50 * (DIRECTORY.length + 1)) },
    { name: 'unclosed quotes', input: fill(`"'`) },
    { name: 'open $( everywhere', input: fill('$(') },
    { name: 'backticks', input: fill('`a') },
    { name: 'percent signs', input: fill('%a') },
    { name: 'line continuations only', input: fill('\\\n') },
    { name: 'backslashes followed by spaces', input: fill('\\ ') },
    { name: 'carets and spaces', input: fill('^ ') },
    { name: 'comment lines', input: fill('# x\n') },
    { name: 'rem lines', input: fill('rem\n') },
    { name: 'Windows paths', input: fill(' C:\\a') },
    { name: 'a -subj of 1 MiB of slashes', input: DIRECTORY.replace(CLIENT_SUBJ, '/'.repeat(LIMIT - DIRECTORY.length)) },
    { name: 'a -subj of 1 MiB of escapes', input: DIRECTORY.replace(`"${CLIENT_SUBJ}"`, `'/C=AE/O=${'\\a'.repeat((LIMIT - DIRECTORY.length) / 2 - 20)}'`) },
  ])('$name: under 1 s', ({ input }) => {
    expect(input.length).toBeLessThanOrEqual(LIMIT);
    expect(timed(input)).toBeLessThan(1000);
  });

  it('random text repeated up to the limit: under 1 s each', () => {
    const unit = fc.string({ unit: fc.constantFrom(...SHELL_UNITS, '\r', '\t', ',', '+', '-out ', '-subj ', 'openssl req '), minLength: 1, maxLength: 24 });
    fc.assert(
      fc.property(unit, fc.integer({ min: 1, max: LIMIT }), (text, size) => {
        expect(timed(text.repeat(Math.ceil(size / text.length)).slice(0, size))).toBeLessThan(1000);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

// ---------------------------------------------------------------------------
// Hostile and careless pastes (issue 13): each refused with its own code and the facts its message quotes.

describe('validatePaste refuses hostile file names, shell expansions and Windows paths', () => {
  const CSR = csr('client_transport');
  const KEY = key('client_transport');
  const files = (out: string, keyout: string) => DIRECTORY.replace(`-out ${CSR}`, `-out ${out}`).replace(`-keyout ${KEY}`, `-keyout ${keyout}`);
  const withO = (organization: string, quote = '"') =>
    DIRECTORY.replace(`"${CLIENT_SUBJ}"`, `${quote}${CLIENT_SUBJ.replace('Example Fintech LLC', organization)}${quote}`);
  const FILE_RULE =
    'A file name is 1 to 100 letters A–Z, digits, dots, hyphens and underscores, like 4af0a68f-d8a8-46c4-ace6-6949e8343868-opf_uae_client_transport.csr.';
  const EXPANDED = 'before OpenSSL sees the command, but this page reads the command as pasted and cannot know that value.';
  const long = `${'a'.repeat(297)}.csr`;

  it.each<{ name: string; input: string; want: { code: ErrorCode; params: Record<string, string>; message: string | RegExp } }>([
    {
      name: 'issue 13 case 1: -out and -keyout swapped, which would put the key in the .csr',
      input: files(CSR.replace('.csr', '.key'), KEY.replace('.key', '.csr')),
      want: {
        code: 'file-names-swapped',
        params: {
          value: `-out ${CSR.replace('.csr', '.key')} -keyout ${KEY.replace('.key', '.csr')}`,
          fix: `-out ${KEY.replace('.key', '.csr')} -keyout ${CSR.replace('.csr', '.key')}`,
        },
        message: /^-out is ".*\.key" and -keyout is ".*\.csr": swapped\. .* so the \.csr file would hold the private key\. Write -out .*\.csr -keyout .*\.key\.$/,
      },
    },
    {
      name: '-out names a .key file (only the one swapped)',
      input: files('app.key', 'other.key'),
      want: {
        code: 'file-name-extension',
        params: { value: 'app.key', fix: 'app.csr' },
        message: '"app.key" is to hold the certificate signing request, so it must end in .csr or .req or .pem, like app.csr.',
      },
    },
    {
      name: '-keyout names a .csr file',
      input: files('app.csr', 'app2.csr'),
      want: {
        code: 'file-name-extension',
        params: { value: 'app2.csr', fix: 'app2.key' },
        message: '"app2.csr" is to hold the private key, so it must end in .key or .pem, like app2.key.',
      },
    },
    {
      name: '-out and -keyout the same .pem',
      input: files('app.pem', 'APP.pem'),
      want: { code: 'file-names-equal', params: { value: 'app.pem' }, message: /^-out and -keyout both write "app\.pem": .* Give each its own name/ },
    },
    {
      name: '-keyout README.txt would replace the README in the zip',
      input: files('app.csr', 'README.txt'),
      want: { code: 'file-name-reserved', params: { value: 'README.txt' }, message: '"README.txt" is the name of a file this tool writes into the zip itself. Choose another name.' },
    },
    {
      name: '-out manifest.csv, in another case',
      input: files('MANIFEST.CSV', 'app.key'),
      want: { code: 'file-name-reserved', params: { value: 'MANIFEST.CSV' }, message: '"MANIFEST.CSV" is the name of a file this tool writes into the zip itself. Choose another name.' },
    },
    {
      name: '-out ..',
      input: files('..', 'app.key'),
      want: { code: 'file-name-invalid', params: { value: '..' }, message: `The file name ".." starts or ends with a dot, which hides the file or is dropped by Windows. ${FILE_RULE}` },
    },
    {
      name: '-keyout .',
      input: files('app.csr', '.'),
      want: { code: 'file-name-invalid', params: { value: '.' }, message: `The file name "." starts or ends with a dot, which hides the file or is dropped by Windows. ${FILE_RULE}` },
    },
    {
      name: 'a folder and then ..',
      input: files('keys/..', 'app.key'),
      want: { code: 'file-name-invalid', params: { value: '..' }, message: `The file name ".." starts or ends with a dot, which hides the file or is dropped by Windows. ${FILE_RULE}` },
    },
    {
      name: 'a trailing dot, which Windows drops',
      input: files('app.csr.', 'app.key'),
      want: { code: 'file-name-invalid', params: { value: 'app.csr.' }, message: `The file name "app.csr." starts or ends with a dot, which hides the file or is dropped by Windows. ${FILE_RULE}` },
    },
    {
      name: 'a Windows device name',
      input: files('CON', 'app.key'),
      want: { code: 'file-name-reserved', params: { value: 'CON' }, message: '"CON" is a device name on Windows (CON, PRN, AUX, NUL, COM1…, LPT1…), not a file. Choose another name.' },
    },
    {
      name: 'a Windows device name with an extension',
      input: files('app.csr', 'nul.key'),
      want: { code: 'file-name-reserved', params: { value: 'nul.key' }, message: '"nul.key" is a device name on Windows (CON, PRN, AUX, NUL, COM1…, LPT1…), not a file. Choose another name.' },
    },
    {
      name: 'an NTFS stream, a:stream.csr',
      input: files('a:stream.csr', 'app.key'),
      want: {
        code: 'file-name-character',
        params: { value: 'a:stream.csr', character: 'U+003A' },
        message: `The file name "a:stream.csr" contains ":" (U+003A), which is not allowed in a file name. ${FILE_RULE}`,
      },
    },
    {
      name: 'wildcards',
      input: files("'*?<>.csr'", 'app.key'),
      want: { code: 'file-name-character', params: { value: '*?<>.csr', character: 'U+002A' }, message: /contains "\*" \(U\+002A\)/ },
    },
    {
      name: 'a space',
      input: files("'my app.csr'", 'app.key'),
      want: { code: 'file-name-character', params: { value: 'my app.csr', character: 'U+0020' }, message: /^The file name "my app\.csr" contains U\+0020, which/ },
    },
    {
      name: 'U+202E, which shows invoice‮rsc.key as invoiceyek.csr',
      input: files('app.csr', "'invoice\u202ersc.key'"),
      want: { code: 'file-name-character', params: { value: 'invoiceU+202Ersc.key', character: 'U+202E' }, message: /^The file name "invoiceU\+202Ersc\.key" contains U\+202E, which/ },
    },
    {
      name: 'an ESC sequence',
      input: files("'app\u001b[31m.csr'", 'app.key'),
      want: { code: 'file-name-character', params: { value: 'appU+001B[31m.csr', character: 'U+001B' }, message: /contains U\+001B, which/ },
    },
    {
      name: 'non-ASCII letters',
      input: files('تطبيق.csr', 'app.key'),
      want: { code: 'file-name-character', params: { value: 'تطبيق.csr', character: 'U+062A' }, message: /contains "ت" \(U\+062A\)/ },
    },
    {
      name: 'a decomposed é: the combining mark is named, not shown on its own',
      input: files("'cafe\u0301.csr'", 'app.key'),
      want: { code: 'file-name-character', params: { value: 'cafeU+0301.csr', character: 'U+0301' }, message: /^The file name "cafeU\+0301\.csr" contains U\+0301, which/ },
    },
    {
      name: 'a 301-character name',
      input: files(long, 'app.key'),
      want: { code: 'file-name-invalid', params: { value: `${'a'.repeat(40)}…` }, message: `The file name "${'a'.repeat(40)}…" is 301 characters long. ${FILE_RULE.slice(0, -1)}.` },
    },
    {
      name: 'issue 13 case 2: x.csr and X.CSR from two commands',
      input: `${files('x.csr', 'x.key')}\n${files('X.CSR', 'y.key')}`,
      want: { code: 'file-name-duplicate', params: { value: 'X.CSR' }, message: '"x.csr" and "X.CSR" are the same file on Windows and macOS, which ignore case: give each file its own name.' },
    },
    {
      name: 'the key of one command is the CSR name of another (.pem)',
      input: `${directory('client_transport').replace(KEY, 'shared.pem')}\n${directory('client_signing').replace(csr('client_signing'), 'shared.pem')}`,
      want: { code: 'file-name-duplicate', params: { value: 'shared.pem' }, message: 'Two commands write "shared.pem": give each file its own name.' },
    },
    {
      name: 'issue 13 case 3: $LEGAL_NAME in double quotes',
      input: withO('$LEGAL_NAME'),
      want: { code: 'shell-expansion', params: { token: '$LEGAL_NAME' }, message: `"$LEGAL_NAME" is shell syntax: a shell puts the variable's value there ${EXPANDED} Write the value itself in its place (the legal name, the ID or the file name), or paste the command as your terminal printed it with the values filled in.` },
    },
    {
      name: 'issue 13 case 3: `id` in double quotes',
      input: withO('`id` LLC'),
      want: { code: 'shell-expansion', params: { token: '`id`' }, message: `The backquotes around "id" are shell syntax: a shell runs a command and puts its output there ${EXPANDED} Write the value itself in its place (the legal name, the ID or the file name), or paste the command as your terminal printed it with the values filled in.` },
    },
    {
      name: '$(…), named whole rather than by the ")/OU" after it',
      input: withO('$(cat name.txt)'),
      want: { code: 'shell-expansion', params: { token: '$(cat name.txt)' }, message: /^"\$\(cat name\.txt\)" is shell syntax: a shell runs a command/ },
    },
    {
      name: 'nested $(…)',
      input: withO('$(echo $(id))'),
      want: { code: 'shell-expansion', params: { token: '$(echo $(id))' }, message: /^"\$\(echo \$\(id\)\)" is shell syntax/ },
    },
    {
      name: '${…}',
      input: withO('${NAME:-Example}'),
      want: { code: 'shell-expansion', params: { token: '${NAME:-Example}' }, message: /^"\$\{NAME:-Example\}" is shell syntax/ },
    },
    {
      name: '%NAME% of cmd.exe',
      input: withO('%LEGAL_NAME%').replace(' -subj', ' ^\r\n  -subj'),
      want: { code: 'shell-expansion', params: { token: '%LEGAL_NAME%' }, message: /^"%LEGAL_NAME%" is shell syntax/ },
    },
    {
      name: '%NAME% inside single quotes, which cmd.exe does not treat as quotes',
      input: withO('%LEGAL_NAME%', "'").replace(' -subj', ' ^\r\n  -subj'),
      want: { code: 'shell-expansion', params: { token: '%LEGAL_NAME%' }, message: /^"%LEGAL_NAME%" is shell syntax/ },
    },
    {
      name: "PowerShell's $env:NAME",
      input: withO('$env:LEGAL_NAME').replace(' -subj', ' `\r\n  -subj'),
      want: { code: 'shell-expansion', params: { token: '$env:LEGAL_NAME' }, message: /^"\$env:LEGAL_NAME" is shell syntax/ },
    },
    {
      name: 'an unquoted $VAR in a file name',
      input: files('$NAME.csr', 'app.key'),
      want: { code: 'shell-expansion', params: { token: '$NAME' }, message: /^"\$NAME" is shell syntax/ },
    },
    {
      name: 'a Windows path in a command wrapped for bash, where \\ would be dropped',
      input: `openssl req -new -newkey rsa:2048 -nodes \\\n  -out C:\\keys\\${CSR} \\\n  -keyout ${KEY} -subj "${CLIENT_SUBJ}"`,
      want: {
        code: 'windows-path',
        params: { token: `C:\\keys\\${CSR}` },
        message: `"C:\\keys\\${CSR}" is a Windows path, but the command is written for bash (its lines end in \\), where each \\ would be dropped and the name mangled. Paste the command as cmd.exe or PowerShell shows it (lines ending in ^ or a backtick), or give only the file name, or write the path with / instead of \\.`,
      },
    },
    {
      name: 'more than 50 commands',
      input: Array.from({ length: 51 }, () => DIRECTORY).join('\n'),
      want: { code: 'command-too-many', params: { limit: '50' }, message: 'The pasted text has more than 50 commands; this page reads at most 50 at a time. For many applications, use the Batch tab with a CSV, one application per row.' },
    },
    {
      name: 'a command of more than 1,000 words',
      input: `${DIRECTORY}${' -new'.repeat(1000)}`,
      want: {
        code: 'command-too-long',
        params: { limit: '1,000' },
        message: "A command in the pasted text has more than 1,000 words; the directory's command has about 12. Paste only the openssl req commands.",
      },
    },
    {
      name: 'more than 10,000 quotes, escapes and separators',
      input: `${DIRECTORY.replace('Example Fintech LLC', '\\"x'.repeat(10_000))}`,
      want: {
        code: 'command-too-long',
        params: { limit: '10,000' },
        message: 'The pasted text has more than 10,000 spaces, quotes, escapes and separators, far more than 50 openssl req commands hold. Paste only the openssl req commands.',
      },
    },
    {
      name: 'more than 1 MiB of text',
      input: `${DIRECTORY}\n${' '.repeat(1024 * 1024)}`,
      want: {
        code: 'command-too-long',
        params: { limit: '1,048,576' },
        message: `The pasted text is ${(DIRECTORY.length + 1 + 1024 * 1024).toLocaleString('en')} characters long; this page reads at most 1,048,576 characters (1 MiB, counted as UTF-16 code units) at a time. Paste only the openssl req commands.`,
      },
    },
  ])('$name', ({ input, want }) => {
    const { validation } = validatePaste(input, ['client_transport', 'client_transport']);
    const errors = validation.ok ? [] : validation.errors.filter((error) => error.code !== 'role-required');
    expect(errors.map(({ code, field, params }) => ({ code, field, params }))).toEqual([{ code: want.code, field: 'command', params: want.params }]);
    if (typeof want.message === 'string') expect(errors[0]!.message).toBe(want.message);
    else expect(errors[0]!.message).toMatch(want.message);
  });

  it.each<{ name: string; input: string; want: CertificateRequest }>([
    { name: '$ and % that no shell expands are kept', input: withO('Money$ & 100% Co'), want: transport(legalName('Money$ & 100% Co')) },
    { name: 'an escaped \\$ in bash double quotes is a dollar sign', input: withO('A\\$B LLC'), want: transport(legalName('A$B LLC')) },
    { name: '$NAME inside bash single quotes reaches OpenSSL as written', input: withO('$NAME', "'"), want: transport(legalName('$NAME')) },
    {
      name: 'issue 13 case 2: a one-line cmd.exe command with C:\\keys\\… keeps the file names (not C:keys…)',
      input: DIRECTORY.replace(`-out ${CSR}`, `-out C:\\keys\\${CSR}`).replace(`-keyout ${KEY}`, `-keyout C:\\keys\\${KEY}`),
      want: transport(),
    },
    {
      name: 'a one-line PowerShell command with .\\ paths',
      input: DIRECTORY.replace(`-out ${CSR}`, `-out .\\${CSR}`).replace(`-keyout ${KEY}`, `-keyout ..\\keys\\${KEY}`),
      want: transport(),
    },
    {
      name: 'PowerShell: & "…\\openssl.exe" with a drive path',
      input: `& "C:\\Program Files\\OpenSSL-Win64\\bin\\openssl.exe" ${DIRECTORY.slice('openssl '.length).replace(`-out ${CSR}`, `-out "C:\\My Keys\\${CSR}"`)}`,
      want: transport(),
    },
    {
      name: 'bash with a Windows path in double quotes, where \\k stays as written',
      input: `openssl req -new -newkey rsa:2048 -nodes \\\n  -out "C:\\keys\\${CSR}" -keyout ${KEY} -subj "${CLIENT_SUBJ}"`,
      want: transport(),
    },
  ])('accepts: $name', ({ input, want }) => {
    const { validation } = validatePaste(input, []);
    expect(validation.ok ? validation.requests : validation.errors.map((error) => error.message)).toEqual([want]);
  });

  it('keeps the facts of a legal-name refusal found in -subj, for every language', () => {
    const { validation } = validatePaste(withO('Socie\u0301te\u0301'), []);
    expect(validation.ok ? [] : validation.errors.map(({ code, params }) => ({ code, params }))).toEqual([
      { code: 'name-not-normalised', params: { value: 'Socie\u0301te\u0301', fix: 'Société' } },
    ]);
  });
});
