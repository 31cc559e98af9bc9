/**
 * The page's state: what the user typed or pasted, its validation, and the
 * results of the last generation. Components render this and call its
 * methods; all the work is done by src/lib.
 */

import type { PublicArtifact, Stage } from '../lib/artifact';
import { validatePaste, validatePasteSteps, type PasteReading } from '../lib/pasted-commands';
import { runInSlices, sleep } from '../lib/steps';
import { parseDnsNames } from '../lib/dns';
import { checkCsvSize, readBatchCsv, readBatchFile, readBatchSteps, unconfirmedEncoding, type BatchRead } from '../lib/batch';
import { AppError, type ErrorCode, type ErrorParams, type Field, type Warning } from '../lib/errors';
import { CLIENT_ROLES, SERVER_ROLES, type Party, type RoleId } from '../lib/profile';
import type { Rotation } from '../lib/rotation';
import {
  validateClientForm,
  validateServerForm,
  type CertificateRequest,
  type ExtensionPolicy,
  type Validation,
} from '../lib/request';
import type { TextEncodingName } from '../lib/text-encoding';
import type { Timings } from '../worker/protocol';
import { CertificateDesk } from './certificates.svelte';
import { framedByAnotherOrigin } from './framing';
import { GeneratorWorker } from './generator-worker';
import { HsmDesk } from './hsm.svelte';

/** How long typing in the batch CSV must pause before it is read again. */
const BATCH_TYPING_PAUSE_MS = 150;
/** The longest slice of reading a paste or a CSV between frames. */
const SLICE_MS = 4;

export type Mode = 'form' | 'paste' | 'batch' | 'hsm' | 'certificates';
/** The tabs whose Generate makes keys and a zip: each keeps its own results. */
export type MakingMode = 'form' | 'paste' | 'batch';
const isMakingMode = (mode: Mode): mode is MakingMode => mode === 'form' || mode === 'paste' || mode === 'batch';

/** How long typing in the command box must pause before it is read again. */
const PASTE_DELAY_MS = 200;
export type Phase = 'editing' | 'generating' | 'done' | 'failed' | 'cancelled';

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

/** What one tab's last Generate made, or why it made nothing. */
export class TabResults {
  mode: MakingMode = 'form';
  phase: Phase = $state('editing');
  /** One line per request being made, in order. */
  progress: { request: CertificateRequest; stage: Stage }[] = $state([]);
  /** performance.now() when the current generation started, for the time left. */
  startedAt = $state(0);
  /** Whether the results on screen are a batch (a summary table) or one application (a card per certificate). */
  resultLayout: 'flat' | 'per-application' = $state('flat');
  /** What was made, in the order asked (never a private key); shown once the generation is done (cards are drawn hidden before). */
  artifacts: PublicArtifact[] = $state.raw([]);
  download: { url: string; name: string } | null = $state.raw(null);
  /** Whether the user has pressed Download since these files were made. */
  downloaded = $state(false);
  /** Why the last generation made no files: the worker's message, and its code and params when it has them (the gate's refusals do). */
  failure: { message: string; code?: ErrorCode; params?: ErrorParams } | null = $state.raw(null);
  timings: Timings | null = $state.raw(null);
  /** The tab's input as it was when these results were made. */
  generatedFor: string | null = $state(null);

