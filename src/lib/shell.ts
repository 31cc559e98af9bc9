/**
 * Shell text to words, the way bash, cmd.exe and PowerShell would hand them
 * to OpenSSL: which shell the text was written for, line continuations and
 * comments, quotes and escapes. What the shell would have expanded
 * (`$NAME`, `$(…)`, `%NAME%`, backticks) is kept as written and reported, and
 * a Windows path that bash would mangle is refused. Every size is capped
 * and every scan is linear: a 1 MiB paste is read in a few milliseconds.
 */

import { AppError, type ErrorCode, type ErrorParams } from './errors';

export type Shell = 'bash' | 'cmd' | 'powershell';

/**
 * The most text a paste may hold, in UTF-16 code units (JavaScript's string
 * length, what a text area holds): 1 MiB of them. The directory's command is
 * about 300.
 */
export const MAX_PASTE_LENGTH = 1024 * 1024;
/** The most commands one paste may hold (16 applications of three certificates); more go in a batch CSV. */
export const MAX_COMMANDS = 50;

/** The words of one command, and any shell expansion found in them (the first is enough to refuse it). */
export interface ShellCommand {
  readonly words: string[];
  readonly expansions: string[];
}

/** The commands in `text`, each as the words OpenSSL would see. Throws an AppError about the whole text. */
export function readShellText(text: string): ShellCommand[] {
  if (text.length > MAX_PASTE_LENGTH) {
    throw shellError(
      'command-too-long',
      `The pasted text is ${thousands(text.length)} characters long; this page reads at most ${thousands(MAX_PASTE_LENGTH)} characters (1 MiB, counted as UTF-16 code units) at a time. Paste only the openssl req commands.`,
      { limit: thousands(MAX_PASTE_LENGTH) },
    );
  }
  const shell = detectShell(text);
  if (shell === 'bash') refuseWindowsPath(text);
  return splitCommands(tokenize(joinContinuations(dropCommentLines(text), shell), shell));
}

/**
 * Which shell the text was written for. Line continuations say it best: `^`
 * is cmd.exe, a backtick PowerShell, `\` bash. On one line, a Windows path
 * (`C:\keys\x.csr`, `.\x.csr`) or `openssl.exe` means cmd.exe, or PowerShell
 * if a backtick or `& "…openssl.exe"` says so. Anything else is read as bash.
 */
