/** The messages between the page and the generator worker. Plain data only: it crosses postMessage. */

import type { Artifact, Stage } from '../lib/artifact';
import type { Layout } from '../lib/bundle';
import type { CertificateRequest } from '../lib/request';

export type ToWorker =
  | { readonly type: 'warm-up' }
  | {
      readonly type: 'generate';
      readonly requests: readonly CertificateRequest[];
      readonly layout: Layout;
      readonly createdAt: number;
    };

export interface Timings {
  /** Time spent in crypto.subtle.generateKey, all keys together. */
  readonly keygenMs: number;
  /** From the request arriving to the zip being ready. */
  readonly totalMs: number;
}

export type FromWorker =
  | { readonly type: 'stage'; readonly index: number; readonly stage: Stage }
  | {
      readonly type: 'done';
      readonly artifacts: readonly Artifact[];
      readonly zip: Uint8Array<ArrayBuffer>;
      readonly fileName: string;
      readonly timings: Timings;
    }
  | { readonly type: 'failed'; readonly message: string };
