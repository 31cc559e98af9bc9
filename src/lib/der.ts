/** Decoding DER into pkijs types, strictly: the whole input, one value, nothing after it. */

import * as asn1js from 'asn1js';
import type { Bytes } from './pem';

type Decodable<T> = new (parameters: { schema: unknown }) => T;

/** The DER decoded as `Type`, or undefined if it is not one or has bytes after it. */
export function decode<T>(Type: Decodable<T>, der: Bytes): T | undefined {
  try {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset !== der.byteLength) return undefined; // -1 when it is not BER at all
    return new Type({ schema: asn1.result });
  } catch {
    return undefined;
  }
}

/** For DER that has already been read as this type (a FileItem of its kind): anything else is a bug. */
export function decodeOrThrow<T>(Type: Decodable<T>, der: Bytes, what: string): T {
  const decoded = decode(Type, der);
  if (decoded === undefined) throw new Error(`Not a DER ${what}`);
  return decoded;
}
