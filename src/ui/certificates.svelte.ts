/**
 * The Certificate view's state: the names of the files the user dropped, what
 * the worker made of them, and the exports. The files themselves, and any
 * private key among them, are handed to the worker and kept there: the page
 * holds names, subjects, fingerprints and certificates only, and asks the
 * worker for a .p12 or a private JWK by the key's id.
 */

import type { DroppedFile, Examination, Pair } from '../lib/examine';
import type { RoleId } from '../lib/profile';
import type { Rotation } from '../lib/rotation';
import { holdsPrivateKey, pastedFile } from '../lib/pasted';
import { groupByApplication, type JwksCertificate, type JwksGroup } from '../lib/jwks-groups';
import { MAX_READ_BYTES } from '../lib/read-files';
import type { GeneratorWorker } from './generator-worker';

export class CertificateDesk {
  /** The names of the files the worker holds, in the order they were dropped. */
  names: readonly string[] = $state.raw([]);
  examination: Examination | null = $state.raw(null);
  busy = $state(false);
  failure: string | null = $state(null);
  readonly #worker: GeneratorWorker;
  /** Counts drops and clears, so that an examination that finishes after a newer one (or a Clear) is ignored. */
  #turn = 0;
  /** The last pasted text held a private key, and was dropped unread. */
  pasteRefused = $state(false);
  /** Counts pasted texts, to name each one's file. */
  #pastes = 0;
  /** Each application's certificates with a role, for its JWK Set (public data: made in the page). */
  jwksGroups: JwksGroup<JwksCertificate>[] = $derived(
    groupByApplication(
      (this.examination?.pairs ?? []).map(({ certificate }) => ({
        pem: certificate.pem,
        role: certificate.role,
        kid: certificate.trust.x5tS256,
        subject: certificate.trust.subject,
      })),
    ),
  );
  /** Opens the form or the HSM/KMS path prefilled for a certificate's successor. */
  readonly rotate: (rotation: Rotation, where: 'form' | 'hsm') => void;

  constructor(worker: GeneratorWorker, rotate: (rotation: Rotation, where: 'form' | 'hsm') => void = () => {}) {
    this.#worker = worker;
    this.rotate = rotate;
  }

  /** Adds files (a second drop adds to the first; a file of the same name replaces the earlier one) and reads them all again. */
  async add(list: FileList | readonly File[]): Promise<void> {
    const turn = ++this.#turn;
    this.failure = null;
    await this.#examineAs(turn, async () => {
      // A file too large to be a certificate, key, CSR or zip of them is not even read: the worker lists it with the reason.
      const added: DroppedFile[] = await Promise.all(
        [...list].map(async (file) =>
          file.size > MAX_READ_BYTES
            ? { name: file.name, size: file.size }
            : { name: file.name, size: file.size, bytes: new Uint8Array(await file.arrayBuffer()) },
        ),
      );
      if (turn !== this.#turn) return undefined;
      this.names = [...this.names.filter((name) => !added.some((file) => file.name === name)), ...added.map((file) => file.name)];
      return this.#worker.examine(added);
    });
  }

  /** Pasted text (PEM, or a JWKS whose x5c certificates are read), examined as a file named `pasted-N…` (issue 17). */
  async addText(text: string): Promise<void> {
    if (text.trim() === '') return; // nothing to add; a refusal already shown stays
    this.pasteRefused = holdsPrivateKey(text);
    if (this.pasteRefused) return;
    const { name, bytes } = pastedFile(text, ++this.#pastes);
    await this.add([new File([bytes as Uint8Array<ArrayBuffer>], name)]);
  }

  /** Opens a dropped .p12 with its passphrase (in the worker, where its key stays). */
  async openP12(fileName: string, passphrase: string): Promise<void> {
    await this.#examineAs(++this.#turn, () => this.#worker.openP12(fileName, passphrase));
  }

  /** Removes one loaded file, here and in the worker, and examines the rest again. */
  async remove(name: string): Promise<void> {
    if (!this.names.includes(name)) return;
    if (this.names.length === 1) return this.clear();
    this.names = this.names.filter((other) => other !== name);
    await this.#examineAs(++this.#turn, () => this.#worker.examine([], [name]));
  }

  /** Runs an examination as turn `turn`: its result, failure and end are shown only while no newer turn has begun. */
  async #examineAs(turn: number, examine: () => Promise<Examination | undefined>): Promise<void> {
    this.busy = true;
    try {
      const examination = await examine();
      if (examination && turn === this.#turn) this.examination = examination;
    } catch (error) {
      if (turn === this.#turn) this.failure = error instanceof Error ? error.message : String(error);
    } finally {
      if (turn === this.#turn) this.busy = false;
    }
  }

  /** Forgets everything, here and in the worker (the files and their keys), whatever state the view was in. */
  clear(): void {
    this.#turn++;
    this.names = [];
    this.examination = null;
    this.failure = null;
    this.busy = false;
    this.#worker.forgetDropped();
  }

  /** A .p12 of the pair's key and certificate, encrypted with `passphrase`; saved under the certificate's name. Resolves to the time it took, in ms. */
  async exportPkcs12(pair: Pair, passphrase: string, withChain = false): Promise<number> {
    const started = performance.now();
    const p12 = await this.#worker.exportPkcs12({
      keyId: pair.key?.id ?? '',
      certificatePem: pair.certificate.pem,
      passphrase,
      friendlyName: baseName(pair.certificate.fileName),
      chainPems: withChain ? pair.chain.map((ca) => ca.pem) : [],
    });
    save(new Blob([p12], { type: 'application/x-pkcs12' }), `${baseName(pair.certificate.fileName)}.p12`);
    return performance.now() - started;
  }

  /** One application's jwks.json, made in the worker (which has the JOSE and ASN.1 code): each key's kid is its x5t#S256. */
  async downloadJwks(group: JwksGroup<JwksCertificate>, includeTransport: boolean): Promise<void> {
    const json = await this.#worker.exportJwks({ certificates: group.certificates, includeTransport });
    save(new Blob([json], { type: 'application/json' }), 'jwks.json');
  }

  async exportJwk(pair: Pair, which: 'public' | 'private', kid: string, role: RoleId): Promise<void> {
    const json = await this.#worker.exportJwk({ which, keyId: pair.key?.id ?? '', certificatePem: pair.certificate.pem, kid, role });
    save(new Blob([json], { type: 'application/json' }), `${baseName(pair.certificate.fileName)}${which === 'private' ? '.private' : ''}.jwk.json`);
  }
}

function baseName(fileName: string): string {
  return fileName.replace(/\.(pem|crt|cer|der)$/i, '');
}

/** Hands a file to the browser's download, then forgets it. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
