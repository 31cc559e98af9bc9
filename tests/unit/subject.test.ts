import { describe, expect, it } from 'vitest';
import { subjectAttributes, subjectLine, toSubjArgument, type Subject } from '../../src/lib/subject';
import { CLIENT_ID, ORGANISATION_ID } from '../support/fixtures';

const client = (organization: string): Subject => ({
  country: 'AE',
  organization,
  organizationalUnit: ORGANISATION_ID,
  commonName: CLIENT_ID,
});
const short = (organization: string): Subject => ({ country: 'AE', organization, organizationalUnit: 'u', commonName: 'c' });
/** The line OpenSSL prints for `short(…)`, given how it prints O. */
const o = (printed: string) => `C = AE, O = ${printed}, OU = u, CN = c`;
const both = (line: string) => ({ escaped: line, readable: line });

describe('subjectAttributes', () => {
  it('lists C, O, OU, CN in subject order', () => {
    expect(subjectAttributes(client('Example Fintech LLC'))).toEqual([
      ['C', 'AE'],
      ['O', 'Example Fintech LLC'],
      ['OU', ORGANISATION_ID],
      ['CN', CLIENT_ID],
    ]);
  });

  it('leaves CN out of a server subject', () => {
    expect(subjectAttributes({ country: 'AE', organization: 'B', organizationalUnit: 'u' })).toEqual([
      ['C', 'AE'],
      ['O', 'B'],
      ['OU', 'u'],
    ]);
  });
});

// Each `want` is what OpenSSL 3.0 prints, without "subject=", for
//   openssl req -new -config tests/fixtures/openssl-req.cnf -key tests/fixtures/test-key.pem -utf8 -subj … -noout -subject
// (`escaped`) and the same with `-nameopt oneline,-esc_msb` (`readable`).
const ONELINE: Array<{ name: string; input: Subject; want: { escaped: string; readable: string } }> = [
  {
    name: 'plain ASCII',
    input: client('Example Fintech LLC'),
    want: both(`C = AE, O = Example Fintech LLC, OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`),
  },
  {
    name: 'Arabic: each UTF-8 byte escaped',
    input: short('شركة'),
    want: { escaped: o('\\D8\\B4\\D8\\B1\\D9\\83\\D8\\A9'), readable: o('شركة') },
  },
  {
    name: 'accents',
    input: short('Société Générale'),
    want: { escaped: o('Soci\\C3\\A9t\\C3\\A9 G\\C3\\A9n\\C3\\A9rale'), readable: o('Société Générale') },
  },
  {
    name: 'emoji outside the BMP: four bytes',
    input: short('😀'),
    want: { escaped: o('\\F0\\9F\\98\\80'), readable: o('😀') },
  },
  { name: 'comma quotes the value', input: short('A, B'), want: both(o('"A, B"')) },
  { name: 'plus quotes the value', input: short('A+B'), want: both(o('"A+B"')) },
  { name: '< and > quote the value', input: short('A<B>C'), want: both(o('"A<B>C"')) },
  { name: 'semicolon quotes the value', input: short('A;B'), want: both(o('"A;B"')) },
  { name: 'leading # quotes the value', input: short('#A'), want: both(o('"#A"')) },
  { name: 'a value that is only # is not quoted', input: short('#'), want: both(o('#')) },
  { name: '# inside is plain', input: short('A#B'), want: both(o('A#B')) },
  { name: 'leading space quotes the value', input: short(' A'), want: both(o('" A"')) },
  { name: 'trailing space quotes the value', input: short('A '), want: both(o('"A "')) },
  { name: 'a double quote is escaped, not quoted', input: short('A"B'), want: both(o('A\\"B')) },
  { name: 'a backslash is escaped, not quoted', input: short('A\\B'), want: both(o('A\\\\B')) },
  { name: 'a double quote inside a quoted value', input: short('a"b,c'), want: both(o('"a\\"b,c"')) },
  { name: '= / & are plain', input: short('A=B/C & D'), want: both(o('A=B/C & D')) },
  { name: 'a tab is hex-escaped', input: short('A\tB'), want: both(o('A\\09B')) },
  {
    name: 'the golden CSR with / , + " \\ & and accents',
    input: client('Société / Générale, "A" + B \\ C & D'),
    want: {
      escaped: `C = AE, O = "Soci\\C3\\A9t\\C3\\A9 / G\\C3\\A9n\\C3\\A9rale, \\"A\\" + B \\\\ C & D", OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`,
      readable: `C = AE, O = "Société / Générale, \\"A\\" + B \\\\ C & D", OU = ${ORGANISATION_ID}, CN = ${CLIENT_ID}`,
    },
  },
  {
    name: 'server subject without CN',
    input: { country: 'AE', organization: 'Example Bank PJSC', organizationalUnit: ORGANISATION_ID },
    want: both(`C = AE, O = Example Bank PJSC, OU = ${ORGANISATION_ID}`),
  },
];

describe('subjectLine', () => {
  it.each(ONELINE)('prints what openssl req -noout -subject prints: $name', ({ input, want }) => {
    expect({
      escaped: subjectLine(input, { escapeNonAscii: true }),
      readable: subjectLine(input, { escapeNonAscii: false }),
    }).toEqual(want);
  });
});

describe('toSubjArgument', () => {
  it.each([
    {
      name: 'client subject',
      input: client('Example Fintech LLC'),
      want: `/C=AE/O=Example Fintech LLC/OU=${ORGANISATION_ID}/CN=${CLIENT_ID}`,
    },
    {
      name: 'server subject without CN',
      input: { country: 'AE', organization: 'Example Bank PJSC', organizationalUnit: ORGANISATION_ID } as const,
      want: `/C=AE/O=Example Bank PJSC/OU=${ORGANISATION_ID}`,
    },
    { name: 'slash escaped', input: short('A/B'), want: '/C=AE/O=A\\/B/OU=u/CN=c' },
    { name: 'plus escaped', input: short('A+B'), want: '/C=AE/O=A\\+B/OU=u/CN=c' },
    { name: 'backslash escaped', input: short('A\\B'), want: '/C=AE/O=A\\\\B/OU=u/CN=c' },
    {
      name: 'nothing else escaped',
      input: short(`Société, "A" & B <C>; #=' $x`),
      want: `/C=AE/O=Société, "A" & B <C>; #=' $x/OU=u/CN=c`,
    },
    { name: 'Arabic left as typed', input: short('شركة'), want: '/C=AE/O=شركة/OU=u/CN=c' },
  ])('escapes \\ / + and nothing else: $name', ({ input, want }) => {
    expect(toSubjArgument(input)).toBe(want);
  });
});
