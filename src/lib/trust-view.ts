/**
 * The Trust Framework facts the Certificates view shows on each card: where
 * the certificate is from (sandbox, production, or not the Trust Framework),
 * whether it is a CA, the role it plays and what is missing for it, its
 * x5t#S256 (the directory's kid), and the chain of dropped CA certificates
 * above it. Plain data: it crosses from the worker to the page.
 */

import { issuedBy, readCertificateFacts, type CertificateFacts, type NameParts } from './certificate-facts';
import type { CertificateDescription } from './describe';
import type { Bytes } from './pem';
import type { RoleId } from './profile';
import { classify, recognise, type CertificateKind, type Environment, type KeyIdEvidence, type RoleGap } from './trust-framework';

export interface TrustView {
  readonly kind: CertificateKind;
  /** Sandbox or production, by name (and policy, key identifier); undefined: not from the Trust Framework. */
  readonly environment: Environment | undefined;
  readonly policy: boolean;
  readonly keyId: KeyIdEvidence;
  /** What keeps the certificate from fully matching its role; empty when it does or when there is no role. */
  readonly gaps: readonly RoleGap[];
  /** base64url SHA-256 of the DER: the kid the directory gives the key. */
  readonly x5tS256: string;
  /** The subject's C, O, OU and CN: what a successor's request is made from. */
  readonly subject: NameParts;
}

export interface TrustReading {
  readonly view: TrustView;
  readonly role: RoleId | undefined;
  readonly facts: CertificateFacts;
}

export async function readTrust(crypto: Crypto, der: Bytes, description?: CertificateDescription): Promise<TrustReading> {
  const facts = await readCertificateFacts(crypto, der, description);
  const recognition = recognise(facts);
  const { role, gaps } = recognition.kind === 'end-entity' ? classify(facts) : { role: undefined, gaps: [] };
  const view: TrustView = {
    kind: recognition.kind,
    environment: recognition.environment,
    policy: recognition.policy,
    keyId: recognition.keyId,
    gaps,
    x5tS256: facts.x5tS256,
    subject: facts.subject,
  };
  return { view, role, facts };
}

/** A chain is a root and an issuing CA, a few more at most: a loop or a long ladder stops here. */
const MAX_CHAIN = 8;

/**
 * The dropped CA certificates above `leaf`, nearest first (issuing CA, then
 * root), by issuer name and key identifier. Stops at a self-issued root, a
 * missing link or a loop. Says nothing of signatures: it is what the user
 * dropped, put in order.
 */
export function chainAbove<T>(leaf: CertificateFacts, authorities: readonly { readonly facts: CertificateFacts; readonly item: T }[]): T[] {
  const chain: T[] = [];
  const used = new Set<number>();
  let current = leaf;
  while (chain.length < MAX_CHAIN && !current.selfIssued) {
    const index = authorities.findIndex((authority, at) => !used.has(at) && issuedBy(current, authority.facts));
    if (index < 0) break;
    used.add(index);
    chain.push(authorities[index]!.item);
    current = authorities[index]!.facts;
  }
  return chain;
}
