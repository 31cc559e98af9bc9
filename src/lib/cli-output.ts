/**
 * What users bring back from a command-line tool: printed text or a binary
 * file, base64 in either alphabet, or JSON. Shared by the readers of public
 * keys and of signatures; nothing here throws.
 */

import type { Bytes } from './pem';

/** Bytes that are printable ASCII text (PEM, base64, JSON) as a string; binary as undefined. */
export function asText(input: Uint8Array): string | undefined {
  // A UTF-8 byte-order mark, as Windows editors save text.
  const bytes = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
  for (const byte of bytes) {
    if (byte > 0x7e || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d)) return undefined;
  }
  return new TextDecoder().decode(bytes);
}

/** Standard or URL-safe base64, with or without padding and line breaks; undefined if it is neither. */
export function decodeBase64(text: string): Bytes | undefined {
  const compact = text.replace(/[\s]+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return undefined;
  if (/[+/]/.test(compact) && /[-_]/.test(compact)) return undefined;
  const standard = compact.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length % 4 === 1) return undefined;
  try {
    const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** The JSON object a CLI printed, or why it is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | 'invalid' | 'not-an-object' {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'invalid';
  }
  return isObject(value) ? value : 'not-an-object';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
