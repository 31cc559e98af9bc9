/**
 * PEM armour (RFC 7468): base64 in lines of 64 characters, LF line endings,
 * a trailing newline, as OpenSSL writes it. The one PEM reader and writer.
 *
 * Reading is one linear scan: find a BEGIN line, then one search for its END;
 * never a backtracking regular expression. A BEGIN with no END stops the scan,
 * so a file of a million unclosed BEGIN lines costs one pass, not a million.
 */

/** Bytes backed by a plain ArrayBuffer, as WebCrypto takes them. */
export type Bytes = Uint8Array<ArrayBuffer>;

export type PemLabel = 'PRIVATE KEY' | 'CERTIFICATE REQUEST' | 'PUBLIC KEY' | 'CERTIFICATE';

export function toPem(label: PemLabel, der: Uint8Array): string {
  const base64 = toBase64(der);
  const lines: string[] = [];
  for (let at = 0; at < base64.length; at += 64) lines.push(base64.slice(at, at + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** One armoured block: its label and the text between the BEGIN and END lines (base64, perhaps with RFC 1421 headers). */
export interface PemBlock {
  readonly label: string;
  readonly body: string;
}

export interface PemScan {
  /** The blocks, in the order they appear, up to the first that is not closed. */
  readonly blocks: readonly PemBlock[];
  /** A BEGIN line has no END line with its label (or a bad label, or another BEGIN before its END): the text is cut short or damaged. */
  readonly unclosed: boolean;
}

const BEGIN = '-----BEGIN ';
const DASHES = '-----';
/** The longest label looked for; RFC 7468's are under 30 characters. */
const MAX_LABEL = 64;
const LABEL = /^[A-Z0-9]+(?: [A-Z0-9]+)*$/;

/** Every PEM block in `text`, in one pass (each character is looked at a bounded number of times). */
export function pemBlocks(text: string): PemScan {
  const blocks: PemBlock[] = [];
  let at = 0;
  for (;;) {
    const begin = text.indexOf(BEGIN, at);
    if (begin === -1) return { blocks, unclosed: false };
    const labelStart = begin + BEGIN.length;
    // The label's closing dashes are looked for in the next MAX_LABEL + 5 characters only.
    const labelEnd = text.slice(labelStart, labelStart + MAX_LABEL + DASHES.length).indexOf(DASHES);
    const label = labelEnd === -1 ? '' : text.slice(labelStart, labelStart + labelEnd);
    if (!LABEL.test(label)) return { blocks, unclosed: true };
    const bodyStart = labelStart + labelEnd + DASHES.length;
    const end = text.indexOf(`-----END ${label}-----`, bodyStart);
    if (end === -1) return { blocks, unclosed: true };
    const body = text.slice(bodyStart, end);
    if (body.includes(BEGIN)) return { blocks, unclosed: true }; // a BEGIN inside a block: one of them has no END
    blocks.push({ label, body });
    at = end + `-----END ${label}-----`.length;
  }
}

/** The DER inside the first block with this label whose body is plain base64; throws if there is none. */
export function fromPem(label: PemLabel, text: string): Bytes {
  for (const block of pemBlocks(text).blocks) {
    if (block.label !== label) continue;
    const der = fromBase64(block.body);
    if (der !== undefined) return der;
  }
  throw new Error(`No "${label}" PEM block found`);
}

/** Standard base64 (RFC 4648 §4), with padding. */
export function toBase64(bytes: Uint8Array): string {
  return btoa(latin1(bytes));
}

/** base64url (RFC 4648 §5), without padding, as JOSE and Azure write it. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Base64 with any whitespace between its characters (PEM line breaks, indentation),
 * as bytes; undefined if anything else is in it or it is empty.
 */
export function fromBase64(text: string): Bytes | undefined {
  const base64 = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Each byte as the character with that code (ISO 8859-1), as IA5String and
 * base64 need. In slices, so that no large array is spread into a call.
 */
export function latin1(bytes: Uint8Array): string {
  const SLICE = 4096;
  let text = '';
  for (let at = 0; at < bytes.length; at += SLICE) {
    text += String.fromCharCode.apply(null, Array.from(bytes.subarray(at, at + SLICE)));
  }
  return text;
}
