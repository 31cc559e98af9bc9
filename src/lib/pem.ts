/**
 * PEM armour (RFC 7468): base64 in lines of 64 characters, LF line endings,
 * a trailing newline, as OpenSSL writes it.
 */

/** Bytes backed by a plain ArrayBuffer, as WebCrypto takes them. */
export type Bytes = Uint8Array<ArrayBuffer>;

export type PemLabel = 'PRIVATE KEY' | 'CERTIFICATE REQUEST' | 'PUBLIC KEY' | 'CERTIFICATE';

export function toPem(label: PemLabel, der: Uint8Array): string {
  const base64 = toBase64(der);
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The DER inside the first block with this label; throws if there is none. */
export function fromPem(label: PemLabel, text: string): Bytes {
  const pattern = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]*?)-----END ${label}-----`);
  const match = pattern.exec(text);
  if (!match) throw new Error(`No "${label}" PEM block found`);
  return fromBase64(match[1]!.replace(/\s+/g, ''));
}

/** Standard base64 (RFC 4648 §4), with padding. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(base64: string): Bytes {
  const binary = atob(base64);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
