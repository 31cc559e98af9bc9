import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromPem, toPem } from '../../src/lib/pem';

const bytes = (length: number) => Uint8Array.from({ length }, (_, i) => i);

describe('toPem', () => {
  it.each([
    {
      name: 'bytes that use + and / in base64',
      input: new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]),
      want: '-----BEGIN PUBLIC KEY-----\nAAEC+vv8/f7/\n-----END PUBLIC KEY-----\n',
    },
    {
      name: '48 bytes: exactly one full line of 64',
      input: bytes(48),
      want: '-----BEGIN PUBLIC KEY-----\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v\n-----END PUBLIC KEY-----\n',
    },
    {
      name: '49 bytes: a full line, then the rest with padding',
      input: bytes(49),
      want:
        '-----BEGIN PUBLIC KEY-----\n' +
        'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v\n' +
        'MA==\n' +
        '-----END PUBLIC KEY-----\n',
    },
  ])('writes the exact text: $name', ({ input, want }) => {
    expect(toPem('PUBLIC KEY', input)).toBe(want);
  });

  it('writes lines of 64 characters with LF only and one trailing newline', () => {
    const pem = toPem('CERTIFICATE REQUEST', bytes(100)); // 136 base64 characters
    expect(pem).not.toContain('\r');
    expect(pem.split('\n')).toEqual([
      '-----BEGIN CERTIFICATE REQUEST-----',
      expect.stringMatching(/^[A-Za-z0-9+/]{64}$/),
      expect.stringMatching(/^[A-Za-z0-9+/]{64}$/),
      expect.stringMatching(/^[A-Za-z0-9+/]{6}==$/),
      '-----END CERTIFICATE REQUEST-----',
      '',
    ]);
  });
});

describe('fromPem', () => {
  const block = toPem('CERTIFICATE REQUEST', bytes(49));

  it.each([
    { name: 'the block alone', input: block },
    { name: 'the block amid other text', input: `Here is my CSR:\n\n${block}\nThanks!\n` },
    { name: 'after a block with another label', input: toPem('PRIVATE KEY', bytes(3)) + block },
    { name: 'CRLF line endings', input: block.replaceAll('\n', '\r\n') },
    { name: 'body lines indented', input: block.replace(/\n(?!-)/g, '\n  ') },
  ])('finds the DER: $name', ({ input }) => {
    expect(fromPem('CERTIFICATE REQUEST', input)).toEqual(bytes(49));
  });

  it.each([
    { name: 'no PEM at all', input: 'MIIB', want: 'No "CERTIFICATE REQUEST" PEM block found' },
    { name: 'only another label', input: toPem('PRIVATE KEY', bytes(3)), want: 'No "CERTIFICATE REQUEST" PEM block found' },
    { name: 'no END line', input: block.replace('-----END CERTIFICATE REQUEST-----\n', ''), want: 'No "CERTIFICATE REQUEST" PEM block found' },
  ])('throws when the label is missing: $name', ({ input, want }) => {
    expect(() => fromPem('CERTIFICATE REQUEST', input)).toThrow(want);
  });

  it('does not take an encrypted or PKCS#1 key for a PKCS#8 PRIVATE KEY', () => {
    const encrypted = toPem('PRIVATE KEY', bytes(3)).replaceAll('PRIVATE KEY', 'ENCRYPTED PRIVATE KEY');
    const pkcs1 = toPem('PRIVATE KEY', bytes(3)).replaceAll('PRIVATE KEY', 'RSA PRIVATE KEY');
    expect(() => fromPem('PRIVATE KEY', encrypted)).toThrow('No "PRIVATE KEY" PEM block found');
    expect(() => fromPem('PRIVATE KEY', pkcs1)).toThrow('No "PRIVATE KEY" PEM block found');
  });

  it('reads back whatever toPem wrote', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (der) => {
        expect(fromPem('CERTIFICATE', toPem('CERTIFICATE', der))).toEqual(der);
      }),
    );
  });
});
