/**
 * Both languages say the same facts. For each error a person can cause, the
 * English message (the core's) and the Arabic one (ar.ts, filled with the
 * error's params as the page fills it) both name the offending token, value
 * or file; and for every error code, the Arabic message has a «{param}» for
 * every param the core gives it, so no fact the English quotes is dropped.
 */
import { describe, expect, it } from 'vitest';
import { readBatchCsv } from '../../src/lib/batch';
import { validatePaste } from '../../src/lib/pasted-commands';
import { parseDnsNames } from '../../src/lib/dns';
import { AppError, ERROR_CODES, type ErrorCode, type ErrorParams, type Field } from '../../src/lib/errors';
import { checkLegalName, checkUuid } from '../../src/lib/request';
import { arErrors, arRequired } from '../../src/ui/i18n/ar';
import { fill } from '../../src/ui/i18n/fill';
import { CLIENT_ID, ORGANISATION_ID } from '../support/fixtures';

interface Problem {
  code: ErrorCode;
  message: string;
  field?: Field | undefined;
  params: ErrorParams;
}

/** The Arabic message as the page shows it (index.svelte.ts's errorText, which Vitest cannot import). */
function arabic(problem: Problem): string {
  const forField = problem.code === 'required' && problem.field ? arRequired[problem.field] : undefined;
  return fill(forField ?? arErrors[problem.code], problem.params);
}

const subj = `"/C=AE/O=Example Fintech LLC/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}"`;
const command = (extra: string, out = 'app-opf_uae_client_transport.csr', keyout = 'app-opf_uae_client_transport.key') =>
  `openssl req -new -newkey rsa:2048 -nodes -out ${out} -keyout ${keyout} -subj ${subj} -sha256 ${extra}`;
const pasted = (text: string): Problem[] => {
  const { validation } = validatePaste(text, []);
  return validation.ok ? [] : validation.errors;
};
const serverCommand = (addext: string) =>
  `openssl req -new -newkey rsa:2048 -nodes -out s-opf_uae_server_transport.csr -keyout s-opf_uae_server_transport.key -subj "/C=AE/O=Bank/OU=${ORGANISATION_ID}" -sha256 -addext "${addext}"`;
const one = (result: unknown): Problem[] => (result instanceof AppError ? [result] : []);
const csv = (text: string): Problem[] =>
  readBatchCsv(text).problems.map((problem) => ({ code: problem.code, message: problem.message, params: problem.params ?? { value: problem.value } }));

