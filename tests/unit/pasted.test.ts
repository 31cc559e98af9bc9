import { describe, expect, it } from 'vitest';
import { holdsPrivateKey, pastedFile } from '../../src/lib/pasted';
import { readFixture } from '../support/fixtures';

const CERT = readFixture('trust-framework/sandbox-client_signing.pem');
const x5c = CERT.replace(/-----[A-Z ]+-----|\s/g, '');
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('pastedFile', () => {
  it.each([
    { name: 'PEM text goes through as it is', input: CERT, want: { name: 'pasted-3.pem', text: CERT } },
    { name: 'a JWKS becomes the PEM of each key\'s first x5c', input: JSON.stringify({ keys: [{ x5c: [x5c, 'ignored'] }, { kty: 'RSA' }] }), want: { name: 'pasted-3.jwks.pem', text: CERT } },
    { name: 'a single JWK with x5c', input: JSON.stringify({ kty: 'RSA', x5c: [x5c] }), want: { name: 'pasted-3.jwks.pem', text: CERT } },
    { name: 'JSON that is not a JWKS goes through, to be named as unreadable', input: '{"keys": 5}', want: { name: 'pasted-3.pem', text: '{"keys": 5}' } },
    { name: 'broken JSON goes through as it is', input: '{"keys": [', want: { name: 'pasted-3.pem', text: '{"keys": [' } },
    { name: 'an x5c that is not base64 is left out', input: JSON.stringify({ keys: [{ x5c: ['%%%'] }] }), want: { name: 'pasted-3.pem', text: JSON.stringify({ keys: [{ x5c: ['%%%'] }] }) } },
  ])('$name', ({ input, want }) => {
    const file = pastedFile(input, 3);
    expect({ name: file.name, text: text(file.bytes) }).toEqual(want);
  });

  it('notices a private key of any PEM label', () => {
    expect(['PRIVATE KEY', 'RSA PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'].map((label) => holdsPrivateKey(`x\n-----BEGIN ${label}-----\n`))).toEqual([true, true, true]);
    expect(holdsPrivateKey(CERT)).toBe(false);
  });
});
