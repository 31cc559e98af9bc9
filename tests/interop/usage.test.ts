/**
 * The keys and CSRs the app makes work for what they are for. A throwaway CA
 * issues a certificate for each CSR, as the Trust Framework directory would,
 * and the app's `.key` is then used with it: by Node's TLS for mTLS (client
 * transport) and for a TLS server (server transport), by jose for PS256
 * signing and RSA-OAEP-256 decryption, and OpenSSL reads the key usage the
 * certificates carry.
 */

import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import tls from 'node:tls';
import { CompactEncrypt, CompactSign, compactDecrypt, compactVerify, errors, importPKCS8, importX509 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArtifact, type Artifact } from '../../src/lib/artifact';
import type { RoleId } from '../../src/lib/profile';
import { validateClientForm, validateServerForm, type CertificateRequest, type Validation } from '../../src/lib/request';
import { CLIENT_ID, ORGANISATION_ID, VALID_FORM, nodeCrypto } from '../support/fixtures';
import { createTestCa, type IssuedCertificate, type TestCa } from './ca';
import { openssl } from './openssl';

// Arabic and ASCII in one name: proves the UTF-8 in O survives CSR → certificate → TLS.
const LEGAL_NAME = 'شركة المثال Example Fintech LLC';
const BANK_NAME = 'Example Bank PJSC';
const SERVER_DNS_NAMES = 'api.bank.test\n*.hub.bank.test';

const OID_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const OID_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

/** A connection that neither completes nor fails is given up well inside the 60 s test timeout. */
const TLS_TIMEOUT_MS = 5_000;

// ---------------------------------------------------------------------------
// Keys and certificates

/** An artifact the app made and the certificate the test CA issued for its CSR. */
interface Issued {
  readonly artifact: Artifact;
  readonly cert: IssuedCertificate;
}

function requestFor(validation: Validation, role: RoleId): CertificateRequest {
  if (!validation.ok) throw new Error(validation.errors.map((error) => error.message).join('\n'));
  const request = validation.requests.find((candidate) => candidate.role === role);
  if (!request) throw new Error(`No ${role} request`);
  return request;
}

const clientForm = validateClientForm({ ...VALID_FORM, legalName: LEGAL_NAME });
const serverForm = validateServerForm({
  legalName: BANK_NAME,
  organisationId: ORGANISATION_ID,
  dnsNames: SERVER_DNS_NAMES,
  commonName: '',
  roles: ['server_transport', 'server_encryption'],
  extensions: 'profile',
});

let ca: TestCa | undefined;
/** The CA certificate, PEM. */
let trusted: string;
/** The other end of the mTLS tests: OpenSSL's key and a certificate for 127.0.0.1. */
let localhost: { readonly keyPem: string; readonly certPem: string };
let transport: Issued;
let signing: Issued;
let encryption: Issued;
let serverTransport: Issued;
let serverEncryption: Issued;
/** Same requests, fresh keys: the "different key" of each refusal test. */
let otherTransport: Issued;
let otherEncryption: Issued;

async function makeAndIssue(request: CertificateRequest): Promise<Issued> {
  const artifact = await createArtifact(nodeCrypto, request);
  return { artifact, cert: await ca!.issue(artifact.csrPem) };
}

beforeAll(async () => {
  ca = await createTestCa();
  trusted = ca.certPem;
  localhost = await ca.issueLocalhost();
  [transport, signing, encryption, serverTransport, otherTransport, otherEncryption, serverEncryption] = await Promise.all([
    makeAndIssue(requestFor(clientForm, 'client_transport')),
    makeAndIssue(requestFor(clientForm, 'client_signing')),
    makeAndIssue(requestFor(clientForm, 'client_encryption')),
    makeAndIssue(requestFor(serverForm, 'server_transport')),
    makeAndIssue(requestFor(clientForm, 'client_transport')),
    makeAndIssue(requestFor(clientForm, 'client_encryption')),
    makeAndIssue(requestFor(serverForm, 'server_encryption')),
  ]);
}, 60_000);

afterAll(() => ca?.remove());

// ---------------------------------------------------------------------------
// TLS on 127.0.0.1

interface TestServer {
  readonly server: tls.Server;
  readonly port: number;
  close(): Promise<void>;
}

