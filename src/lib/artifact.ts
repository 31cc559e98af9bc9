/**
 * One generated pair: the private key and the CSR for a request, with what
 * the user needs to see about them. Everything the page shows and the zip
 * holds is derived from an Artifact.
 */

import { signRequest } from './csr';
import { exportPrivateKeyPem, exportPublicKeyDer, generateRsaKeyPair, publicKeyFingerprint } from './keys';
import { toPem } from './pem';
import type { CertificateRequest } from './request';
import { subjectLine } from './subject';

export interface Artifact {
  readonly request: CertificateRequest;
  /** Unencrypted PKCS#8 PEM. Secret: it only ever leaves the page in the user's download. */
  readonly keyPem: string;
  readonly csrPem: string;
  /** As `openssl req -noout -subject -nameopt oneline,-esc_msb` prints it, without `subject=`. */
  readonly subject: string;
  /** SHA-256 of the public key (SubjectPublicKeyInfo DER), lowercase hex. */
  readonly publicKeyFingerprint: string;
}

/**
 * What the page may see of an Artifact: names, subject, CSR and fingerprint,
 * never the private key. The worker posts only this; the key stays in the
 * worker until it goes into the zip.
 */
export type PublicArtifact = Omit<Artifact, 'keyPem'>;

/** The public part of an artifact, listed field by field, so that nothing new leaves the worker unseen. */
export function publicPart(artifact: Artifact): PublicArtifact {
  return {
    request: artifact.request,
    csrPem: artifact.csrPem,
    subject: artifact.subject,
    publicKeyFingerprint: artifact.publicKeyFingerprint,
  };
}

export type Stage = 'queued' | 'generating-key' | 'signing' | 'done';

/** Makes the key and CSR for one request, reporting each stage as it starts. */
export async function createArtifact(
  crypto: Crypto,
  request: CertificateRequest,
  onStage: (stage: Stage) => void = () => {},
): Promise<Artifact> {
  onStage('generating-key');
  const keys = await generateRsaKeyPair(crypto);
  return artifactFromKeys(crypto, request, keys, onStage);
}

/**
 * The CSR and files for a key pair already made. Split from createArtifact so
 * that a caller can start the next key while this one's CSR is signed.
 */
export async function artifactFromKeys(
  crypto: Crypto,
  request: CertificateRequest,
  keys: CryptoKeyPair,
  onStage: (stage: Stage) => void = () => {},
): Promise<Artifact> {
  onStage('signing');
  // WebCrypto calls queued together rather than one round trip after another: the public key
  // is exported once, then the signature, its fingerprint and the private key export run at once.
  const spki = exportPublicKeyDer(crypto, keys.publicKey);
  const [csrDer, fingerprint, keyPem] = await Promise.all([
    spki.then((der) => signRequest(crypto, request, der, keys.privateKey)),
    spki.then((der) => publicKeyFingerprint(crypto, der)),
    exportPrivateKeyPem(crypto, keys.privateKey),
  ]);
  const artifact: Artifact = {
    request,
    keyPem,
    csrPem: toPem('CERTIFICATE REQUEST', csrDer),
    subject: subjectLine(request.subject, { escapeNonAscii: false }),
    publicKeyFingerprint: fingerprint,
  };
  onStage('done');
  return artifact;
}
