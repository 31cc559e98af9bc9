import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252, type DecodedText } from '../../src/lib/text-encoding';

const utf8 = (text: string) => new TextEncoder().encode(text);
const utf16le = (text: string) => Uint8Array.from(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => utf16le(text).map((_, i, bytes) => bytes[i % 2 === 0 ? i + 1 : i - 1]!);
const bytes = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
const NAME = 'Société Générale';

describe('decodeText', () => {
  it.each<{ name: string; input: Uint8Array; want: DecodedText }>([
    { name: 'UTF-8 without BOM', input: utf8(NAME), want: { ok: true, text: NAME, encoding: 'UTF-8', bom: false } },
    { name: 'UTF-8 with BOM: the BOM is not text', input: bytes([0xef, 0xbb, 0xbf], utf8(NAME)), want: { ok: true, text: NAME, encoding: 'UTF-8', bom: true } },
    { name: 'Arabic in UTF-8', input: utf8('شركة المثال'), want: { ok: true, text: 'شركة المثال', encoding: 'UTF-8', bom: false } },
    { name: 'empty', input: new Uint8Array(), want: { ok: true, text: '', encoding: 'UTF-8', bom: false } },
    {
      name: "UTF-16LE with BOM (Excel's Unicode Text)",
      input: bytes([0xff, 0xfe], utf16le(`legal_name\troles\r\n${NAME}\ttransport`)),
      want: { ok: true, text: `legal_name\troles\r\n${NAME}\ttransport`, encoding: 'UTF-16LE', bom: true },
    },
    { name: 'UTF-16BE with BOM', input: bytes([0xfe, 0xff], utf16be('شركة 😀')), want: { ok: true, text: 'شركة 😀', encoding: 'UTF-16BE', bom: true } },
    {
      name: 'not UTF-8: Windows-1252, what Excel writes for "CSV (Comma delimited)"',
      input: Uint8Array.from(Buffer.from(NAME, 'latin1')),
      want: { ok: true, text: NAME, encoding: 'Windows-1252', bom: false },
    },
    {
      name: 'Windows-1252 bytes 0x80-0x9F as WHATWG maps them (not ISO-8859-1)',
      input: bytes([0x80, 0x20, 0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0x9f, 0x20, 0x81, 0x8d]),
      want: { ok: true, text: '€ “A” – Ÿ \u0081\u008d', encoding: 'Windows-1252', bom: false },
    },
    { name: 'a UTF-8 BOM, then bytes that are not UTF-8: damaged', input: bytes([0xef, 0xbb, 0xbf, 0x53, 0xe9, 0x53]), want: { ok: false, reason: 'malformed', encoding: 'UTF-8' } },
    { name: 'UTF-16LE of odd length', input: bytes([0xff, 0xfe, 0x41, 0x00, 0x42]), want: { ok: false, reason: 'malformed', encoding: 'UTF-16LE' } },
    { name: 'UTF-16LE with a lone surrogate', input: bytes([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), want: { ok: false, reason: 'malformed', encoding: 'UTF-16LE' } },
    { name: 'UTF-16BE with a NUL character', input: bytes([0xfe, 0xff, 0x00, 0x41, 0x00, 0x00]), want: { ok: false, reason: 'binary', encoding: 'UTF-16BE', offset: 4 } },
    { name: 'UTF-16LE without BOM: NUL bytes', input: utf16le('legal_name'), want: { ok: false, reason: 'binary', offset: 1 } },
    { name: 'a spreadsheet (.xlsx is a zip)', input: bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), want: { ok: false, reason: 'binary', offset: 5 } },
    { name: 'a NUL after a UTF-8 BOM: offset in the file', input: bytes([0xef, 0xbb, 0xbf, 0x41, 0x00]), want: { ok: false, reason: 'binary', offset: 4 } },
  ])('$name', ({ input, want }) => {
    expect(decodeText(input)).toEqual(want);
  });
});

describe('decodeText for any bytes', () => {
  const fffd = (input: Uint8Array) => {
    const hex = Buffer.from(input).toString('hex');
    return hex.includes('efbfbd') || /^(fffe|feff)/.test(hex);
  };

  it('never makes a U+FFFD that the bytes do not spell, and never throws', () => {
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.uint8Array({ maxLength: 64 }).map((tail) => bytes([0xff, 0xfe], tail)),
      fc.uint8Array({ maxLength: 64 }).map((tail) => bytes([0xfe, 0xff], tail)),
      fc.uint8Array({ maxLength: 64 }).map((tail) => bytes([0xef, 0xbb, 0xbf], tail)),
      fc.string({ maxLength: 40 }).map((text) => Uint8Array.from(Buffer.from(text, 'latin1'))),
    );
    fc.assert(
      fc.property(input, (input) => {
        const decoded = decodeText(input);
        expect(decoded.ok && decoded.text.includes('\uFFFD') && !fffd(input)).toBe(false);
      }),
      { numRuns: 10_000 },
    );
  });

  it('reads back any text written in UTF-8, UTF-16LE or UTF-16BE with its BOM', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((t) => !t.includes('\0'));
    fc.assert(
      fc.property(text, (text) => {
        expect(decodeText(utf8(text))).toMatchObject({ ok: true, text, encoding: 'UTF-8' });
        expect(decodeText(bytes([0xff, 0xfe], utf16le(text)))).toMatchObject({ ok: true, text, encoding: 'UTF-16LE' });
        expect(decodeText(bytes([0xfe, 0xff], utf16be(text)))).toMatchObject({ ok: true, text, encoding: 'UTF-16BE' });
      }),
      { numRuns: 2000 },
    );
  });

  it('Windows-1252 maps each byte to one character', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (input) => {
        expect(decodeWindows1252(input)).toHaveLength(input.length);
      }),
      { numRuns: 1000 },
    );
  });
});
