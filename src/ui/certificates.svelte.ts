/**
 * The Certificate view's state: the files the user dropped, what the worker
 * made of them, and the exports. The files stay in memory only while shown.
 */

import type { DroppedFile, Examination, Pair } from '../lib/examine';
import type { RoleId } from '../lib/profile';
import type { GeneratorWorker } from './generator-worker';

export class CertificateDesk {
  files: DroppedFile[] = $state.raw([]);
  examination: Examination | null = $state.raw(null);
  busy = $state(false);
  failure: string | null = $state(null);
  readonly #worker: GeneratorWorker;

  constructor(worker: GeneratorWorker) {
    this.#worker = worker;
  }

  /** Adds files (a second drop adds to the first) and reads them all again. */
  async add(list: FileList | readonly File[]): Promise<void> {
    const added = await Promise.all([...list].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
    this.files = [...this.files.filter((file) => !added.some((a) => a.name === file.name)), ...added];
    this.busy = true;
    this.failure = null;
    try {
      this.examination = await this.#worker.examine(this.files);
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  clear(): void {
    this.files = [];
    this.examination = null;
    this.failure = null;
  }

  /** A .p12 of the pair's key and certificate, encrypted with `passphrase`; saved under the certificate's name. */
  async exportPkcs12(pair: Pair, passphrase: string): Promise<void> {
    const p12 = await this.#worker.exportPkcs12({
      keyPem: pair.key!.pem,
      certificatePem: pair.certificate.pem,
      passphrase,
      friendlyName: baseName(pair.certificate.fileName),
    });
    save(new Blob([p12], { type: 'application/x-pkcs12' }), `${baseName(pair.certificate.fileName)}.p12`);
  }

  async exportJwk(pair: Pair, which: 'public' | 'private', kid: string, role: RoleId): Promise<void> {
    const json = await this.#worker.exportJwk({ which, keyPem: pair.key?.pem ?? '', certificatePem: pair.certificate.pem, kid, role });
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
