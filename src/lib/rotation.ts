/**
 * Rotation: certificates live 13 months at most, so a new key and CSR must be
 * made before one expires. From an issued certificate, what the form (or the
 * HSM/KMS path) needs to make its successor: organisation, IDs, role, DNS names.
 */

import type { NameParts } from './certificate-facts';
import type { Party, RoleId } from './profile';
import { ROLES } from './profile';
import { isDirectoryUuid } from './request';

export interface Rotation {
  readonly party: Party;
  /** Undefined when the certificate's role could not be told: the user ticks it. */
  readonly role: RoleId | undefined;
  readonly legalName: string;
  readonly organisationId: string;
  /** A TPP certificate's Client ID (its CN); empty for an LFI. */
  readonly clientId: string;
  readonly dnsNames: readonly string[];
}

/** The successor's request fields, read from the certificate's subject, role and SAN. */
export function rotationOf(subject: NameParts, role: RoleId | undefined, dnsNames: readonly string[]): Rotation {
  const cn = subject.CN;
  const cnIsClientId = isDirectoryUuid(cn);
  const party: Party = role ? ROLES[role].party : cnIsClientId ? 'client' : 'server';
  return {
    party,
    role,
    legalName: subject.O ?? '',
    organisationId: subject.OU ?? '',
    clientId: party === 'client' && cn !== undefined ? cn : '',
    dnsNames: role === 'server_transport' || (role === undefined && party === 'server') ? [...dnsNames] : [],
  };
}