/** A TLS server on 127.0.0.1 at a free port that answers each client it accepts with `reply(socket)` and closes. */
async function startTlsServer(options: tls.TlsOptions, reply: (socket: tls.TLSSocket) => string): Promise<TestServer> {
  const server = tls.createServer(options, (socket) => socket.end(reply(socket)));
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening', { signal: AbortSignal.timeout(TLS_TIMEOUT_MS) });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Runs `test` against a fresh server and always closes it. */
async function withTlsServer(
  options: tls.TlsOptions,
  reply: (socket: tls.TLSSocket) => string,
  test: (server: TestServer) => Promise<void>,
): Promise<void> {
  const server = await startTlsServer(options, reply);
  try {
    await test(server);
  } finally {
    await server.close();
  }
}

interface Talk {
  /** Everything the server sent before it closed. */
  readonly reply: string;
  /** The server's certificate as the client saw it. */
  readonly peer: tls.PeerCertificate;
}

/**
 * Connects, reads until the server closes, and resolves with what it sent.
 * Rejects with the connection's error: a refused server identity, or a
 * key and certificate that do not match (thrown by tls.connect itself).
 */
function talk(options: tls.ConnectionOptions): Promise<Talk> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', ca: trusted, ...options });
    let reply = '';
    let peer: tls.PeerCertificate | undefined;
    socket.setEncoding('utf8');
    socket.setTimeout(TLS_TIMEOUT_MS, () => socket.destroy(new Error(`No answer in ${TLS_TIMEOUT_MS} ms`)));
    socket.on('secureConnect', () => (peer = socket.getPeerCertificate()));
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.on('error', reject);
    socket.on('close', () => (peer ? resolve({ reply, peer }) : reject(new Error('Closed before the handshake completed'))));
  });
}

/** What the mTLS server saw of the client certificate, sent back to the client as its reply. */
function describeClient(socket: tls.TLSSocket): string {
  const peer = socket.getPeerCertificate();
  return JSON.stringify({ subject: { ...peer.subject }, extKeyUsage: peer.ext_key_usage });
}

/** A server that requires a client certificate from the test CA, as an LFI's API Hub does. */
function mtlsServerOptions(): tls.TlsOptions {
  return { key: localhost.keyPem, cert: localhost.certPem, ca: trusted, requestCert: true, rejectUnauthorized: true };
}

// ---------------------------------------------------------------------------

it('runs OpenSSL 3.0, where `x509 -req -copy_extensions` exists', async () => {
  const { stdout } = await openssl('version');
  expect(stdout).toMatch(/^OpenSSL 3\.0\.\d+ /);
});

describe('key usage the issued certificates carry, as OpenSSL prints it', () => {
  // Non-critical extensions are printed with a space after the colon.
  const CASES: Array<{ name: string; issued: () => Issued; want: string[] }> = [
    {
      name: 'client transport: critical Digital Signature, Key Encipherment; TLS Web Client Authentication',
      issued: () => transport,
      want: [
        'X509v3 Key Usage: critical',
        '    Digital Signature, Key Encipherment',
        'X509v3 Extended Key Usage: ',
        '    TLS Web Client Authentication',
      ],
    },
    {
      name: 'client signing: critical Digital Signature, Non Repudiation; no extended key usage',
      issued: () => signing,
      want: ['X509v3 Key Usage: critical', '    Digital Signature, Non Repudiation'],
    },
    {
      name: 'client encryption: critical Key Encipherment, Data Encipherment (what the Trust Framework CA issues)',
      issued: () => encryption,
      want: ['X509v3 Key Usage: critical', '    Key Encipherment, Data Encipherment'],
    },
    {
      name: 'server encryption: critical Key Encipherment, Data Encipherment',
      issued: () => serverEncryption,
      want: ['X509v3 Key Usage: critical', '    Key Encipherment, Data Encipherment'],
    },
    {
      name: 'server transport: Digital Signature, Key Encipherment; TLS Web Server Authentication; the two DNS names',
      issued: () => serverTransport,
      want: [
        'X509v3 Key Usage: critical',
        '    Digital Signature, Key Encipherment',
        'X509v3 Extended Key Usage: ',
        '    TLS Web Server Authentication',
        'X509v3 Subject Alternative Name: ',
        '    DNS:api.bank.test, DNS:*.hub.bank.test',
      ],
    },
  ];

  for (const { name, issued, want } of CASES) {
    it(name, async () => {
      const { cert } = issued();
      const { stdout } = await openssl('x509', '-in', cert.file, '-noout', '-ext', 'keyUsage,extendedKeyUsage,subjectAltName');
      expect(stdout).toBe([...want, ''].join('\n'));
      const { stdout: issuer } = await openssl('x509', '-in', cert.file, '-noout', '-issuer');
      expect(issuer).toBe('issuer=CN = Test Trust Framework CA\n');
    });
  }
});

