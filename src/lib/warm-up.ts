/**
 * A rehearsal of a generation's code (CSR, the gate, zip) on a stand-in key,
 * run while the page is idle so that the first real generation does not pay
 * for the JIT: V8 compiles a function on its first call and optimises it only
 * after many. No key is made or used: that would hold up a WebCrypto thread,
 * and there is nothing to protect. The stand-in's public key is a dummy and
 * its signature zeros, which the gate refuses, unseen.
 */

import * as asn1js from 'asn1js';
import { artifactFromKeys } from './artifact';
import { bundleEntries, zipBundle } from './bundle';
import { checkBundle } from './gate';
import { OID } from './oid';
import { CLIENT_ROLES } from './profile';
import type { CertificateRequest } from './request';

export interface WarmUpLimits {
  readonly rounds: number;
  readonly budgetMs: number;
  /** Asked before each round: true once real work has come, which the warm-up gives way to. */
  readonly stop: () => boolean;
}

const UUID = '00000000-0000-4000-8000-000000000000';

const REQUESTS = CLIENT_ROLES.map(
  (role): CertificateRequest => ({
    role,
    subject: { country: 'AE', organization: 'warm-up', organizationalUnit: UUID, commonName: UUID },
    extensions: 'profile',
    dnsNames: [],
    keyFileName: `${role}.key`,
    csrFileName: `${role}.csr`,
  }),
);

const MODULUS = new Uint8Array([0, ...new Array<number>(256).fill(0xff)]);
const rsaEncryption = () => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.rsaEncryption }), new asn1js.Null()] });
const integers = (count: number) => Array.from({ length: count }, () => new asn1js.Integer({ value: 1 }));

/** SubjectPublicKeyInfo of a dummy RSA public key, n = 2^2048 - 1 and e = 65537: the shape of a real one. */
function dummySpki(): Uint8Array<ArrayBuffer> {
  const rsaPublicKey = new asn1js.Sequence({ value: [new asn1js.Integer({ valueHex: MODULUS }), new asn1js.Integer({ value: 65537 })] });
  const spki = new asn1js.Sequence({ value: [rsaEncryption(), new asn1js.BitString({ valueHex: rsaPublicKey.toBER() })] });
  return new Uint8Array(spki.toBER());
}

/** PKCS#8 of the same dummy key (its other numbers 1), for the gate to read; WebCrypto refuses to import it. */
function dummyPkcs8(): Uint8Array<ArrayBuffer> {
  const rsaPrivateKey = new asn1js.Sequence({
    value: [new asn1js.Integer({ value: 0 }), new asn1js.Integer({ valueHex: MODULUS }), new asn1js.Integer({ value: 65537 }), ...integers(6)],
  });
  const info = new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 }), rsaEncryption(), new asn1js.OctetString({ valueHex: rsaPrivateKey.toBER() })] });
  return new Uint8Array(info.toBER());
}

/** Runs rounds of three CSRs, their checklists and a zip until a limit is reached; returns how many ran. */
export async function warmUp(crypto: Crypto, limits: WarmUpLimits): Promise<number> {
  const spki = dummySpki();
  const pkcs8 = dummyPkcs8();
  // Only what artifactFromKeys asks of WebCrypto; the digest is the real one, a cheap call.
  const standIn = {
    subtle: {
      exportKey: async (format: KeyFormat) => (format === 'spki' ? spki : pkcs8).slice().buffer,
      sign: async () => new ArrayBuffer(256),
      digest: (algorithm: AlgorithmIdentifier, data: BufferSource) => crypto.subtle.digest(algorithm, data),
    },
  } as unknown as Crypto;
  const keys = { publicKey: {}, privateKey: {} } as CryptoKeyPair;
  const started = performance.now();
  let rounds = 0;
  while (rounds < limits.rounds && performance.now() - started < limits.budgetMs && !limits.stop()) {
    const artifacts = await Promise.all(REQUESTS.map((request) => artifactFromKeys(standIn, request, keys)));
    const bundle = bundleEntries(artifacts, new Date(0));
    // Refused (the signature is zeros), after every step but the last has run.
    await checkBundle(crypto, bundle).catch(() => undefined);
    await zipBundle(bundle, new Date(0));
    rounds++;
  }
  return rounds;
}
