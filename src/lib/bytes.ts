/** Bytes as hex and as numbers: the small conversions every reader of DER and signatures needs, written once. */

import type { Bytes } from './pem';

/** Lowercase hex, two digits a byte. */
export function toHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

/** The bytes of an even-length hex string (checked by the caller). */
export function fromHex(text: string): Bytes {
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** A big-endian unsigned integer. */
export function toBigInt(bytes: Uint8Array): bigint {
  const hex = toHex(bytes);
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/** A non-negative integer as big-endian bytes, left-padded with zeros to `length` if it is shorter. */
export function fromBigInt(value: bigint, length = 0): Bytes {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = fromHex(hex);
  if (bytes.length >= length) return bytes;
  const padded = new Uint8Array(length);
  padded.set(bytes, length - bytes.length);
  return padded;
}

export function concat(parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
