/** Which key, CSR and public key go with which certificate: the same SubjectPublicKeyInfo, by its SHA-256. */

import { Certificate, CertificationRequest, PublicKeyInfo } from 'pkijs';
import { decodeOrThrow } from './der';
import { publicKeyOfPrivateKey, spkiDer } from './key-der';
import { publicKeyFingerprint } from './keys';
import type { Bytes } from './pem';
import type { FileItem } from './sniff';

export interface CertificateMatch {
  readonly certificate: FileItem;
  readonly key?: FileItem;
  readonly csr?: FileItem;
  /** Its public key on its own, as an HSM or KMS exports it, when its private key is elsewhere. */
  readonly publicKey?: FileItem;
  /** The certificate's private key is among the files. */
  readonly match: boolean;
  readonly publicKeyFingerprint: string;
  /** "Matches the key in …", or "No matching key …": a certificate without its key is not an error. */
  readonly message: string;
}

/** A key and/or CSR with the same public key, for which no certificate was given. */
export interface WithoutCertificate {
  readonly key?: FileItem;
  readonly csr?: FileItem;
  readonly publicKey?: FileItem;
  readonly publicKeyFingerprint: string;
}

export interface FileMatches {
  readonly certificates: CertificateMatch[];
  readonly withoutCertificate: WithoutCertificate[];
}

/** Pairs each certificate with the key and CSR that have its public key (the same SPKI SHA-256). */
export async function matchFiles(crypto: Crypto, files: readonly FileItem[]): Promise<FileMatches> {
  const fingerprinted = await Promise.all(
    files.map(async (item) => ({ item, fingerprint: await publicKeyFingerprint(crypto, publicKeyDer(item)) })),
  );
  const find = (kind: FileItem['kind'], fingerprint: string) =>
    fingerprinted.find((entry) => entry.item.kind === kind && entry.fingerprint === fingerprint)?.item;

  const certificates = fingerprinted
    .filter((entry) => entry.item.kind === 'certificate')
    .map(({ item, fingerprint }): CertificateMatch => {
      const key = find('private-key', fingerprint);
      const csr = find('csr', fingerprint);
      const publicKey = find('public-key', fingerprint);
      return { certificate: item, key, csr, ...(publicKey ? { publicKey } : {}), match: key !== undefined, publicKeyFingerprint: fingerprint, message: matchMessage(key, csr) };
    });

  const certified = new Set(certificates.map((match) => match.publicKeyFingerprint));
  const withoutCertificate: Array<{ key?: FileItem; csr?: FileItem; publicKey?: FileItem; publicKeyFingerprint: string }> = [];
  for (const { item, fingerprint } of fingerprinted) {
    if (item.kind === 'certificate' || certified.has(fingerprint)) continue;
    const slot = item.kind === 'private-key' ? 'key' : item.kind === 'public-key' ? 'publicKey' : 'csr';
    const pair = withoutCertificate.find((entry) => entry.publicKeyFingerprint === fingerprint && entry[slot] === undefined);
    if (pair) pair[slot] = item;
    else withoutCertificate.push({ [slot]: item, publicKeyFingerprint: fingerprint });
  }
  return { certificates, withoutCertificate };
}

function publicKeyDer(item: FileItem): Bytes {
  switch (item.kind) {
    case 'certificate':
      return spkiDer(decodeOrThrow(Certificate, item.der, 'certificate').subjectPublicKeyInfo);
    case 'csr':
      return spkiDer(decodeOrThrow(CertificationRequest, item.der, 'CSR').subjectPublicKeyInfo);
    case 'private-key':
      return publicKeyOfPrivateKey(item.der);
    case 'public-key':
      return spkiDer(decodeOrThrow(PublicKeyInfo, item.der, 'public key'));
  }
}

function matchMessage(key: FileItem | undefined, csr: FileItem | undefined): string {
  const csrPart = csr ? `the CSR in "${csr.fileName}"` : '';
  if (key) return `Matches the key in "${key.fileName}"${csr ? ` and ${csrPart}` : ''}.`;
  return `No matching key among the files${csr ? `; ${csrPart} has the same public key` : ''}.`;
}
