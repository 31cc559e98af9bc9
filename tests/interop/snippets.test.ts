/**
 * The server-transport nginx snippet, run by Debian's nginx as an LFI would
 * paste it: it starts, and an mTLS client with a certificate from the CA in
 * trust-framework-ca.pem is served while a client without one is refused.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snippetsFor, TRUST_FRAMEWORK_CA_FILE } from '../../src/lib/snippets';
import { createTestCa, type TestCa } from './ca';
import { REQ_CONFIG, makeTempDir, openssl } from './openssl';

const CERTIFICATE = 'bank-opf_uae_server_transport.pem';
const KEY = 'bank-opf_uae_server_transport.key';

let ca: TestCa;
let dir: string;
let port: number;
let nginx: ChildProcess | undefined;
let client: { key: string; cert: string };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** GET / over TLS, trusting the test CA, with or without the client's certificate: the status and body. */
function get(withCertificate: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port, path: '/', ca: ca.certPem, ...(withCertificate ? client : {}) };
    const req = request(options, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    req.on('error', reject).end();
  });
}

/** Retries GET until nginx listens (it starts in well under a second). */
async function whenListening(): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await get(true);
      return;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

beforeAll(async () => {
  ca = await createTestCa();
  dir = makeTempDir();
  port = await freePort();
  const server = await ca.issueLocalhost();
  writeFileSync(join(dir, CERTIFICATE), server.certPem);
  writeFileSync(join(dir, KEY), server.keyPem);
  writeFileSync(join(dir, TRUST_FRAMEWORK_CA_FILE), ca.certPem);
  // A TPP's transport certificate, from the same CA.
  // prettier-ignore
  await openssl('req', '-new', '-config', REQ_CONFIG, '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'tpp.key'),
    '-subj', '/CN=tpp', '-addext', 'extendedKeyUsage=clientAuth', '-out', join(dir, 'tpp.csr'));
  client = { key: readFileSync(join(dir, 'tpp.key'), 'utf8'), cert: (await ca.issue(readFileSync(join(dir, 'tpp.csr'), 'utf8'))).pem };

  const [snippet] = snippetsFor({ role: 'server_transport', certificate: CERTIFICATE, key: KEY, p12: '', kid: '', host: 'localhost' });
  expect(snippet!.id).toBe('nginx');
  const listen = '    listen 443 ssl;';
  expect(snippet!.code).toContain(listen);
  // One process, as the user running the test; every path inside the folder (relative ones are read from it).
  const config = [
    'daemon off;',
    'master_process off;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')};`,
    'events {}',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${join(dir, name)};`),
    snippet!.code.replace(listen, `    listen 127.0.0.1:${port} ssl;`).replace('}', `    root ${join(dir, 'html')};\n}`),
    '}',
    '',
  ].join('\n');
  mkdirSync(join(dir, 'html'));
  writeFileSync(join(dir, 'html', 'index.html'), 'served\n');
  writeFileSync(join(dir, 'nginx.conf'), config);
  nginx = spawn('nginx', ['-p', `${dir}/`, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  await whenListening();
}, 60_000);

afterAll(() => {
  nginx?.kill();
  ca?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the nginx server-transport snippet', () => {
  it('serves a client whose certificate the Trust Framework CA issued', async () => {
    expect(await get(true)).toEqual({ status: 200, body: 'served\n' });
  });

  it('refuses a client with no certificate', async () => {
    const { status, body } = await get(false);
    expect(status).toBe(400);
    expect(body).toContain('No required SSL certificate was sent');
  });
});