/** What a person did wrong, and the token both languages must name. */
const CASES: { name: string; errors: () => Problem[]; code: ErrorCode; names: string }[] = [
  { name: 'an option the tool does not read', errors: () => pasted(command('-days 30')), code: 'unknown-option', names: '-days' },
  { name: '-key instead of -newkey', errors: () => pasted(command('-key old.key')), code: 'unknown-option', names: '-key' },
  { name: 'an encrypted key', errors: () => pasted(command('-passout pass:x')), code: 'encrypted-key', names: '-passout' },
  { name: 'another digest', errors: () => pasted(command('-sha1')), code: 'digest-not-sha256', names: '-sha1' },
  { name: 'an option with no value', errors: () => pasted('openssl req -new -out'), code: 'missing-value', names: '-out' },
  { name: 'a bigger key', errors: () => pasted(command('').replace('rsa:2048', 'rsa:4096')), code: 'key-not-rsa-2048', names: 'rsa:4096' },
  { name: 'not openssl req', errors: () => pasted('openssl x509 -in a.pem'), code: 'command-syntax', names: 'openssl x509 -in a.pem' },
  { name: 'a subject without its slash', errors: () => pasted(command('').replace(`"/C=AE`, `"C=AE`)), code: 'subject-syntax', names: 'C=AE/O=Example' },
  { name: 'a subject attribute the profile has not', errors: () => pasted(command('').replace('/C=AE', '/C=AE/L=Dubai')), code: 'subject-attribute', names: 'L' },
  { name: 'another country', errors: () => pasted(command('').replace('/C=AE', '/C=US')), code: 'country-not-ae', names: 'C=US' },
  { name: 'a multi-valued RDN', errors: () => pasted(command('').replace('/O=Example Fintech LLC', '/O=Example+CN=x')), code: 'multi-valued-rdn', names: 'O=Example+' },
  { name: 'a subject missing O', errors: () => pasted(command('').replace('/O=Example Fintech LLC', '')), code: 'subject-missing', names: 'O' },
  { name: 'an unknown extension', errors: () => pasted(command('-addext "basicConstraints=CA:FALSE"')), code: 'extension-unsupported', names: 'basicConstraints=CA:FALSE' },
  { name: 'an unknown key usage', errors: () => pasted(command('-addext "keyUsage=critical,digitalSignature,teleport"')), code: 'extension-unsupported', names: 'teleport' },
  { name: 'an IP address in subjectAltName', errors: () => pasted(serverCommand('subjectAltName=DNS:10.0.0.1')), code: 'dns-name-invalid', names: '10.0.0.1' },
  { name: 'a DNS name twice', errors: () => pasted(serverCommand('subjectAltName=DNS:api.bank.ae,DNS:api.bank.ae')), code: 'dns-name-invalid', names: 'api.bank.ae' },
  { name: 'no role in the file names', errors: () => pasted(command('', 'app.csr', 'app.key')), code: 'role-required', names: 'app.csr' },
  { name: 'a folder as -out', errors: () => pasted(command('', 'out/', 'app-opf_uae_client_transport.key')), code: 'missing-output', names: 'out/' },
  { name: 'two commands writing one file', errors: () => pasted(`${command('')}\n${command('')}`), code: 'file-name-duplicate', names: 'app-opf_uae_client_transport.csr' },
  { name: 'a shell variable', errors: () => pasted(command('').replace('Example Fintech LLC', '$NAME')), code: 'shell-expansion', names: '$NAME' },
  { name: 'an uppercase UUID', errors: () => one(checkUuid(CLIENT_ID.toUpperCase(), 'clientId', 'Client ID')), code: 'uuid-uppercase', names: CLIENT_ID },
  { name: 'a braced UUID', errors: () => one(checkUuid(`{${CLIENT_ID}}`, 'clientId', 'Client ID')), code: 'uuid-braces', names: CLIENT_ID },
  { name: 'a short UUID', errors: () => one(checkUuid('4af0a68f-d8a8', 'organisationId', 'Organisation ID')), code: 'uuid-shape', names: '4af0a68f-d8a8' },
  { name: 'a name with a space in front', errors: () => one(checkLegalName(' Example')), code: 'name-surrounding-space', names: ' Example' },
  { name: 'an IP address among DNS names', errors: () => parseDnsNames('api.bank.ae\n10.1.2.3').problems.map((p) => ({ ...p, params: p.params ?? {} })), code: 'dns-name-invalid', names: '10.1.2.3' },
  { name: 'an underscore in a DNS name', errors: () => parseDnsNames('api_x.bank.ae').problems.map((p) => ({ ...p, params: p.params ?? {} })), code: 'dns-name-invalid', names: 'api_x.bank.ae' },
  { name: 'an unknown CSV column', errors: () => csv('legal_name,organisation_id,client_id,roles,colour\n'), code: 'csv-unknown-column', names: 'colour' },
  { name: 'an unknown role in a CSV', errors: () => csv(`legal_name,organisation_id,client_id,roles\nX,${ORGANISATION_ID},${CLIENT_ID},teleport`), code: 'unknown-role', names: 'teleport' },
];

describe('every error says the same facts in both languages', () => {
  it.each(CASES)('$name: both name $names', ({ errors, code, names }) => {
    const found = errors().find((error) => error.code === code);
    expect(found?.code).toBe(code);
    expect(found!.message).toContain(names);
    expect(arabic(found!)).toContain(names);
  });

  it.each(CASES)('$name: the Arabic message quotes every param the error carries', ({ errors }) => {
    for (const error of errors()) {
      // `line` is not in either message: the page puts "Line 2:" in front of both.
      const given = Object.entries(error.params).filter(([name, value]) => name !== 'line' && value !== undefined && value !== '');
      const missing = given.filter(([, value]) => !arabic(error).includes(value!)).map(([name]) => `${error.code}: ${name}`);
      expect(missing).toEqual([]);
    }
  });

  it('asks for each required field by its name, not with one message for all', () => {
    const legalName = one(checkLegalName(''))[0]!;
    const organisationId = one(checkUuid('', 'organisationId', 'Organisation ID'))[0]!;
    const clientId = one(checkUuid('', 'clientId', 'Client ID'))[0]!;
    expect(legalName.message).toContain('legal name');
    expect(arabic(legalName)).toContain('الاسم القانوني');
    expect(arabic(legalName)).not.toContain('UUID');
    expect(arabic(organisationId)).toContain('معرّف المؤسسة');
    expect(arabic(clientId)).toContain('معرّف العميل');
    expect(new Set([arabic(legalName), arabic(organisationId), arabic(clientId)]).size).toBe(3);
  });

  it('covers a code of each kind a person can cause by typing or pasting', () => {
    const covered = new Set(CASES.map((each) => each.code));
    expect(covered.size).toBeGreaterThanOrEqual(20);
    for (const code of covered) expect(ERROR_CODES).toContain(code);
  });
});
