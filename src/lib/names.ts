/**
 * What a name may hold: the allowlists, in one place. Every entrance that
 * turns user text into a file name or a subject value asks here. Each check
 * returns a problem with its own code, the facts its message quotes, and an
 * English message that names the offending character and the fix.
 */

import type { ErrorCode, ErrorParams } from './errors';

export interface NameProblem {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  readonly message: string;
}

/** Only ASCII: OpenSSL reads such a -subj the same with or without -utf8. */
export function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}

/** `U+200E`: how a character is named when it cannot be shown. */
export function codePointLabel(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

// ---------------------------------------------------------------------------
// File names: what goes into the zip, and what a pasted -out / -keyout may say

export const MAX_FILE_NAME_LENGTH = 100;
const FILE_NAME_CHARACTER = /^[A-Za-z0-9._-]$/;
/** Device names Windows reserves whatever the extension (`NUL.key` is the device NUL). */
const WINDOWS_DEVICE = /^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\.|$)/i;
/** The zip's own files. */
export const RESERVED_ENTRY_NAMES = ['README.txt', 'manifest.csv'] as const;

/** What a file of each kind may end in. */
export const FILE_EXTENSIONS = {
  csr: ['.csr', '.req', '.pem'],
  key: ['.key', '.pem'],
} as const;
export type OutputKind = keyof typeof FILE_EXTENSIONS;

/**
 * A file name made only of `[A-Za-z0-9._-]`, 1 to 100 characters, not
 * starting with a dot or ending in one, not a Windows device name, not one of
 * the zip's own files, and ending as its kind must. Returns the problem, or
 * undefined if the name is fine.
 */
export function checkFileName(name: string, kind?: OutputKind): NameProblem | undefined {
  const rule = `A file name is 1 to ${MAX_FILE_NAME_LENGTH} letters A–Z, digits, dots, hyphens and underscores, like 4af0a68f-d8a8-46c4-ace6-6949e8343868-opf_uae_client_transport.csr`;
  if (name.length === 0) return { code: 'file-name-invalid', params: { value: name }, message: `The file name is empty. ${rule}.` };
  // Length first: a name of any length is refused without reading all of it.
  if (name.length > MAX_FILE_NAME_LENGTH) {
    const start = printableName(name.slice(0, 40));
    return {
      code: 'file-name-invalid',
      params: { value: `${start}…` },
      message: `The file name "${start}…" is ${name.length} characters long. ${rule}.`,
    };
  }
  for (const character of name) {
    if (!FILE_NAME_CHARACTER.test(character)) {
      const shown = printableName(name);
      const label = codePointLabel(character);
      const what = isVisible(character) ? `"${character}" (${label})` : label;
      return {
        code: 'file-name-character',
        params: { value: shown, character: label },
        message: `The file name "${shown}" contains ${what}, which is not allowed in a file name. ${rule}.`,
      };
    }
  }
  if (name.startsWith('.') || name.endsWith('.')) {
    return {
      code: 'file-name-invalid',
      params: { value: name },
      message: `The file name "${name}" starts or ends with a dot, which hides the file or is dropped by Windows. ${rule}.`,
    };
  }
  if (WINDOWS_DEVICE.test(name)) {
    return {
      code: 'file-name-reserved',
      params: { value: name },
      message: `"${name}" is a device name on Windows (CON, PRN, AUX, NUL, COM1…, LPT1…), not a file. Choose another name.`,
    };
  }
  if (RESERVED_ENTRY_NAMES.some((reserved) => sameFileName(reserved, name))) {
    return {
      code: 'file-name-reserved',
      params: { value: name },
      message: `"${name}" is the name of a file this tool writes into the zip itself. Choose another name.`,
    };
  }
  if (kind !== undefined) {
    const allowed: readonly string[] = FILE_EXTENSIONS[kind];
    if (!allowed.some((extension) => name.toLowerCase().endsWith(extension))) {
      const what = kind === 'csr' ? 'certificate signing request' : 'private key';
      // x.key where a CSR goes becomes x.csr, not x.key.csr.
      const other = /\.(csr|req|key)$/i.exec(name);
      const fix = `${other ? name.slice(0, other.index) : name}${allowed[0]}`;
      return {
        code: 'file-name-extension',
        params: { value: name, fix },
        message: `"${name}" is to hold the ${what}, so it must end in ${allowed.join(' or ')}, like ${fix}.`,
      };
    }
  }
  return undefined;
}

/**
 * The two names one `openssl req` command writes: `-out` (the CSR, the file
 * the user uploads) and `-keyout` (the private key). Each must be a good file
 * name of its kind; they must not be swapped, which would put the private key
 * in the file the user is told to upload, and must not be the same file.
 */