  clear(): void {
    if (this.download) URL.revokeObjectURL(this.download.url);
    this.download = null;
    this.downloaded = false;
    this.artifacts = [];
    this.progress = [];
    this.failure = null;
    this.timings = null;
    this.generatedFor = null;
    this.phase = 'editing';
  }
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
    // Server encryption (for PII and events) is ticked by the LFI that needs it.
    serverRoles: SERVER_ROLES.filter((role) => role !== 'server_encryption'),
    extensions: 'profile',
  });
  /** The pasted text as it is in the text area. */
  #pasted = $state('');
  #pasteTimer: ReturnType<typeof setTimeout> | undefined;
  /** The role the user picked for each pasted command whose file names name none. */
  #pickedRoles: (RoleId | undefined)[] = $state([]);

  /**
   * The pasted text as read a moment after its last change, not at every keystroke, in slices of
   * a few milliseconds: 50 commands in a 1 MiB paste would hold the page for tens of milliseconds.
   */
  paste: PasteReading = $state.raw(validatePaste('', []));
  #pastePending: Promise<void> | null = null;
  #pasteGeneration = 0;

  get pasted(): string {
    return this.#pasted;
  }

  set pasted(text: string) {
    this.#pasted = text;
    clearTimeout(this.#pasteTimer);
    this.#pasteTimer = setTimeout(() => this.readPaste(), PASTE_DELAY_MS);
  }

  get pickedRoles(): readonly (RoleId | undefined)[] {
    return this.#pickedRoles;
  }

  pickRole(index: number, role: RoleId | undefined): void {
    this.#pickedRoles[index] = role;
    this.readPaste();
  }

  /** Reads the pasted text now, without waiting for typing to pause. */
  readPaste(): void {
    clearTimeout(this.#pasteTimer);
    this.#pasteTimer = undefined;
    const generation = ++this.#pasteGeneration;
    const steps = validatePasteSteps(this.#pasted, $state.snapshot(this.#pickedRoles));
    const pending = runInSlices(steps, SLICE_MS, () => generation === this.#pasteGeneration).then((reading) => {
      if (reading) this.paste = reading;
    });
    this.#pastePending = pending;
    void pending.finally(() => {
      if (this.#pastePending === pending) this.#pastePending = null;
    });
  }

  /** Resolves once `paste` is the reading of the text in the box (Generate never acts on an older reading). */
  async pasteSettled(): Promise<void> {
    while (this.#pastePending) await this.#pastePending;
  }

  /** The batch CSV: see the section "Batch" below. */
  #batchText = $state('');
  #batchExtensions: ExtensionPolicy = $state('profile');
  /** The file the batch text was read from, how, and whether the user confirmed a guessed encoding. */
  batchFile: { name: string; encoding: TextEncodingName; guessed: boolean; confirmed: boolean } | null = $state(null);
  /** A dropped file refused as a whole (too large, not text): nothing of it was read. */
  batchFileRefusal: AppError | null = $state.raw(null);
  /** Whether to leave out the rows with problems. */
  skipBadRows = $state(false);
  /** The last reading of the batch text; it follows the text in slices, a moment after typing stops. */
  batch: BatchRead = $state.raw(readBatchCsv(''));
  /** The text `batch` is the reading of (the text itself may have changed since). */
  batchReadOf = $state.raw('');
  batchReading = $state(false);
  /** The DNS names typed so far, in both forms, to show what an internationalised name becomes. */
  dnsPreview = $derived(parseDnsNames(this.form.dnsNames).names);
  validation: Validation = $derived.by(() => {
    if (this.mode === 'paste') return this.paste.validation;
    if (this.mode === 'batch') return this.#batchValidation();
    const { party, clientRoles, serverRoles, ...fields } = this.form;
    return party === 'client'
      ? validateClientForm({ ...fields, roles: clientRoles })
      : validateServerForm({ ...fields, roles: serverRoles });
  });

  /** Errors show for a field once the user has left it, or pressed Generate in its tab. */
  touched: Partial<Record<Field, boolean>> = $state({});
  #submitted: Record<MakingMode, boolean> = $state({ form: false, paste: false, batch: false });
  get submitted(): boolean {
    return isMakingMode(this.mode) && this.#submitted[this.mode];
  }

  /** Each tab's own results: switching tabs neither hides nor stales another tab's files. */
  readonly #results: Record<MakingMode, TabResults> = { form: new TabResults(), paste: new TabResults(), batch: new TabResults() };
  /** The tab on screen's results (the form's while the HSM or Certificates tab is open: those show none). */
  get results(): TabResults {
    return this.#results[isMakingMode(this.mode) ? this.mode : 'form'];
  }
  get phase(): Phase {
    return this.results.phase;
  }
  get progress() {
    return this.results.progress;
  }
  get startedAt(): number {
    return this.results.startedAt;
  }
  get resultLayout() {
    return this.results.resultLayout;
  }
  get artifacts(): PublicArtifact[] {
    return this.results.artifacts;
  }
  get download() {
    return this.results.download;
  }
  get failure() {
    return this.results.failure;
  }
  get timings(): Timings | null {
    return this.results.timings;
  }
  /** Some tab is making keys: one generation at a time shares the worker. */
  busy = $derived(Object.values(this.#results).some((results) => results.phase === 'generating'));
  /** This tab's input changed since its files were made. */
  stale = $derived(this.results.generatedFor !== null && this.results.generatedFor !== this.#snapshot(this.results.mode));

  readonly #worker = new GeneratorWorker();
  /** The Certificate view, which asks the same worker. */
  readonly certificates = new CertificateDesk(this.#worker, (rotation, where) => this.rotate(rotation, where));
  /** The HSM or KMS tab, which asks it for public-key work only. */
  readonly hsm = new HsmDesk(this.#worker);

  /** "Make new keys for this certificate": the form, or the HSM/KMS path, prefilled from the certificate (issue 17). */
  rotate(rotation: Rotation, where: 'form' | 'hsm'): void {
    const { party, role, legalName, organisationId, clientId } = rotation;
    const dnsNames = rotation.dnsNames.join('\n');
    if (where === 'hsm') {
      this.hsm.setParty(party);
      Object.assign(this.hsm, { legalName, organisationId, clientId, dnsNames, commonName: '' }, role ? { role } : {});
    } else {
      const roles = role ? [role] : party === 'client' ? [...CLIENT_ROLES] : [...SERVER_ROLES];
      this.form = { ...this.form, party, legalName, organisationId, clientId, dnsNames, commonName: '', ...(party === 'client' ? { clientRoles: roles } : { serverRoles: roles }) };
    }
    this.mode = where;
  }
  /** WebCrypto's subtle API exists only in a secure context: https, localhost, or a file opened from disk. */
  readonly cryptoAvailable: boolean;
  /** Inside another origin's frame: no keys are made there (src/ui/framing.ts). */
  readonly framed: boolean;

  constructor(crypto: Crypto | undefined, view: Window | undefined = globalThis.window) {
    this.cryptoAvailable = crypto?.subtle !== undefined;
    this.framed = view !== undefined && framedByAnotherOrigin(view);
  }

  /** Starts the worker ahead of need (when the page is idle), so Generate does not wait for it. */
  prepare(): void {
    // A failure to start is reported when the user asks for something.
    if (this.cryptoAvailable && !this.framed) this.#worker.start().catch(() => undefined);
  }

  errorFor(field: Field): AppError | undefined {
    return this.errorsFor(field)[0];
  }

  /**
   * The field's problem even before it is shown (the user has not left the
   * field yet): the form keeps room for it, so showing it moves nothing.
   */
  pendingErrorFor(field: Field): AppError | undefined {
    return this.validation.ok ? undefined : this.validation.errors.find((error) => error.field === field);
  }

  errorsFor(field: Field): AppError[] {
    if (this.validation.ok) return [];
    // The command box is read as it is typed: its problems show once it holds text.
    const shown = this.submitted || this.touched[field] || (field === 'command' && this.pasted.trim() !== '');
    return shown ? this.validation.errors.filter((error) => error.field === field) : [];
  }

  warningFor(field: Field): Warning | undefined {
    return this.validation.warnings.find((warning) => warning.field === field);
  }

  /** Validates everything first; makes no key unless all of it is right. Returns whether it generated. */
  async generate(): Promise<boolean> {
    if (this.mode === 'batch') await this.batchSettled();
    if (this.mode === 'paste') {
      if (this.#pasteTimer !== undefined) this.readPaste();
      await this.pasteSettled();
    }
    if (!isMakingMode(this.mode)) return false;
    const mode = this.mode;
    this.#submitted[mode] = true;
    const validation = this.validation;
    if (!validation.ok || !this.cryptoAvailable || this.framed || this.busy) return false;
    // The results of the tab that asked: switching tabs meanwhile does not move them.
    const results = this.#results[mode];
    results.clear();
    results.mode = mode;
    results.phase = 'generating';
    results.progress = validation.requests.map((request) => ({ request, stage: 'queued' }));
    results.startedAt = performance.now();
    const snapshot = this.#snapshot(mode);
    // $state.snapshot: plain objects for postMessage, not Svelte's proxies.
    const requests = $state.snapshot(validation.requests) as CertificateRequest[];
    try {
      const layout = mode === 'batch' ? 'per-application' : 'flat';
      results.resultLayout = layout;
      const made: PublicArtifact[] = [];
      const result = await this.#worker.generate(requests, layout, {
        stage: (index, stage) => (results.progress[index]!.stage = stage),
        made: (index, artifact) => {
          made[index] = artifact;
          // One application's cards are drawn (hidden) as each pair is made, rather than all at the end.
          if (layout === 'flat') results.artifacts = made.filter((each) => each !== undefined);
        },
      });
      if (results.phase !== 'generating') return true; // cancelled meanwhile
      results.artifacts = made;
      results.download = { url: URL.createObjectURL(result.zip), name: result.fileName };
      results.timings = result.timings;
      results.generatedFor = snapshot;
      results.phase = 'done';
    } catch (error) {
      if (results.phase !== 'generating') return true;
      results.artifacts = [];
      results.phase = 'failed';
      const { code, params } = error as { code?: ErrorCode; params?: ErrorParams };
      results.failure = { message: error instanceof Error ? error.message : String(error), ...(code ? { code, params } : {}) };
    }
    return true;
  }

  /** Stops a generation: the worker and every key it made are dropped. */
  cancel(): void {
    const results = Object.values(this.#results).find((each) => each.phase === 'generating');
    if (!results) return;
    this.#worker.cancel();
    results.clear();
    results.phase = 'cancelled';
    this.prepare();
  }

  /** Drops this tab's keys and results from memory and the screen. */
  clear(): void {
    this.results.clear();
  }

  /** The user pressed Download: the page says where the file went, and keeps it until Clear. */
  downloaded(): void {
    this.results.downloaded = true;
  }

  /** A tab's own input: what its results were made from. */
  #snapshot(mode: MakingMode): string {
    if (mode === 'form') return JSON.stringify(this.form);
    if (mode === 'paste') return JSON.stringify([this.pasted, this.#pickedRoles]);
    return JSON.stringify([this.#batchText, this.#batchExtensions, this.batchFile, this.skipBadRows]);
  }

  // -------------------------------------------------------------------------
  // Batch: the CSV is read a moment after typing stops, in slices of a few
  // milliseconds between frames, so a 1 MiB paste never holds the page.

  /** The batch CSV as pasted, typed or read from a file. */
  get batchText(): string {
    return this.#batchText;
  }
  set batchText(text: string) {
    this.#batchText = text;
    if (text.trim() === '') this.batchFile = null;
    this.batchFileRefusal = null;
    this.#readBatchSoon(BATCH_TYPING_PAUSE_MS);
  }

  /** The Batch tab's own "Exactly as the Trust Framework command": the form's choice does not apply here. */
  get batchExtensions(): ExtensionPolicy {
    return this.#batchExtensions;
  }
  set batchExtensions(policy: ExtensionPolicy) {
    this.#batchExtensions = policy;
    this.#readBatchSoon(0);
  }

  /** Reads a dropped or chosen file: refused before reading if it is too large; decoded by the core. */
  async readBatchFile(file: File): Promise<void> {
    const tooLarge = checkCsvSize(file.size, file.name);
    const read = tooLarge ? { ok: false as const, refusal: tooLarge } : readBatchFile(file.name, new Uint8Array(await file.arrayBuffer()));
    if (!read.ok) {
      this.#batchText = '';
      this.batchFile = null;
      this.batchFileRefusal = read.refusal;
      this.#readBatchSoon(0);
      return;
    }
    this.#batchText = read.text;
    this.batchFile = { name: file.name, encoding: read.encoding, guessed: read.guessed, confirmed: false };
    this.batchFileRefusal = null;
    this.#readBatchSoon(0);
  }

  /** The user has seen the legal names of a file read as Windows-1252 and says they are right. */
  confirmBatchEncoding(): void {
    if (this.batchFile) this.batchFile = { ...this.batchFile, confirmed: true };
  }

  /** The user says the names are wrong: the file is dropped. */
  rejectBatchFile(): void {
    this.batchText = '';
  }

  /** Resolves once the batch on screen is the reading of the current text. */
  async batchSettled(): Promise<void> {
    while (this.#batchPending) await this.#batchPending;
  }

  #batchPending: Promise<void> | null = null;
  #batchGeneration = 0;

  #readBatchSoon(delayMs: number): void {
    const generation = ++this.#batchGeneration;
    this.batchReading = true;
    const text = this.#batchText;
    const options = { extensions: this.#batchExtensions, ...(this.batchFile ? { fileName: this.batchFile.name } : {}) };
    const pending = (async () => {
      await sleep(delayMs);
      const read = await runInSlices(readBatchSteps(text, options), SLICE_MS, () => generation === this.#batchGeneration);
      if (!read) return;
      this.batch = read;
      this.batchReadOf = text;
      this.batchReading = false;
    })();
    this.#batchPending = pending;
    void pending.finally(() => {
      if (this.#batchPending === pending) this.#batchPending = null;
    });
  }

  /** Every row must be right, unless the user chose to leave out the rows with problems; a guessed encoding must be confirmed. */
  #batchValidation(): Validation {
    const { rows, problems, refusal } = this.batch;
    const requests = rows.flatMap((row) => row.requests);
    const warnings = rows.flatMap((row) => row.warnings);
    const refused = this.batchFileRefusal ?? refusal;
    if (refused) return { ok: false, errors: [refused], warnings };
    if (this.batchFile?.guessed && !this.batchFile.confirmed) return { ok: false, errors: [unconfirmedEncoding(this.batchFile.name)], warnings };
    if (this.#batchText.trim() === '' && this.batchFile) {
      // A chosen file that holds nothing: said by its name, not "paste a CSV".
      const name = this.batchFile.name;
      const error = new AppError('csv-empty', `"${name}" is empty: it holds no header row and no application. Choose the CSV file you meant, or paste its text.`, {
        field: 'batch',
        params: { value: name },
      });
      return { ok: false, errors: [error], warnings };
    }
    if (this.#batchText.trim() === '') {
      const error = new AppError('batch-has-problems', 'Paste a CSV, or choose a file, with one application per row.', { field: 'batch' });
      return { ok: false, errors: [error], warnings };
    }
    if ((problems.length > 0 && !this.skipBadRows) || requests.length === 0) {
      const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
      const message = requests.length === 0 ? 'No row can be made yet: fix the problems listed.' : `The CSV has ${count}, listed below. Fix them, or leave out the rows with problems.`;
      return { ok: false, errors: [new AppError('batch-has-problems', message, { field: 'batch' })], warnings };
    }
    return { ok: true, requests, warnings };
  }
}