describe('client transport: mTLS', () => {
  it('completes the handshake with the .key and its certificate; the server sees the subject and clientAuth', async () => {
    await withTlsServer(mtlsServerOptions(), describeClient, async ({ port }) => {
      const { reply } = await talk({ port, key: transport.artifact.keyPem, cert: transport.cert.pem });
      expect(JSON.parse(reply)).toEqual({
        subject: { C: 'AE', O: LEGAL_NAME, OU: ORGANISATION_ID, CN: CLIENT_ID },
        extKeyUsage: [OID_CLIENT_AUTH],
      });
    });
  });

  it('refuses the .key with a certificate issued for a different key', async () => {
    // The client's own TLS stack stops it before a byte is sent.
    await withTlsServer(mtlsServerOptions(), describeClient, async ({ port }) => {
      await expect(talk({ port, key: transport.artifact.keyPem, cert: otherTransport.cert.pem })).rejects.toMatchObject({
        code: 'ERR_OSSL_X509_KEY_VALUES_MISMATCH',
        message: expect.stringContaining('key values mismatch'),
      });
    });
    expect(() => tls.createSecureContext({ key: transport.artifact.keyPem, cert: otherTransport.cert.pem })).toThrow(
      expect.objectContaining({ code: 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' }),
    );
  });

  // Node's server checks the client certificate once the handshake is done and
  // drops the connection. In TLS 1.3 the client has already finished its side,
  // so it sees only a close with no reply; the server's socket says why.
  const REFUSED: Array<{ name: string; issued: () => Issued; want: string }> = [
    {
      name: 'refuses the encryption certificate as a client certificate (no Digital Signature)',
      issued: () => encryption,
      want: 'INVALID_PURPOSE',
    },
    {
      name: 'refuses the server transport certificate as a client certificate (serverAuth only)',
      issued: () => serverTransport,
      want: 'INVALID_PURPOSE',
    },
  ];
  for (const { name, issued, want } of REFUSED) {
    it(name, async () => {
      const { artifact, cert } = issued();
      await withTlsServer(mtlsServerOptions(), describeClient, async ({ server, port }) => {
        const refused = once(server, 'tlsClientError', { signal: AbortSignal.timeout(TLS_TIMEOUT_MS) });
        const { reply } = await talk({ port, key: artifact.keyPem, cert: cert.pem });
        const [, socket] = (await refused) as [Error, tls.TLSSocket];
        expect(socket.authorizationError).toBe(want);
        expect(socket.authorized).toBe(false);
        expect(reply).toBe('');
      });
    });
  }
});

describe('signing: PS256 JWS', () => {
  const KID = 'kid-from-the-directory-1';
  const PAYLOAD = JSON.stringify({ iss: CLIENT_ID, aud: 'https://auth.bank.test', jti: '1b0c7e3a' });

  async function sign(payload: string): Promise<string> {
    // The key was made for RSASSA-PKCS1-v1_5 (to sign the CSR), but its PKCS#8
    // is a plain rsaEncryption key, so it imports for PS256 too.
    const key = await importPKCS8(signing.artifact.keyPem, 'PS256');
    return new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'PS256', kid: KID }).sign(key);
  }

  it('verifies with the issued certificate: the payload and the protected header', async () => {
    const jws = await sign(PAYLOAD);
    const { payload, protectedHeader } = await compactVerify(jws, await importX509(signing.cert.pem, 'PS256'));
    expect(new TextDecoder().decode(payload)).toBe(PAYLOAD);
    expect(protectedHeader).toEqual({ alg: 'PS256', kid: KID });
  });

  it('fails on a tampered payload with JWSSignatureVerificationFailed', async () => {
    const [header, , signature] = (await sign(PAYLOAD)).split('.');
    const tampered = Buffer.from(PAYLOAD.replace('1b0c7e3a', '00000000')).toString('base64url');
    const verified = compactVerify(`${header}.${tampered}.${signature}`, await importX509(signing.cert.pem, 'PS256'));
    await expect(verified).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
    await expect(verified).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('fails with the certificate of another key (the transport one)', async () => {
    const verified = compactVerify(await sign(PAYLOAD), await importX509(transport.cert.pem, 'PS256'));
    await expect(verified).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
  });
});

describe('encryption: RSA-OAEP-256 JWE', () => {
  const PLAINTEXT = JSON.stringify({ event: 'consent-revoked', consentId: 'c-42', note: 'شكرا' });

  async function encryptToIssuedCertificate(issued = encryption): Promise<string> {
    const publicKey = await importX509(issued.cert.pem, 'RSA-OAEP-256');
    return new CompactEncrypt(new TextEncoder().encode(PLAINTEXT))
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })
      .encrypt(publicKey);
  }

  it('decrypts with the .key', async () => {
    const jwe = await encryptToIssuedCertificate();
    const privateKey = await importPKCS8(encryption.artifact.keyPem, 'RSA-OAEP-256');
    const { plaintext, protectedHeader } = await compactDecrypt(jwe, privateKey);
    expect(new TextDecoder().decode(plaintext)).toBe(PLAINTEXT);
    expect(protectedHeader).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM' });
  });

  it("an LFI's server encryption certificate (no CN): decrypts with its .key", async () => {
    const jwe = await encryptToIssuedCertificate(serverEncryption);
    const { plaintext } = await compactDecrypt(jwe, await importPKCS8(serverEncryption.artifact.keyPem, 'RSA-OAEP-256'));
    expect(new TextDecoder().decode(plaintext)).toBe(PLAINTEXT);
    const { stdout } = await openssl('x509', '-in', serverEncryption.cert.file, '-noout', '-subject');
    expect(stdout).toBe(`subject=C = AE, O = ${BANK_NAME}, OU = ${ORGANISATION_ID}\n`);
  });

  it('does not decrypt with a different key the app made', async () => {
    // jose hides a failed RSA-OAEP unwrap behind a random key (no padding
    // oracle), so the failure surfaces as the AES-GCM decryption failing.
    const jwe = await encryptToIssuedCertificate();
    const decrypted = compactDecrypt(jwe, await importPKCS8(otherEncryption.artifact.keyPem, 'RSA-OAEP-256'));
    await expect(decrypted).rejects.toBeInstanceOf(errors.JWEDecryptionFailed);
    await expect(decrypted).rejects.toMatchObject({ code: 'ERR_JWE_DECRYPTION_FAILED' });
  });
});

