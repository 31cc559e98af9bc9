/**
 * The HSM/KMS path with real parts: a SoftHSM2 token driven by OpenSC's
 * pkcs11-tool running the very commands the page shows, the real AWS CLI
 * talking to a KMS stand-in on the loopback address, and OpenSSL emulating
 * Key Vault's and Cloud KMS's signing semantics. Each CSR is checked by
 * OpenSSL: it verifies, its key is the token's, its subject DER is what
 * `openssl req -utf8 -subj` makes for the same name.
 */

import { execFile } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, sign as nodeSign } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleCsr, encodeName, toBeSigned } from '../../src/lib/csr';
import { AppError } from '../../src/lib/errors';
import { renderCommand } from '../../src/lib/render-command';
import { pkcs11Uri, readKeyLocation, renderHsmCommands, type KeyLocation } from '../../src/lib/hsm-commands';
import { toPem } from '../../src/lib/pem';
import { readPublicKey, type RsaPublicKey } from '../../src/lib/hsm-public-key';
import { checkSignature, readSignature } from '../../src/lib/hsm-signature';
import { fileStem } from '../../src/lib/profile';
import type { CertificateRequest } from '../../src/lib/request';
import { CLIENT_ID, ORGANISATION_ID, nodeCrypto } from '../support/fixtures';
import { REQ_CONFIG, TEST_KEY, makeTempDir, openssl } from './openssl';

const run = promisify(execFile);
const LEGAL_NAME = 'شركة المثال / Example FZ-LLC';
const STEM = fileStem(CLIENT_ID, 'client_signing');
const REQUEST: CertificateRequest = {
  role: 'client_signing',
  subject: { country: 'AE', organization: LEGAL_NAME, organizationalUnit: ORGANISATION_ID, commonName: CLIENT_ID },
  extensions: 'profile',
  dnsNames: [],
  keyFileName: `${STEM}.key`,
  csrFileName: `${STEM}.csr`,
};
const SUBJ = `/C=AE/O=${LEGAL_NAME.replace('/', '\\/')}/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}`;

let dir: string;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const unwrap = <T>(value: T | AppError): T => {
  if (value instanceof AppError) throw value;
  return value;
};

/** What the page does after the user pastes a signature: read, verify, assemble; then OpenSSL checks the CSR. */
async function csrFrom(key: RsaPublicKey, tbs: Uint8Array<ArrayBuffer>, signatureInput: string | Uint8Array): Promise<string> {
  const signature = unwrap(readSignature(signatureInput));
  const problem = await checkSignature(nodeCrypto, key, tbs, signature);
  if (problem) throw problem;
  const path = join(dir, `${Math.random().toString(36).slice(2)}.csr`);
  writeFileSync(path, assembleCsr(tbs, signature));
  return path;
}

/** `openssl req -verify` accepts it, and its subject DER equals the one `openssl req -utf8 -subj` writes. */
async function expectExactCsr(csrPath: string, publicKeyDer: Buffer) {
  const { stderr } = await openssl('req', '-in', csrPath, '-inform', 'DER', '-noout', '-verify');
  expect(stderr).toMatch(/verify OK|Certificate request self-signature verify OK/);
  const { stdout: pub } = await openssl('req', '-in', csrPath, '-inform', 'DER', '-noout', '-pubkey');
  expect(createPublicKey(pub).export({ type: 'spki', format: 'der' }).equals(publicKeyDer)).toBe(true);
  const reference = join(dir, 'reference.csr');
  await openssl('req', '-new', '-config', REQ_CONFIG, '-key', TEST_KEY, '-utf8', '-sha256', '-subj', SUBJ, '-outform', 'DER', '-out', reference);
  const subjectOf = async (path: string) =>
    (await openssl('req', '-in', path, '-inform', 'DER', '-noout', '-subject', '-nameopt', 'RFC2253,-esc_msb')).stdout;
  expect(await subjectOf(csrPath)).toBe(await subjectOf(reference));
  expect(Buffer.from(encodeName(REQUEST.subject)).toString('hex')).toBe(await subjectDerHex(reference));
}

