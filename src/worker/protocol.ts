/** The messages between the page and the worker. Plain data only: it crosses postMessage. */

import type { PublicArtifact, Stage } from '../lib/artifact';
import type { Layout } from '../lib/bundle';
import type { ErrorCode, ErrorParams } from '../lib/errors';
import type { DroppedFile, Examination } from '../lib/examine';
import type { HsmInput, HsmOutcome } from '../lib/hsm';
import type { JwksCertificate } from '../lib/jwks-groups';
import type { RoleId } from '../lib/profile';
import type { CertificateRequest } from '../lib/request';

/** What the page asks for; each request but warm-up carries an id its answer repeats. */
export type ToWorker =
  | { readonly type: 'warm-up' }
  /** The key frame's port (src/ui/key-frame.ts): a second key maker, in a process of its own. */
  | { readonly type: 'key-frame'; readonly port: MessagePort }
  | {
      readonly type: 'generate';
      readonly id: number;
      readonly requests: readonly CertificateRequest[];
      readonly layout: Layout;
      readonly createdAt: number;
    }
  /** Files dropped in the Certificates view: added to those the worker holds (a file of the same name replaced), then all examined. */
  | { readonly type: 'examine'; readonly id: number; readonly files: readonly DroppedFile[]; readonly now: number; readonly removed?: readonly string[] }
  /** The passphrase of a dropped .p12: the worker keeps it with the file, opens it and examines everything again. */
  | { readonly type: 'open-p12'; readonly id: number; readonly fileName: string; readonly passphrase: string; readonly now: number }
  /** Clear: the worker drops the files and the private keys it holds for the Certificates view. */
  | { readonly type: 'forget-dropped' }
  | {
      readonly type: 'export-p12';
      readonly id: number;
      /** A KeyReference id from the last examination: the key stays in the worker. */
      readonly keyId: string;
      readonly certificatePem: string;
      readonly passphrase: string;
      readonly friendlyName: string;
      /** Dropped CA certificates to include, nearest first; none if empty. */
      readonly chainPems: readonly string[];
    }
  | {
      readonly type: 'export-jwk';
      readonly id: number;
      readonly which: 'public' | 'private';
      /** For a private JWK: a KeyReference id from the last examination. */
      readonly keyId: string;
      readonly certificatePem: string;
      readonly kid: string;
      readonly role: RoleId;
    }
  /** One application's JWK Set, from its certificates (public data only). */
  | { readonly type: 'export-jwks'; readonly id: number; readonly certificates: readonly JwksCertificate[]; readonly includeTransport: boolean }
  /** A CSR for a key in an HSM or KMS: only public data crosses. */
  | { readonly type: 'hsm'; readonly id: number; readonly input: HsmInput };

export interface Timings {
  /** Time during which at least one key was being made (by either maker). */
  readonly keygenMs: number;
  /** From the request arriving to the zip being ready. */
  readonly totalMs: number;
  /** When the last key was ready, as performance.timeOrigin + performance.now(): comparable with the page's clock. */
  readonly lastKeyAt: number;
  /** How many keys each maker made: the worker's own WebCrypto, then the key frame's, if the page has one. */
  readonly keysByMaker: readonly number[];
  /** How many keys each maker was asked for at once (src/lib/keys-at-once.ts). */
  readonly keysAtOnce: number;
  /** How long the gate (src/lib/gate.ts) held the zip back once every pair was made: the gate's cost to the user. */
  readonly gateMs: number;
  /** The gate's checks of the pairs, each from its start to its end, added up (most run while keys are still made). */
  readonly gateWorkMs: number;
}

/** The end of a generation; its artifacts came before it, one `made` message each. */
export interface Generated {
  /** Made in the worker; the page only links to it, so the keys in it never enter the page's heap. */
  readonly zip: Blob;
  readonly fileName: string;
  readonly timings: Timings;
}

export type FromWorker =
  | { readonly type: 'stage'; readonly id: number; readonly index: number; readonly stage: Stage }
  /** Request `index`'s CSR and what the page shows of its key (never the key), as soon as they are made. */
  | { readonly type: 'made'; readonly id: number; readonly index: number; readonly artifact: PublicArtifact }
  | { readonly type: 'generated'; readonly id: number; readonly result: Generated }
  | { readonly type: 'examined'; readonly id: number; readonly result: Examination }
  | { readonly type: 'exported'; readonly id: number; readonly result: Uint8Array<ArrayBuffer> | string }
  | { readonly type: 'hsm-prepared'; readonly id: number; readonly result: HsmOutcome }
  | {
      readonly type: 'failed';
      readonly id: number;
      readonly message: string;
      readonly code: ErrorCode | undefined;
      /** The facts the message quotes, for the page to say it in the user's language. */
      readonly params?: ErrorParams | undefined;
    };
