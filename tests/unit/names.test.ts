/**
 * names.ts: the allowlists for file names and legal names, each refusal with
 * its own code, the facts its message quotes, and a message naming the character.
 */
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/lib/errors';
import {
  checkFileName,
  checkLegalNameCharacters,
  checkOutputFileNames,
  codePointLabel,
  fileNameKey,
  firstDuplicateFileName,
  refusedLegalNameCharacter,
  type OutputKind,
} from '../../src/lib/names';

type Problem = { code: ErrorCode; params: Record<string, string> } | undefined;
const problem = (found: { code: ErrorCode; params: object } | undefined): Problem =>
  found && { code: found.code, params: found.params as Record<string, string> };

describe('codePointLabel', () => {
  it.each([
    ['\u0000', 'U+0000'],
    ['\u202e', 'U+202E'],
    ['\u{e0041}', 'U+E0041'],
    ['😀', 'U+1F600'],
  ])('%j is %s', (input, want) => {
    expect(codePointLabel(input)).toBe(want);
  });
});

describe('checkFileName', () => {
  it.each<{ name: string; input: [string, OutputKind?]; want: Problem }>([
    { name: 'the directory’s CSR name', input: ['4af0a68f-d8a8-46c4-ace6-6949e8343868-opf_uae_client_transport.csr', 'csr'], want: undefined },
    { name: 'a .req CSR', input: ['app.req', 'csr'], want: undefined },
    { name: 'a .pem key', input: ['app.pem', 'key'], want: undefined },
    { name: 'upper-case extension', input: ['APP.KEY', 'key'], want: undefined },
    { name: '100 characters', input: [`${'a'.repeat(96)}.csr`, 'csr'], want: undefined },
    { name: 'empty', input: [''], want: { code: 'file-name-invalid', params: { value: '' } } },
    { name: '101 characters', input: [`${'a'.repeat(97)}.csr`], want: { code: 'file-name-invalid', params: { value: `${'a'.repeat(40)}…` } } },
    { name: '.', input: ['.'], want: { code: 'file-name-invalid', params: { value: '.' } } },
    { name: '..', input: ['..'], want: { code: 'file-name-invalid', params: { value: '..' } } },
    { name: 'a hidden file', input: ['.app.key'], want: { code: 'file-name-invalid', params: { value: '.app.key' } } },
    { name: 'a trailing dot', input: ['app.key.'], want: { code: 'file-name-invalid', params: { value: 'app.key.' } } },
    { name: 'a trailing space', input: ['app.key '], want: { code: 'file-name-character', params: { value: 'app.key ', character: 'U+0020' } } },
    { name: 'a slash', input: ['a/b.key'], want: { code: 'file-name-character', params: { value: 'a/b.key', character: 'U+002F' } } },
    { name: 'a backslash', input: ['a\\b.key'], want: { code: 'file-name-character', params: { value: 'a\\b.key', character: 'U+005C' } } },
    { name: 'a colon (NTFS stream)', input: ['a:stream.csr'], want: { code: 'file-name-character', params: { value: 'a:stream.csr', character: 'U+003A' } } },
    { name: '*', input: ['*.csr'], want: { code: 'file-name-character', params: { value: '*.csr', character: 'U+002A' } } },
    { name: '?', input: ['a?.csr'], want: { code: 'file-name-character', params: { value: 'a?.csr', character: 'U+003F' } } },
    { name: '<', input: ['a<.csr'], want: { code: 'file-name-character', params: { value: 'a<.csr', character: 'U+003C' } } },
    { name: '|', input: ['a|.csr'], want: { code: 'file-name-character', params: { value: 'a|.csr', character: 'U+007C' } } },
    { name: 'a quote', input: ['a".csr'], want: { code: 'file-name-character', params: { value: 'a".csr', character: 'U+0022' } } },
    { name: 'ESC', input: ['a\u001b[2J.csr'], want: { code: 'file-name-character', params: { value: 'aU+001B[2J.csr', character: 'U+001B' } } },
    { name: 'NUL', input: ['a\u0000.csr'], want: { code: 'file-name-character', params: { value: 'aU+0000.csr', character: 'U+0000' } } },
    { name: 'U+202E', input: ['invoice\u202ersc.key'], want: { code: 'file-name-character', params: { value: 'invoiceU+202Ersc.key', character: 'U+202E' } } },
    { name: 'U+200B', input: ['a\u200b.key'], want: { code: 'file-name-character', params: { value: 'aU+200B.key', character: 'U+200B' } } },
    { name: 'a non-ASCII letter', input: ['é.key'], want: { code: 'file-name-character', params: { value: 'é.key', character: 'U+00E9' } } },
    { name: 'a fullwidth letter', input: ['ａ.key'], want: { code: 'file-name-character', params: { value: 'ａ.key', character: 'U+FF41' } } },
    { name: 'CON', input: ['CON'], want: { code: 'file-name-reserved', params: { value: 'CON' } } },
    { name: 'con.csr', input: ['con.csr'], want: { code: 'file-name-reserved', params: { value: 'con.csr' } } },
    { name: 'NUL.key', input: ['NUL.key'], want: { code: 'file-name-reserved', params: { value: 'NUL.key' } } },
    { name: 'COM1.csr', input: ['COM1.csr'], want: { code: 'file-name-reserved', params: { value: 'COM1.csr' } } },
    { name: 'LPT9', input: ['LPT9'], want: { code: 'file-name-reserved', params: { value: 'LPT9' } } },
    { name: 'CONSOLE.csr is not a device', input: ['CONSOLE.csr', 'csr'], want: undefined },
    { name: 'README.txt', input: ['README.txt'], want: { code: 'file-name-reserved', params: { value: 'README.txt' } } },
    { name: 'readme.TXT', input: ['readme.TXT'], want: { code: 'file-name-reserved', params: { value: 'readme.TXT' } } },
    { name: 'manifest.csv', input: ['manifest.csv'], want: { code: 'file-name-reserved', params: { value: 'manifest.csv' } } },
    { name: 'a CSR named .key', input: ['app.key', 'csr'], want: { code: 'file-name-extension', params: { value: 'app.key', fix: 'app.csr' } } },
    { name: 'a key named .csr', input: ['app.csr', 'key'], want: { code: 'file-name-extension', params: { value: 'app.csr', fix: 'app.key' } } },
    { name: 'a key named .req', input: ['app.req', 'key'], want: { code: 'file-name-extension', params: { value: 'app.req', fix: 'app.key' } } },
    { name: 'a CSR with no extension', input: ['app', 'csr'], want: { code: 'file-name-extension', params: { value: 'app', fix: 'app.csr' } } },
    { name: 'a key named .txt', input: ['app.txt', 'key'], want: { code: 'file-name-extension', params: { value: 'app.txt', fix: 'app.txt.key' } } },
  ])('$name', ({ input, want }) => {
    expect(problem(checkFileName(...input))).toEqual(want);
  });

  it('names an invisible character as U+XXXX and a visible one as itself, with the rule', () => {
    expect(checkFileName('a\u202e.key')?.message).toBe(
      'The file name "aU+202E.key" contains U+202E, which is not allowed in a file name. A file name is 1 to 100 letters A–Z, digits, dots, hyphens and underscores, like 4af0a68f-d8a8-46c4-ace6-6949e8343868-opf_uae_client_transport.csr.',
    );
    expect(checkFileName('a*.key')?.message).toMatch(/^The file name "a\*\.key" contains "\*" \(U\+002A\), which/);
  });
});