async function subjectDerHex(csrPath: string): Promise<string> {
  // CertificationRequestInfo is the first SEQUENCE; its subject the second element after the version.
  const der = readFileSync(csrPath);
  const { stdout } = await openssl('asn1parse', '-in', csrPath, '-inform', 'DER');
  const line = stdout.split('\n').find((each) => /d=2 .* cons: SEQUENCE/.test(each))!;
  const [offset, header, length] = /^\s*(\d+):d=2\s+hl=(\d+)\s+l=\s*(\d+)/.exec(line)!.slice(1).map(Number) as [number, number, number];
  return der.subarray(offset, offset + header + length).toString('hex');
}

describe('a PKCS#11 token (SoftHSM2 + OpenSC), through the commands the page shows', () => {
  const MODULE = '/usr/lib/softhsm/libsofthsm2.so';
  let env: NodeJS.ProcessEnv;
  let location: KeyLocation;

  beforeAll(async () => {
    const tokens = join(dir, 'tokens');
    await run('mkdir', ['-p', tokens]);
    writeFileSync(join(dir, 'softhsm2.conf'), `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
    env = { ...process.env, SOFTHSM2_CONF: join(dir, 'softhsm2.conf') };
    await run('softhsm2-util', ['--init-token', '--free', '--label', 'altareq test', '--pin', '123456', '--so-pin', '12345678'], { env });
    await run('pkcs11-tool', ['--module', MODULE, '--token-label', 'altareq test', '--login', '--pin', '123456', '--keypairgen', '--key-type', 'rsa:2048', '--id', '01', '--label', 'csr'], { env });
    location = unwrap(readKeyLocation({ store: 'pkcs11', key: '01', tokenLabel: 'altareq test', module: MODULE }));
  });

  /** Runs a rendered command in bash, in the folder the user would, with the PIN given as a login would. */
  const bash = (command: string) => run('bash', ['-c', command.replace('--login', '--login --pin 123456')], { cwd: dir, env });

  it('exports the public key, signs the to-be-signed bytes, and the CSR is exact', async () => {
    const placeholder = renderHsmCommands(location, STEM, new Uint8Array(32), 'bash');
    await bash(placeholder.exportPublicKey);
    const publicKeyDer = readFileSync(join(dir, `${STEM}.public-key.der`));
    const key = unwrap(readPublicKey(new Uint8Array(publicKeyDer)));
    expect(Buffer.from(key.spki).equals(publicKeyDer)).toBe(true);

    const tbs = toBeSigned(REQUEST, key.spki);
    writeFileSync(join(dir, `${STEM}.tbs.der`), tbs);
    const commands = renderHsmCommands(location, STEM, createHash('sha256').update(tbs).digest(), 'bash');
    expect(commands.output).toBe('file');
    await bash(commands.sign);
    const csr = await csrFrom(key, tbs, new Uint8Array(readFileSync(join(dir, `${STEM}.sig`))));
    // The subject is checked against OpenSSL's for the same text; the key is the token's, not the fixture's.
    const { stdout: pub } = await openssl('req', '-in', csr, '-inform', 'DER', '-noout', '-pubkey');
    expect(createPublicKey(pub).export({ type: 'spki', format: 'der' }).equals(publicKeyDer)).toBe(true);
    await openssl('req', '-in', csr, '-inform', 'DER', '-noout', '-verify');
    const reference = join(dir, 'reference.csr');
    await openssl('req', '-new', '-config', REQ_CONFIG, '-key', TEST_KEY, '-utf8', '-sha256', '-subj', SUBJ, '-outform', 'DER', '-out', reference);
    expect(await subjectDerHex(csr)).toBe(await subjectDerHex(reference));
  });

  it("OpenSSL's pkcs11 engine, through the alternative command the page shows, makes the very same CSR", async () => {
    const key = unwrap(readPublicKey(new Uint8Array(readFileSync(join(dir, `${STEM}.public-key.der`)))));
    const tbs = toBeSigned(REQUEST, key.spki);
    const signature = unwrap(readSignature(new Uint8Array(readFileSync(join(dir, `${STEM}.sig`)))));
    if (location.store !== 'pkcs11') throw new Error('not a token');
    const command = renderCommand(REQUEST, { uri: pkcs11Uri(location), module: location.module });
    // The PIN, which OpenSSL would ask for, goes into the URI here.
    await run('bash', ['-c', command.replace(';type=private', ';type=private;pin-value=123456')], { cwd: dir, env });
    const der = readFileSync(join(dir, `${STEM}.csr`));
    const { stdout } = await openssl('req', '-in', join(dir, `${STEM}.csr`), '-noout', '-verify', '-text');
    expect(stdout).toContain('Digital Signature, Non Repudiation');
    // PKCS#1 v1.5 is deterministic: same key, same request, same bytes.
    expect(toPem('CERTIFICATE REQUEST', assembleCsr(tbs, signature))).toBe(der.toString('utf8'));
  });

  it('a signature from another key on the token is refused: no CSR', async () => {
    await run('pkcs11-tool', ['--module', MODULE, '--token-label', 'altareq test', '--login', '--pin', '123456', '--keypairgen', '--key-type', 'rsa:2048', '--id', '02', '--label', 'other'], { env });
    const key = unwrap(readPublicKey(new Uint8Array(readFileSync(join(dir, `${STEM}.public-key.der`)))));
    const tbs = toBeSigned(REQUEST, key.spki);
    writeFileSync(join(dir, `${STEM}.tbs.der`), tbs);
    const other = unwrap(readKeyLocation({ store: 'pkcs11', key: '02', tokenLabel: 'altareq test', module: MODULE }));
    await bash(renderHsmCommands(other, STEM, new Uint8Array(32), 'bash').sign);
    const signature = unwrap(readSignature(new Uint8Array(readFileSync(join(dir, `${STEM}.sig`)))));
    expect((await checkSignature(nodeCrypto, key, tbs, signature))?.code).toBe('signature-other-key');
  });
});

describe('the cloud KMSs, by their signing semantics', () => {
  const privateKey = createPrivateKey(readFileSync(TEST_KEY));
  const publicKeyDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const key = unwrap(readPublicKey(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string));
  const tbs = toBeSigned(REQUEST, key.spki);
  const digest = createHash('sha256').update(tbs).digest();

  it('AWS KMS: the real AWS CLI runs the rendered commands against a KMS stand-in on 127.0.0.1', async () => {
    const seen: Array<Record<string, string>> = [];
    // The KMS JSON API (TrentService): RAW mode hashes the message with SHA-256, then signs PKCS#1 v1.5.
    const server: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const input = JSON.parse(body) as Record<string, string>;
        seen.push({ target: String(request.headers['x-amz-target']), ...input });
        const output =
          request.headers['x-amz-target'] === 'TrentService.GetPublicKey'
            ? { KeyId: input.KeyId, PublicKey: publicKeyDer.toString('base64'), KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['RSASSA_PKCS1_V1_5_SHA_256'] }
            : { KeyId: input.KeyId, Signature: nodeSign('sha256', Buffer.from(input.Message!, 'base64'), privateKey).toString('base64'), SigningAlgorithm: input.SigningAlgorithm };
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(output));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      // Debian's aws first: a Python version manager's shim elsewhere on PATH may lack awscli.
      const env = { ...process.env, PATH: `/usr/bin:${process.env.PATH ?? ''}`, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'me-central-1', AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true' };
      const location = unwrap(readKeyLocation({ store: 'aws', key: 'alias/altareq-signing' }));
      const commands = renderHsmCommands(location, STEM, digest, 'bash');
      writeFileSync(join(dir, `${STEM}.tbs.der`), tbs);
      const aws = (command: string) => run('bash', ['-c', `${command} --endpoint-url http://127.0.0.1:${port}`], { cwd: dir, env });

      const printedKey = (await aws(commands.exportPublicKey)).stdout;
      expect(Buffer.from(unwrap(readPublicKey(printedKey)).spki).equals(publicKeyDer)).toBe(true);
      const printedSignature = (await aws(commands.sign)).stdout;
      expect(seen.at(-1)).toMatchObject({ target: 'TrentService.Sign', KeyId: 'alias/altareq-signing', MessageType: 'RAW', SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256', Message: Buffer.from(tbs).toString('base64') });
      await expectExactCsr(await csrFrom(key, tbs, printedSignature), publicKeyDer);
    } finally {
      server.close();
    }
  });

  it("Azure Key Vault: the digest in the rendered request, signed RS256 and returned base64url in Key Vault's JSON", async () => {
    const location = unwrap(readKeyLocation({ store: 'azure', key: 'https://altareq-test.vault.azure.net/keys/signing/0123456789abcdef0123456789abcdef' }));
    const body = /--body '(\{.*\})'/.exec(renderHsmCommands(location, STEM, digest, 'bash').sign)![1]!;
    const request = JSON.parse(body) as { alg: string; value: string };
    expect(request.alg).toBe('RS256');
    expect(Buffer.from(request.value, 'base64url').equals(digest)).toBe(true);
    // Key Vault signs the digest it is given: `openssl pkeyutl -sign -pkeyopt digest:sha256` does the same.
    const digestFile = join(dir, 'digest.bin');
    writeFileSync(digestFile, Buffer.from(request.value, 'base64url'));
    const signatureFile = join(dir, 'azure.sig');
    await openssl('pkeyutl', '-sign', '-inkey', TEST_KEY, '-pkeyopt', 'digest:sha256', '-in', digestFile, '-out', signatureFile);
    const response = JSON.stringify({ kid: location.store === 'azure' ? location.url : '', value: readFileSync(signatureFile).toString('base64url') });
    await expectExactCsr(await csrFrom(key, tbs, response), publicKeyDer);
  });

  it('Google Cloud KMS: gcloud digests the input file and writes the signature file', async () => {
    const location = unwrap(readKeyLocation({ store: 'google', key: 'projects/altareq-test/locations/me-central2/keyRings/altareq/cryptoKeys/signing/cryptoKeyVersions/1' }));
    const commands = renderHsmCommands(location, STEM, digest, 'bash');
    expect(commands.sign).toContain(`--digest-algorithm sha256 --input-file ${STEM}.tbs.der --signature-file ${STEM}.sig`);
    writeFileSync(join(dir, `${STEM}.tbs.der`), tbs);
    // `openssl dgst -sha256 -sign` over the bytes is what asymmetric-sign does with --digest-algorithm sha256.
    await openssl('dgst', '-sha256', '-sign', TEST_KEY, '-out', join(dir, `${STEM}.sig`), join(dir, `${STEM}.tbs.der`));
    const raw = new Uint8Array(readFileSync(join(dir, `${STEM}.sig`)));
    await expectExactCsr(await csrFrom(key, tbs, raw), publicKeyDer);
    // The reference says the file holds base64: read either.
    await expectExactCsr(await csrFrom(key, tbs, new TextEncoder().encode(Buffer.from(raw).toString('base64'))), publicKeyDer);
  });

  it('AWS DIGEST mode over the digest is the same signature; RAW mode over the digest is hashed twice', async () => {
    const digestFile = join(dir, 'digest.bin');
    writeFileSync(digestFile, digest);
    const digestMode = join(dir, 'digest-mode.sig');
    await openssl('pkeyutl', '-sign', '-inkey', TEST_KEY, '-pkeyopt', 'digest:sha256', '-in', digestFile, '-out', digestMode);
    await expectExactCsr(await csrFrom(key, tbs, new Uint8Array(readFileSync(digestMode))), publicKeyDer);
    const rawOverDigest = join(dir, 'raw-over-digest.sig');
    await openssl('dgst', '-sha256', '-sign', TEST_KEY, '-out', rawOverDigest, digestFile);
    const problem = await checkSignature(nodeCrypto, key, tbs, unwrap(readSignature(new Uint8Array(readFileSync(rawOverDigest)))));
    expect(problem?.code).toBe('signature-hashed-twice');
  });
});
