/**
 * The worker: keys, CSRs and the zip are made here, and dropped certificates
 * read and exported, off the page's main thread, so the page stays responsive.
 * It holds all the crypto and zip code (pkijs, asn1js, jszip); the page's own
 * script holds only the UI.
 */

import { artifactFromKeys, publicPart } from '../lib/artifact';
import { bundleEntries, bundleFileName, bundlePair, zipBundle, type Layout } from '../lib/bundle';
import { AppError } from '../lib/errors';
import { examine, type DroppedFile } from '../lib/examine';
import { privateJwk, publicJwk } from '../lib/jwk';
import { exportPkcs12 } from '../lib/pkcs12';
import { buildJwks } from '../lib/jwks';
import { prepareHsmCsr } from '../lib/hsm';
import { PairChecks, checkBundle } from '../lib/gate';
import { shareOutKeys, withTimeout, type KeyMaker } from '../lib/key-makers';
import { keyMakerOverPort } from '../lib/key-port';
import { keysAtOnce } from '../lib/keys-at-once';
import { generateRsaKeyPair } from '../lib/keys';
import type { CertificateRequest } from '../lib/request';
import { warmUp } from '../lib/warm-up';
import type { FromWorker, Generated, ToWorker } from './protocol';

const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

/** Whether real work (anything but the warm-up) has arrived: the warm-up then stops. */
let realWorkArrived = false;

/**
 * Measured in headless Chromium on two cores: a warm-up round takes about 60 ms cold and 15 ms
 * once optimised; after 20, the work that follows a generation's last key takes about 6 ms less.
 * A person filling in the form gives it seconds.
 */
const WARM_UP = { rounds: 20, budgetMs: 600 };

/**
 * How long the key frame may take over one key before its key goes to the worker's own maker,
 * and the frame is asked no more: a key takes it well under a second, even on a busy machine.
 */
const KEY_FRAME_TIMEOUT_MS = 5000;

/** Who makes the keys: this worker's WebCrypto, joined by the key frame's once it says it is ready. */
const ownKeyMaker: KeyMaker = () => generateRsaKeyPair(self.crypto);
let keyFrameMaker: Promise<KeyMaker> | undefined;
/**
 * How many keys each maker is asked for at once: 1 (the next when the last is ready, fastest where
 * WebCrypto makes keys one at a time) until the probe, run at start-up, finds that it makes them in parallel.
 */
let atOnce = 1;

/**
 * What the user dropped in the Certificates view, and the private keys read from it (PKCS#8 PEM by
 * KeyReference id): held here, never in the page. Replaced by each examination, dropped on Clear.
 */
let dropped: readonly DroppedFile[] = [];
let droppedKeys: ReadonlyMap<string, string> = new Map();
/** The passphrases of dropped .p12 files, by file name: kept here with the files, dropped with them. */
const p12Passphrases = new Map<string, string>();
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
  if (message.type === 'warm-up') {
    // The probe first: its few small keys are made before a person can have filled in the form.
    void keysAtOnce(self.crypto, navigator.hardwareConcurrency).then((answer) => (atOnce = answer));
    return void warmUp(self.crypto, { ...WARM_UP, stop: () => realWorkArrived });
  }
  if (message.type === 'key-frame') {
    keyFrameMaker = keyMakerOverPort<CryptoKeyPair>(message.port).then((maker) => withTimeout(maker, KEY_FRAME_TIMEOUT_MS, 'the key frame'));
    return;
  }
  if (message.type === 'forget-dropped') return void ((dropped = []), (droppedKeys = new Map()), p12Passphrases.clear(), droppedTurn++);
  realWorkArrived = true; // the warm-up gives way to the first real request
  try {
    switch (message.type) {
      case 'generate': {
        // The zip crosses as a Blob: the page links to it and never holds its bytes, or the keys in them.
        return post({ type: 'generated', id: message.id, result: await generate(message.id, message.requests, message.layout, new Date(message.createdAt)) });
      }
      case 'examine': {
        const added = new Set(message.files.map((file) => file.name));
        const removed = new Set(message.removed ?? []);
        for (const name of [...removed, ...added]) p12Passphrases.delete(name);
        dropped = [...dropped.filter((file) => !added.has(file.name) && !removed.has(file.name)), ...message.files];
        droppedKeys = new Map(); // the last examination's keys go before the next is read
        const turn = ++droppedTurn;
        const { examination, privateKeys } = await examine(self.crypto, dropped, new Date(message.now), p12Passphrases);
        if (turn === droppedTurn) droppedKeys = privateKeys;
        return post({ type: 'examined', id: message.id, result: examination });
      }
      case 'open-p12': {
        p12Passphrases.set(message.fileName, message.passphrase);
        const turn = ++droppedTurn;
        const { examination, privateKeys } = await examine(self.crypto, dropped, new Date(message.now), p12Passphrases);
        if (turn === droppedTurn) droppedKeys = privateKeys;
        return post({ type: 'examined', id: message.id, result: examination });
      }
      case 'export-p12': {
        const { certificatePem, passphrase, friendlyName, chainPems } = message;
        const p12 = await exportPkcs12(self.crypto, { keyPem: droppedKey(message.keyId), certificatePem, passphrase, friendlyName, chainPems });
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
      case 'export-jwks': {
        const jwks = await buildJwks(self.crypto, message.certificates, { includeTransport: message.includeTransport });
        return post({ type: 'exported', id: message.id, result: `${JSON.stringify(jwks, null, 2)}\n` });
      }
      case 'hsm':
        return post({ type: 'hsm-prepared', id: message.id, result: await prepareHsmCsr(self.crypto, message.input) });
    }
  } catch (error) {
    const { code, params } = error instanceof AppError ? error : { code: undefined, params: undefined };
    post({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error), code, params });
  }
};