describe('checkOutputFileNames', () => {
  it.each<{ name: string; input: [string, string]; want: Problem }>([
    { name: 'a pair', input: ['app.csr', 'app.key'], want: undefined },
    { name: 'two .pem files', input: ['app-csr.pem', 'app-key.pem'], want: undefined },
    { name: 'swapped', input: ['app.key', 'app.csr'], want: { code: 'file-names-swapped', params: { value: '-out app.key -keyout app.csr', fix: '-out app.csr -keyout app.key' } } },
    { name: 'swapped, .req', input: ['APP.KEY', 'app.req'], want: { code: 'file-names-swapped', params: { value: '-out APP.KEY -keyout app.req', fix: '-out app.req -keyout APP.KEY' } } },
    { name: 'equal', input: ['app.pem', 'app.pem'], want: { code: 'file-names-equal', params: { value: 'app.pem' } } },
    { name: 'equal ignoring case', input: ['app.pem', 'App.PEM'], want: { code: 'file-names-equal', params: { value: 'app.pem' } } },
    { name: 'only -out wrong', input: ['app.key', 'b.key'], want: { code: 'file-name-extension', params: { value: 'app.key', fix: 'app.csr' } } },
    { name: 'a bad character before the kinds', input: ['a b.key', 'app.csr'], want: { code: 'file-name-character', params: { value: 'a b.key', character: 'U+0020' } } },
  ])('$name', ({ input, want }) => {
    expect(problem(checkOutputFileNames(...input))).toEqual(want);
  });
});

