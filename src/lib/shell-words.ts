/**
 * Shell text (one line per command, continuations already joined) to words,
 * the way the shell would hand them to OpenSSL: quotes removed, escapes
 * applied. Single quotes are literal in bash and PowerShell (`''` is a quote
 * in PowerShell) and read the same way from cmd.exe, where users also paste
 * them. What the shell would have expanded is kept as written and reported
 * beside the words. Every count is capped, so the work is linear in the text.
 */

import { AppError, thousands, type ErrorCode, type ErrorParams } from './errors';
import type { Shell } from './shell';

/** The most commands one paste may hold (16 applications of three certificates); more go in a batch CSV. */
export const MAX_COMMANDS = 50;

/** Marks the end of a command: a newline, `;`, `&`, `&&` or `|` outside quotes. */
export const END = Symbol('end of command');
/** Something the shell would have replaced before OpenSSL saw it: `$NAME`, `$(…)`, `%NAME%`, a backtick. */
interface Expansion {
  readonly expansion: string;
}
export type Token = string | typeof END | Expansion;

const ESCAPE: Record<Shell, string> = { bash: '\\', cmd: '^', powershell: '`' };

export function tokenize(text: string, shell: Shell): Token[] {
  return new WordReader(text, shell).read();
}

class WordReader {
  private readonly tokens: Token[] = [];
  // The word so far, in pieces: joining once is linear, adding one character at a time to a string is slow.
  private word: string[] = [];
  private inWord = false;
  private commands = 0;
  private words = 0;
  // One expansion per command is enough to refuse it; the rest are skipped.
  private expanded = false;
  private steps = 0;

  constructor(
    private readonly text: string,
    private readonly shell: Shell,
  ) {}

  read(): Token[] {
    let i = 0;
    while (i < this.text.length) i = this.readAt(i);
    this.endCommand();
    return this.tokens;
  }

  /** Reads what starts at `i`; returns where the next thing starts. */
  private readAt(i: number): number {
    const { text, shell } = this;
    ORDINARY.lastIndex = i;
    const run = ORDINARY.exec(text);
    if (run) return this.add(run[0], i + run[0].length);
    this.step();
    const c = text[i]!;
    const expansion = expansionAt(text, i, shell, 'unquoted');
    if (expansion !== undefined) {
      this.found(expansion);
      return this.add(expansion, i + expansion.length);
    }
    if (c === ' ' || c === '\t') {
      this.finishWord();
      return i + 1;
    }
    if (c === '\n' || c === ';' || c === '&' || c === '|') {
      this.endCommand();
      return i + 1;
    }
    if (c === '#' && !this.inWord && shell !== 'cmd') {
      // bash and PowerShell: a word starting with # starts a comment, to the end of the line.
      const newline = text.indexOf('\n', i);
      return newline === -1 ? text.length : newline;
    }
    if (c === ESCAPE[shell] && i + 1 < text.length) return this.add(text[i + 1]!, i + 2);
    if (c === "'") return this.readSingleQuoted(i);
    if (c === '"') {
      const [value, close] = readDoubleQuoted(text, i, shell, (found) => this.found(found), () => this.step());
      return this.add(value, close + 1);
    }
    return this.add(c, i + 1);
  }

  private readSingleQuoted(open: number): number {
    const close = findClosingSingleQuote(this.text, open, this.shell);
    const quoted = this.text.slice(open + 1, close);
    // cmd.exe has no single quotes: it expands %NAME% inside them too.
    const percent = this.shell === 'cmd' ? PERCENT_VARIABLE.exec(quoted)?.[0] : undefined;
    if (percent !== undefined) this.found(percent);
    return this.add(this.shell === 'powershell' ? quoted.replace(/''/g, "'") : quoted, close + 1);
  }

  private add(piece: string, next: number): number {
    this.word.push(piece);
    this.inWord = true;
    return next;
  }

  private finishWord(): void {
    if (this.inWord) {
      this.tokens.push(this.word.join(''));
      if (++this.words > MAX_WORDS) throw tooManyWords();
    }
    this.word = [];
    this.inWord = false;
  }

  private endCommand(): void {
    this.finishWord();
    if (this.words > 0 && ++this.commands > MAX_COMMANDS) throw tooManyCommands();
    this.words = 0;
    this.expanded = false;
    this.tokens.push(END);
  }

  private found(expansion: string): void {
    this.step();
    if (!this.expanded) this.tokens.push({ expansion });
    this.expanded = true;
  }

  private step(): void {
    if (++this.steps > MAX_STEPS) throw tooManySteps();
  }
}