async function generate(id: number, requests: readonly CertificateRequest[], layout: Layout, createdAt: Date): Promise<Generated> {
  const started = performance.now();
  const clock = new KeygenClock();
  const keysByMaker = [0, ...(keyFrameMaker ? [0] : [])];
  /** A maker whose keys are counted as they arrive (not as they start: a key frame that stops answering makes none). */
  const counted =
    (maker: number) =>
    (make: KeyMaker): KeyMaker =>
    async () => {
      const key = await make();
      keysByMaker[maker]!++;
      return key;
    };
  const joining = keyFrameMaker ? [keyFrameMaker.then((make) => counted(1)(clock.time(make)))] : [];
  const stop = new AbortController();
  // Each maker starts a key the moment its last one is ready (or keeps atOnce under way, where
  // WebCrypto makes them in parallel), so no WebCrypto thread waits (the key frame joins even if it
  // is still starting); each CSR is made as its key arrives: only the last CSR and the zip follow the last key.
  const keys = shareOutKeys(requests.length, [counted(0)(clock.time(ownKeyMaker))], {
    joining,
    atOnce,
    signal: stop.signal,
    onStart: (index) => post({ type: 'stage', id, index, stage: 'generating-key' }),
  });
  // The gate's check of each key and CSR starts as the pair is made, while the next key is made.
  const pairChecks = new PairChecks(self.crypto);
  try {
    const artifacts = await Promise.all(
      keys.map(async (key, index) => {
        const artifact = await artifactFromKeys(self.crypto, requests[index]!, await key, (stage) => post({ type: 'stage', id, index, stage }));
        void pairChecks.check(bundlePair(artifact, layout), artifact.csrPem, artifact.keyPem);
        // The page gets names, subject, CSR and fingerprint; the private key stays here.
        post({ type: 'made', id, index, artifact: publicPart(artifact) });
        return artifact;
      }),
    );
    // The gate re-reads every entry; only if it passes is the zip of exactly those entries written.
    const bundle = bundleEntries(artifacts, createdAt, layout);
    const gateStarted = performance.now();
    await checkBundle(self.crypto, bundle, pairChecks);
    const gate = { gateMs: performance.now() - gateStarted, gateWorkMs: pairChecks.ms };
    const zip = await zipBundle(bundle, createdAt);
    const timings = { keygenMs: clock.ms, totalMs: performance.now() - started, lastKeyAt: clock.lastKeyAt, keysByMaker, keysAtOnce: atOnce, ...gate };
    return { zip: new Blob([zip], { type: 'application/zip' }), fileName: bundleFileName(artifacts, layout, createdAt), timings };
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
