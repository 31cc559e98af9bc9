/**
 * "How to use it": ready-to-copy settings for the places an issued pair goes,
 * with this pair's file names and kid filled in. Transport: curl and mTLS
 * clients (or, for an LFI, a TLS server); signing: a PS256 JWT header;
 * encryption: an RSA-OAEP-256 JWE header. The API hub's host is not
 * published here: it stays a placeholder the user replaces.
 */

import { ROLES, type RoleId } from './profile';

export type SnippetId = 'curl' | 'nginx' | 'node' | 'python' | 'java' | 'dotnet' | 'openssl' | 'jwt' | 'jwe';

export interface Snippet {
  readonly id: SnippetId;
  readonly code: string;
}

export interface SnippetInput {
  readonly role: RoleId;
  /** The certificate's file name (`….pem`) and the key's (`….key`), as the user has them. */
  readonly certificate: string;
  readonly key: string;
  /** The .p12 the Certificates view exports for the pair. */
  readonly p12: string;
  readonly kid: string;
  /** For server transport: the first DNS name of the certificate. */
  readonly host: string | undefined;
}

/** Where a TPP's mTLS request goes: the LFI's API hub, whose host the directory lists. */
export const API_HUB_HOST = 'API_HUB_HOST';

/**
 * What an LFI's server checks its clients' certificates against: the Trust Framework's root and
 * issuing CA certificates, in one PEM file (nginx will not start `ssl_verify_client on` without it).
 */
export const TRUST_FRAMEWORK_CA_FILE = 'trust-framework-ca.pem';

export function snippetsFor(input: SnippetInput): Snippet[] {
  const { purpose, party } = ROLES[input.role];
  if (purpose === 'signing') return [{ id: 'jwt', code: json({ alg: 'PS256', kid: input.kid, typ: 'JWT' }) }];
  if (purpose === 'encryption') return [{ id: 'jwe', code: json({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: input.kid }) }];
  return party === 'client' ? clientTransport(input) : serverTransport(input);
}

function clientTransport({ certificate, key, p12 }: SnippetInput): Snippet[] {
  const url = `https://${API_HUB_HOST}/open-finance/`;
  return [
    { id: 'curl', code: `curl --cert ${q(certificate)} --key ${q(key)} ${url}` },
    {
      id: 'nginx',
      code: [`proxy_ssl_certificate     ${certificate};`, `proxy_ssl_certificate_key ${key};`, `proxy_pass https://${API_HUB_HOST};`].join('\n'),
    },
    {
      id: 'node',
      code: [
        "const https = require('node:https');",
        "const fs = require('node:fs');",
        `const agent = new https.Agent({ cert: fs.readFileSync(${js(certificate)}), key: fs.readFileSync(${js(key)}) });`,
      ].join('\n'),
    },
    { id: 'python', code: `requests.get(${js(url)}, cert=(${js(certificate)}, ${js(key)}))` },
    { id: 'java', code: `java -Djavax.net.ssl.keyStore=${q(p12)} -Djavax.net.ssl.keyStoreType=PKCS12 -Djavax.net.ssl.keyStorePassword=… -jar app.jar` },
    {
      id: 'dotnet',
      code: [
        `var certificate = new X509Certificate2(${js(p12.replace(/\.p12$/, '.pfx'))}, passphrase);`,
        'var handler = new HttpClientHandler();',
        'handler.ClientCertificates.Add(certificate);',
      ].join('\n'),
    },
  ];
}

function serverTransport({ certificate, key, host }: SnippetInput): Snippet[] {
  return [
    {
      id: 'nginx',
      code: [
        'server {',
        '    listen 443 ssl;',
        `    server_name ${host ?? API_HUB_HOST};`,
        `    ssl_certificate     ${certificate};`,
        `    ssl_certificate_key ${key};`,
        `    ssl_client_certificate ${TRUST_FRAMEWORK_CA_FILE};`,
        '    ssl_verify_client on;',
        '}',
      ].join('\n'),
    },
    {
      id: 'node',
      code: [
        "const https = require('node:https');",
        "const fs = require('node:fs');",
        `const options = { cert: fs.readFileSync(${js(certificate)}), key: fs.readFileSync(${js(key)}), ca: fs.readFileSync(${js(TRUST_FRAMEWORK_CA_FILE)}), requestCert: true };`,
        'https.createServer(options, app).listen(443);',
      ].join('\n'),
    },
    { id: 'openssl', code: `openssl s_client -connect ${host ?? API_HUB_HOST}:443 -servername ${host ?? API_HUB_HOST} -showcerts </dev/null` },
  ];
}

function json(value: object): string {
  return JSON.stringify(value, null, 2);
}

/** A file name for a shell: quoted when it holds anything but the safe alphabet. */
function q(name: string): string {
  return /^[\w.@%+=:,/-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

/** A string literal in JavaScript, Python or C#: JSON's quoting is valid in all three for these names. */
function js(text: string): string {
  return JSON.stringify(text);
}