describe('fileNameKey and firstDuplicateFileName', () => {
  it.each<{ name: string; input: string[]; want: string | undefined }>([
    { name: 'all different', input: ['a.csr', 'a.key', 'b.csr'], want: undefined },
    { name: 'the same name', input: ['a.csr', 'b.csr', 'a.csr'], want: 'a.csr' },
    { name: 'case', input: ['x.csr', 'X.CSR'], want: 'X.CSR' },
    { name: 'NFC and NFD', input: ['caf\u00e9.csr', 'cafe\u0301.csr'], want: 'cafe\u0301.csr' },
  ])('$name', ({ input, want }) => {
    expect(firstDuplicateFileName(input)).toBe(want);
  });

  it('is linear: 200,000 names in well under a second', () => {
    const names = Array.from({ length: 200_000 }, (_, i) => `app-${i}.csr`);
    const started = performance.now();
    expect(firstDuplicateFileName([...names, 'APP-7.CSR'])).toBe('APP-7.CSR');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('folds case and composes', () => {
    expect(fileNameKey('Cafe\u0301.CSR')).toBe('caf\u00e9.csr');
  });
});

describe('legal names: the allowlist', () => {
  const refused = (character: string, name: string) => ({ name, input: `Example${character}LLC`, want: codePointLabel(character) });
  it.each<{ name: string; input: string; want: string | undefined }>([
    { name: 'Latin', input: 'Example Fintech LLC', want: undefined },
    { name: 'Arabic', input: 'شركة المثال ذ.م.م', want: undefined },
    { name: 'accents, NFC', input: 'Société Générale', want: undefined },
    { name: 'punctuation and symbols', input: 'A & B (C) "D" / E + F = G, H\'s 100% €', want: undefined },
    { name: 'digits of other scripts', input: 'شركة ٣', want: undefined },
    { name: 'Persian ZWNJ between letters (می‌خواهم)', input: 'می\u200cخواهم', want: undefined },
    { name: 'ZWJ between letters', input: 'ب\u200dب', want: undefined },
    { name: 'ZWNJ after a combining mark, before a letter', input: 'بَ\u200cب', want: undefined },
    refused('\u0000', 'U+0000 (NUL)'),
    refused('\u0009', 'U+0009 (tab)'),
    refused('\u001b', 'U+001B (ESC)'),
    refused('\u007f', 'U+007F (DEL)'),
    refused('\u0085', 'U+0085 (next line)'),
    refused('\u00a0', 'U+00A0 (no-break space: only the ordinary space)'),
    refused('\u00ad', 'U+00AD (soft hyphen)'),
    refused('\u034f', 'U+034F (combining grapheme joiner)'),
    refused('\u061c', 'U+061C (Arabic letter mark)'),
    refused('\u180e', 'U+180E (Mongolian vowel separator)'),
    refused('\u200b', 'U+200B (zero-width space)'),
    refused('\u200e', 'U+200E (left-to-right mark)'),
    refused('\u200f', 'U+200F (right-to-left mark)'),
    refused('\u2028', 'U+2028 (line separator)'),
    refused('\u2029', 'U+2029 (paragraph separator)'),
    refused('\u202a', 'U+202A (left-to-right embedding)'),
    refused('\u202e', 'U+202E (right-to-left override)'),
    refused('\u2061', 'U+2061 (function application)'),
    refused('\u2062', 'U+2062 (invisible times)'),
    refused('\u2063', 'U+2063 (invisible separator)'),
    refused('\u2064', 'U+2064 (invisible plus)'),
    refused('\u2066', 'U+2066 (left-to-right isolate)'),
    refused('\u3000', 'U+3000 (ideographic space)'),
    refused('\u3164', 'U+3164 (Hangul filler)'),
    refused('\u2800', 'U+2800 (blank Braille pattern)'),
    refused('\ufe0f', 'U+FE0F (variation selector 16)'),
    refused('\ufe00', 'U+FE00 (variation selector 1)'),
    refused('\u{e0100}', 'U+E0100 (variation selector 17)'),
    refused('\ufeff', 'U+FEFF (byte-order mark)'),
    refused('\ufffd', 'U+FFFD (replacement character)'),
    refused('\ufff9', 'U+FFF9 (interlinear annotation anchor)'),
    refused('\u{e0001}', 'U+E0001 (language tag)'),
    refused('\u{e0041}', 'U+E0041 (tag latin capital A)'),
    refused('\u{e007f}', 'U+E007F (cancel tag)'),
    refused('\ue000', 'U+E000 (private use)'),
    refused('\u{f0000}', 'U+F0000 (supplementary private use)'),
    refused('\u0378', 'U+0378 (unassigned)'),
    refused('\u{10ffff}', 'U+10FFFF (noncharacter)'),
    { name: 'ZWNJ at the start', input: '\u200cمی', want: 'U+200C' },
    { name: 'ZWNJ at the end', input: 'می\u200c', want: 'U+200C' },
    { name: 'ZWNJ before a space', input: 'می\u200c خواهم', want: 'U+200C' },
    { name: 'ZWNJ after a space', input: 'می \u200cخواهم', want: 'U+200C' },
    { name: 'ZWJ between a letter and a digit', input: 'ب\u200d1', want: 'U+200D' },
    { name: 'ZWJ between two digits', input: '1\u200d2', want: 'U+200D' },
    { name: 'two ZWNJ in a row', input: 'م\u200c\u200cم', want: 'U+200C' },
  ])('$name', ({ input, want }) => {
    const character = refusedLegalNameCharacter(input);
    expect(character === undefined ? undefined : codePointLabel(character)).toBe(want);
  });

  it.each<{ name: string; input: string; want: Problem }>([
    { name: 'a good name', input: 'Example LLC', want: undefined },
    { name: 'an invisible character', input: 'Example\u061cLLC', want: { code: 'name-control-character', params: { value: 'ExampleU+061CLLC', character: 'U+061C' } } },
    { name: 'the replacement character', input: 'Soci\ufffdt\ufffd', want: { code: 'name-replacement-character', params: { value: 'SociU+FFFDtU+FFFD', character: 'U+FFFD' } } },
    { name: 'NFD é, with the NFC form as the fix', input: 'Socie\u0301te\u0301', want: { code: 'name-not-normalised', params: { value: 'Socie\u0301te\u0301', fix: 'Soci\u00e9t\u00e9' } } },
    { name: 'decomposed Hangul', input: '\u1100\u1161', want: { code: 'name-not-normalised', params: { value: '\u1100\u1161', fix: '\uac00' } } },
    { name: 'a compatibility character that NFC keeps', input: 'ﬁnance', want: undefined },
  ])('checkLegalNameCharacters: $name', ({ input, want }) => {
    expect(problem(checkLegalNameCharacters(input))).toEqual(want);
  });

  it('names the character and the fix in English', () => {
    expect(checkLegalNameCharacters('Example\u00adLLC')?.message).toBe(
      '"ExampleU+00ADLLC" contains an invisible character (U+00AD); remove it. The legal name must be 1 to 64 characters, exactly as registered in the Trust Framework, with no control or invisible characters.',
    );
    expect(checkLegalNameCharacters('Socie\u0301te\u0301')?.message).toBe(
      '"Socie\u0301te\u0301" is written with decomposed characters (not Unicode NFC), so its bytes differ from the registered name, which looks the same. Use "Soci\u00e9t\u00e9".',
    );
  });
});
