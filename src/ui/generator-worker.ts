/**
 * The page's side of the worker: start it when the page is idle, with the
 * key frame beside it, warm it up once, ask it for things, and stop both to
 * cancel. Its code is packed into the page (build/worker.ts, ./packed.ts);
 * it is inflated once and runs from a blob: URL.
 */

import type { PublicArtifact, Stage } from '../lib/artifact';
import type { Layout } from '../lib/bundle';
import type { DroppedFile, Examination } from '../lib/examine';
import type { JwksCertificate } from '../lib/jwks-groups';
import type { HsmInput, HsmOutcome } from '../lib/hsm';
import type { RoleId } from '../lib/profile';
import type { CertificateRequest } from '../lib/request';
import type { FromWorker, Generated, ToWorker } from '../worker/protocol';
import { openKeyFrame, type KeyFrame } from './key-frame';
import { PACKED, unpack } from './packed';

let scriptUrl: Promise<string> | undefined;

/** One blob: URL for the page's lifetime, reused when the worker restarts after a cancel. */
function workerScriptUrl(): Promise<string> {
  scriptUrl ??= unpack(PACKED.worker).then((code) => URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
  return scriptUrl;
}

/** What a generation tells as it goes, by request index. */
export interface GenerationListener {
  stage(index: number, stage: Stage): void;
  made(index: number, artifact: PublicArtifact): void;
}

/** A request sent to the worker, waiting for its reply. */
interface AwaitedReply {
  resolve(value: unknown): void;
  reject(error: Error): void;
  listener?: GenerationListener;
}

type Ask = ToWorker extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

export class GeneratorWorker {
  #worker: Promise<Worker> | undefined;
  /** The worker once it has started, so a request is sent at once rather than after the page's own updates. */
  #running: Worker | undefined;
  /** The worker's second key maker, in a process of its own. */
  #keyFrame: KeyFrame | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, AwaitedReply>();

  /** Starts the worker and warms it up; called when the page is idle, and again after a cancel. */
  start(): Promise<Worker> {
    if (!this.#worker) {
      const keyFrame = openKeyFrame();
      this.#keyFrame = keyFrame;
      const started = workerScriptUrl().then((url) => {
        const worker = new Worker(url, { name: 'generator' });
        worker.onmessage = (event: MessageEvent<FromWorker>) => this.#receive(event.data);
        worker.onerror = (event) => this.#failAll(new Error(event.message || 'the worker stopped'));
        worker.postMessage({ type: 'warm-up' } satisfies ToWorker);
        if (keyFrame) worker.postMessage({ type: 'key-frame', port: keyFrame.port } satisfies ToWorker, [keyFrame.port]);
        return worker;
      });
      this.#worker = started;
      started.then(
        (worker) => {
          if (this.#worker === started) this.#running = worker; // unless cancelled while starting
        },
        () => undefined,
      );
    }
    return this.#worker;
  }

  generate(requests: readonly CertificateRequest[], layout: Layout, listener: GenerationListener): Promise<Generated> {
    return this.#ask({ type: 'generate', requests, layout, createdAt: Date.now() }, listener) as Promise<Generated>;
  }

  /** Hands the files over (their bytes are transferred: the page keeps no copy) to be added to those the worker holds, and examined. */
  examine(files: readonly DroppedFile[], removed: readonly string[] = []): Promise<Examination> {
    const transfer = files.flatMap((file) => (file.bytes ? [file.bytes.buffer] : []));
    return this.#ask({ type: 'examine', files, now: Date.now(), removed }, undefined, transfer) as Promise<Examination>;
  }

  /** The worker drops the files and the private keys it holds for the Certificates view. */
  forgetDropped(): void {
    this.#running?.postMessage({ type: 'forget-dropped' } satisfies ToWorker);
  }

  /** The passphrase for a dropped .p12: the worker opens it and examines all the files again. */
  openP12(fileName: string, passphrase: string): Promise<Examination> {
    return this.#ask({ type: 'open-p12', fileName, passphrase, now: Date.now() }) as Promise<Examination>;
  }

  exportJwks(input: { certificates: readonly JwksCertificate[]; includeTransport: boolean }): Promise<string> {
    return this.#ask({ type: 'export-jwks', ...input }) as Promise<string>;
  }

  exportPkcs12(input: { keyId: string; certificatePem: string; passphrase: string; friendlyName: string; chainPems: readonly string[] }): Promise<Uint8Array<ArrayBuffer>> {
    return this.#ask({ type: 'export-p12', ...input }) as Promise<Uint8Array<ArrayBuffer>>;
  }

  exportJwk(input: { which: 'public' | 'private'; keyId: string; certificatePem: string; kid: string; role: RoleId }): Promise<string> {
    return this.#ask({ type: 'export-jwk', ...input }) as Promise<string>;
  }

  hsm(input: HsmInput): Promise<HsmOutcome> {
    return this.#ask({ type: 'hsm', input }) as Promise<HsmOutcome>;
  }

  /** Stops the worker, the key frame and whatever they were doing: their keys are dropped with them. Fresh ones start when asked. */
  cancel(): void {
    void this.#worker?.then((worker) => worker.terminate(), () => undefined);
    this.#keyFrame?.remove();
    this.#keyFrame = undefined;
    this.#worker = undefined;
    this.#running = undefined;
    this.#failAll(new Error('cancelled'));
  }

  #ask(message: Ask, listener?: GenerationListener, transfer: Transferable[] = []): Promise<unknown> {
    const id = this.#nextId++;
    const send = (worker: Worker) => worker.postMessage({ ...message, id } as ToWorker, transfer);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, listener });
      // A running worker gets the request now, before the page redraws itself for it.
      if (this.#running) send(this.#running);
      else this.start().then(send, (error: unknown) => this.#failAll(error instanceof Error ? error : new Error(String(error))));
    });
  }

  #receive(message: FromWorker): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    if (message.type === 'stage') return pending.listener?.stage(message.index, message.stage);
    if (message.type === 'made') return pending.listener?.made(message.index, message.artifact);
    this.#pending.delete(message.id);
    // The code crosses too, so the page can say it in the user's language.
    if (message.type === 'failed') pending.reject(Object.assign(new Error(message.message), { code: message.code, params: message.params }));
    else pending.resolve(message.result);
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
