/**
 * Shell text to words, the way bash, cmd.exe and PowerShell would hand them
 * to OpenSSL: which shell the text was written for, line continuations and
 * comments, quotes and escapes. What the shell would have expanded
 * (`$NAME`, `$(…)`, `%NAME%`, backticks) is kept as written and reported, and
 * a Windows path that bash would mangle is refused. Every size is capped
 * and every scan is linear: a 1 MiB paste is read in a few milliseconds.
 */

import { thousands, type AppError } from './errors';
import { END, shellError, tokenize, type Token } from './shell-words';

export { MAX_COMMANDS } from './shell-words';

export type Shell = 'bash' | 'cmd' | 'powershell';

/**
 * The most text a paste may hold, in UTF-16 code units (JavaScript's string
 * length, what a text area holds): 1 MiB of them. The directory's command is
 * about 300.
 */
export const MAX_PASTE_LENGTH = 1024 * 1024;

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
  const continuations = lineEnds(text);
  if (continuations.has('^')) return 'cmd';
  if (continuations.has('`')) return 'powershell';
  if (continuations.has('\\')) return 'bash';
  if (windowsPath(text, `"'=`) !== undefined || /openssl\.exe\b/i.test(text)) {
    return /`|(^|[\n;])[ \t]*&[ \t]*["']/.test(text) ? 'powershell' : 'cmd';
  }
  return 'bash';
}

/**
 * The last character of each line that a newline ends, before any spaces,
 * tabs and CR: where a continuation mark would be. Found with indexOf, which
 * V8 runs far faster on 1 MiB than a regular expression for the same thing.
 */
function lineEnds(text: string): Set<string> {
  const ends = new Set<string>();
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    let end = text[at - 1] === '\r' ? at - 1 : at;
    while (text[end - 1] === ' ' || text[end - 1] === '\t') end--;
    if (end > 0) ends.add(text[end - 1]!);
  }
  return ends;
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

/** Groups tokens into commands; blank lines make none. */
function splitCommands(tokens: Token[]): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let current: ShellCommand = { words: [], expansions: [] };
  // A final END closes the last command.
  for (const token of [...tokens, END] as Token[]) {
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
