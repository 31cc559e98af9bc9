/** Shared test inputs: the Node WebCrypto, the fixed test key, and sample form values. */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Crypto } from '@peculiar/webcrypto';
import type { ClientForm } from '../../src/lib/request';
import { readPemOrDer, type FileItem } from '../../src/lib/sniff';

/** A second, independent WebCrypto: the page uses the browser's. */
export const nodeCrypto = new Crypto() as unknown as globalThis.Crypto;

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function readFixture(name: string): string {
  return readFileSync(`${FIXTURES}${name}`, 'utf8');
}

/** A fixture's bytes; `checklist/` files were made by tests/fixtures/checklist/make-checklist.sh. */
export function fixtureBytes(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(`${FIXTURES}${name}`));
}

/** The public-key fingerprint of test-key.pem: openssl pkey -in tests/fixtures/test-key.pem -pubout -outform DER | openssl dgst -sha256 */
export const TEST_KEY_FINGERPRINT = '639dd48dc9f15930f7c4a8f3ae5e248fc1d4f665b85dd2a1ebf98414ae6cf89a';

export const ORGANISATION_ID = '4af0a68f-d8a8-46c4-ace6-6949e8343868';
export const CLIENT_ID = 'b8739780-9bfe-43bc-9ea4-abc70a840c13';

export const VALID_FORM: ClientForm = {
  legalName: 'Example Fintech LLC',
  organisationId: ORGANISATION_ID,
  clientId: CLIENT_ID,
  roles: ['client_transport', 'client_signing', 'client_encryption'],
  extensions: 'profile',
};

/** What readPemOrDer reads from a file that must be readable. */
export function fileItems(input: Uint8Array, fileName: string): FileItem[] {
  const read = readPemOrDer(input, fileName);
  if (!read.ok) throw new Error(read.problem.message);
  return read.items;
}
