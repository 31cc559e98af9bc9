/**
 * CSV as spreadsheets write it: which separator a file uses, and its records
 * (RFC 4180 quoting; CRLF, LF or CR line ends). One pass over the text, no
 * backtracking; the reader is a generator that pauses now and then, so that a
 * page can read a large file in slices without a long task.
 */

/** Comma, semicolon (Excel where the decimal mark is a comma) or tab (Excel's "Unicode Text"). */
export type Separator = ',' | ';' | '\t';
export const SEPARATORS: readonly Separator[] = [',', ';', '\t'];

/** How often the reader pauses: every so many characters, or records. */
const SLICE_CHARACTERS = 1 << 14;
const SLICE_RECORDS = 1 << 11;
/** The separator is found within this many characters of the first line. */
const SEPARATOR_WINDOW = 1 << 16;

/**
 * The separator the first non-blank line uses most, outside double quotes
 * (within its first 64 Ki characters); a comma when there is none (a
 * single-column file), or on a tie.
 */
export function detectSeparator(text: string): Separator {
  const counts = new Map<string, number>(SEPARATORS.map((separator) => [separator, 0]));
  let quoted = false;
  let blank = true;
  let start = 0; // where the line being looked at starts
  for (let i = 0; i < text.length && i - start < SEPARATOR_WINDOW; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (!blank) break;
      start = i + 1;
    } else if (!quoted && counts.has(c)) {
      counts.set(c, counts.get(c)! + 1);
      blank = false;
    } else if (c !== ' ' && c !== '\ufeff') blank = false;
  }
  let best: Separator = ',';
  for (const separator of SEPARATORS) if (counts.get(separator)! > counts.get(best)!) best = separator;
  return best;
}

export interface CsvRecord {
  readonly fields: string[];
  /** The index of a quoted field that runs to the end of the text (so this is the last record). */
  readonly unclosed?: number;
}

/**
 * RFC 4180 records, one at a time: a field in double quotes may hold
 * separators, line breaks and quotes written twice. Lenient as spreadsheets
 * are: a quote inside an unquoted field, or text after a closing quote, is
 * kept as text. Yields `undefined` now and then: a pause, where a page may
 * draw a frame. Linear: each character is looked at once, and plain runs of
 * characters are sliced out of the text rather than added one at a time.
 */
export function* csvRecords(text: string, separator: Separator): Generator<CsvRecord | undefined, void> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false; // a quote only opens a quoted field at its start
  let runStart = 0; // the start of the plain characters not yet added to `field`
  let nextPause = SLICE_CHARACTERS;
  let count = 0;
  const take = (end: number) => {
    if (end > runStart) field += text.slice(runStart, end);
  };
  for (let i = 0; i < text.length; i++) {
    if (i >= nextPause) {
      nextPause = i + SLICE_CHARACTERS;
      yield undefined;
    }
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') continue;
      take(i);
      if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      runStart = i + 1;
    } else if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      runStart = i + 1;
    } else if (c === separator) {
      take(i);
      fields.push(field);
      field = '';
      fieldStarted = false;
      runStart = i + 1;
    } else if (c === '\n' || c === '\r') {
      take(i);
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      yield { fields };
      if (++count % SLICE_RECORDS === 0) nextPause = i + 1;
      fields = [];
      field = '';
      fieldStarted = false;
      runStart = i + 1;
    } else {
      fieldStarted = true;
    }
  }
  take(text.length);
  if (fieldStarted || fields.length > 0) {
    fields.push(field);
    yield quoted ? { fields, unclosed: fields.length - 1 } : { fields };
  }
}

/** Every record at once (without the pauses): for tests and small texts. */
export function readCsv(text: string, separator: Separator): CsvRecord[] {
  const records: CsvRecord[] = [];
  for (const record of csvRecords(text, separator)) if (record) records.push(record);
  return records;
}
