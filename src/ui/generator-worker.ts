/**
 * The page's side of the generator worker: start it when the page is idle,
 * warm it up once, send requests, and stop it to cancel. Its code sits in
 * the page as `<script type="text/plain" id="generator-worker">`
 * (scripts/worker.ts) and runs from a blob: URL.
 */

import type { Stage } from '../lib/artifact';
import type { Layout } from '../lib/bundle';
import type { CertificateRequest } from '../lib/request';
import type { FromWorker, ToWorker } from '../worker/protocol';

export type Result = Extract<FromWorker, { type: 'done' }>;

let scriptUrl: string | undefined;

/** One blob: URL for the page's lifetime, reused when the worker restarts after a cancel. */
function workerScriptUrl(): string {
  if (scriptUrl === undefined) {
    const code = document.getElementById('generator-worker')?.textContent;
    if (!code) throw new Error('this page is missing its generator code: rebuild it, or download the file again');
    scriptUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  }
  return scriptUrl;
}

export class GeneratorWorker {
  #worker: Worker | undefined;

  /** Starts the worker and warms it up; called when the page is idle, and again after a cancel. */
  start(): void {
    if (this.#worker) return;
    this.#worker = new Worker(workerScriptUrl(), { name: 'generator' });
    this.#send({ type: 'warm-up' });
  }

  generate(
    requests: readonly CertificateRequest[],
    layout: Layout,
    onStage: (index: number, stage: Stage) => void,
  ): Promise<Result> {
    this.start();
    const worker = this.#worker!;
    return new Promise((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        if (message.type === 'stage') onStage(message.index, message.stage);
        else if (message.type === 'done') resolve(message);
        else reject(new Error(message.message));
      };
      worker.onerror = (event) => reject(new Error(event.message || 'the generator stopped'));
      this.#send({ type: 'generate', requests, layout, createdAt: Date.now() });
    });
  }

  /** Stops the worker mid-generation: its keys are dropped with it. A fresh one starts when idle. */
  cancel(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
  }

  #send(message: ToWorker): void {
    this.#worker!.postMessage(message);
  }
}
