import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PFX } from 'pkijs';
import { MAX_MAC_ITERATIONS, isPkcs12, readPkcs12 } from '../../src/lib/pkcs12-read';
import { fromPem } from '../../src/lib/pem';
import { FIXTURES, nodeCrypto, readFixture } from '../support/fixtures';

// Made by tests/fixtures/make-trust-framework.sh with `openssl pkcs12 -export`: the signing key, its certificate and the chain.
const PASSPHRASE = 'correct horse battery staple';
const p12 = (name: string) => new Uint8Array(readFileSync(`${FIXTURES}trust-framework/${name}`));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('readPkcs12', () => {
  it('opens OpenSSL 3\'s PBES2 .p12: the PKCS#8 key OpenSSL reads from it, the certificate and the two CAs', async () => {
    const contents = await readPkcs12(nodeCrypto, p12('sandbox-client_signing-pbes2.p12'), PASSPHRASE, 'a.p12');
    // The same PKCS#8 as the key file OpenSSL wrote, and as `openssl pkcs12 -nocerts -nodes` prints it.
    const printed = execFileSync('openssl', ['pkcs12', '-in', `${FIXTURES}trust-framework/sandbox-client_signing-pbes2.p12`, '-nocerts', '-nodes', '-passin', `pass:${PASSPHRASE}`], { encoding: 'utf8' });
    const want = hex(fromPem('PRIVATE KEY', readFixture('trust-framework/sandbox-client_signing.key')));
    expect([contents.keys.map(hex), hex(fromPem('PRIVATE KEY', printed.slice(printed.indexOf('-----BEGIN'))))]).toEqual([[want], want]);
    expect(contents.certificates.map(hex)).toEqual(
      ['sandbox-client_signing.pem', 'sandbox-issuing-ca.pem', 'sandbox-root-ca.pem'].map((name) => hex(fromPem('CERTIFICATE', readFixture(`trust-framework/${name}`)))),
    );
  }, 30_000);

  it('a wrong passphrase: p12-passphrase-wrong, naming the file', async () => {
    await expect(readPkcs12(nodeCrypto, p12('sandbox-client_signing-pbes2.p12'), 'wrong passphrase', 'a.p12')).rejects.toMatchObject({
      code: 'p12-passphrase-wrong',
      message: expect.stringContaining('"a.p12"'),
    });
  });

  it('the legacy 3DES scheme: refused by name, with the OpenSSL command that converts it', async () => {
    await expect(readPkcs12(nodeCrypto, p12('sandbox-client_signing-legacy.p12'), PASSPHRASE, 'old.p12')).rejects.toMatchObject({
      code: 'p12-encryption-unsupported',
      params: { value: '1.2.840.113549.1.12.1.3' },
      message: expect.stringContaining('openssl pkcs12 -in "old.p12" -nodes | openssl pkcs12 -export -out converted.p12'),
    });
  });

  it('a file asking for more MAC rounds than the cap is refused before any is run', async () => {
    const der = p12('sandbox-client_signing-pbes2.p12');
    const pfx = PFX.fromBER(der);
    pfx.macData!.iterations = MAX_MAC_ITERATIONS + 1;
    const started = performance.now();
    await expect(readPkcs12(nodeCrypto, new Uint8Array(pfx.toSchema().toBER()), PASSPHRASE, 'slow.p12')).rejects.toMatchObject({
      code: 'file-unsupported',
      message: '"slow.p12" asks for 1,000,001 key-derivation rounds; this tool reads .p12 files of at most 1,000,000. Export it again with fewer (OpenSSL: -iter).',
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('isPkcs12 tells a .p12 from a certificate', () => {
    expect([isPkcs12(p12('sandbox-client_signing-pbes2.p12')), isPkcs12(fromPem('CERTIFICATE', readFixture('trust-framework/sandbox-root-ca.pem')))]).toEqual([true, false]);
  });
});
