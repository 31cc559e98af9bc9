import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signRequest, toBeSigned } from '../../src/lib/csr';
import { prepareHsmCsr } from '../../src/lib/hsm';
import { importPrivateKeyPem } from '../../src/lib/keys';
import { toPem } from '../../src/lib/pem';
import { validateClientForm, validateServerForm, type CertificateRequest } from '../../src/lib/request';
import { CLIENT_ID, VALID_FORM, nodeCrypto, readFixture } from '../support/fixtures';

const KEY_PEM = readFixture('test-key.pem');
const PRIVATE = createPrivateKey(KEY_PEM);
const PUBLIC_PEM = createPublicKey(PRIVATE).export({ type: 'spki', format: 'pem' }) as string;
const SPKI = new Uint8Array(createPublicKey(PRIVATE).export({ type: 'spki', format: 'der' }));

function clientRequest(): CertificateRequest {
  const result = validateClientForm({ ...VALID_FORM, roles: ['client_signing'] });
  if (!result.ok) throw new Error('invalid');
  return result.requests[0]!;
}

describe('prepareHsmCsr, step by step', () => {
  const request = clientRequest();
  const tbs = toBeSigned(request, SPKI);

  it('shows nothing before a public key is given', async () => {
    expect(await prepareHsmCsr(nodeCrypto, { request, publicKey: ' ', signature: '', earlierDigests: [] })).toEqual({ problems: [] });
  });

  it('with the public key: the to-be-signed bytes, named like the CSR, and their SHA-256 three ways', async () => {
    const outcome = await prepareHsmCsr(nodeCrypto, { request, publicKey: PUBLIC_PEM, signature: '', earlierDigests: [] });
    expect(outcome.problems).toEqual([]);
    expect(outcome.publicKey?.source).toBe('pem');
    expect(outcome.toBeSigned?.fileName).toBe(`${CLIENT_ID}-opf_uae_client_signing.tbs.der`);
    expect(Buffer.from(outcome.toBeSigned!.der).equals(Buffer.from(tbs))).toBe(true);
    const digest = await nodeCrypto.subtle.digest('SHA-256', tbs);
    expect(outcome.toBeSigned?.sha256Hex).toBe(Buffer.from(digest).toString('hex'));
    expect(outcome.toBeSigned?.sha256Base64).toBe(Buffer.from(digest).toString('base64'));
    expect(outcome.toBeSigned?.sha256Base64Url).toBe(Buffer.from(digest).toString('base64url'));
    expect(outcome.csr).toBeUndefined();
  });

  it('with a right signature: the CSR, after the gate', async () => {
    const signature = sign('sha256', tbs, PRIVATE).toString('base64');
    const outcome = await prepareHsmCsr(nodeCrypto, { request, publicKey: PUBLIC_PEM, signature, earlierDigests: [] });
    expect(outcome.problems).toEqual([]);
    expect(outcome.csr?.fileName).toBe(`${CLIENT_ID}-opf_uae_client_signing.csr`);
    expect(outcome.csr?.pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
  });

  it('a CSR the gate refuses is not offered (a name outside the allowlist)', async () => {
    const named = { ...request, csrFileName: 'README.txt' };
    const signature = sign('sha256', toBeSigned(named, SPKI), PRIVATE).toString('base64');
    const outcome = await prepareHsmCsr(nodeCrypto, { request: named, publicKey: PUBLIC_PEM, signature, earlierDigests: [] });
    expect(outcome.csr).toBeUndefined();
    expect(outcome.problems.map((problem) => [problem.code, problem.field])).toEqual([['gate-entry-name', 'signature']]);
  });

  it('with a signature over an earlier request: no CSR, and the mistake named', async () => {
    const earlier = toBeSigned({ ...request, subject: { ...request.subject, organization: 'Earlier LLC' } }, SPKI);
    const earlierDigest = Buffer.from(await nodeCrypto.subtle.digest('SHA-256', earlier)).toString('hex');
    const signature = sign('sha256', earlier, PRIVATE).toString('base64');
    const outcome = await prepareHsmCsr(nodeCrypto, { request, publicKey: PUBLIC_PEM, signature, earlierDigests: [earlierDigest] });
    expect(outcome.csr).toBeUndefined();
    expect(outcome.problems.map((problem) => [problem.code, problem.field])).toEqual([['signature-earlier-request', 'signature']]);
  });

  it('with a public key that is not RSA-2048: nothing to sign', async () => {
    const outcome = await prepareHsmCsr(nodeCrypto, { request, publicKey: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE', signature: '', earlierDigests: [] });
    expect(outcome.toBeSigned).toBeUndefined();
    expect(outcome.problems.map((problem) => problem.field)).toEqual(['publicKey']);
  });
});

describe('the HSM path and the form path make the same CSR', () => {
  const legalName = fc
    .stringMatching(/^[A-Za-z0-9\u0621-\u064a&.,/+"' -]{1,60}$/)
    .map((name) => name.replace(/^ +| +$/g, '') || 'X');
  const uuid = fc.uuid({ version: 4 });
  const request = fc.oneof(
    fc.record({ legalName, organisationId: uuid, clientId: uuid, role: fc.constantFrom('client_transport', 'client_signing', 'client_encryption' as const), exact: fc.boolean() }).map(
      ({ legalName, organisationId, clientId, role, exact }) =>
        validateClientForm({ legalName, organisationId, clientId, roles: [role], extensions: exact ? 'none' : 'profile' }),
    ),
    fc.record({ legalName, organisationId: uuid, hosts: fc.array(fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/), { minLength: 1, maxLength: 3 }), role: fc.constantFrom('server_transport', 'server_signing' as const) }).map(
      ({ legalName, organisationId, hosts, role }) =>
        validateServerForm({ legalName, organisationId, dnsNames: [...new Set(hosts)].map((host) => `${host}.bank.ae`).join('\n'), commonName: '', roles: [role], extensions: 'profile' }),
    ),
  );

  it('for random requests, byte for byte (1,000 runs)', async () => {
    const keys = await importPrivateKeyPem(nodeCrypto, KEY_PEM);
    await fc.assert(
      fc.asyncProperty(request, async (validation) => {
        fc.pre(validation.ok);
        if (!validation.ok) return;
        const each = validation.requests[0]!;
        const formPath = toPem('CERTIFICATE REQUEST', await signRequest(nodeCrypto, each, SPKI, keys.privateKey));
        const signature = sign('sha256', toBeSigned(each, SPKI), PRIVATE);
        const hsmPath = await prepareHsmCsr(nodeCrypto, { request: each, publicKey: new Uint8Array(SPKI), signature: new Uint8Array(signature), earlierDigests: [] });
        expect(hsmPath.problems).toEqual([]);
        expect(hsmPath.csr?.pem).toBe(formPath);
      }),
      { numRuns: 1000 },
    );
  }, 180_000);
});
