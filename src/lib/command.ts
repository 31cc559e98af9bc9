/**
 * The Trust Framework directory's OpenSSL command, both ways: parse what a
 * user pastes (one or several `openssl req` commands, from bash, cmd.exe or
 * PowerShell) into requests, and render a request as the command that makes
 * an equivalent key and CSR.
 *
 * Parsing never guesses: whatever it does not accept is refused with a code
 * and a message naming the token.
 */

import { checkDnsName } from './dns';
import { AppError, type ErrorCode, type ErrorParams, type Warning } from './errors';
import { checkOutputFileNames, fileNameKey } from './names';
import { ROLES, type RoleId } from './profile';
import { expansionError, readShellText, type ShellCommand } from './shell';
import { checkLegalName, checkServerCommonName, checkUuid, type CertificateRequest, type ExtensionPolicy, type Validation } from './request';
import { toSubjArgument, type Subject } from './subject';

export { MAX_COMMANDS, MAX_PASTE_LENGTH, type Shell } from './shell';

/** One `openssl req` command, understood but not yet tied to a role. */
export interface ParsedCommand {
  /** The command's words on one line, quotes and escapes resolved. */
  readonly source: string;
  /** The role named by `-out`/`-keyout` (`…opf_uae_client_transport…`), if any. */
  readonly role: RoleId | undefined;
  readonly subject: Subject;
  /** subjectAltName DNS names, in ASCII (punycode) form. */
  readonly dnsNames: readonly string[];
  readonly keyUsage: RequestedUsage | undefined;
  readonly extendedKeyUsage: RequestedUsage | undefined;
  readonly keyFileName: string;
  readonly csrFileName: string;
  readonly notes: readonly Warning[];
}

/** A keyUsage or extendedKeyUsage as `-addext` gives it: `critical,digitalSignature,…`. */
export interface RequestedUsage {
  readonly critical: boolean;
  readonly usages: readonly string[];
}

export type CommandOutcome =
  | { readonly ok: true; readonly command: ParsedCommand }
  | { readonly ok: false; readonly source: string; readonly errors: readonly AppError[] };

/** Parses every `openssl req` command in `text`. Never throws, and takes time linear in the text's length. */
export function parseCommands(text: string): CommandOutcome[] {
  let commands: ShellCommand[];
  try {
    commands = readShellText(text);
  } catch (error) {
    const whole = error instanceof AppError && (error.code === 'command-too-many' || error.code === 'command-too-long');
    return [{ ok: false, source: whole ? '' : truncate(text.trim(), 200), errors: [asAppError(error)] }];
  }
  if (commands.length === 0) {
    return [{ ok: false, source: '', errors: [commandError('command-empty', 'Paste the openssl req command that the Trust Framework directory shows.')] }];
  }
  return commands.map(({ words, expansions }) => {
    const source = words.join(' ');
    if (expansions.length > 0) return { ok: false, source, errors: [expansionError(expansions[0]!)] };
    try {
      return { ok: true, command: parseCommand(words, source) };
    } catch (error) {
      return { ok: false, source, errors: [asAppError(error)] };
    }
  });
}

/** One pasted command as the page shows it: what was understood, and what is wrong. */
export interface PastedCommand {
  readonly source: string;
  readonly command: ParsedCommand | undefined;
  /** From the file names, else the one the user picked. */
  readonly role: RoleId | undefined;
  readonly request: CertificateRequest | undefined;
  readonly errors: readonly AppError[];
}

/**
 * Everything pasted, command by command, and the requests it makes.
 * `pickedRoles[i]` is the role the user chose for command i when its file
 * names name none. Valid only if every command is, and no two write the same file.
 */
