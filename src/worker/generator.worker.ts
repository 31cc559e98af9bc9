/**
 * The generator worker: keys, CSRs and the zip are made here, off the page's
 * main thread, so the page stays responsive. It holds all the crypto and zip
 * code (pkijs, asn1js, jszip); the page's own script holds only the UI.
 */

import * as asn1js from 'asn1js';
import { artifactFromKeys, type Artifact } from '../lib/artifact';
import { buildBundle, bundleFileName, type Layout } from '../lib/bundle';
import { encodeRequestInfo, unsignedRequest } from '../lib/csr';
import { generateRsaKeyPair } from '../lib/keys';
import { OID } from '../lib/oid';
import type { CertificateRequest } from '../lib/request';
import type { FromWorker, ToWorker } from './protocol';

const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'warm-up') await warmUp();
  else await generate(message.requests, message.layout, new Date(message.createdAt));
};

async function generate(requests: readonly CertificateRequest[], layout: Layout, createdAt: Date): Promise<void> {
  const started = performance.now();
  let keygenMs = 0;
  const generateKey = (index: number): Promise<CryptoKeyPair> => {
    post({ type: 'stage', index, stage: 'generating-key' });
    const keygenStarted = performance.now();
    return generateRsaKeyPair(self.crypto).then((keys) => {
      keygenMs += performance.now() - keygenStarted;
      return keys;
    });
  };
  try {
    const artifacts: Artifact[] = [];
    // A pipeline: the next key is asked for before this one's CSR is signed, so the
    // browser's WebCrypto thread never waits on us, and only the last CSR follows the last key.
    let nextKeys = requests.length > 0 ? generateKey(0) : undefined;
    for (const [index, request] of requests.entries()) {
      const keys = await nextKeys!;
      nextKeys = index + 1 < requests.length ? generateKey(index + 1) : undefined;
      artifacts.push(await artifactFromKeys(self.crypto, request, keys, (stage) => post({ type: 'stage', index, stage })));
    }
    const zip = await buildBundle(artifacts, createdAt, layout);
    const timings = { keygenMs, totalMs: performance.now() - started };
    post({ type: 'done', artifacts, zip, fileName: bundleFileName(artifacts, layout), timings }, [zip.buffer]);
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Runs the CSR encoding and zip code once, on throwaway data and with no key
 * (a key would hold up the browser's one WebCrypto thread), so the first real
 * generation does not pay for the JIT.
 */
async function warmUp(): Promise<void> {
  // SubjectPublicKeyInfo of a dummy RSA public key {n: 1, e: 65537}: structure only.
  const spki = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.rsaEncryption }), new asn1js.Null()] }),
      new asn1js.BitString({
        valueHex: new asn1js.Sequence({ value: [new asn1js.Integer({ value: 1 }), new asn1js.Integer({ value: 65537 })] }).toBER(),
      }),
    ],
  });
  const request: CertificateRequest = {
    role: 'client_transport',
    subject: { country: 'AE', organization: 'warm-up', organizationalUnit: 'warm-up', commonName: 'warm-up' },
    extensions: 'profile',
    dnsNames: [],
    keyFileName: 'warm-up.key',
    csrFileName: 'warm-up.csr',
  };
  encodeRequestInfo(unsignedRequest(request, new Uint8Array(spki.toBER())));
  const artifact: Artifact = { request, keyPem: 'warm-up', csrPem: 'warm-up', subject: 'warm-up', publicKeyFingerprint: '00' };
  await buildBundle([artifact], new Date(0));
}
