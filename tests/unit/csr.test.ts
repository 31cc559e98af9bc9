import { describe, expect, it } from 'vitest';
import { buildCsr, encodeKeyUsage, encodeName } from '../../src/lib/csr';
import { importPrivateKeyPem } from '../../src/lib/keys';
import { fromPem, toPem } from '../../src/lib/pem';
import type { RoleId } from '../../src/lib/profile';
import type { CertificateRequest, ExtensionPolicy } from '../../src/lib/request';
import type { Subject } from '../../src/lib/subject';
import { CLIENT_ID, ORGANISATION_ID, nodeCrypto, readFixture } from '../support/fixtures';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function request(role: RoleId, organization: string, extensions: ExtensionPolicy = 'profile', dnsNames: string[] = []): CertificateRequest {
  const subject: Subject = {
    country: 'AE',
    organization,
    organizationalUnit: ORGANISATION_ID,
    ...(role.startsWith('client') ? { commonName: CLIENT_ID } : {}),
  };
  return { role, subject, extensions, dnsNames, keyFileName: 'x.key', csrFileName: 'x.csr' };
}

// Each fixture was made once by tests/fixtures/make-golden.sh with OpenSSL from the same key.
const GOLDEN: Array<{ name: string; input: CertificateRequest; want: string }> = [
  { name: 'client transport', input: request('client_transport', 'Example Fintech LLC'), want: 'client_transport.csr' },
  { name: 'client signing', input: request('client_signing', 'Example Fintech LLC'), want: 'client_signing.csr' },
  { name: 'client encryption', input: request('client_encryption', 'Example Fintech LLC'), want: 'client_encryption.csr' },
  {
    name: 'Arabic legal name, no extensions (exactly as the Trust Framework command)',
    input: request('client_transport', 'شركة المثال للتقنية المالية ذ.م.م', 'none'),
    want: 'client_transport-none.csr',
  },
  {
    name: 'legal name with / , + " \\ & and accents',
    input: request('client_signing', 'Société / Générale, "A" + B \\ C & D'),
    want: 'client_signing-special.csr',
  },
  {
    name: 'server transport with DNS names and no CN',
    input: request('server_transport', 'Example Bank PJSC', 'profile', ['api.example.ae', '*.hub.example.ae']),
    want: 'server_transport.csr',
  },
  { name: 'server encryption, no CN', input: request('server_encryption', 'Example Bank PJSC'), want: 'server_encryption.csr' },
];

describe('buildCsr', () => {
  it.each(GOLDEN)('gives the same bytes as OpenSSL: $name', async ({ input, want }) => {
    const keys = await importPrivateKeyPem(nodeCrypto, readFixture('test-key.pem'));
    const der = await buildCsr(nodeCrypto, input, keys);
    expect(toPem('CERTIFICATE REQUEST', der)).toBe(readFixture(`golden/${want}`));
  });
});

describe('encodeName', () => {
  it('encodes C, O, OU, CN as four single-attribute RDNs with C PrintableString and the rest UTF8String', () => {
    const der = encodeName({ country: 'AE', organization: 'Aé', organizationalUnit: 'u', commonName: 'c' });
    expect(hex(der)).toBe(
      '3033' +
        '310b3009060355040613024145' + // SET { SEQ { countryName, PrintableString "AE" } }
        '310c300a060355040a0c0341c3a9' + // SET { SEQ { organizationName, UTF8String "Aé" } }
        '310a3008060355040b0c0175' + // SET { SEQ { organizationalUnitName, UTF8String "u" } }
        '310a300806035504030c0163', // SET { SEQ { commonName, UTF8String "c" } }
    );
  });

  it('leaves CN out of a server subject', () => {
    const der = encodeName({ country: 'AE', organization: 'B', organizationalUnit: 'u' });
    expect(hex(der)).toBe('3025' + '310b3009060355040613024145' + '310a3008060355040a0c0142' + '310a3008060355040b0c0175');
  });
});

describe('encodeKeyUsage', () => {
  it.each([
    { name: 'transport', input: ['digitalSignature', 'keyEncipherment'] as const, want: '030205a0' },
    { name: 'signing', input: ['digitalSignature', 'nonRepudiation'] as const, want: '030206c0' },
    { name: 'encryption', input: ['keyEncipherment'] as const, want: '03020520' },
  ])('drops trailing zero bits as DER requires: $name', ({ input, want }) => {
    expect(hex(new Uint8Array(encodeKeyUsage(input).toBER()))).toBe(want);
  });
});

describe('CSR PEM', () => {
  it('round-trips through fromPem', async () => {
    const golden = readFixture('golden/client_transport.csr');
    expect(toPem('CERTIFICATE REQUEST', fromPem('CERTIFICATE REQUEST', golden))).toBe(golden);
  });
});
