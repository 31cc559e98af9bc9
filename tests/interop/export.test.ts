/**
 * What the export makes, read by the tools that will use it. A throwaway CA
 * issues a certificate for a key and CSR the app made; the app's .p12 is then
 * opened by OpenSSL and Java's keytool, and its JWKs by jose. Both must be
 * installed (.ci/run installs openssl and default-jre-headless): nothing is skipped.
 */

import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CompactEncrypt, CompactSign, compactDecrypt, compactVerify, importJWK, importPKCS8, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArtifact, type Artifact } from '../../src/lib/artifact';
import { privateJwk, publicJwk } from '../../src/lib/jwk';
import { exportPkcs12 } from '../../src/lib/pkcs12';
import type { RoleId } from '../../src/lib/profile';
import { validateClientForm } from '../../src/lib/request';
import { VALID_FORM, nodeCrypto } from '../support/fixtures';
import { createTestCa, type IssuedCertificate, type TestCa } from './ca';
import { makeTempDir, openssl } from './openssl';

// Printable ASCII with the characters a shell or a quoting bug would trip on.
const PASSPHRASE = `p12 "pass" 'phrase' \\ $HOME & ~!`;
const KID = 'kid-from-the-directory-1';

interface Exported {
  readonly artifact: Artifact;
  readonly cert: IssuedCertificate;
  readonly friendlyName: string;
  /** Where the .p12 and the original .key are. */
  readonly p12: string;
  readonly key: string;
}

let ca: TestCa | undefined;
let dir: string | undefined;
let signing: Exported;
let encryption: Exported;

async function makeAndExport(role: RoleId): Promise<Exported> {
  const validation = validateClientForm(VALID_FORM);
  if (!validation.ok) throw new Error(validation.errors.map((error) => error.message).join('\n'));
  const request = validation.requests.find((candidate) => candidate.role === role)!;
  const artifact = await createArtifact(nodeCrypto, request);
  const cert = await ca!.issue(artifact.csrPem);
  const friendlyName = request.keyFileName.replace(/\.key$/, '');
  const p12 = join(dir!, `${friendlyName}.p12`);
  const key = join(dir!, request.keyFileName);
  const bytes = await exportPkcs12(nodeCrypto, {
    keyPem: artifact.keyPem,
    certificatePem: cert.pem,
    chainPems: [ca!.certPem],
    passphrase: PASSPHRASE,
    friendlyName,
  });
  writeFileSync(p12, bytes);
  writeFileSync(key, artifact.keyPem);
  return { artifact, cert, friendlyName, p12, key };
}

beforeAll(async () => {
  ca = await createTestCa();
  dir = makeTempDir();
  [signing, encryption] = await Promise.all([makeAndExport('client_signing'), makeAndExport('client_encryption')]);
}, 60_000);

