import { describe, expect, it } from 'vitest';
import {
  ASSUMED_FILE_ROLES,
  CLIENT_ROLES,
  SERVER_ROLES,
  ROLES,
  fileStem,
  roleInFileName,
  type RoleId,
  type RoleProfile,
} from '../../src/lib/profile';
import { CLIENT_ID, ORGANISATION_ID } from '../support/fixtures';

type Rule = Pick<RoleProfile, 'party' | 'purpose' | 'fileRole' | 'keyUsage' | 'extendedKeyUsage' | 'dnsNames' | 'commonName'>;

// shared/TRUST-FRAMEWORK.md, "Certificate types" and "Requested extensions".
const TRUST_FRAMEWORK: Array<{ name: string; input: RoleId; want: Rule }> = [
  {
    name: 'client transport: mTLS client, clientAuth, CN = Client ID',
    input: 'client_transport',
    want: {
      party: 'client',
      purpose: 'transport',
      fileRole: 'opf_uae_client_transport',
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extendedKeyUsage: ['clientAuth'],
      dnsNames: 'none',
      commonName: 'client-id',
    },
  },
  {
    name: 'client signing: digitalSignature + nonRepudiation, no EKU',
    input: 'client_signing',
    want: {
      party: 'client',
      purpose: 'signing',
      fileRole: 'opf_uae_client_signing',
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      extendedKeyUsage: [],
      dnsNames: 'none',
      commonName: 'client-id',
    },
  },
  {
    name: 'client encryption: keyEncipherment + dataEncipherment, as the CA issues it',
    input: 'client_encryption',
    want: {
      party: 'client',
      purpose: 'encryption',
      fileRole: 'opf_uae_client_encryption',
      keyUsage: ['keyEncipherment', 'dataEncipherment'],
      extendedKeyUsage: [],
      dnsNames: 'none',
      commonName: 'client-id',
    },
  },
  {
    name: 'server transport: serverAuth, DNS names required, no CN',
    input: 'server_transport',
    want: {
      party: 'server',
      purpose: 'transport',
      fileRole: 'opf_uae_server_transport',
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extendedKeyUsage: ['serverAuth'],
      dnsNames: 'required',
      commonName: 'none',
    },
  },
  {
    name: 'server signing: as client signing, but no CN',
    input: 'server_signing',
    want: {
      party: 'server',
      purpose: 'signing',
      fileRole: 'opf_uae_server_signing',
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      extendedKeyUsage: [],
      dnsNames: 'none',
      commonName: 'none',
    },
  },
  {
    name: 'server encryption: as the CA issues it, no CN, file role assumed by this tool',
    input: 'server_encryption',
    want: {
      party: 'server',
      purpose: 'encryption',
      fileRole: 'opf_uae_server_encryption',
      keyUsage: ['keyEncipherment', 'dataEncipherment'],
      extendedKeyUsage: [],
      dnsNames: 'none',
      commonName: 'none',
    },
  },
];

describe('ROLES', () => {
  it.each(TRUST_FRAMEWORK)('matches the Trust Framework: $name', ({ input, want }) => {
    expect(ROLES[input]).toMatchObject({ id: input, ...want });
  });

  it('has exactly the six Trust Framework roles, each under its own id', () => {
    expect(Object.keys(ROLES).sort()).toEqual(TRUST_FRAMEWORK.map((c) => c.input).sort());
    for (const [id, profile] of Object.entries(ROLES)) expect(profile.id).toBe(id);
  });

  it('gives each role a label and a purpose to show the user', () => {
    expect(Object.values(ROLES).map((r) => [r.id, r.label, r.usedFor])).toEqual([
      ['client_transport', 'Transport', 'mTLS client authentication to API providers'],
      ['client_signing', 'Signing', 'signing JWTs with PS256'],
      ['client_encryption', 'Encryption', 'receiving RSA-OAEP-256 encrypted JWEs'],
      ['server_transport', 'Server transport', 'TLS server at the API Hub'],
      ['server_signing', 'Server signing', 'signing JWTs with PS256'],
      ['server_encryption', 'Server encryption', 'receiving RSA-OAEP-256 encrypted JWEs (PII, events)'],
    ]);
  });
});

describe('CLIENT_ROLES', () => {
  it('lists the TPP roles in directory order: transport, signing, encryption', () => {
    expect(CLIENT_ROLES).toEqual(['client_transport', 'client_signing', 'client_encryption']);
  });
});

describe('SERVER_ROLES', () => {
  it('lists the LFI roles as the directory wizard offers them: transport, signing, encryption', () => {
    expect(SERVER_ROLES).toEqual(['server_transport', 'server_signing', 'server_encryption']);
  });

  it('marks only the server encryption file name as this tool\'s assumption', () => {
    expect(ASSUMED_FILE_ROLES).toEqual(['server_encryption']);
  });
});

describe('fileStem', () => {
  it.each([
    { name: 'client transport', input: [CLIENT_ID, 'client_transport'] as const, want: `${CLIENT_ID}-opf_uae_client_transport` },
    { name: 'client signing', input: [CLIENT_ID, 'client_signing'] as const, want: `${CLIENT_ID}-opf_uae_client_signing` },
    { name: 'client encryption', input: [CLIENT_ID, 'client_encryption'] as const, want: `${CLIENT_ID}-opf_uae_client_encryption` },
    {
      name: 'server transport, named for the Organisation ID',
      input: [ORGANISATION_ID, 'server_transport'] as const,
      want: `${ORGANISATION_ID}-opf_uae_server_transport`,
    },
    { name: 'server signing', input: [ORGANISATION_ID, 'server_signing'] as const, want: `${ORGANISATION_ID}-opf_uae_server_signing` },
    { name: 'server encryption', input: [ORGANISATION_ID, 'server_encryption'] as const, want: `${ORGANISATION_ID}-opf_uae_server_encryption` },
  ])('is <prefix>-<fileRole>: $name', ({ input: [prefix, role], want }) => {
    expect(fileStem(prefix, role)).toBe(want);
  });
});

describe('roleInFileName', () => {
  it.each<{ input: string; want: RoleId | undefined }>([
    { input: 'b8739780-9bfe-43bc-9ea4-abc70a840c13-opf_uae_client_transport.csr', want: 'client_transport' },
    { input: '4af0a68f-d8a8-46c4-ace6-6949e8343868-opf_uae_server_signing.csr', want: 'server_signing' },
    { input: 'opf_uae_client_encryption.pem', want: 'client_encryption' },
    { input: 'request.csr', want: undefined },
  ])('$input', ({ input, want }) => {
    expect(roleInFileName(input)).toBe(want);
  });
});
