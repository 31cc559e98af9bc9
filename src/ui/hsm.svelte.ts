/**
 * The HSM or KMS tab's state: the request, where the key lives, the public
 * key and the signature the user brings back, and what the worker made of
 * them (src/lib/hsm.ts). The private key is never here, nor anywhere in the
 * page: it stays in the user's HSM or KMS.
 */

import { AppError, type Field } from '../lib/errors';
import { renderCommand } from '../lib/render-command';
import { pkcs11Uri, readKeyLocation, renderHsmCommands, type HsmCommands, type KeyLocation, type KeyStore, type Shell } from '../lib/hsm-commands';
import type { HsmOutcome, Problem } from '../lib/hsm';
import { ROLES, type Party, type RoleId } from '../lib/profile';
import { validateClientForm, validateServerForm, type CertificateRequest, type Validation } from '../lib/request';
import type { GeneratorWorker } from './generator-worker';
import { fromHex } from '../lib/bytes';

/** A file the user dropped or chose, kept as bytes: a DER public key or a raw signature is not text. */
export interface ChosenFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const MAX_FILE_BYTES = 64 * 1024;

export class HsmDesk {
  party: Party = $state('client');
  legalName = $state('');
  organisationId = $state('');
  clientId = $state('');
  dnsNames = $state('');
  commonName = $state('');
  /** One key makes one CSR: the certificate type it is for. */
  role: RoleId = $state('client_signing');

  store: KeyStore = $state('aws');
  keyId = $state('');
  tokenLabel = $state('');
  module = $state('');
  shell: Shell = $state('bash');

  publicKeyText = $state('');
  publicKeyFile: ChosenFile | null = $state.raw(null);
  signatureText = $state('');
  signatureFile: ChosenFile | null = $state.raw(null);

  touched: Partial<Record<Field | 'keyLocation', boolean>> = $state({});
  outcome: HsmOutcome | null = $state.raw(null);
  busy = $state(false);
  failure: string | null = $state(null);
  downloads: { toBeSigned?: string; csr?: string } = $state.raw({});

  validation: Validation = $derived.by(() => {
    const roles = [this.role];
    return this.party === 'client'
      ? validateClientForm({ legalName: this.legalName, organisationId: this.organisationId, clientId: this.clientId, roles, extensions: 'profile' })
      : validateServerForm({
          legalName: this.legalName,
          organisationId: this.organisationId,
          dnsNames: this.dnsNames,
          commonName: this.commonName,
          roles,
          extensions: 'profile',
        });
  });
  request: CertificateRequest | undefined = $derived(this.validation.ok ? this.validation.requests[0] : undefined);
  location: KeyLocation | AppError = $derived(
    readKeyLocation({ store: this.store, key: this.keyId, tokenLabel: this.tokenLabel, module: this.module }),
  );
  /** The commands, once the key is named; the sign command once there are bytes to sign. */
  commands: HsmCommands | undefined = $derived.by(() => {
    if (this.location instanceof AppError) return undefined;
    const stem = (this.request?.csrFileName ?? 'request.csr').replace(/\.csr$/, '');
    const digest = this.outcome?.toBeSigned ? fromHex(this.outcome.toBeSigned.sha256Hex) : new Uint8Array(32);
    return renderHsmCommands(this.location, stem, digest, this.shell);
  });

  /** For a PKCS#11 token, the same CSR in one step through OpenSSL's pkcs11 engine (bash). */
  opensslAlternative: string | undefined = $derived.by(() => {
    if (this.location instanceof AppError || this.location.store !== 'pkcs11' || !this.request) return undefined;
    return renderCommand(this.request, { uri: pkcs11Uri(this.location), module: this.location.module });
  });

  /** Digests of to-be-signed bytes shown earlier, so a signature over one of them is named for what it is. */
  readonly #shown: string[] = [];
  readonly #worker: GeneratorWorker;
  /** Numbers each check sent to the worker: only the latest one's answer is shown. */
  #latestRequest = 0;

  constructor(worker: GeneratorWorker) {
    this.#worker = worker;
  }

  /** Encryption keys are often made for decryption only, and such a key cannot sign its own CSR. */
  get encryption(): boolean {
    return ROLES[this.role].purpose === 'encryption';
  }

  setParty(party: Party): void {
    this.party = party;
    this.role = party === 'client' ? 'client_signing' : 'server_signing';
  }

  errorFor(field: Field): AppError | undefined {
    if (this.validation.ok || !this.touched[field]) return undefined;
    return this.validation.errors.find((error) => error.field === field);
  }

  locationError(): AppError | undefined {
    return this.touched.keyLocation && this.location instanceof AppError ? this.location : undefined;
  }

  problemFor(field: 'publicKey' | 'signature'): Problem | undefined {
    return this.outcome?.problems.find((problem) => problem.field === field);
  }

  async choose(which: 'publicKey' | 'signature', files: FileList | null): Promise<void> {
    const file = files?.[0];
    if (!file) return;
    // Never read more than a key or a signature can be.
    const bytes = new Uint8Array(await file.slice(0, MAX_FILE_BYTES + 1).arrayBuffer());
    if (which === 'publicKey') {
      this.publicKeyFile = { name: file.name, bytes };
      this.publicKeyText = '';
    } else {
      this.signatureFile = { name: file.name, bytes };
      this.signatureText = '';
    }
  }

  /** Asks the worker again for what the current input gives; a later answer replaces an earlier one. */
  async refresh(): Promise<void> {
    const request = this.request;
    const publicKey = this.publicKeyFile?.bytes ?? this.publicKeyText;
    if (!request || (typeof publicKey === 'string' && publicKey.trim() === '')) {
      this.#show(null);
      return;
    }
    const ticket = ++this.#latestRequest;
    this.busy = true;
    try {
      const outcome = await this.#worker.hsm({
        request: $state.snapshot(request) as CertificateRequest,
        publicKey,
        signature: this.signatureFile?.bytes ?? this.signatureText,
        earlierDigests: [...this.#shown],
      });
      if (ticket !== this.#latestRequest) return;
      this.failure = null;
      this.#show(outcome);
    } catch (error) {
      if (ticket === this.#latestRequest) this.failure = error instanceof Error ? error.message : String(error);
    } finally {
      if (ticket === this.#latestRequest) this.busy = false;
    }
  }

  clear(): void {
    this.publicKeyText = '';
    this.publicKeyFile = null;
    this.signatureText = '';
    this.signatureFile = null;
    this.#show(null);
  }

  #show(outcome: HsmOutcome | null): void {
    for (const url of Object.values(this.downloads)) if (url) URL.revokeObjectURL(url);
    this.outcome = outcome;
    const digest = outcome?.toBeSigned?.sha256Hex;
    if (digest && !this.#shown.includes(digest)) this.#shown.push(digest);
    this.downloads = {
      ...(outcome?.toBeSigned ? { toBeSigned: URL.createObjectURL(new Blob([outcome.toBeSigned.der], { type: 'application/octet-stream' })) } : {}),
      ...(outcome?.csr ? { csr: URL.createObjectURL(new Blob([outcome.csr.pem], { type: 'application/pkcs10' })) } : {}),
    };
  }
}