export function validatePaste(text: string, pickedRoles: readonly (RoleId | undefined)[]): { commands: PastedCommand[]; validation: Validation } {
  const commands = parseCommands(text).map((outcome, index): PastedCommand => {
    if (!outcome.ok) return { source: outcome.source, command: undefined, role: undefined, request: undefined, errors: outcome.errors };
    const { command } = outcome;
    const role = command.role ?? pickedRoles[index];
    if (role === undefined) {
      const error = commandError('role-required', `Choose which certificate "${command.csrFileName}" is for: its file name does not say.`);
      return { source: command.source, command, role, request: undefined, errors: [error] };
    }
    const request = requestFromCommand(command, role);
    return request instanceof AppError
      ? { source: command.source, command, role, request: undefined, errors: [request] }
      : { source: command.source, command, role, request, errors: [] };
  });
  const errors = commands.flatMap((command) => command.errors);
  const duplicate = firstSharedFile(commands.flatMap((command) => (command.command ? [command.command.csrFileName, command.command.keyFileName] : [])));
  if (duplicate !== undefined) {
    const [first, second] = duplicate;
    const same = first === second ? `Two commands write "${first}"` : `"${first}" and "${second}" are the same file on Windows and macOS, which ignore case`;
    errors.push(commandError('file-name-duplicate', `${same}: give each file its own name.`, { value: second }));
  }
  const warnings = commands.flatMap((command) => command.command?.notes ?? []);
  const validation: Validation =
    errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, requests: commands.map((command) => command.request!), warnings };
  return { commands, validation };
}

/** The first file name that an earlier one already takes, ignoring case and normalisation, with that earlier one. */
function firstSharedFile(names: readonly string[]): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const name of names) {
    const earlier = seen.get(fileNameKey(name));
    if (earlier !== undefined) return [earlier, name];
    seen.set(fileNameKey(name), name);
  }
  return undefined;
}

/**
 * The request a parsed command makes, for `role` (the one its file names
 * give, or the one the user picked). Checks what depends on the role: the
 * CN, the DNS names and the requested extensions.
 */
export function requestFromCommand(command: ParsedCommand, role: RoleId): CertificateRequest | AppError {
  const profile = ROLES[role];
  let { subject } = command;
  if (profile.commonName === 'client-id') {
    if (subject.commonName === undefined) {
      return commandError('subject-missing', `A ${profile.label} certificate needs the Client ID as CN: add /CN=<Client ID> to -subj.`);
    }
    const clientId = checkUuid(subject.commonName, 'clientId', 'Client ID (CN)');
    if (clientId instanceof AppError) return retarget(clientId);
    subject = { ...subject, commonName: clientId };
  } else if (subject.commonName !== undefined) {
    // As in the form: a server certificate's optional CN is a host name.
    const hostName = checkServerCommonName(subject.commonName);
    if (hostName instanceof AppError) return commandError(hostName.code, `CN: ${hostName.message}`);
    subject = { ...subject, commonName: hostName };
  }
  if (profile.dnsNames === 'required' && command.dnsNames.length === 0) {
    return commandError(
      'dns-names-required',
      `A ${profile.label} certificate needs its DNS names: add -addext "subjectAltName=DNS:api.bank.ae".`,
    );
  }
  if (profile.dnsNames === 'none' && command.dnsNames.length > 0) {
    return commandError('extension-unsupported', `A ${profile.label} certificate has no subjectAltName: remove -addext "subjectAltName=…".`);
  }
  const extensions = extensionPolicy(command, role);
  if (extensions instanceof AppError) return extensions;
  return {
    role,
    subject,
    extensions,
    dnsNames: command.dnsNames,
    keyFileName: command.keyFileName,
    csrFileName: command.csrFileName,
  };
}

// ---------------------------------------------------------------------------
// Rendering

/**
 * The bash command that makes an equivalent key and CSR, one option per line;
 * with `existingKey`, the CSR alone, signed by that key in its token.
 * `-utf8` is added when a value is not ASCII: without it OpenSSL reads the
 * subject as Latin-1 and double-encodes the name.
 */
