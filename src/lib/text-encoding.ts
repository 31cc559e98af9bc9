/**
 * The text in a file's bytes, and the encoding it was read with. Never a
 * U+FFFD: UTF-8 is read with a fatal decoder; UTF-16 only when a byte-order
 * mark says so; bytes that are not UTF-8 are read as Windows-1252, what Excel
 * writes for "CSV (Comma delimited)", which the user is then asked to confirm.
 */

export type TextEncodingName = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';

export type DecodedText =
  | {
      readonly ok: true;
      readonly text: string;
      readonly encoding: TextEncodingName;
      /** Whether a byte-order mark named the encoding; without one, Windows-1252 is a guess. */
      readonly bom: boolean;
    }
  | {
      readonly ok: false;
      /**
       * `malformed`: a byte-order mark names the encoding, but the bytes after it are not in it.
       * `binary`: a NUL byte, so not text in any of these encodings (a spreadsheet, or UTF-16 without a BOM).
       */
      readonly reason: 'malformed' | 'binary';
      readonly encoding?: TextEncodingName;
      /** For `binary`, the offset of the first NUL byte. */
      readonly offset?: number;
    };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/**
 * Windows-1252's bytes 0x80–0x9F, as the WHATWG Encoding Standard maps them
 * (index-windows-1252; the five holes map to the C1 controls). The other bytes
 * are their own code points. Written out because Node's TextDecoder reads
 * "windows-1252" as ISO-8859-1, which differs in exactly these bytes.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** UTF-8 (BOM or not), UTF-16LE/BE by their BOM, else Windows-1252; or why none fits. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, UTF16LE_BOM)) return decodeUtf16(bytes.subarray(2), 'UTF-16LE');
  if (startsWith(bytes, UTF16BE_BOM)) return decodeUtf16(bytes.subarray(2), 'UTF-16BE');
  const bom = startsWith(bytes, UTF8_BOM);
  const body = bom ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) return { ok: false, reason: 'binary', offset: nul + (bom ? 3 : 0) };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'UTF-8', bom };
  } catch {
    if (bom) return { ok: false, reason: 'malformed', encoding: 'UTF-8' };
  }
  return { ok: true, text: decodeWindows1252(body), encoding: 'Windows-1252', bom: false };
}

export function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    units[i] = byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80]! : byte;
  }
  // Every unit is a BMP code point outside the surrogates, so UTF-16 decoding is exact.
  return new TextDecoder('utf-16le').decode(units);
}

function decodeUtf16(body: Uint8Array, encoding: 'UTF-16LE' | 'UTF-16BE'): DecodedText {
  if (body.length % 2 === 1) return { ok: false, reason: 'malformed', encoding };
  // Big-endian is swapped into little-endian: the one UTF-16 decoder every platform has.
  const little = encoding === 'UTF-16LE' ? body : swapBytes(body);
  for (let i = 0; i < little.length; i += 2) {
    if (little[i] === 0 && little[i + 1] === 0) return { ok: false, reason: 'binary', encoding, offset: 2 + i };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(little), encoding, bom: true };
  } catch {
    return { ok: false, reason: 'malformed', encoding };
  }
}

function swapBytes(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1]!;
    swapped[i + 1] = bytes[i]!;
  }
  return swapped;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}
