/**
 * The generator worker: keys, CSRs and the zip are made here, off the page's
 * main thread, so the page stays responsive. It holds all the crypto and zip
 * code (pkijs, asn1js, jszip); the page's own script holds only the UI.
 */

import * as asn1js from 'asn1js';
import { createArtifact, type Artifact } from '../lib/artifact';
import { buildBundle, bundleFileName, type Layout } from '../lib/bundle';
import { encodeRequestInfo, unsignedRequest } from '../lib/csr';
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
  try {
    const artifacts: Artifact[] = [];
    for (const [index, request] of requests.entries()) {
      let keygenStarted = 0;
      const artifact = await createArtifact(self.crypto, request, (stage) => {
        if (stage === 'generating-key') keygenStarted = performance.now();
        if (stage === 'signing') keygenMs += performance.now() - keygenStarted;
        post({ type: 'stage', index, stage });
      });
      artifacts.push(artifact);
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