export function renderCommand(request: CertificateRequest, existingKey?: EngineKey): string {
  const role = ROLES[request.role];
  const utf8 = isAscii(toSubjArgument(request.subject)) ? '' : ' -utf8';
  const lines = existingKey
    ? [
        `PKCS11_MODULE_PATH=${quoteForBash(existingKey.module)} openssl req -new -engine pkcs11 -keyform engine -key ${quoteForBash(existingKey.uri)} -sha256${utf8}`,
        `-out ${quoteForBash(request.csrFileName)}`,
      ]
    : [`openssl req -new -newkey rsa:2048 -nodes -sha256${utf8}`, `-out ${quoteForBash(request.csrFileName)} -keyout ${quoteForBash(request.keyFileName)}`];
  lines.push(`-subj ${quoteForBash(toSubjArgument(request.subject))}`);
  if (request.extensions === 'profile') {
    lines.push(`-addext ${quoteForBash(`keyUsage=critical,${role.keyUsage.join(',')}`)}`);
    if (role.extendedKeyUsage.length > 0) lines.push(`-addext ${quoteForBash(`extendedKeyUsage=${role.extendedKeyUsage.join(',')}`)}`);
  }
  if (request.dnsNames.length > 0) {
    lines.push(`-addext ${quoteForBash(`subjectAltName=${request.dnsNames.map((name) => `DNS:${name}`).join(',')}`)}`);
  }
  return lines.join(' \\\n  ');
}

/** A key already in a PKCS#11 token, signed with through OpenSSL's pkcs11 engine (libp11): its RFC 7512 URI and the module. */
export interface EngineKey {
  readonly uri: string;
  readonly module: string;
}

