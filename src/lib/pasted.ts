/**
 * Text pasted in the Certificates view (a certificate, CSR, key or chain in
 * PEM, or a JWKS), as a file to examine like any dropped one. A JWKS's
 * certificates (each key's first x5c) become one PEM chain; text that is
 * neither goes through as it is, so the examination names what is wrong.
 */

import { toPem, fromBase64 } from './pem';

/** A pasted JWKS of a few keys is a few KiB; larger text is examined as it is, and refused there. */
const MAX_JSON_CHARS = 1024 * 1024;

/** Pasted text with a private key in it: the page never keeps a key, so it must come as a file, straight to the worker. */
export function holdsPrivateKey(text: string): boolean {
  return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text);
}

export function pastedFile(text: string, count: number): { name: string; bytes: Uint8Array } {
  const certificates = text.length <= MAX_JSON_CHARS && text.trimStart().startsWith('{') ? jwksCertificates(text) : undefined;
  if (certificates && certificates.length > 0) return { name: `pasted-${count}.jwks.pem`, bytes: new TextEncoder().encode(certificates.join('')) };
  return { name: `pasted-${count}.pem`, bytes: new TextEncoder().encode(text) };
}

/** RFC 7517 §4.7: x5c is an array of standard-base64 DER certificates, the key's own first. */
function jwksCertificates(text: string): string[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const keys = (json as { keys?: unknown }).keys ?? [json];
  if (!Array.isArray(keys)) return undefined;
  return keys.flatMap((key) => {
    const first = (key as { x5c?: unknown })?.x5c;
    const der = Array.isArray(first) && typeof first[0] === 'string' ? fromBase64(first[0]) : undefined;
    return der ? [toPem('CERTIFICATE', der)] : [];
  });
}