afterAll(() => {
  ca?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `openssl x509 -fingerprint` digits, `AB:CD:…`, as lowercase hex. */
async function fingerprint(file: string, digest: 'sha1' | 'sha256'): Promise<string> {
  const { stdout } = await openssl('x509', '-in', file, '-noout', '-fingerprint', `-${digest}`);
  return /Fingerprint=([0-9A-F:]+)/.exec(stdout)![1]!.replace(/:/g, '').toLowerCase();
}

describe('PKCS#12, read by OpenSSL', () => {
  it('reports MAC sha256 and PBES2, PBKDF2, AES-256-CBC, all with 600,000 iterations: the MAC is no cheaper to guess against', async () => {
    const { stderr } = await openssl('pkcs12', '-info', '-nokeys', '-noout', '-in', signing.p12, '-passin', `pass:${PASSPHRASE}`);
    expect(stderr).toBe(
      [
        'MAC: sha256, Iteration 600000',
        'MAC length: 32, salt length: 16',
        'PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256',
        'Certificate bag',
        'Certificate bag',
        'PKCS7 Data',
        'Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256',
        '',
      ].join('\n'),
    );
  });

  it('gives back the certificate, then the CA, with friendlyName and the SHA-1 localKeyID on the first', async () => {
    const { stdout } = await openssl('pkcs12', '-nokeys', '-in', signing.p12, '-passin', `pass:${PASSPHRASE}`);
    const sha1 = (await fingerprint(signing.cert.file, 'sha1')).toUpperCase().match(/../g)!.join(' ');
    const [first, second] = stdout.split('Bag Attributes').slice(1);
    expect(first).toBe(
      [
        '',
        `    localKeyID: ${sha1} `,
        `    friendlyName: ${signing.friendlyName}`,
        `subject=C = AE, O = Example Fintech LLC, OU = ${VALID_FORM.organisationId}, CN = ${VALID_FORM.clientId}`,
        'issuer=CN = Test Trust Framework CA',
        signing.cert.pem,
      ].join('\n'),
    );
    expect(second).toBe([': <No Attributes>', 'subject=CN = Test Trust Framework CA', 'issuer=CN = Test Trust Framework CA', ca!.certPem].join('\n'));
  });

  it('gives back the key: its modulus equals the original .key', async () => {
    const { stdout: pem } = await openssl('pkcs12', '-nocerts', '-nodes', '-in', signing.p12, '-passin', `pass:${PASSPHRASE}`);
    const extracted = join(dir!, 'extracted.key');
    writeFileSync(extracted, pem);
    const { stdout: got } = await openssl('rsa', '-noout', '-modulus', '-in', extracted);
    const { stdout: want } = await openssl('rsa', '-noout', '-modulus', '-in', signing.key);
    expect(got).toMatch(/^Modulus=[0-9A-F]{512}\n$/);
    expect(got).toBe(want);
  });

  it('fails a wrong passphrase at the MAC', async () => {
    await expect(openssl('pkcs12', '-info', '-noout', '-in', signing.p12, '-passin', 'pass:wrong')).rejects.toMatchObject({
      stderr: expect.stringContaining('Mac verify error: invalid password?'),
    });
  });
});

describe('PKCS#12, read by Java keytool', () => {
  it('lists one PrivateKeyEntry, named by friendlyName, with a chain of 2', async () => {
    const { stdout } = await promisify(execFile)(
      'keytool',
      ['-list', '-v', '-storetype', 'PKCS12', '-keystore', signing.p12, '-storepass', PASSPHRASE],
      { encoding: 'utf8' },
    );
    expect(stdout).toContain('Your keystore contains 1 entry\n');
    expect(stdout).toContain(`Alias name: ${signing.friendlyName.toLowerCase()}\n`);
    expect(stdout).toContain('Entry type: PrivateKeyEntry\n');
    expect(stdout).toContain('Certificate chain length: 2\n');
  });
});

describe('JWK, read by jose', () => {
  const PAYLOAD = new TextEncoder().encode(JSON.stringify({ iss: VALID_FORM.clientId, jti: '1b0c7e3a' }));

  it("x5t#S256 is OpenSSL's SHA-256 fingerprint of the certificate, base64url", async () => {
    const jwk = await publicJwk(nodeCrypto, { certificatePem: signing.cert.pem, kid: KID, role: 'client_signing' });
    expect(Buffer.from(jwk['x5t#S256'], 'base64url').toString('hex')).toBe(await fingerprint(signing.cert.file, 'sha256'));
  });

  it('the public JWK verifies a PS256 JWS made with the .key', async () => {
    const jwk = await publicJwk(nodeCrypto, { certificatePem: signing.cert.pem, kid: KID, role: 'client_signing' });
    const key = await importPKCS8(signing.artifact.keyPem, 'PS256');
    const jws = await new CompactSign(PAYLOAD).setProtectedHeader({ alg: 'PS256', kid: jwk.kid }).sign(key);
    const { payload, protectedHeader } = await compactVerify(jws, await importJWK(jwk as JWK, 'PS256'));
    expect(payload).toEqual(PAYLOAD);
    expect(protectedHeader).toEqual({ alg: 'PS256', kid: KID });
  });

  it('the private JWK signs what the public JWK verifies', async () => {
    const privateKey = await importJWK((await privateJwk(nodeCrypto, { keyPem: signing.artifact.keyPem, kid: KID, role: 'client_signing' })) as JWK);
    const publicKey = await importJWK((await publicJwk(nodeCrypto, { certificatePem: signing.cert.pem, kid: KID, role: 'client_signing' })) as JWK);
    const jws = await new CompactSign(PAYLOAD).setProtectedHeader({ alg: 'PS256', kid: KID }).sign(privateKey);
    expect((await compactVerify(jws, publicKey)).payload).toEqual(PAYLOAD);
  });

  it('the encryption public JWK encrypts an RSA-OAEP-256 JWE that the private JWK decrypts', async () => {
    const role = 'client_encryption';
    const publicKey = await importJWK((await publicJwk(nodeCrypto, { certificatePem: encryption.cert.pem, kid: KID, role })) as JWK);
    const privateKey = await importJWK((await privateJwk(nodeCrypto, { keyPem: encryption.artifact.keyPem, kid: KID, role })) as JWK);
    const jwe = await new CompactEncrypt(PAYLOAD).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: KID }).encrypt(publicKey);
    expect((await compactDecrypt(jwe, privateKey)).plaintext).toEqual(PAYLOAD);
  });
});
