import { describe, expect, it } from 'vitest';
import { createArtifact, type Stage } from '../../src/lib/artifact';
import { exportPublicKeyDer, importPrivateKeyPem, publicKeyFingerprint } from '../../src/lib/keys';
import { fromPem } from '../../src/lib/pem';
import { validateClientForm, type CertificateRequest } from '../../src/lib/request';
import { CLIENT_ID, ORGANISATION_ID, VALID_FORM, nodeCrypto, readFixture, TEST_KEY_FINGERPRINT } from '../support/fixtures';


function clientTransport(): CertificateRequest {
  const result = validateClientForm({ ...VALID_FORM, roles: ['client_transport'] });
  if (!result.ok) throw new Error('VALID_FORM should be valid');
  return result.requests[0]!;
}

/** The Node WebCrypto, except that generateKey returns the fixed test key, and each call is logged. */
async function fixedKeyCrypto(log: string[]): Promise<Crypto> {
  const keys = await importPrivateKeyPem(nodeCrypto, readFixture('test-key.pem'));
  const subtle = nodeCrypto.subtle;
  return {
    subtle: {
      generateKey: async () => (log.push('generateKey'), keys),
      sign: (...args: Parameters<SubtleCrypto['sign']>) => (log.push('sign'), subtle.sign(...args)),
      exportKey: subtle.exportKey.bind(subtle),
      digest: subtle.digest.bind(subtle),
    },
  } as unknown as Crypto;
}

describe('createArtifact', () => {
  it('reports each stage as it starts: generating-key, signing, done', async () => {
    const log: string[] = [];
    await createArtifact(await fixedKeyCrypto(log), clientTransport(), (stage: Stage) => log.push(stage));
    expect(log).toEqual(['generating-key', 'generateKey', 'signing', 'sign', 'done']);
  });

  it('with the fixed key, gives the golden CSR, the same key PEM, the subject and the fingerprint', async () => {
    const artifact = await createArtifact(await fixedKeyCrypto([]), clientTransport());
    expect(artifact).toEqual({
      request: clientTransport(),
      keyPem: readFixture('test-key.pem'),
      csrPem: readFixture('golden/client_transport.csr'),
      subject: `C = AE, O = Example Fintech LLC, OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`,
      publicKeyFingerprint: TEST_KEY_FINGERPRINT,
    });
  });

  it('shows the subject readable, not byte-escaped', async () => {
    const request = { ...clientTransport(), subject: { ...clientTransport().subject, organization: 'شركة, ذ.م.م' } };
    const artifact = await createArtifact(await fixedKeyCrypto([]), request);
    expect(artifact.subject).toBe(`C = AE, O = "شركة, ذ.م.م", OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`);
  });

  it('with a new key, the fingerprint is that of the key file and of the public key in the CSR', async () => {
    const artifact = await createArtifact(nodeCrypto, clientTransport());
    const keys = await importPrivateKeyPem(nodeCrypto, artifact.keyPem);
    const spki = await exportPublicKeyDer(nodeCrypto, keys.publicKey);
    const csr = Buffer.from(fromPem('CERTIFICATE REQUEST', artifact.csrPem));
    expect(await publicKeyFingerprint(nodeCrypto, spki)).toBe(artifact.publicKeyFingerprint);
    expect(csr.includes(Buffer.from(spki))).toBe(true);
    expect(artifact.publicKeyFingerprint).not.toBe(TEST_KEY_FINGERPRINT);
  });
});
