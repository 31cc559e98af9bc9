/**
 * The page's state: what the user typed or pasted, its validation, and the
 * results of the last generation. Components render this and call its
 * methods; all the work is done by src/lib.
 */

import { createArtifact, type Artifact, type Stage } from '../lib/artifact';
import { buildBundle, bundleFileName } from '../lib/bundle';
import { validatePaste } from '../lib/command';
import { parseDnsNames } from '../lib/dns';
import type { AppError, Field, Warning } from '../lib/errors';
import { CLIENT_ROLES, SERVER_ROLES, type Party, type RoleId } from '../lib/profile';
import {
  validateClientForm,
  validateServerForm,
  type CertificateRequest,
  type ExtensionPolicy,
  type Validation,
} from '../lib/request';

export type Mode = 'form' | 'paste';
export type Phase = 'editing' | 'generating' | 'done' | 'failed';

interface FormState {
  party: Party;
  legalName: string;
  organisationId: string;
  clientId: string;
  dnsNames: string;
  commonName: string;
  clientRoles: RoleId[];
  serverRoles: RoleId[];
  extensions: ExtensionPolicy;
}

export class Generator {
  mode: Mode = $state('form');
  form: FormState = $state({
    party: 'client',
    legalName: '',
    organisationId: '',
    clientId: '',
    dnsNames: '',
    commonName: '',
    clientRoles: [...CLIENT_ROLES],
    serverRoles: [...SERVER_ROLES],
    extensions: 'profile',
  });
  pasted = $state('');
  /** The role the user picked for each pasted command whose file names name none. */
  pickedRoles: (RoleId | undefined)[] = $state([]);

  paste = $derived(validatePaste(this.pasted, this.pickedRoles));
  /** The DNS names typed so far, in both forms, to show what an internationalised name becomes. */
  dnsPreview = $derived(parseDnsNames(this.form.dnsNames).names);
  validation: Validation = $derived.by(() => {
    if (this.mode === 'paste') return this.paste.validation;
    const { party, clientRoles, serverRoles, ...fields } = this.form;
    return party === 'client'
      ? validateClientForm({ ...fields, roles: clientRoles })
      : validateServerForm({ ...fields, roles: serverRoles });
  });

  /** Errors show for a field once the user has left it, or pressed Generate. */
  touched: Partial<Record<Field, boolean>> = $state({});
  submitted = $state(false);

  phase: Phase = $state('editing');
  /** One line per request being made, in order. */
  progress: { request: CertificateRequest; stage: Stage }[] = $state([]);
  artifacts: Artifact[] = $state.raw([]);
  download: { url: string; name: string } | null = $state.raw(null);
  failure: string | null = $state(null);

  /** The input as it was when the shown results were made; editing it hides them. */
  #generatedFor: string | null = $state(null);
  stale = $derived(this.#generatedFor !== null && this.#generatedFor !== this.#snapshot());

  readonly #crypto: Crypto;
  /** WebCrypto's subtle API exists only in a secure context: https, localhost, or a file opened from disk. */
  readonly cryptoAvailable: boolean;

  constructor(crypto: Crypto | undefined) {
    this.#crypto = crypto as Crypto;
    this.cryptoAvailable = crypto?.subtle !== undefined;
  }

  errorFor(field: Field): AppError | undefined {
    return this.errorsFor(field)[0];
  }

  errorsFor(field: Field): AppError[] {
    if (this.validation.ok) return [];
    const shown = this.submitted || this.touched[field] || field === 'command';
    return shown ? this.validation.errors.filter((error) => error.field === field) : [];
  }

  warningFor(field: Field): Warning | undefined {
    return this.validation.warnings.find((warning) => warning.field === field);
  }

  /** Validates everything first; makes no key unless all of it is right. Returns whether it generated. */
  async generate(): Promise<boolean> {
    this.submitted = true;
    const validation = this.validation;
    if (!validation.ok || !this.cryptoAvailable) return false;
    this.clear();
    this.phase = 'generating';
    this.progress = validation.requests.map((request) => ({ request, stage: 'queued' }));
    const snapshot = this.#snapshot();
    try {
      const artifacts: Artifact[] = [];
      for (const [index, request] of validation.requests.entries()) {
        artifacts.push(await createArtifact(this.#crypto, request, (stage) => (this.progress[index]!.stage = stage)));
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
    this.progress = [];
    this.failure = null;
    this.#generatedFor = null;
    this.phase = 'editing';
  }

  #snapshot(): string {
    return JSON.stringify([this.mode, this.form, this.pasted, this.pickedRoles]);
  }
}
