import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { examine, type DroppedFile } from '../../src/lib/examine';
import type { RoleId } from '../../src/lib/profile';
import { FIXTURES, nodeCrypto } from '../support/fixtures';

// The Trust Framework look-alikes made by tests/fixtures/make-trust-framework.sh.
const file = (name: string): DroppedFile => {
  const bytes = new Uint8Array(readFileSync(`${FIXTURES}trust-framework/${name}`));
  return { name, size: bytes.length, bytes };
};
const NOW = new Date('2027-01-01T00:00:00Z');

describe('examine: the Trust Framework view of what was dropped', () => {
  it('a sandbox certificate with its key and the chain: sandbox, its role, its kid, the two CAs as CAs and as its chain', async () => {
    const { examination } = await examine(
      nodeCrypto,
      [file('sandbox-server_encryption.pem'), file('sandbox-server_encryption.key'), file('sandbox-chain.pem')],
      NOW,
    );
    expect(examination.problems).toEqual([]);
    expect(examination.pairs).toHaveLength(1);
    const [pair] = examination.pairs;
    expect(pair!.certificate.role).toBe('server_encryption');
    expect(pair!.certificate.trust).toMatchObject({ kind: 'end-entity', environment: 'sandbox', policy: true, keyId: 'differs', gaps: [] });
    expect(pair!.certificate.trust.x5tS256).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(examination.authorities.map((ca) => [ca.trust.kind, ca.trust.environment])).toEqual([
      ['issuing-ca', 'sandbox'],
      ['root-ca', 'sandbox'],
    ]);
    expect(pair!.chain.map((ca) => ca.subject)).toEqual(examination.authorities.map((ca) => ca.subject));
    expect(pair!.chain[0]!.subject).toContain('CN = Al Tareq Sandbox Trust Framework Issuing CA - G1');
  });

  it('a certificate from another CA: not from the Trust Framework, its role still named, no chain from the other CAs', async () => {
    const { examination } = await examine(nodeCrypto, [file('other-client_signing.pem'), file('sandbox-chain.pem')], NOW);
    const [pair] = examination.pairs;
    expect([pair!.certificate.role, pair!.certificate.trust.environment, pair!.chain]).toEqual(['client_signing', undefined, []]);
  });

  it('the chain of the other environment is not taken for this one', async () => {
    const { examination } = await examine(nodeCrypto, [file('production-client_signing.pem'), file('sandbox-chain.pem')], NOW);
    expect(examination.pairs[0]!.certificate.trust.environment).toBe('production');
    expect(examination.pairs[0]!.chain).toEqual([]);
  });
});

describe('examine: a CSR whose file name names no role', () => {
  it('carries the checklist for each role, so the user can choose the certificate type', async () => {
    const bytes = new Uint8Array(readFileSync(`${FIXTURES}golden/server_encryption.csr`));
    const { examination } = await examine(nodeCrypto, [{ name: 'request.csr', size: bytes.length, bytes }], NOW);
    const [csr] = examination.csrs;
    expect(csr!.role).toBeUndefined();
    const failing = (role: RoleId) => csr!.checksByRole![role]!.filter((check) => !check.pass && !check.skipped).map((check) => check.id);
    expect(failing('server_encryption')).toEqual([]);
    expect(failing('client_transport')).toEqual(['subject', 'extensions']);
  });
});

describe('examine: a dropped .p12', () => {
  const p12 = file('sandbox-client_signing-pbes2.p12');
  it('without its passphrase: a problem asking for it, and nothing read', async () => {
    const { examination } = await examine(nodeCrypto, [p12], NOW);
    expect(examination.problems.map((problem) => [problem.code, problem.fileName])).toEqual([['p12-passphrase-needed', p12.name]]);
    expect(examination.pairs).toEqual([]);
  });

  it('with its passphrase: the key (kept apart, for the worker), its certificate and the chain', async () => {
    const { examination, privateKeys } = await examine(nodeCrypto, [p12], NOW, new Map([[p12.name, 'correct horse battery staple']]));
    expect(examination.problems).toEqual([]);
    expect(examination.pairs.map((pair) => [pair.certificate.role, pair.certificate.trust.environment, pair.key?.fileName, pair.chain.length])).toEqual([
      ['client_signing', 'sandbox', p12.name, 2],
    ]);
    expect([...privateKeys.values()]).toEqual([readFileSync(`${FIXTURES}trust-framework/sandbox-client_signing.key`, 'utf8')]);
    expect(JSON.stringify(examination)).not.toContain('PRIVATE KEY');
  }, 30_000);

  it('the legacy 3DES one: refused by name, the other files still read', async () => {
    const { examination } = await examine(
      nodeCrypto,
      [file('sandbox-client_signing-legacy.p12'), file('sandbox-root-ca.pem')],
      NOW,
      new Map([['sandbox-client_signing-legacy.p12', 'correct horse battery staple']]),
    );
    expect(examination.problems.map((problem) => problem.code)).toEqual(['p12-encryption-unsupported']);
    expect(examination.authorities).toHaveLength(1);
  });
});
