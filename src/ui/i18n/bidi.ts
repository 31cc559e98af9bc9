/**
 * Latin runs inside right-to-left text. In an Arabic sentence a file name,
 * an extension, an OpenSSL option or a date is laid out by the bidi
 * algorithm, which moves its leading dot or dash to the wrong end
 * (`.csr` shows as `csr.`). Rich isolates each run found here as
 * left-to-right, so it reads as written.
 */

export interface BidiPart {
  readonly text: string;
  /** A Latin run to show as an isolated left-to-right span. */
  readonly ltr: boolean;
}

// A word that starts with a letter or digit (after an optional leading dot, dash, slash, quote…) and runs on
// through the characters of names, options and values; words joined by single spaces form one run.
// (\u2026 is the ellipsis of /C=AE/O=\u2026: written as an escape, the page stays ASCII.)
const WORD = String.raw`[-.\/\\*"'#@+]*[A-Za-z0-9][\w\-.:;=\/\\*#@+\u2026"',]*`;
const RUN = new RegExp(`${WORD}(?: ${WORD})*`, 'g');
/** Punctuation that ends the sentence rather than the name. */
const TRAILING = /[.,:;]+$/;
/** A run worth isolating: it has a Latin letter, or it is a date or a dotted/dashed number. */
const WORTH = /[A-Za-z]|\d[-:/.]\d/;

export function splitLatinRuns(text: string): BidiPart[] {
  const parts: BidiPart[] = [];
  let at = 0;
  for (const match of text.matchAll(RUN)) {
    const run = match[0].replace(TRAILING, '');
    const start = match.index;
    if (!WORTH.test(run)) continue;
    if (start > at) parts.push({ text: text.slice(at, start), ltr: false });
    parts.push({ text: run, ltr: true });
    at = start + run.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), ltr: false });
  return parts;
}
