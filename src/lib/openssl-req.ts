/**
 * What `openssl req` options mean, read from pasted commands (one or several,
 * from bash, cmd.exe or PowerShell, split by shell.ts) into ParsedCommands:
 * subject, extensions, file names. Tying a command to a role's request is
 * pasted-commands.ts's.
 *
 * Parsing never guesses: whatever it does not accept is refused with a code
 * and a message naming the token.
 */

import { checkDnsName } from './dns';
import { asAppError, commandError, firstRepeated, shown, truncate } from './command-errors';
import { AppError, type Warning } from './errors';
import { isKeyUsageName } from './key-usage';
import { checkOutputFileNames, isAscii } from './names';
import { roleInFileName, type RoleId } from './profile';
import { expansionError, readShellText, type ShellCommand } from './shell';
import { parseSubject } from './openssl-subj';
import { runToEnd, type Steps } from './steps';
import type { Subject } from './subject';

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
  return runToEnd(parseCommandSteps(text));
}

/** parseCommands in steps: it pauses once the text is split into commands, and after each command. */
export function* parseCommandSteps(text: string): Steps<CommandOutcome[]> {
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
  const outcomes: CommandOutcome[] = [];
  for (const command of commands) {
    yield;
    outcomes.push(parseOne(command));
  }
  return outcomes;
}

function parseOne({ words, expansions }: ShellCommand): CommandOutcome {
  const source = words.join(' ');
  if (expansions.length > 0) return { ok: false, source, errors: [expansionError(expansions[0]!)] };
  try {
    return { ok: true, command: parseCommand(words, source) };
  } catch (error) {
    return { ok: false, source, errors: [asAppError(error)] };
  }
}

// ---------------------------------------------------------------------------
// One command's options

const FLAGS = new Set(['-new', '-nodes', '-noenc', '-sha256', '-utf8', '-batch']);
const OTHER_DIGESTS = new Set(['-sha1', '-sha224', '-sha384', '-sha512', '-md5', '-sha3-256', '-sha3-512']);

type ValueOption = '-newkey' | '-out' | '-keyout' | '-subj';

/** A command's options as given: the flags, each value option's value, and every -addext. */
interface Options {
  readonly flags: ReadonlySet<string>;
  readonly values: Readonly<Record<ValueOption, string | undefined>>;
  readonly addext: readonly string[];
}

function parseCommand(tokens: string[], source: string): ParsedCommand {
  const { flags, values, addext } = readOptions(optionsOfOpensslReq(tokens, source));
  const newkey = values['-newkey'];
  if (newkey !== undefined && !/^rsa:2048$/i.test(newkey)) {
    throw commandError('key-not-rsa-2048', `"-newkey ${shown(newkey)}" is not allowed: the Trust Framework requires RSA 2048-bit keys. Use -newkey rsa:2048.`, {
      value: `-newkey ${shown(newkey)}`,
    });
  }
  const csrFileName = outputName('-out', values['-out']);
  const keyFileName = outputName('-keyout', values['-keyout']);
  const badName = checkOutputFileNames(csrFileName, keyFileName);
  if (badName) throw commandError(badName.code, badName.message, badName.params);
  const subj = values['-subj'];
  if (subj === undefined) throw commandError('subject-missing', 'The command has no -subj: add -subj "/C=AE/O=<legal name>/OU=<Organisation ID>/CN=<Client ID>".');
  const subject = parseSubject(subj);
  const extensions = parseExtensions(addext);
  const notes = notesOnFlags(flags, subj);
  return { source, role: roleFromFileNames(csrFileName, keyFileName), subject, ...extensions, keyFileName, csrFileName, notes };
}

/** The words after `openssl req`; environment assignments in front (Git Bash's MSYS_NO_PATHCONV=1) are skipped. */
function optionsOfOpensslReq(tokens: string[], source: string): string[] {
  const start = tokens.findIndex((token) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(token));
  const [program, subcommand, ...options] = tokens.slice(start === -1 ? tokens.length : start);
  if (program === undefined || !/^(.*[\\/])?openssl(\.exe)?$/i.test(program) || subcommand !== 'req') {
    throw commandError('command-syntax', `"${truncate(source)}" is not an openssl req command. Paste the command that starts with "openssl req".`, {
      value: truncate(source),
    });
  }
  return options;
}

function readOptions(options: readonly string[]): Options {
  const flags = new Set<string>();
  const values: Record<ValueOption, string | undefined> = { '-newkey': undefined, '-out': undefined, '-keyout': undefined, '-subj': undefined };
  const addext: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const option = options[i]!;
    if (FLAGS.has(option)) {
      flags.add(option);
      continue;
    }
    if (!Object.hasOwn(values, option) && option !== '-addext') throw refusedOption(option);
    const value = options[++i];
    if (value === undefined) throw commandError('missing-value', `${shown(option)} needs a value after it.`, { value: shown(option) });
    if (option === '-addext') addext.push(value);
    else values[option as ValueOption] = value;
  }
  return { flags, values, addext };
}

/** What the flags change: OpenSSL without -utf8 would garble a non-ASCII subject; without -nodes it would ask for a passphrase. */
function notesOnFlags(flags: ReadonlySet<string>, subj: string): Warning[] {
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
  return notes;
}