export function checkOutputFileNames(csrName: string, keyName: string): NameProblem | undefined {
  const bad = checkFileName(csrName) ?? checkFileName(keyName);
  if (bad) return bad;
  const isKeyName = (name: string) => /\.key$/i.test(name);
  const isCsrName = (name: string) => /\.(csr|req)$/i.test(name);
  if (isKeyName(csrName) && isCsrName(keyName)) {
    return {
      code: 'file-names-swapped',
      params: { value: `-out ${csrName} -keyout ${keyName}`, fix: `-out ${keyName} -keyout ${csrName}` },
      message: `-out is "${csrName}" and -keyout is "${keyName}": swapped. -out receives the certificate signing request (the file you upload) and -keyout the private key (the file you keep secret), so the .csr file would hold the private key. Write -out ${keyName} -keyout ${csrName}.`,
    };
  }
  if (sameFileName(csrName, keyName)) {
    return {
      code: 'file-names-equal',
      params: { value: csrName },
      message: `-out and -keyout both write "${csrName}": the private key and the certificate signing request would be the same file, and one would overwrite the other. Give each its own name, like x.csr and x.key.`,
    };
  }
  return checkFileName(csrName, 'csr') ?? checkFileName(keyName, 'key');
}

/** The key under which two file names are the same on Windows and macOS: case-folded, NFC. */
export function fileNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

export function sameFileName(a: string, b: string): boolean {
  return fileNameKey(a) === fileNameKey(b);
}

/** The first name that another one in the list already takes, ignoring case and normalisation. */
export function firstDuplicateFileName(names: Iterable<string>): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    const key = fileNameKey(name);
    if (seen.has(key)) return name;
    seen.add(key);
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Legal names: what goes into O, as the Trust Framework registered it

/**
 * The allowlist: letters, marks, digits, punctuation and symbols of any
 * script, and the ordinary space. That leaves out control and format
 * characters (bidi marks, soft hyphen, tags), line and paragraph separators,
 * other spaces, private-use and unassigned code points.
 */
const LEGAL_NAME_CHARACTER = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
/**
 * Allowed by category but invisible, or standing in for nothing: default-
 * ignorable code points (U+034F, U+3164, variation selectors…), the blank
 * Braille pattern and the replacement character a broken decoder leaves.
 */
const INVISIBLE_OR_BROKEN = /^[\p{Default_Ignorable_Code_Point}\u2800\uFFFD]$/u;
const ZERO_WIDTH_JOINERS = new Set(['\u200C', '\u200D']);
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
const LETTER = /^\p{L}$/u;

/**
 * The first character of a legal name that the allowlist refuses, or
 * undefined. ZWNJ and ZWJ (U+200C, U+200D) are kept between letters, where
 * Arabic-script and Persian spelling need them, and refused anywhere else.
 */
export function refusedLegalNameCharacter(value: string): string | undefined {
  const characters = [...value];
  for (let i = 0; i < characters.length; i++) {
    const character = characters[i]!;
    if (ZERO_WIDTH_JOINERS.has(character)) {
      const before = characters[i - 1];
      const after = characters[i + 1];
      if (before !== undefined && after !== undefined && LETTER_OR_MARK.test(before) && LETTER.test(after)) continue;
      return character;
    }
    if (!LEGAL_NAME_CHARACTER.test(character) || INVISIBLE_OR_BROKEN.test(character)) return character;
  }
  return undefined;
}

/** The value with every refused character shown as `U+XXXX`, to quote in a message. */
export function printableLegalName(value: string): string {
  let shown = '';
  const characters = [...value];
  for (const character of characters) {
    shown += refusedLegalNameCharacter(character) === undefined || ZERO_WIDTH_JOINERS.has(character) ? character : codePointLabel(character);
  }
  return shown;
}

/**
 * Refuses a legal name with a character outside the allowlist (named as
 * U+XXXX), or one not in NFC: the registered name is almost certainly NFC,
 * and a decomposed "é" gives other bytes in the CSR. `fix` is the NFC form.
 */
export function checkLegalNameCharacters(value: string): NameProblem | undefined {
  const refused = refusedLegalNameCharacter(value);
  if (refused !== undefined) {
    const label = codePointLabel(refused);
    const shown = printableLegalName(value);
    const what = refused === '\uFFFD' ? 'the replacement character U+FFFD, left where text was decoded with the wrong encoding' : `an invisible character (${label})`;
    return {
      code: refused === '\uFFFD' ? 'name-replacement-character' : 'name-control-character',
      params: { value: shown, character: label },
      message: `"${shown}" contains ${what}; remove it. The legal name must be 1 to 64 characters, exactly as registered in the Trust Framework, with no control or invisible characters.`,
    };
  }
  const normalised = value.normalize('NFC');
  if (normalised !== value) {
    return {
      code: 'name-not-normalised',
      params: { value, fix: normalised },
      message: `"${value}" is written with decomposed characters (not Unicode NFC), so its bytes differ from the registered name, which looks the same. Use "${normalised}".`,
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------

/** Shown as itself in a message: not invisible, and not a combining mark, which would sit on the quote before it. */
function isVisible(character: string): boolean {
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character) && !INVISIBLE_OR_BROKEN.test(character);
}

/** A file name to quote: invisible characters as U+XXXX, and at most 60 characters. */
function printableName(name: string): string {
  let shown = '';
  for (const character of name) shown += isVisible(character) || character === ' ' ? character : codePointLabel(character);
  return shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
}
