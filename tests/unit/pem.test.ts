import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromPem, latin1, pemBlocks, toPem } from '../../src/lib/pem';

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

describe('pemBlocks', () => {
  const block = toPem('CERTIFICATE', bytes(3));
  it.each([
    { name: 'no armour', input: 'hello', want: { blocks: [], unclosed: false } },
    { name: 'one block', input: block, want: { blocks: [{ label: 'CERTIFICATE', body: '\nAAEC\n' }], unclosed: false } },
    {
      name: 'two blocks with text around them',
      input: `a\n${block}b\n${block.replaceAll('CERTIFICATE', 'PRIVATE KEY')}c`,
      want: {
        blocks: [
          { label: 'CERTIFICATE', body: '\nAAEC\n' },
          { label: 'PRIVATE KEY', body: '\nAAEC\n' },
        ],
        unclosed: false,
      },
    },
    { name: 'a BEGIN with no END', input: '-----BEGIN CERTIFICATE-----\nAAEC\n', want: { blocks: [], unclosed: true } },
    { name: 'an END of another label', input: '-----BEGIN CERTIFICATE-----\nAAEC\n-----END X-----', want: { blocks: [], unclosed: true } },
    { name: 'a lower-case label', input: block.replaceAll('CERTIFICATE', 'certificate'), want: { blocks: [], unclosed: true } },
    { name: 'a label with no closing dashes', input: '-----BEGIN CERTIFICATE\nAAEC', want: { blocks: [], unclosed: true } },
    {
      name: 'a BEGIN inside a block',
      input: `-----BEGIN A-----\n${block}-----END A-----`,
      want: { blocks: [], unclosed: true },
    },
    {
      name: 'a good block, then one cut short: the good one is kept',
      input: block + block.slice(0, 40),
      want: { blocks: [{ label: 'CERTIFICATE', body: '\nAAEC\n' }], unclosed: true },
    },
  ])('$name', ({ input, want }) => {
    expect(pemBlocks(input)).toEqual(want);
  });

  // Regression: the regex reader took 14 s on this (issue 13, item 7).
  it('reads 1 MiB of unclosed BEGIN lines in milliseconds', () => {
    const text = '-----BEGIN CERTIFICATE-----\n'.repeat(Math.ceil((1024 * 1024) / 28));
    const started = performance.now();
    expect(pemBlocks(text).unclosed).toBe(true);
    expect(() => fromPem('CERTIFICATE', text)).toThrow('No "CERTIFICATE" PEM block found');
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('reads 1 MiB of BEGIN lines with mixed labels, and of closed empty blocks, in milliseconds', () => {
    const labels = '-----BEGIN A-----\n-----BEGIN B-----\n-----BEGIN C D-----\n'.repeat(20_000);
    const closed = '-----BEGIN A-----\n-----END A-----\n'.repeat(30_000);
    const started = performance.now();
    expect(pemBlocks(labels).unclosed).toBe(true);
    expect(pemBlocks(closed).blocks).toHaveLength(30_000);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('never throws and stays fast on PEM-like text (fuzz, 10,000 runs)', () => {
    const piece = fc.oneof(
      fc.constantFrom('-----BEGIN ', '-----END ', '-----', 'CERTIFICATE', 'PRIVATE KEY', ' ', '\n', '\r\n', 'MII', '==', ':'),
      fc.string({ maxLength: 20 }),
      fc.base64String({ maxLength: 80 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const started = performance.now();
        const scan = pemBlocks(text);
        for (const { label, body } of scan.blocks) {
          expect(text).toContain(`-----BEGIN ${label}-----${body}-----END ${label}-----`);
        }
        try {
          fromPem('CERTIFICATE', text);
        } catch (error) {
          expect((error as Error).message).toBe('No "CERTIFICATE" PEM block found');
        }
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 10_000, interruptAfterTimeLimit: 20_000 },
    );
  }, 40_000);
});

describe('latin1', () => {
  it('turns 1 MiB of bytes into text without spreading them into one call', () => {
    const big = new Uint8Array(1024 * 1024).fill(0x61);
    expect(latin1(big)).toBe('a'.repeat(1024 * 1024));
    expect(latin1(Uint8Array.of(0, 0x7f, 0x80, 0xff))).toBe('\u0000\u007f\u0080\u00ff');
  });
});
