/**
 * A throwaway certificate authority in a temp dir, run with the real
 * `openssl` binary (no shell), so the interop tests can turn the app's CSRs
 * into certificates the way the Trust Framework directory does. A missing
 * binary rejects with ENOENT: the tests fail rather than skip.
 */

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQ_CONFIG, makeTempDir, openssl } from './openssl';

export const CA_SUBJECT = '/CN=Test Trust Framework CA';

export interface IssuedCertificate {
  readonly pem: string;
  /** Where the PEM is, for `openssl x509 -in`. */
  readonly file: string;
}

export interface TestCa {
  /** The CA certificate, PEM: what a TLS peer is told to trust. */
  readonly certPem: string;
  /** Signs a CSR as it is: its subject and the extensions it requests go into the certificate. */
  issue(csrPem: string): Promise<IssuedCertificate>;
  /**
   * A key and certificate made by OpenSSL alone for a TLS server at 127.0.0.1
   * (SAN IP:127.0.0.1 and DNS:localhost, serverAuth): the other end of an mTLS
   * test, not something the app makes.
   */
  issueLocalhost(): Promise<{ readonly keyPem: string; readonly certPem: string }>;
  /** Deletes the directory: the CA key and everything issued. */
  remove(): void;
}

export async function createTestCa(): Promise<TestCa> {
  const dir = makeTempDir();
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const caKey = join(dir, 'ca.key');
  const caCert = join(dir, 'ca.pem');
  try {
    // REQ_CONFIG is empty of extensions, so the CA has exactly the two added here.
    // prettier-ignore
    await openssl(
      'req', '-x509', '-config', REQ_CONFIG,
      '-newkey', 'rsa:2048', '-nodes', '-keyout', caKey,
      '-subj', CA_SUBJECT, '-days', '2', '-sha256',
      '-addext', 'basicConstraints=critical,CA:true',
      '-addext', 'keyUsage=critical,keyCertSign',
      '-out', caCert,
    );
  } catch (error) {
    remove();
    throw error;
  }

  let issuedCount = 0;
  // `-CAcreateserial` reads and rewrites ca.srl, so two signings must not overlap.
  let previous: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
    const next = previous.then(job);
    previous = next.catch(() => {});
    return next;
  }

  // `x509 -req -copy_extensions copy` is new in OpenSSL 3.0 (`openssl x509 -help`
  // lists it; before, only `openssl ca` could copy). It copies the CSR's extensionRequest
  // into the certificate, so the key usage the app asks for is what the test
  // certificate carries. A real CA would never copy blindly: a CSR could ask for CA:true.
  function sign(csr: string, out: string, extfile?: string): Promise<IssuedCertificate> {
    return oneAtATime(async () => {
      // prettier-ignore
      await openssl(
        'x509', '-req', '-in', csr,
        '-CA', caCert, '-CAkey', caKey, '-CAcreateserial',
        '-days', '1', '-sha256', '-copy_extensions', 'copy',
        ...(extfile === undefined ? [] : ['-extfile', extfile]),
        '-out', out,
      );
      return { pem: readFileSync(out, 'utf8'), file: out };
    });
  }

  return {
    certPem: readFileSync(caCert, 'utf8'),

    async issue(csrPem) {
      // Numbered names: two CSRs for the same role share the app's file name.
      const stem = join(dir, `issued-${++issuedCount}`);
      writeFileSync(`${stem}.csr`, csrPem);
      return sign(`${stem}.csr`, `${stem}.pem`);
    },

    async issueLocalhost() {
      const sub = join(dir, 'localhost');
      mkdirSync(sub, { recursive: true });
      const key = join(sub, 'server.key');
      const csr = join(sub, 'server.csr');
      const ext = join(sub, 'server.ext');
      // prettier-ignore
      await openssl(
        'req', '-new', '-config', REQ_CONFIG,
        '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
        '-subj', '/CN=localhost', '-out', csr,
      );
      writeFileSync(
        ext,
        [
          'subjectAltName = IP:127.0.0.1, DNS:localhost',
          'keyUsage = critical, digitalSignature, keyEncipherment',
          'extendedKeyUsage = serverAuth',
          '',
        ].join('\n'),
      );
      const issued = await sign(csr, join(sub, 'server.pem'), ext);
      return { keyPem: readFileSync(key, 'utf8'), certPem: issued.pem };
    },

    remove,
  };
}
