/**
 * The certificate roles of the AlTareq Trust Framework and what each one
 * requests. This table is the single source of truth: the form, the CSR
 * builder, the file names and the manifest all read it.
 * See shared/TRUST-FRAMEWORK.md, "Requested extensions".
 */

import type { ExtendedKeyUsage, KeyUsageName } from './key-usage';

export type Party = 'client' | 'server';
export type Purpose = 'transport' | 'signing' | 'encryption';

export type RoleId =
  | 'client_transport'
  | 'client_signing'
  | 'client_encryption'
  | 'server_transport'
  | 'server_signing'
  | 'server_encryption';

export interface RoleProfile {
  readonly id: RoleId;
  readonly party: Party;
  readonly purpose: Purpose;
  /** The role as the directory writes it in file names: `opf_uae_client_transport`. */
  readonly fileRole: string;
  /** What the user sees: "Transport". */
  readonly label: string;
  /** What the certificate is for, in a few words. */
  readonly usedFor: string;
  /** Requested as a critical extension. */
  readonly keyUsage: readonly KeyUsageName[];
  readonly extendedKeyUsage: readonly ExtendedKeyUsage[];
  /** Server transport must name its hosts in subjectAltName. */
  readonly dnsNames: 'none' | 'required';
  /** Client certificates carry the Client ID as CN; server certificates carry none. */
  readonly commonName: 'client-id' | 'none';
}

function role(party: Party, purpose: Purpose, fields: Omit<RoleProfile, 'id' | 'party' | 'purpose' | 'fileRole'>): RoleProfile {
  return { id: `${party}_${purpose}` as RoleId, party, purpose, fileRole: `opf_uae_${party}_${purpose}`, ...fields };
}

export const ROLES: Readonly<Record<RoleId, RoleProfile>> = {
  client_transport: role('client', 'transport', {
    label: 'Transport',
    usedFor: 'mTLS client authentication to API providers',
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['clientAuth'],
    dnsNames: 'none',
    commonName: 'client-id',
  }),
  client_signing: role('client', 'signing', {
    label: 'Signing',
    usedFor: 'signing JWTs with PS256',
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    extendedKeyUsage: [],
    dnsNames: 'none',
    commonName: 'client-id',
  }),
  client_encryption: role('client', 'encryption', {
    label: 'Encryption',
    usedFor: 'receiving RSA-OAEP-256 encrypted JWEs',
    // What the Trust Framework's CA issues for encryption, seen on a real certificate.
    keyUsage: ['keyEncipherment', 'dataEncipherment'],
    extendedKeyUsage: [],
    dnsNames: 'none',
    commonName: 'client-id',
  }),
  server_transport: role('server', 'transport', {
    label: 'Server transport',
    usedFor: 'TLS server at the API Hub',
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsage: ['serverAuth'],
    dnsNames: 'required',
    commonName: 'none',
  }),
  server_signing: role('server', 'signing', {
    label: 'Server signing',
    usedFor: 'signing JWTs with PS256',
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    extendedKeyUsage: [],
    dnsNames: 'none',
    commonName: 'none',
  }),
  // The directory does not publish this file-name role; opf_uae_server_encryption is this tool's choice.
  server_encryption: role('server', 'encryption', {
    label: 'Server encryption',
    usedFor: 'receiving RSA-OAEP-256 encrypted JWEs (PII, events)',
    keyUsage: ['keyEncipherment', 'dataEncipherment'],
    extendedKeyUsage: [],
    dnsNames: 'none',
    commonName: 'none',
  }),
};

/** The roles a TPP makes, in the order the directory lists them. */
export const CLIENT_ROLES: readonly RoleId[] = ['client_transport', 'client_signing', 'client_encryption'];

/** The roles an LFI makes. */
export const SERVER_ROLES: readonly RoleId[] = ['server_transport', 'server_signing', 'server_encryption'];

/** A role whose file name the directory does not publish: the tool's own choice, said where it is shown. */
export const ASSUMED_FILE_ROLES: readonly RoleId[] = ['server_encryption'];

/** `<prefix>-opf_uae_client_transport`: the stem both files of a pair share. */
export function fileStem(prefix: string, roleId: RoleId): string {
  return `${prefix}-${ROLES[roleId].fileRole}`;
}

/** The role a file name names (`…-opf_uae_client_transport.csr`), if it names one. */
export function roleInFileName(fileName: string): RoleId | undefined {
  return Object.values(ROLES).find((role) => fileName.includes(role.fileRole))?.id;
}