/** Single quotes unless the word is plainly safe; a `'` inside becomes `'\''`. */
function quoteForBash(word: string): string {
  if (/^[A-Za-z0-9._:=,\/+-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}

// ---------------------------------------------------------------------------
// One command's options

const FLAGS = new Set(['-new', '-nodes', '-noenc', '-sha256', '-utf8', '-batch']);
const OTHER_DIGESTS = new Set(['-sha1', '-sha224', '-sha384', '-sha512', '-md5', '-sha3-256', '-sha3-512']);

function parseCommand(tokens: string[], source: string): ParsedCommand {
  // Skip environment assignments in front, such as Git Bash's MSYS_NO_PATHCONV=1.
  const start = tokens.findIndex((token) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(token));
  const [program, subcommand, ...options] = tokens.slice(start === -1 ? tokens.length : start);
  if (program === undefined || !/^(.*[\\/])?openssl(\.exe)?$/i.test(program) || subcommand !== 'req') {
    throw commandError('command-syntax', `"${truncate(source)}" is not an openssl req command. Paste the command that starts with "openssl req".`);
  }
  const flags = new Set<string>();
  const values: Record<'-newkey' | '-out' | '-keyout' | '-subj', string | undefined> = {
    '-newkey': undefined,
    '-out': undefined,
    '-keyout': undefined,
    '-subj': undefined,
  };
  const addext: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const option = options[i]!;
    if (FLAGS.has(option)) {
      flags.add(option);
      continue;
    }
    if (Object.hasOwn(values, option) || option === '-addext') {
      const value = options[++i];
      if (value === undefined) throw commandError('missing-value', `${shown(option)} needs a value after it.`);
      if (option === '-addext') addext.push(value);
      else values[option as keyof typeof values] = value;
      continue;
    }
    throw refusedOption(option);
  }

  const newkey = values['-newkey'];
  if (newkey !== undefined && !/^rsa:2048$/i.test(newkey)) {
    throw commandError('key-not-rsa-2048', `"-newkey ${shown(newkey)}" is not allowed: the Trust Framework requires RSA 2048-bit keys. Use -newkey rsa:2048.`);
  }
  const csrFileName = outputName('-out', values['-out']);
  const keyFileName = outputName('-keyout', values['-keyout']);
  const badName = checkOutputFileNames(csrFileName, keyFileName);
  if (badName) throw commandError(badName.code, badName.message, badName.params);
  const subj = values['-subj'];
  if (subj === undefined) throw commandError('subject-missing', 'The command has no -subj: add -subj "/C=AE/O=<legal name>/OU=<Organisation ID>/CN=<Client ID>".');
  const subject = parseSubject(subj);
  const extensions = parseExtensions(addext);

  const notes: Warning[] = [];
  if (!flags.has('-utf8') && !isAscii(subj)) {
    notes.push({
      code: 'utf8-added',
      field: 'command',
      message:
        'The subject has non-ASCII characters but the command has no -utf8, so OpenSSL would have garbled them. This tool encodes them correctly as UTF-8.',
    });
  }
  if (!flags.has('-nodes') && !flags.has('-noenc')) {
    notes.push({
      code: 'key-unencrypted',
      field: 'command',
      message: 'Without -nodes OpenSSL would ask for a passphrase. This tool writes the key unencrypted, as the directory\'s command does: keep it safe.',
    });
  }
  return { source, role: roleFromFileNames(csrFileName, keyFileName), subject, ...extensions, keyFileName, csrFileName, notes };
}

function refusedOption(option: string): AppError {
  if (option === '-passout' || option === '-passin') {
    return commandError('encrypted-key', `"${shown(option)}" asks for an encrypted key, which this tool does not make. Remove it and keep -nodes; protect the key file instead.`);
  }
  if (option === '-config') {
    return commandError('config-file', '"-config" names a file this page cannot read. Remove it and give everything with -subj and -addext.');
  }
  if (OTHER_DIGESTS.has(option)) {
    return commandError('digest-not-sha256', `"${shown(option)}" is not allowed: the Trust Framework requires SHA-256. Use -sha256.`);
  }
  if (option === '-key') {
    return commandError('unknown-option', '"-key" signs with an existing key file; this tool makes a new key. Use -newkey rsa:2048 instead.');
  }
  return commandError(
    'unknown-option',
    `"${shown(option)}" is not an option this tool understands. It reads -new, -newkey rsa:2048, -nodes, -sha256, -utf8, -out, -keyout, -subj and -addext.`,
  );
}

/**
 * The file name as given, without any folder in front of it (`/` or `\`:
 * a Windows path reaches here whole only from cmd.exe or PowerShell, or
 * quoted). Checked against the allowlist by the caller.
 */
function outputName(option: '-out' | '-keyout', value: string | undefined): string {
  if (value === undefined || value === '') {
    const what = option === '-out' ? 'the .csr' : 'the .key';
    throw commandError('missing-output', `The command has no ${shown(option)}: add ${shown(option)} with the name of ${what} file.`);
  }
  const name = value.slice(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1);
  if (name === '') throw commandError('missing-output', `${shown(option)} "${truncate(value)}" names a folder, not a file: give the file name too.`, { value: truncate(value) });
  return name;
}

const ROLE_IN_FILE_NAME = /opf_uae_(client_transport|client_signing|client_encryption|server_transport|server_signing|server_encryption)/;

function roleFromFileNames(csrFileName: string, keyFileName: string): RoleId | undefined {
  const fromCsr = ROLE_IN_FILE_NAME.exec(csrFileName)?.[1] as RoleId | undefined;
  const fromKey = ROLE_IN_FILE_NAME.exec(keyFileName)?.[1] as RoleId | undefined;
  if (fromCsr && fromKey && fromCsr !== fromKey) {
    throw commandError('command-syntax', `-out names a ${fromCsr} file but -keyout a ${fromKey} file: one command makes one certificate.`);
  }
  return fromCsr ?? fromKey;
}

// ---------------------------------------------------------------------------
// -subj

const SUBJECT_TYPES: Record<string, 'C' | 'O' | 'OU' | 'CN'> = {
  C: 'C',
  countryName: 'C',
  O: 'O',
  organizationName: 'O',
  OU: 'OU',
  organizationalUnitName: 'OU',
  CN: 'CN',
  commonName: 'CN',
};
const SUBJECT_ORDER = ['C', 'O', 'OU', 'CN'] as const;

/** A run of a -subj value with no `/`, `+` or `\\`. */
const SUBJECT_RUN = /[^/+\\]+/y;
/** More than this is not a mistake in a four-attribute subject but a paste gone wrong. */
const MAX_SUBJECT_ATTRIBUTES = 16;

/**
 * OpenSSL's -subj syntax (apps/lib/apps.c, parse_name): `/type=value/…`,
 * where `\` makes the next character literal and an unescaped `+` joins the
 * next attribute into the same RDN.
 */
function parseSubject(subj: string): Subject {
  if (!subj.startsWith('/')) {
    throw commandError('subject-syntax', `-subj "${shown(subj)}" must start with "/", like /C=AE/O=<legal name>/OU=<Organisation ID>/CN=<Client ID>.`);
  }
  const attributes: Array<{ type: 'C' | 'O' | 'OU' | 'CN'; value: string }> = [];
  let i = 1;
  while (i < subj.length) {
    const equals = subj.indexOf('=', i);
    if (equals === -1) throw commandError('subject-syntax', `-subj: "${shown(subj.slice(i))}" has no "=": each part is like /O=<legal name>.`);
    const typeName = subj.slice(i, equals);
    const type = Object.hasOwn(SUBJECT_TYPES, typeName) ? SUBJECT_TYPES[typeName] : undefined;
    if (type === undefined) {
      throw commandError(
        'subject-attribute',
        `-subj: "${shown(typeName)}" is not part of the Trust Framework subject, which is /C=AE/O=…/OU=…/CN=…; remove /${shown(typeName)}=….`,
      );
    }
    const pieces: string[] = [];
    i = equals + 1;
    while (i < subj.length && subj[i] !== '/') {
      SUBJECT_RUN.lastIndex = i;
      const run = SUBJECT_RUN.exec(subj);
      if (run) {
        pieces.push(run[0]);
        i += run[0].length;
      } else if (subj[i] === '+') {
        throw commandError('multi-valued-rdn', `-subj: the "+" in ${type}=${shown(pieces.join(''))}+… joins two attributes into one RDN. If it is part of the name, write it as \\+.`);
      } else {
        // A backslash: the next character is taken as it is.
        i++;
        if (i === subj.length) throw commandError('subject-syntax', `-subj ends with a lone "\\": write a backslash in a name as \\\\.`);
        pieces.push(subj[i]!);
        i++;
      }
    }
    i++; // past the '/'
    attributes.push({ type, value: pieces.join('') });
    if (attributes.length > MAX_SUBJECT_ATTRIBUTES) {
      throw commandError('subject-attribute', `-subj has more than ${MAX_SUBJECT_ATTRIBUTES} attributes; the Trust Framework subject is C, O, OU, CN, each once and in this order.`);
    }
  }

  const types = attributes.map((a) => a.type);
  const expected = SUBJECT_ORDER.slice(0, types.length);
  if (types.length < 3 || types.some((type, index) => type !== expected[index])) {
    const missing = SUBJECT_ORDER.slice(0, 3).filter((type) => !types.includes(type));
    if (missing.length > 0) {
      throw commandError('subject-missing', `-subj has no ${missing.join(', ')}: the subject is /C=AE/O=<legal name>/OU=<Organisation ID>/CN=<Client ID>.`);
    }
    throw commandError('subject-attribute', `-subj has ${types.join(', ')}; the Trust Framework subject is C, O, OU, CN, each once and in this order.`);
  }
  const [country, organization, unit, common] = attributes.map((a) => a.value);
  if (country !== 'AE') throw commandError('country-not-ae', `-subj has C=${country}; the Trust Framework requires C=AE.`);
  const legalName = checkLegalName(organization!);
  if (legalName instanceof AppError) throw retarget(legalName);
  const organisationId = checkUuid(unit!, 'organisationId', 'Organisation ID (OU)');
  if (organisationId instanceof AppError) throw retarget(organisationId);
  return {
    country: 'AE',
    organization: legalName,
    organizationalUnit: organisationId,
    ...(common === undefined ? {} : { commonName: common }),
  };
}

// ---------------------------------------------------------------------------
// -addext

const KEY_USAGE_NAMES = new Set(['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly']);

function parseExtensions(addext: readonly string[]): Pick<ParsedCommand, 'dnsNames' | 'keyUsage' | 'extendedKeyUsage'> {
  let keyUsage: RequestedUsage | undefined;
  let extendedKeyUsage: RequestedUsage | undefined;
  let dnsNames: string[] | undefined;
  for (const text of addext) {
    const equals = text.indexOf('=');
    const name = text.slice(0, equals === -1 ? undefined : equals).trim();
    const items = equals === -1 ? [] : text.slice(equals + 1).split(',').map((item) => item.trim());
    const seen = name === 'keyUsage' ? keyUsage : name === 'extendedKeyUsage' ? extendedKeyUsage : name === 'subjectAltName' ? dnsNames : undefined;
    if (seen !== undefined) throw commandError('extension-unsupported', `-addext "${shown(text)}": ${name} is given twice; give it once.`);
    if (name === 'keyUsage' || name === 'extendedKeyUsage') {
      const critical = items[0] === 'critical';
      const usages = critical ? items.slice(1) : items;
      if (usages.length === 0) throw commandError('extension-unsupported', `-addext "${shown(text)}" names no usage.`);
      const duplicate = firstRepeated(usages);
      if (duplicate !== undefined) throw commandError('extension-unsupported', `-addext "${shown(text)}": "${shown(duplicate)}" is given twice.`);
      if (name === 'keyUsage') {
        const unknown = usages.find((usage) => !KEY_USAGE_NAMES.has(usage));
        if (unknown !== undefined) throw commandError('extension-unsupported', `-addext "${shown(text)}": "${shown(unknown)}" is not a key usage.`);
        keyUsage = { critical, usages };
      } else {
        extendedKeyUsage = { critical, usages };
      }
    } else if (name === 'subjectAltName') {
      dnsNames = items.map((item) => {
        if (!item.startsWith('DNS:')) {
          throw commandError('extension-unsupported', `-addext "${shown(text)}": "${shown(item)}" is not a DNS name; server certificates list their hosts as DNS:api.bank.ae.`);
        }
        const checked = checkDnsName(item.slice(4));
        if ('code' in checked) throw commandError(checked.code, checked.message);
        return checked.ascii;
      });
      const repeated = firstRepeated(dnsNames);
      if (repeated !== undefined) throw commandError('dns-name-invalid', `-addext "${shown(text)}": "${shown(repeated)}" is listed twice; remove one.`);
    } else {
      throw commandError('extension-unsupported', `-addext "${shown(text)}" is not one this tool makes: it reads keyUsage, extendedKeyUsage and subjectAltName.`);
    }
  }
  return { keyUsage, extendedKeyUsage, dnsNames: dnsNames ?? [] };
}

/**
 * No keyUsage and no extendedKeyUsage: exactly as the directory's command.
 * Otherwise they must be the role's own, as profile.ts gives them.
 */
function extensionPolicy(command: ParsedCommand, role: RoleId): ExtensionPolicy | AppError {
  if (command.keyUsage === undefined && command.extendedKeyUsage === undefined) return 'none';
  const profile = ROLES[role];
  // Usages were checked for repeats when parsed, so equal length and inclusion mean the same set.
  const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item) => b.includes(item));
  const keyUsageMatches =
    command.keyUsage !== undefined && command.keyUsage.critical && sameSet(command.keyUsage.usages, profile.keyUsage);
  // The profile's extendedKeyUsage is not critical.
  const ekuMatches =
    command.extendedKeyUsage === undefined
      ? profile.extendedKeyUsage.length === 0
      : !command.extendedKeyUsage.critical && sameSet(command.extendedKeyUsage.usages, profile.extendedKeyUsage);
  if (keyUsageMatches && ekuMatches) return 'profile';
  const wanted = [`keyUsage=critical,${profile.keyUsage.join(',')}`];
  if (profile.extendedKeyUsage.length > 0) wanted.push(`extendedKeyUsage=${profile.extendedKeyUsage.join(',')}`);
  return commandError(
    'extensions-differ',
    `The command's -addext differs from what a ${profile.label} certificate requests: ${wanted.join(' and ')}. Use exactly these, or none.`,
  );
}

// ---------------------------------------------------------------------------

function commandError(code: ErrorCode, message: string, params?: ErrorParams): AppError {
  return new AppError(code, message, { field: 'command', ...(params ? { params } : {}) });
}

/** A form-field error (legal name, UUID) found inside the command. */
function retarget(error: AppError): AppError {
  return new AppError(error.code, error.message, { field: 'command', cause: error, params: error.params });
}

/** The first item that an earlier one repeats; a Set keeps it linear. */
function firstRepeated(items: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item)) return item;
    seen.add(item);
  }
  return undefined;
}

function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return commandError('command-syntax', `The command could not be read: ${String(error)}`);
}

/** A value quoted in a message: at most 120 characters, so a huge paste does not make a huge message. */
function shown(text: string): string {
  return truncate(text, 120);
}

function truncate(text: string, length = 60): string {
  return text.length > length ? `${text.slice(0, length - 3)}…` : text;
}
