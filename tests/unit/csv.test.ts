import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecords, detectSeparator, readCsv, type CsvRecord, type Separator } from '../../src/lib/csv';

describe('detectSeparator', () => {
  it.each<{ name: string; input: string; want: Separator }>([
    { name: 'commas', input: 'legal_name,organisation_id,client_id,roles\n', want: ',' },
    { name: 'semicolons', input: 'legal_name;organisation_id;client_id;roles\r\n', want: ';' },
    { name: 'tabs (Excel "Unicode Text")', input: 'legal_name\torganisation_id\tclient_id\troles\r\n', want: '\t' },
    { name: 'separators inside quotes do not count', input: '"a;b;c;d",x,y\n', want: ',' },
    { name: 'a quoted header spanning lines', input: '"a\n;;;",b,c\n', want: ',' },
    { name: 'the first non-blank line decides', input: '\n  \r\n\ufeffa;b;c\nd,e,f,g,h\n', want: ';' },
    { name: 'one column: a comma', input: 'legal_name\n', want: ',' },
    { name: 'a tie: the comma', input: 'a,b;c\n', want: ',' },
    { name: 'tabs beat one comma', input: 'legal name, LLC\tb\tc\n', want: '\t' },
    { name: 'empty text', input: '', want: ',' },
  ])('$name', ({ input, want }) => {
    expect(detectSeparator(input)).toBe(want);
  });
});

describe('readCsv', () => {
  it.each<{ name: string; input: string; separator?: Separator; want: CsvRecord[] }>([
    { name: 'LF, CRLF and CR line ends', input: 'a,b\nc,d\r\ne\rf', want: [{ fields: ['a', 'b'] }, { fields: ['c', 'd'] }, { fields: ['e'] }, { fields: ['f'] }] },
    { name: 'no records in empty text', input: '', want: [] },
    { name: 'an empty line is a record of one empty field', input: '\n', want: [{ fields: [''] }] },
    { name: 'a trailing separator gives an empty field', input: 'a,\n', want: [{ fields: ['a', ''] }] },
    { name: 'quoted separators, line breaks and doubled quotes', input: '"a,b","c\r\nd","e""f"""\n', want: [{ fields: ['a,b', 'c\r\nd', 'e"f"'] }] },
    { name: 'a quote inside an unquoted field is text', input: 'a"b,c\n', want: [{ fields: ['a"b', 'c'] }] },
    { name: 'text after a closing quote is kept', input: '"a"b,c\n', want: [{ fields: ['ab', 'c'] }] },
    { name: 'tab separated', input: 'a\tb,c\td\n', separator: '\t', want: [{ fields: ['a', 'b,c', 'd'] }] },
    { name: 'an unclosed quote runs to the end', input: 'a,"b\nc,d\n', want: [{ fields: ['a', 'b\nc,d\n'], unclosed: 1 }] },
    { name: 'an unclosed quote after records', input: 'x\n"', want: [{ fields: ['x'] }, { fields: [''], unclosed: 0 }] },
  ])('$name', ({ input, separator = ',', want }) => {
    expect(readCsv(input, separator)).toEqual(want);
  });

  it('pauses at least once every 16 Ki characters and every 2 Ki records, and reads the same', () => {
    for (const text of ['x'.repeat(100_000), 'a,b\n'.repeat(10_000), '\n'.repeat(50_000)]) {
      let pauses = 0;
      let records = 0;
      let sinceLastPause = 0;
      let longest = 0;
      for (const record of csvRecords(text, ',')) {
        if (record === undefined) {
          pauses++;
          longest = Math.max(longest, sinceLastPause);
          sinceLastPause = 0;
        } else {
          records++;
          sinceLastPause++;
        }
      }
      expect(records).toBe(readCsv(text, ',').length);
      expect(pauses).toBeGreaterThanOrEqual(Math.floor(text.length / (1 << 14)) - 1);
      expect(longest).toBeLessThanOrEqual(1 << 11);
    }
  });

  // Each takes tens of milliseconds; a reader that is quadratic in any of them takes minutes. The bound leaves room
  // for a machine busy with other tests, so that only a change of order fails it.
  it('is linear: 1 MiB of quotes, separators or line breaks reads in well under five seconds', () => {
    for (const text of ['"'.repeat(1 << 20), '""'.repeat(1 << 19), ','.repeat(1 << 20), '\r\n'.repeat(1 << 19), '"a"'.repeat(349_525)]) {
      const start = performance.now();
      readCsv(text, ',');
      expect(performance.now() - start).toBeLessThan(5000);
    }
  });
});

describe('readCsv for any text', () => {
  /** RFC 4180: quote every field, doubling its quotes. */
  const write = (records: string[][], separator: Separator) =>
    records.map((fields) => fields.map((field) => `"${field.replace(/"/g, '""')}"`).join(separator)).join('\r\n');

  it('reads back any records written with quotes', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'é', 'ش', ',', ';', '\t', '"', '\n', '\r', ' '), maxLength: 12 });
    const records = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(records, fc.constantFrom<Separator>(',', ';', '\t'), (written, separator) => {
        expect(readCsv(write(written, separator), separator).map((record) => record.fields)).toEqual(written);
      }),
      { numRuns: 2000 },
    );
  });

  it('never loses a character outside quotes and separators', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const plain = text.replace(/[",\r\n]/g, '');
        const read = readCsv(text.replace(/"/g, ''), ',')
          .map((record) => record.fields.join(''))
          .join('');
        expect(read).toBe(plain);
      }),
      { numRuns: 2000 },
    );
  }, 30_000);
});
