/**
 * The page's state: the form as typed, its validation, and the results of
 * the last generation. Components render this and call its methods; all the
 * work is done by src/lib.
 */

import { createArtifact, type Artifact, type Stage } from '../lib/artifact';
import { buildBundle, bundleFileName } from '../lib/bundle';
import type { AppError, Field, Warning } from '../lib/errors';
import { CLIENT_ROLES, type RoleId } from '../lib/profile';
import { validateClientForm, type ExtensionPolicy } from '../lib/request';

export type Phase = 'editing' | 'generating' | 'done' | 'failed';

interface FormState {
  legalName: string;
  organisationId: string;
  clientId: string;
  roles: RoleId[];
  extensions: ExtensionPolicy;
}

export class Generator {
  form: FormState = $state({ legalName: '', organisationId: '', clientId: '', roles: [...CLIENT_ROLES], extensions: 'profile' });
  validation = $derived(validateClientForm(this.form));

  /** Errors show for a field once the user has left it, or pressed Generate. */
  touched: Partial<Record<Field, boolean>> = $state({});
  submitted = $state(false);

  phase: Phase = $state('editing');
  stages: Partial<Record<RoleId, Stage>> = $state({});
  artifacts: Artifact[] = $state.raw([]);
  download: { url: string; name: string } | null = $state.raw(null);
  failure: string | null = $state(null);

  /** The form as it was when the shown results were made; editing it hides them. */
  #generatedFor: string | null = $state(null);
  stale = $derived(this.#generatedFor !== null && this.#generatedFor !== JSON.stringify(this.form));

  readonly #crypto: Crypto;
  /** WebCrypto's subtle API exists only in a secure context: https, localhost, or a file opened from disk. */
  readonly cryptoAvailable: boolean;

  constructor(crypto: Crypto | undefined) {
    this.#crypto = crypto as Crypto;
    this.cryptoAvailable = crypto?.subtle !== undefined;
  }

  errorFor(field: Field): AppError | undefined {
    if (this.validation.ok || !(this.submitted || this.touched[field])) return undefined;
    return this.validation.errors.find((error) => error.field === field);
  }

  warningFor(field: Field): Warning | undefined {
    return this.validation.warnings.find((warning) => warning.field === field);
  }

  /** Validates everything first; makes no key unless every field is right. Returns whether it generated. */
  async generate(): Promise<boolean> {
    this.submitted = true;
    const validation = this.validation;
    if (!validation.ok || !this.cryptoAvailable) return false;
    this.clear();
    this.phase = 'generating';
    this.stages = Object.fromEntries(validation.requests.map((request) => [request.role, 'queued']));
    const snapshot = JSON.stringify(this.form);
    try {
      const artifacts: Artifact[] = [];
      for (const request of validation.requests) {
        artifacts.push(await createArtifact(this.#crypto, request, (stage) => (this.stages[request.role] = stage)));
      }
      const zip = await buildBundle(artifacts, new Date());
      this.artifacts = artifacts;
      this.download = { url: URL.createObjectURL(new Blob([zip], { type: 'application/zip' })), name: bundleFileName(artifacts) };
      this.#generatedFor = snapshot;
      this.phase = 'done';
    } catch (error) {
      this.phase = 'failed';
      this.failure = error instanceof Error ? error.message : String(error);
    }
    return true;
  }

  /** Drops every key and result from memory and the screen. */
  clear(): void {
    if (this.download) URL.revokeObjectURL(this.download.url);
    this.download = null;
    this.artifacts = [];
    this.stages = {};
    this.failure = null;
    this.#generatedFor = null;
    this.phase = 'editing';
  }
}
