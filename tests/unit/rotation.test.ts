import { describe, expect, it } from 'vitest';
import { rotationOf } from '../../src/lib/rotation';
import { CLIENT_ID, ORGANISATION_ID } from '../support/fixtures';

const TPP = { C: 'AE', O: 'Example Fintech LLC', OU: ORGANISATION_ID, CN: CLIENT_ID };
const LFI = { C: 'AE', O: 'Example Bank PJSC', OU: ORGANISATION_ID };

describe('rotationOf: the successor request from an issued certificate', () => {
  it.each([
    {
      name: 'TPP signing: Client ID from the CN, no DNS names',
      input: [TPP, 'client_signing', []] as const,
      want: { party: 'client', role: 'client_signing', legalName: 'Example Fintech LLC', organisationId: ORGANISATION_ID, clientId: CLIENT_ID, dnsNames: [] },
    },
    {
      name: 'LFI server transport: DNS names from the SAN',
      input: [LFI, 'server_transport', ['api.bank.ae', '*.hub.bank.ae']] as const,
      want: { party: 'server', role: 'server_transport', legalName: 'Example Bank PJSC', organisationId: ORGANISATION_ID, clientId: '', dnsNames: ['api.bank.ae', '*.hub.bank.ae'] },
    },
    {
      name: 'LFI encryption: no DNS names even if the certificate has some',
      input: [LFI, 'server_encryption', ['api.bank.ae']] as const,
      want: { party: 'server', role: 'server_encryption', legalName: 'Example Bank PJSC', organisationId: ORGANISATION_ID, clientId: '', dnsNames: [] },
    },
    {
      name: 'no role: party from the CN (a Client ID), the user ticks the type',
      input: [TPP, undefined, []] as const,
      want: { party: 'client', role: undefined, legalName: 'Example Fintech LLC', organisationId: ORGANISATION_ID, clientId: CLIENT_ID, dnsNames: [] },
    },
    {
      name: 'no role and a host name as CN: an LFI, the CN is not taken as a Client ID',
      input: [{ ...LFI, CN: 'api.bank.ae' }, undefined, ['api.bank.ae']] as const,
      want: { party: 'server', role: undefined, legalName: 'Example Bank PJSC', organisationId: ORGANISATION_ID, clientId: '', dnsNames: ['api.bank.ae'] },
    },
  ])('$name', ({ input: [subject, role, dnsNames], want }) => {
    expect(rotationOf(subject, role, dnsNames)).toEqual(want);
  });
});