function refusedOption(option: string): AppError {
  if (option === '-passout' || option === '-passin') {
    return commandError('encrypted-key', `"${shown(option)}" asks for an encrypted key, which this tool does not make. Remove it and keep -nodes; protect the key file instead.`, {
      value: shown(option),
    });
  }
  if (option === '-config') {
    return commandError('config-file', '"-config" names a file this page cannot read. Remove it and give everything with -subj and -addext.');
  }
  if (OTHER_DIGESTS.has(option)) {
    return commandError('digest-not-sha256', `"${shown(option)}" is not allowed: the Trust Framework requires SHA-256. Use -sha256.`, { value: shown(option) });
  }
  if (option === '-key') {
    return commandError('unknown-option', '"-key" signs with an existing key file; this tool makes a new key. Use -newkey rsa:2048 instead.', { value: '-key' });
  }
  return commandError(
    'unknown-option',
    `"${shown(option)}" is not an option this tool understands. It reads -new, -newkey rsa:2048, -nodes, -sha256, -utf8, -out, -keyout, -subj and -addext.`,
    { value: shown(option) },
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
    throw commandError('missing-output', `The command has no ${shown(option)}: add ${shown(option)} with the name of ${what} file.`, { token: option });
  }
  const name = value.slice(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1);
  if (name === '') throw commandError('missing-output', `${shown(option)} "${truncate(value)}" names a folder, not a file: give the file name too.`, { token: option, value: truncate(value) });
  return name;
}

function roleFromFileNames(csrFileName: string, keyFileName: string): RoleId | undefined {
  const fromCsr = roleInFileName(csrFileName);
  const fromKey = roleInFileName(keyFileName);
  if (fromCsr && fromKey && fromCsr !== fromKey) {
    throw commandError('command-syntax', `-out names a ${fromCsr} file but -keyout a ${fromKey} file: one command makes one certificate.`);
  }
  return fromCsr ?? fromKey;
}

// ---------------------------------------------------------------------------
// -addext

function parseExtensions(addext: readonly string[]): Pick<ParsedCommand, 'dnsNames' | 'keyUsage' | 'extendedKeyUsage'> {
  let keyUsage: RequestedUsage | undefined;
  let extendedKeyUsage: RequestedUsage | undefined;
  let dnsNames: string[] | undefined;
  for (const text of addext) {
    const equals = text.indexOf('=');
    const name = text.slice(0, equals === -1 ? undefined : equals).trim();
    const items = equals === -1 ? [] : text.slice(equals + 1).split(',').map((item) => item.trim());
    const seen = name === 'keyUsage' ? keyUsage : name === 'extendedKeyUsage' ? extendedKeyUsage : name === 'subjectAltName' ? dnsNames : undefined;
    if (seen !== undefined) throw commandError('extension-unsupported', `-addext "${shown(text)}": ${name} is given twice; give it once.`, { value: shown(text) });
    if (name === 'keyUsage') keyUsage = readUsages(text, items, true);
    else if (name === 'extendedKeyUsage') extendedKeyUsage = readUsages(text, items, false);
    else if (name === 'subjectAltName') dnsNames = readDnsNames(text, items);
    else throw commandError('extension-unsupported', `-addext "${shown(text)}" is not one this tool makes: it reads keyUsage, extendedKeyUsage and subjectAltName.`, { value: shown(text) });
  }
  return { keyUsage, extendedKeyUsage, dnsNames: dnsNames ?? [] };
}

/** `critical,digitalSignature,…`: whether it is critical, and the usages, each once (key usages by their RFC 5280 names). */
function readUsages(text: string, items: readonly string[], keyUsage: boolean): RequestedUsage {
  const critical = items[0] === 'critical';
  const usages = critical ? items.slice(1) : items;
  if (usages.length === 0) throw commandError('extension-unsupported', `-addext "${shown(text)}" names no usage.`, { value: shown(text) });
  const duplicate = firstRepeated(usages);
  if (duplicate !== undefined) throw commandError('extension-unsupported', `-addext "${shown(text)}": "${shown(duplicate)}" is given twice.`, { value: shown(text), token: shown(duplicate) });
  const unknown = keyUsage ? usages.find((usage) => !isKeyUsageName(usage)) : undefined;
  if (unknown !== undefined) throw commandError('extension-unsupported', `-addext "${shown(text)}": "${shown(unknown)}" is not a key usage.`, { value: shown(text), token: shown(unknown) });
  return { critical, usages };
}

/** `DNS:api.bank.ae,DNS:…`: each a valid DNS name, in ASCII, listed once. */
function readDnsNames(text: string, items: readonly string[]): string[] {
  const dnsNames = items.map((item) => {
    if (!item.startsWith('DNS:')) {
      throw commandError('extension-unsupported', `-addext "${shown(text)}": "${shown(item)}" is not a DNS name; server certificates list their hosts as DNS:api.bank.ae.`, {
        value: shown(text),
        token: shown(item),
      });
    }
    const checked = checkDnsName(item.slice(4));
    if ('code' in checked) throw commandError(checked.code, checked.message, { value: item.slice(4) });
    return checked.ascii;
  });
  const repeated = firstRepeated(dnsNames);
  if (repeated !== undefined) throw commandError('dns-name-invalid', `-addext "${shown(text)}": "${shown(repeated)}" is listed twice; remove one.`, { value: shown(repeated) });
  return dnsNames;
}
