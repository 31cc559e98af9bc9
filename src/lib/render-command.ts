/**
 * A request rendered as the OpenSSL command that makes an equivalent key and
 * CSR: what a user can run, or compare with what they ran.
 */

import { isAscii } from './names';
import { ROLES } from './profile';
import type { CertificateRequest } from './request';
import { toSubjArgument } from './subject';

/**
 * The bash command that makes an equivalent key and CSR, one option per line;
 * with `existingKey`, the CSR alone, signed by that key in its token.
 * `-utf8` is added when a value is not ASCII: without it OpenSSL reads the
 * subject as Latin-1 and double-encodes the name.
 */
export function renderCommand(request: CertificateRequest, existingKey?: EngineKey): string {
  const role = ROLES[request.role];
  const utf8 = isAscii(toSubjArgument(request.subject)) ? '' : ' -utf8';
  const lines = existingKey
    ? [
        `PKCS11_MODULE_PATH=${quoteForBash(existingKey.module)} openssl req -new -engine pkcs11 -keyform engine -key ${quoteForBash(existingKey.uri)} -sha256${utf8}`,
        `-out ${quoteForBash(request.csrFileName)}`,
      ]
    : [`openssl req -new -newkey rsa:2048 -nodes -sha256${utf8}`, `-out ${quoteForBash(request.csrFileName)} -keyout ${quoteForBash(request.keyFileName)}`];
  lines.push(`-subj ${quoteForBash(toSubjArgument(request.subject))}`);
  if (request.extensions === 'profile') {
    lines.push(`-addext ${quoteForBash(`keyUsage=critical,${role.keyUsage.join(',')}`)}`);
    if (role.extendedKeyUsage.length > 0) lines.push(`-addext ${quoteForBash(`extendedKeyUsage=${role.extendedKeyUsage.join(',')}`)}`);
  }
  if (request.dnsNames.length > 0) {
    lines.push(`-addext ${quoteForBash(`subjectAltName=${request.dnsNames.map((name) => `DNS:${name}`).join(',')}`)}`);
  }
  return lines.join(' \\\n  ');
}

/** A key already in a PKCS#11 token, signed with through OpenSSL's pkcs11 engine (libp11): its RFC 7512 URI and the module. */
export interface EngineKey {
  readonly uri: string;
  readonly module: string;
}

/** Single quotes unless the word is plainly safe; a `'` inside becomes `'\''`. */
function quoteForBash(word: string): string {
  if (/^[A-Za-z0-9._:=,\/+-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