function detectShell(text: string): Shell {
  if (/\^[ \t]*\r?\n/.test(text)) return 'cmd';
  if (/`[ \t]*\r?\n/.test(text)) return 'powershell';
  if (/\\[ \t]*\r?\n/.test(text)) return 'bash';
  if (windowsPath(text, `"'=`) !== undefined || /openssl\.exe\b/i.test(text)) {
    return /`|(^|[\n;])[ \t]*&[ \t]*["']/.test(text) ? 'powershell' : 'cmd';
  }
  return 'bash';
}

/**
 * The first Windows path where a shell reads a word, up to 80 characters: a
 * drive letter and `\` (`C:\keys\x.csr`), or `.\` / `..\`, at the start of
 * the text or after white space or one of `after`. Found with indexOf, which
 * is fast on any text, then checked.
 */
function windowsPath(text: string, after: string): string | undefined {
  const startsWord = (at: number) => at === 0 || /\s/.test(text[at - 1]!) || after.includes(text[at - 1]!);
  let first: number | undefined;
  for (const marker of [':\\', '.\\']) {
    for (let at = text.indexOf(marker); at !== -1 && (first === undefined || at < first); at = text.indexOf(marker, at + 1)) {
      const start = marker === ':\\' ? (/[A-Za-z]/.test(text[at - 1] ?? '') ? at - 1 : -1) : text[at - 1] === '.' ? at - 1 : at;
      if (start !== -1 && startsWord(start)) {
        first = start;
        break;
      }
    }
  }
  return first === undefined ? undefined : /^[^\s"']{0,80}/.exec(text.slice(first, first + 80))![0];
}

/** A bash command (one with `\` line continuations) with an unquoted Windows path: bash would take each `\` as an escape (`C:\keys\x.csr` becomes `C:keysx.csr`). */
function refuseWindowsPath(text: string): void {
  const path = windowsPath(text, '=');
  if (path === undefined) return;
  throw shellError(
    'windows-path',
    `"${path}" is a Windows path, but the command is written for bash (its lines end in \\), where each \\ would be dropped and the name mangled. Paste the command as cmd.exe or PowerShell shows it (lines ending in ^ or a backtick), or give only the file name, or write the path with / instead of \\.`,
    { token: path },
  );
}

const CONTINUATION: Record<Shell, RegExp> = {
  bash: /\\[ \t]*\r?\n/g,
  cmd: /\^[ \t]*\r?\n/g,
  powershell: /`[ \t]*\r?\n/g,
};

/**
 * bash and cmd.exe remove an escaped newline altogether (also inside bash's
 * double quotes); in PowerShell a backtick continuation separates words.
 */
function joinContinuations(text: string, shell: Shell): string {
  const joined = text.replace(CONTINUATION[shell], shell === 'powershell' ? ' ' : '');
  return joined.includes('\r') ? joined.replace(/\r\n?/g, '\n') : joined;
}

/**
 * Whole-line comments of the three shells: `# …`, `rem …`, `:: …`. A scan
 * line by line: a regex would backtrack over a long run of spaces.
 */
function dropCommentLines(text: string): string {
  const kept: string[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    LINE_INDENT.lastIndex = start;
    const first = start + LINE_INDENT.exec(text)![0].length;
    const comment = first < end && (text[first] === '#' || text.startsWith('::', first) || /^rem(?![A-Za-z0-9_])/i.test(text.slice(first, first + 4)));
    kept.push(comment ? '' : text.slice(start, end));
    start = end + 1;
  }
  return kept.join('\n');
}

const LINE_INDENT = /[ \t]*/y;

/** Marks the end of a command: a newline, `;`, `&`, `&&` or `|` outside quotes. */
const END = Symbol('end of command');
/** Something the shell would have replaced before OpenSSL saw it: `$NAME`, `$(…)`, `%NAME%`, a backtick. */
interface Expansion {
  readonly expansion: string;
}
type Token = string | typeof END | Expansion;

/**
 * Splits shell text into words the way the shell would hand them to
 * OpenSSL: quotes removed, escapes applied. Single quotes are literal in
 * bash and PowerShell (`''` is a quote in PowerShell) and read the same way
 * from cmd.exe, where users also paste them. What the shell would have
 * expanded is kept as written and reported beside the words.
 */
function tokenize(text: string, shell: Shell): Token[] {
  const tokens: Token[] = [];
  const escape = shell === 'bash' ? '\\' : shell === 'cmd' ? '^' : '`';
  // The word so far, in pieces: joining once is linear, adding one character at a time to a string is slow.
  let word: string[] = [];
  let inWord = false;
  let commands = 0;
  let words = 0;
  let i = 0;
  const finishWord = () => {
    if (inWord) {
      tokens.push(word.join(''));
      if (++words > MAX_WORDS) throw tooManyWords();
    }
    word = [];
    inWord = false;
  };
  const endCommand = () => {
    finishWord();
    if (words > 0 && ++commands > MAX_COMMANDS) throw tooManyCommands();
    words = 0;
    expanded = false;
    tokens.push(END);
  };
  // One expansion per command is enough to refuse it; the rest are skipped.
  let expanded = false;
  let steps = 0;
  const found = (expansion: string) => {
    if (++steps > MAX_STEPS) throw tooManySteps();
    if (!expanded) tokens.push({ expansion });
    expanded = true;
  };
  while (i < text.length) {
    ORDINARY.lastIndex = i;
    const run = ORDINARY.exec(text);
    if (run) {
      word.push(run[0]);
      inWord = true;
      i += run[0].length;
      continue;
    }
    if (++steps > MAX_STEPS) throw tooManySteps();
    const c = text[i]!;
    const expansion = expansionAt(text, i, shell, 'unquoted');
    if (expansion !== undefined) {
      found(expansion);
      word.push(expansion);
      inWord = true;
      i += expansion.length;
    } else if (c === ' ' || c === '\t') {
      finishWord();
      i++;
    } else if (c === '\n' || c === ';' || c === '&' || c === '|') {
      endCommand();
      i++;
    } else if (c === '#' && !inWord && shell !== 'cmd') {
      // bash and PowerShell: a word starting with # starts a comment, to the end of the line.
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? text.length : newline;
    } else if (c === escape && i + 1 < text.length) {
      word.push(text[i + 1]!);
      inWord = true;
      i += 2;
    } else if (c === "'") {
      const close = findClosingSingleQuote(text, i, shell);
      const quoted = text.slice(i + 1, close);
      // cmd.exe has no single quotes: it expands %NAME% inside them too.
      const percent = shell === 'cmd' ? PERCENT_VARIABLE.exec(quoted)?.[0] : undefined;
      if (percent !== undefined) found(percent);
      word.push(shell === 'powershell' ? quoted.replace(/''/g, "'") : quoted);
      inWord = true;
      i = close + 1;
    } else if (c === '"') {
      const [value, close] = readDoubleQuoted(text, i, shell, found, () => {
        if (++steps > MAX_STEPS) throw tooManySteps();
      });
      word.push(value);
      inWord = true;
      i = close + 1;
    } else {
      word.push(c);
      inWord = true;
      i++;
    }
  }
  endCommand();
  return tokens;
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

function tooManySteps(): AppError {
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

/** Groups tokens into commands; blank lines make none. */
function splitCommands(tokens: Token[]): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let current: ShellCommand = { words: [], expansions: [] };
  const all: Token[] = [...tokens, END];
  for (const token of all) {
    if (typeof token === 'string') current.words.push(token);
    else if (token !== END) current.expansions.push(token.expansion);
    else {
      if (current.words.length > 0 || current.expansions.length > 0) commands.push(current);
      current = { words: [], expansions: [] };
    }
  }
  return commands;
}

/** `$LEGAL_NAME` and its kin: the shell would have put a value there, which this page cannot know. */
export function expansionError(token: string): AppError {
  const what = token.startsWith('$(') || token.startsWith('`') ? 'runs a command and puts its output there' : 'puts the variable\'s value there';
  // The page shows `…` as code, so a backquoted token is named in words.
  const named = token.startsWith('`') ? `The backquotes around "${token.replace(/`/g, '')}" are` : `"${token}" is`;
  return shellError(
    'shell-expansion',
    `${named} shell syntax: a shell ${what} before OpenSSL sees the command, but this page reads the command as pasted and cannot know that value. Write the value itself in its place (the legal name, the ID or the file name), or paste the command as your terminal printed it with the values filled in.`,
    { token },
  );
}

function shellError(code: ErrorCode, message: string, params?: ErrorParams): AppError {
  return new AppError(code, message, { field: 'command', ...(params ? { params } : {}) });
}

/** 1048576 as 1,048,576 (toLocaleString would start the whole of Intl for it). */
function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}