/** A run of characters that no shell treats specially outside quotes. */
const ORDINARY = /[^ \t\n;&|#'"\\^`$%]+/y;
/** The same inside double quotes. */
const ORDINARY_QUOTED = /[^"\\`$%]+/y;
/** The most words one command may have; the directory's has about 12. */
const MAX_WORDS = 1000;
/**
 * The most spaces, quotes, escapes and separators a paste may have: 50
 * commands need a few thousand. Bounds the work on any input, whatever its shape.
 */
const MAX_STEPS = 10_000;

export function tooManySteps(): AppError {
  return shellError(
    'command-too-long',
    `The pasted text has more than ${thousands(MAX_STEPS)} spaces, quotes, escapes and separators, far more than ${MAX_COMMANDS} openssl req commands hold. Paste only the openssl req commands.`,
    { limit: thousands(MAX_STEPS) },
  );
}

function tooManyCommands(): AppError {
  return shellError(
    'command-too-many',
    `The pasted text has more than ${MAX_COMMANDS} commands; this page reads at most ${MAX_COMMANDS} at a time. For many applications, use the Batch tab with a CSV, one application per row.`,
    { limit: String(MAX_COMMANDS) },
  );
}

function tooManyWords(): AppError {
  return shellError(
    'command-too-long',
    `A command in the pasted text has more than ${thousands(MAX_WORDS)} words; the directory's command has about 12. Paste only the openssl req commands.`,
    { limit: thousands(MAX_WORDS) },
  );
}

const PERCENT_VARIABLE = /%[A-Za-z_][A-Za-z0-9_]{0,63}%/;
/** How far a `$(…)`, `${…}` or backtick is followed to its end before it is quoted shortened. */
const EXPANSION_EXCERPT = 60;

/**
 * The shell expansion that starts at `i`, as written, or undefined. bash and
 * PowerShell expand `$NAME`, `${…}` and `$(…)` unquoted and in double quotes;
 * bash also runs `` `…` `` there. cmd.exe expands `%NAME%` everywhere. The
 * others are refused in every shell too: a legal name or file name never
 * holds them, and the user surely meant a value that this page cannot know.
 */
function expansionAt(text: string, i: number, shell: Shell, where: 'unquoted' | 'double'): string | undefined {
  const c = text[i];
  if (c === '$') {
    const next = text[i + 1];
    if (next === '(' || next === '{') return excerptTo(text, i, next === '(' ? ')' : '}');
    const name = /^\$(?:env:)?[A-Za-z_0-9][A-Za-z0-9_]{0,63}/.exec(text.slice(i, i + 70));
    return name?.[0];
  }
  if (c === '%') {
    const variable = /^%[A-Za-z_][A-Za-z0-9_]{0,63}%/.exec(text.slice(i, i + 66));
    return variable?.[0];
  }
  if (c === '`' && shell === 'bash') return excerptTo(text, i, '`', where === 'double' ? '"' : undefined);
  return undefined;
}

/** `text` from `start` to the first `close` after it (nesting `(` for `$(`), or a shortened excerpt if none is near. */
function excerptTo(text: string, start: number, close: string, stop?: string): string {
  let depth = 0;
  const end = Math.min(text.length, start + EXPANSION_EXCERPT);
  for (let j = start + 1; j < end; j++) {
    const c = text[j];
    if (c === '\n' || c === stop) return text.slice(start, j);
    if (close === ')' && c === '(' && j > start + 1) depth++;
    else if (c === close && depth > 0) depth--;
    else if (c === close) return text.slice(start, j + 1);
  }
  return text.slice(start, end);
}

function findClosingSingleQuote(text: string, open: number, shell: Shell): number {
  let i = open + 1;
  for (;;) {
    const close = text.indexOf("'", i);
    if (close === -1) throw unbalanced("'", text, open);
    if (shell === 'powershell' && text[close + 1] === "'") {
      i = close + 2;
      continue;
    }
    return close;
  }
}

/**
 * Inside double quotes: bash lets `\` escape only `\ " $` and backtick;
 * cmd.exe passes everything through, except that the program's own argument
 * parser reads `\"` as a quote; PowerShell escapes with a backtick and `""`.
 * Expansions are reported to `found` and kept as written.
 */
function readDoubleQuoted(text: string, open: number, shell: Shell, found: (expansion: string) => void, step: () => void): [string, number] {
  const value: string[] = [];
  let i = open + 1;
  while (i < text.length) {
    ORDINARY_QUOTED.lastIndex = i;
    const run = ORDINARY_QUOTED.exec(text);
    if (run) {
      value.push(run[0]);
      i += run[0].length;
      continue;
    }
    step();
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '"') {
      if (shell === 'powershell' && next === '"') {
        value.push('"');
        i += 2;
        continue;
      }
      return [value.join(''), i];
    }
    const expansion = expansionAt(text, i, shell, 'double');
    if (expansion !== undefined) {
      found(expansion);
      value.push(expansion);
      i += expansion.length;
    } else if (shell === 'bash' && c === '\\' && next !== undefined && '\\"$`'.includes(next)) {
      value.push(next);
      i += 2;
    } else if (shell === 'cmd' && c === '\\' && next === '"') {
      value.push('"');
      i += 2;
    } else if (shell === 'powershell' && c === '`' && next !== undefined) {
      value.push(next);
      i += 2;
    } else {
      value.push(c);
      i++;
    }
  }
  throw unbalanced('"', text, open);
}

function unbalanced(quote: string, text: string, open: number): AppError {
  const excerpt = text.slice(open, open + 40).split('\n')[0];
  return shellError('command-syntax', `The quote ${quote} opened at ${excerpt}… is never closed. Check that the whole command was pasted.`);
}

export function shellError(code: ErrorCode, message: string, params?: ErrorParams): AppError {
  return new AppError(code, message, { field: 'command', ...(params ? { params } : {}) });
}
