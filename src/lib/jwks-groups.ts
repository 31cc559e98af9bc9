/**
 * Which dropped certificates belong to one application, for its JWK Set
 * (jwks.ts builds it, in the worker). Plain data, no ASN.1: the page uses it.
 */

import type { NameParts } from './certificate-facts';
import type { RoleId } from './profile';
import { isDirectoryUuid } from './request';

export interface JwksCertificate {
  readonly pem: string;
  readonly role: RoleId | undefined;
  readonly kid: string;
  readonly subject: NameParts;
}

export interface JwksGroup<T extends JwksCertificate> {
  /** The Client ID of a TPP's application, or the Organisation ID of an LFI. */
  readonly application: string;
  readonly certificates: readonly T[];
}

/** One application: a TPP's certificates share a Client ID (CN); an LFI's, with no Client ID, an Organisation ID (OU). */
export function applicationOf(subject: NameParts): string | undefined {
  const cn = subject.CN;
  if (isDirectoryUuid(cn)) return cn;
  return subject.OU;
}

/** Certificates with a role, grouped by application, in the order first seen. */
export function groupByApplication<T extends JwksCertificate>(certificates: readonly T[]): JwksGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const certificate of certificates) {
    const application = applicationOf(certificate.subject);
    if (certificate.role === undefined || application === undefined) continue;
    groups.set(application, [...(groups.get(application) ?? []), certificate]);
  }
  return [...groups].map(([application, members]) => ({ application, certificates: members }));
}

