import { describe, expect, it } from 'vitest';
import { KEY_USAGES, keyUsageBit, keyUsageText, purposeText, sameUsages } from '../../src/lib/key-usage';
import { OID } from '../../src/lib/oid';

describe('key usage names', () => {
  it('uses the RFC 5280 bit positions', () => {
    expect(KEY_USAGES.map((usage) => [usage, keyUsageBit(usage)])).toEqual([
      ['digitalSignature', 0],
      ['nonRepudiation', 1],
      ['keyEncipherment', 2],
      ['dataEncipherment', 3],
      ['keyAgreement', 4],
      ['keyCertSign', 5],
      ['cRLSign', 6],
      ['encipherOnly', 7],
      ['decipherOnly', 8],
    ]);
  });

  it('uses the words openssl req -text prints', () => {
    expect(KEY_USAGES.map(keyUsageText)).toEqual([
      'Digital Signature',
      'Non Repudiation',
      'Key Encipherment',
      'Data Encipherment',
      'Key Agreement',
      'Certificate Sign',
      'CRL Sign',
      'Encipher Only',
      'Decipher Only',
    ]);
    expect([purposeText(OID.clientAuth), purposeText(OID.serverAuth)]).toEqual(['TLS Web Client Authentication', 'TLS Web Server Authentication']);
    expect(purposeText('1.2.3.4')).toBe('1.2.3.4');
  });

  it('compares usage lists as sets', () => {
    expect(sameUsages(['keyEncipherment', 'digitalSignature'], ['digitalSignature', 'keyEncipherment'])).toBe(true);
    expect(sameUsages(['digitalSignature'], ['digitalSignature', 'keyEncipherment'])).toBe(false);
    expect(sameUsages(['digitalSignature', 'digitalSignature'], ['digitalSignature', 'keyEncipherment'])).toBe(false);
  });
});