describe('server transport: TLS server at the API Hub', () => {
  const serverOptions = (): tls.TlsOptions => ({ key: serverTransport.artifact.keyPem, cert: serverTransport.cert.pem });
  const ALTNAMES = "is not in the cert's altnames: DNS:api.bank.test, DNS:*.hub.bank.test";

  // The client verifies the name with Node's default tls.checkServerIdentity(servername, cert).
  const NAMES: Array<{ name: string; servername: string; refused?: string }> = [
    { name: 'the first DNS name', servername: 'api.bank.test' },
    { name: 'a name under the wildcard', servername: 'x.hub.bank.test' },
    {
      name: 'the wildcard does not cover the name it is under',
      servername: 'hub.bank.test',
      refused: `Host: hub.bank.test. ${ALTNAMES}`,
    },
    {
      name: 'the wildcard covers one label only',
      servername: 'a.x.hub.bank.test',
      refused: `Host: a.x.hub.bank.test. ${ALTNAMES}`,
    },
    { name: 'a name not in the certificate', servername: 'evil.test', refused: `Host: evil.test. ${ALTNAMES}` },
  ];

  for (const { name, servername, refused } of NAMES) {
    it(`${refused ? 'refuses' : 'accepts'} ${servername}: ${name}`, async () => {
      await withTlsServer(serverOptions(), () => 'ok', async ({ port }) => {
        if (refused) {
          await expect(talk({ port, servername })).rejects.toMatchObject({
            code: 'ERR_TLS_CERT_ALTNAME_INVALID',
            reason: refused,
          });
          return;
        }
        const { reply, peer } = await talk({ port, servername });
        expect(reply).toBe('ok');
        expect(tls.checkServerIdentity(servername, peer)).toBeUndefined();
        expect({ ...peer.subject }).toEqual({ C: 'AE', O: BANK_NAME, OU: ORGANISATION_ID });
        expect(peer.ext_key_usage).toEqual([OID_SERVER_AUTH]);
      });
    });
  }

  it('a client refuses the client transport certificate from a server (clientAuth only)', async () => {
    await withTlsServer({ key: transport.artifact.keyPem, cert: transport.cert.pem }, () => 'ok', async ({ port }) => {
      await expect(talk({ port, servername: 'api.bank.test' })).rejects.toMatchObject({ code: 'INVALID_PURPOSE' });
    });
  });
});
