import { describe, expect, it } from 'vitest';
import { matchFiles } from '../../src/lib/match';
import { TEST_KEY_FINGERPRINT, fileItems as items, fixtureBytes as bytes, nodeCrypto } from '../support/fixtures';

describe('matchFiles', () => {
  it('pairs each certificate with its key and CSR, and lists the rest', async () => {
    const files = [
      ...items(bytes('checklist/chain.pem'), 'chain.pem'),
      ...items(bytes('checklist/rsa-1024.csr'), 'other.csr'),
      ...items(bytes('golden/client_transport.csr'), 'transport.csr'),
      ...items(bytes('checklist/test-key-pkcs1.pem'), 'transport.key'),
    ];
    const [leaf, ca, other, csr, key] = files;
    const matches = await matchFiles(nodeCrypto, files);
    expect(matches.certificates).toEqual([
      {
        certificate: leaf,
        key,
        csr,
        match: true,
        publicKeyFingerprint: TEST_KEY_FINGERPRINT,
        message: 'Matches the key in "transport.key" and the CSR in "transport.csr".',
      },
      {
        certificate: ca,
        key: undefined,
        csr: undefined,
        match: false,
        publicKeyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        message: 'No matching key among the files.',
      },
    ]);
    expect(matches.withoutCertificate).toEqual([{ csr: other, publicKeyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('says when only the CSR of a certificate is there', async () => {
    const files = [...items(bytes('checklist/certificate.pem'), 'a.pem'), ...items(bytes('golden/client_transport.csr'), 'a.csr')];
    const [match] = (await matchFiles(nodeCrypto, files)).certificates;
    expect([match!.match, match!.message]).toEqual([false, 'No matching key among the files; the CSR in "a.csr" has the same public key.']);
  });

  it('pairs a key with its CSR when there is no certificate', async () => {
    const files = [...items(bytes('test-key.pem'), 'a.key'), ...items(bytes('golden/client_signing.csr'), 'a.csr')];
    const [key, csr] = files;
    expect(await matchFiles(nodeCrypto, files)).toEqual({
      certificates: [],
      withoutCertificate: [{ key, csr, publicKeyFingerprint: TEST_KEY_FINGERPRINT }],
    });
  });
});
