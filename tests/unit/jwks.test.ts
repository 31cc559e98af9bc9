import { compactVerify, CompactSign, importJWK, importPKCS8 } from 'jose';
import { describe, expect, it } from 'vitest';
import { buildJwks } from '../../src/lib/jwks';
import { applicationOf, groupByApplication, type JwksCertificate } from '../../src/lib/jwks-groups';
import { readCertificateFacts } from '../../src/lib/certificate-facts';
import { fromPem } from '../../src/lib/pem';
import type { RoleId } from '../../src/lib/profile';
import { CLIENT_ID, ORGANISATION_ID, nodeCrypto, readFixture } from '../support/fixtures';

async function certificate(name: string, role: RoleId | undefined): Promise<JwksCertificate> {
  const pem = readFixture(`trust-framework/${name}.pem`);
  const facts = await readCertificateFacts(nodeCrypto, fromPem('CERTIFICATE', pem));
  return { pem, role, kid: facts.x5tS256, subject: facts.subject };
}

describe('groupByApplication', () => {
  it('groups a TPP by Client ID and an LFI by Organisation ID; a certificate with no role is left out', async () => {
    const all = await Promise.all([
      certificate('sandbox-client_transport', 'client_transport'),
      certificate('sandbox-server_signing', 'server_signing'),
      certificate('sandbox-client_signing', 'client_signing'),
      certificate('sandbox-server_encryption', undefined),
    ]);
    expect(groupByApplication(all).map((group) => [group.application, group.certificates.map((c) => c.role)])).toEqual([
      [CLIENT_ID, ['client_transport', 'client_signing']],
      [ORGANISATION_ID, ['server_signing']],
    ]);
    expect(applicationOf({ OU: ORGANISATION_ID, CN: 'api.bank.ae' })).toBe(ORGANISATION_ID);
  });
});

describe('buildJwks', () => {
  it('signing and encryption keys with kid = x5t#S256; transport only when asked; a PS256 JWS verifies with the sig key', async () => {
    const all = await Promise.all([
      certificate('sandbox-client_transport', 'client_transport'),
      certificate('sandbox-client_signing', 'client_signing'),
      certificate('sandbox-client_encryption', 'client_encryption'),
    ]);
    const { keys } = await buildJwks(nodeCrypto, all, { includeTransport: false });
    expect(keys.map((key) => [key.kid === key['x5t#S256'], key.use, key.alg])).toEqual([
      [true, 'sig', 'PS256'],
      [true, 'enc', 'RSA-OAEP-256'],
    ]);
    const signer = await importPKCS8(readFixture('trust-framework/sandbox-client_signing.key'), 'PS256');
    const jws = await new CompactSign(new TextEncoder().encode('x')).setProtectedHeader({ alg: 'PS256', kid: keys[0]!.kid }).sign(signer);
    await expect(compactVerify(jws, await importJWK({ ...keys[0]! }, 'PS256'))).resolves.toMatchObject({ protectedHeader: { kid: keys[0]!.kid } });
    expect((await buildJwks(nodeCrypto, all, { includeTransport: true })).keys.map((key) => key.use)).toEqual([undefined, 'sig', 'enc']);
  });
});
