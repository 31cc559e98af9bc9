/**
 * The worker: keys, CSRs and the zip are made here, and dropped certificates
 * read and exported, off the page's main thread, so the page stays responsive.
 * It holds all the crypto and zip code (pkijs, asn1js, jszip); the page's own
 * script holds only the UI.
 */

import { artifactFromKeys, type Artifact } from '../lib/artifact';
import { buildBundle, bundleFileName, type Layout } from '../lib/bundle';
import { checkCsr } from '../lib/checklist';
import { AppError } from '../lib/errors';
import { examine, type DroppedFile } from '../lib/examine';
import { exportPkcs12, privateJwk, publicJwk } from '../lib/export';
import { prepareHsmCsr } from '../lib/hsm';
import { shareOutKeys, type KeyMaker } from '../lib/key-makers';
import { keyMakerOverPort } from '../lib/key-port';
import { generateRsaKeyPair } from '../lib/keys';
import { fromPem } from '../lib/pem';
import type { CertificateRequest } from '../lib/request';
import { warmUp } from '../lib/warm-up';
import type { FromWorker, Generated, ToWorker } from './protocol';

const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

/** Whether anything but the warm-up has been asked for. */
let asked = false;

/**
 * Measured in headless Chromium on two cores: a warm-up round takes about 60 ms cold and 15 ms
 * once optimised; after 20, the work that follows a generation's last key takes about 6 ms less.
 * A person filling in the form gives it seconds.
 */
const WARM_UP = { rounds: 20, budgetMs: 600 };

/** Who makes the keys: this worker's WebCrypto, joined by the key frame's once it says it is ready. */
const ownKeyMaker: KeyMaker = () => generateRsaKeyPair(self.crypto);
let keyFrameMaker: Promise<KeyMaker> | undefined;

/**
 * What the user dropped in the Certificates view, and the private keys read from it (PKCS#8 PEM by
 * KeyReference id): held here, never in the page. Replaced by each examination, dropped on Clear.
 */
let dropped: readonly DroppedFile[] = [];
let droppedKeys: ReadonlyMap<string, string> = new Map();
/** Counts examinations and clears: only the newest examination's keys are kept. */
let droppedTurn = 0;

function droppedKey(id: string): string {
  const pem = droppedKeys.get(id);
  if (pem === undefined) {
    throw new AppError('key-not-held', 'The private key you dropped is no longer held (Clear, or the worker restarted). Drop the key and its certificate again, then export.');
  }
  return pem;
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'warm-up') return void warmUp(self.crypto, { ...WARM_UP, stop: () => asked });
  if (message.type === 'key-frame') return void (keyFrameMaker = keyMakerOverPort(message.port));
  if (message.type === 'forget-dropped') return void ((dropped = []), (droppedKeys = new Map()), droppedTurn++);
  asked = true; // the warm-up gives way to the first real request
  try {
    switch (message.type) {
      case 'generate': {
        const result = await generate(message.id, message.requests, message.layout, new Date(message.createdAt));
        return post({ type: 'generated', id: message.id, result }, [result.zip.buffer]);
      }
      case 'examine': {
        const added = new Set(message.files.map((file) => file.name));
        dropped = [...dropped.filter((file) => !added.has(file.name)), ...message.files];
        droppedKeys = new Map(); // the last examination's keys go before the next is read
        const turn = ++droppedTurn;
        const { examination, privateKeys } = await examine(self.crypto, dropped, new Date(message.now));
        if (turn === droppedTurn) droppedKeys = privateKeys;
        return post({ type: 'examined', id: message.id, result: examination });
      }
      case 'export-p12': {
        const { certificatePem, passphrase, friendlyName } = message;
        const p12 = await exportPkcs12(self.crypto, { keyPem: droppedKey(message.keyId), certificatePem, passphrase, friendlyName });
        return post({ type: 'exported', id: message.id, result: p12 }, [p12.buffer]);
      }
      case 'export-jwk': {
        const { which, kid, role } = message;
        const jwk =
          which === 'public'
            ? await publicJwk(self.crypto, { certificatePem: message.certificatePem, kid, role })
            : await privateJwk(self.crypto, { keyPem: droppedKey(message.keyId), kid, role });
        return post({ type: 'exported', id: message.id, result: `${JSON.stringify(jwk, null, 2)}\n` });
      }
      case 'hsm':
        return post({ type: 'hsm-prepared', id: message.id, result: await prepareHsmCsr(self.crypto, message.input) });
    }
  } catch (error) {
    const code = error instanceof AppError ? error.code : undefined;
    post({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error), code });
  }
};

async function generate(id: number, requests: readonly CertificateRequest[], layout: Layout, createdAt: Date): Promise<Generated> {
  const started = performance.now();
  const clock = new KeygenClock();
  const joining = keyFrameMaker ? [keyFrameMaker.then(clock.time)] : [];
  const keysByMaker = [0, ...joining.map(() => 0)];
  const stop = new AbortController();
  // Each maker starts a key the moment its last one is ready, so neither WebCrypto thread waits
  // (the key frame joins even if it is still starting); each CSR is made as its key arrives: only
  // the last CSR and the zip follow the last key.
  const keys = shareOutKeys(requests.length, [clock.time(ownKeyMaker)], {
    joining,
    signal: stop.signal,
    onStart(index, maker) {
      keysByMaker[maker]!++;
      post({ type: 'stage', id, index, stage: 'generating-key' });
    },
  });
  const checks: Promise<void>[] = [];
  try {
    const artifacts = await Promise.all(
      keys.map(async (key, index) => {
        const artifact = await artifactFromKeys(self.crypto, requests[index]!, await key, (stage) => post({ type: 'stage', id, index, stage }));
        checks.push(checkBeforeDownload(artifact));
        post({ type: 'made', id, index, artifact });
        return artifact;
      }),
    );
    // The zip is written while the last signature is verified; it is only handed over if every check passed.
    const [zip] = await Promise.all([buildBundle(artifacts, createdAt, layout), Promise.all(checks)]);
    const timings = { keygenMs: clock.ms, totalMs: performance.now() - started, lastKeyAt: clock.lastKeyAt, keysByMaker };
    return { zip, fileName: bundleFileName(artifacts, layout), timings };
  } finally {
    stop.abort(); // after a failure, start no more keys
  }
}

/** How long at least one key was being made (two makers' keys overlap), and when the last one was ready. */
class KeygenClock {
  ms = 0;
  /** As performance.timeOrigin + performance.now(): the same instant on the page's clock. */
  lastKeyAt = 0;
  #making = 0;
  #since = 0;

  time = <K>(make: KeyMaker<K>): KeyMaker<K> => async () => {
    if (this.#making++ === 0) this.#since = performance.now();
    try {
      return await make();
    } finally {
      if (--this.#making === 0) this.ms += performance.now() - this.#since;
      this.lastKeyAt = performance.timeOrigin + performance.now();
    }
  };
}

/** The last gate: every CSR made passes the same Trust Framework checklist as one brought from elsewhere. */
async function checkBeforeDownload(artifact: Artifact): Promise<void> {
  const checks = await checkCsr(self.crypto, fromPem('CERTIFICATE REQUEST', artifact.csrPem), artifact.request.role);
  const failed = checks.filter((check) => !check.pass);
  if (failed.length > 0) {
    throw new Error(`${artifact.request.csrFileName} failed the Trust Framework checklist: ${failed.map((check) => check.message).join(' ')}`);
  }
}
