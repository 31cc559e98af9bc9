/**
 * The certificate subject: C, O, OU and (for client certificates) CN, each
 * its own RDN, in this order. This module renders it as text; `csr.ts`
 * encodes it as DER.
 */

export interface Subject {
  readonly country: 'AE';
  /** The organisation's legal name, exactly as in the Trust Framework. */
  readonly organization: string;
  /** The Organisation ID. */
  readonly organizationalUnit: string;
  /** The Client ID; absent on server certificates. */
  readonly commonName?: string;
}

type ShortName = 'C' | 'O' | 'OU' | 'CN';

/** The attributes in subject order, with OpenSSL's short names. */
export function subjectAttributes(subject: Subject): Array<[ShortName, string]> {
  const attributes: Array<[ShortName, string]> = [
    ['C', subject.country],
    ['O', subject.organization],
    ['OU', subject.organizationalUnit],
  ];
  if (subject.commonName !== undefined) attributes.push(['CN', subject.commonName]);
  return attributes;
}

/**
 * The subject as `openssl req -noout -subject` prints it (OpenSSL 3's
 * default `oneline` name format), without the `subject=` prefix:
 * `C = AE, O = "Example, LLC", OU = …, CN = …`.
 *
 * With `escapeNonAscii` (OpenSSL's default) each byte of a non-ASCII
 * character prints as `\XX`; without it the text stays readable, as with
 * `-nameopt oneline,-esc_msb`.
 */
export function subjectLine(subject: Subject, options: { escapeNonAscii: boolean }): string {
  return subjectAttributes(subject)
    .map(([name, value]) => `${name} = ${onelineValue(value, options.escapeNonAscii)}`)
    .join(', ');
}

// OpenSSL a_strex.c: these bytes put the value in double quotes (ESC_QUOTE)
// rather than being escaped; `"` and `\` are escaped with a backslash.
const QUOTE_TRIGGERS = new Set([',', '+', '<', '>', ';']);

/**
 * One attribute value as `-nameopt oneline` prints it: quoted when OpenSSL would
 * quote it, control bytes (and, if asked, non-ASCII bytes) as `\XX`.
 */
export function onelineValue(value: string, escapeNonAscii: boolean): string {
  const chars = [...value];
  let quote = false;
  const out = chars.map((char, index) => {
    const code = char.codePointAt(0)!;
    if (code > 0x7f) return escapeNonAscii ? [...new TextEncoder().encode(char)].map(hexEscape).join('') : char;
    if (code < 0x20 || code === 0x7f) return hexEscape(code);
    if (char === '"' || char === '\\') return `\\${char}`;
    const first = index === 0;
    const last = index === chars.length - 1;
    // OpenSSL flags the last character after the first, so a value that is only `#` is not quoted.
    const leadingHash = first && !last && char === '#';
    if (QUOTE_TRIGGERS.has(char) || leadingHash || ((first || last) && char === ' ')) quote = true;
    return char;
  });
  return quote ? `"${out.join('')}"` : out.join('');
}

function hexEscape(byte: number): string {
  return `\\${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * The subject as OpenSSL's `-subj` argument: `/C=AE/O=…/OU=…/CN=…`, with
 * `\`, `/` and `+` escaped by a backslash (OpenSSL 3 reads an unescaped `+`
 * as the start of a multi-valued RDN).
 */
export function toSubjArgument(subject: Subject): string {
  return subjectAttributes(subject)
    .map(([name, value]) => `/${name}=${value.replace(/[\\/+]/g, (c) => `\\${c}`)}`)
    .join('');
}
