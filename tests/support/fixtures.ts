/** Shared test inputs: the Node WebCrypto, the fixed test key, and sample form values. */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Crypto } from '@peculiar/webcrypto';
import type { ClientForm } from '../../src/lib/request';

/** A second, independent WebCrypto: the page uses the browser's. */
export const nodeCrypto = new Crypto() as unknown as globalThis.Crypto;

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function readFixture(name: string): string {
  return readFileSync(`${FIXTURES}${name}`, 'utf8');
}

export const ORGANISATION_ID = '4af0a68f-d8a8-46c4-ace6-6949e8343868';
export const CLIENT_ID = 'b8739780-9bfe-43bc-9ea4-abc70a840c13';

export const VALID_FORM: ClientForm = {
  legalName: 'Example Fintech LLC',
  organisationId: ORGANISATION_ID,
  clientId: CLIENT_ID,
  roles: ['client_transport', 'client_signing', 'client_encryption'],
  extensions: 'profile',
};
