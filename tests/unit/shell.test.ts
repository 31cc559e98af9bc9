/**
 * shell.ts: pasted text to the words each shell would hand to OpenSSL, with
 * expansions reported and every limit checked first. (The commands these
 * words make are tested in command.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/errors';
import { MAX_PASTE_LENGTH, readShellText, type ShellCommand } from '../../src/lib/shell';

const words = (...list: string[][]): ShellCommand[] => list.map((each) => ({ words: each, expansions: [] }));

describe('readShellText', () => {
  it.each<{ name: string; input: string; want: ShellCommand[] }>([
    { name: 'one line', input: 'openssl req -out a.csr', want: words(['openssl', 'req', '-out', 'a.csr']) },
    { name: 'bash: \\ continuation, double quotes, escapes', input: 'a \\\n "b c" d\\ e \'f\\g\'', want: words(['a', 'b c', 'd e', 'f\\g']) },
    { name: 'cmd.exe: ^ continuation, CRLF, backslashes literal', input: 'a ^\r\n C:\\k\\x.csr "b\\c"', want: words(['a', 'C:\\k\\x.csr', 'b\\c']) },
    { name: 'PowerShell: backtick continuation, doubled quotes', input: "a `\r\n 'it''s' \"say \"\"hi\"\"\"", want: words(['a', "it's", 'say "hi"']) },
    { name: 'cmd.exe: ^ with spaces and tabs before CRLF', input: 'a ^ \t \r\n C:\\k\\x.csr', want: words(['a', 'C:\\k\\x.csr']) },
    { name: 'PowerShell: backtick with spaces before LF', input: 'a `  \n b', want: words(['a', 'b']) },
    { name: 'bash: \\ with a tab before LF', input: 'a \\\t\n b', want: words(['a', 'b']) },
    { name: 'a ^ on any line makes it cmd.exe, though an earlier line ends in \\', input: 'a \\\n b ^\n c\\d', want: words(['a', '\\'], ['b', 'c\\d']) },
    { name: 'cmd.exe on one line, known by its drive path', input: 'openssl req -out C:\\keys\\a.csr', want: words(['openssl', 'req', '-out', 'C:\\keys\\a.csr']) },
    { name: 'PowerShell on one line, known by & "…openssl.exe"', input: '& "C:\\OpenSSL\\openssl.exe" req -out .\\a.csr', want: words(['C:\\OpenSSL\\openssl.exe', 'req', '-out', '.\\a.csr']) },
    { name: 'separators and comment lines', input: '# note\na; b && c | d\nrem x\n:: y\n  # z\ne', want: words(['a'], ['b'], ['c'], ['d'], ['e']) },
    { name: 'a # inside a word is not a comment', input: 'a#b c', want: words(['a#b', 'c']) },
    { name: 'a comment ending in \\ does not swallow the next line', input: '# note \\\na', want: words(['a']) },
    { name: '$ and % that no shell expands', input: '"A$ 100%" $', want: words(['A$ 100%', '$']) },
    { name: 'escaped \\$ in bash', input: '"\\$HOME" \\$HOME', want: words(['$HOME', '$HOME']) },
    { name: '$NAME in bash single quotes', input: "'$HOME'", want: words(['$HOME']) },
    { name: '$NAME unquoted', input: 'a $HOME', want: [{ words: ['a', '$HOME'], expansions: ['$HOME'] }] },
    { name: '$(…) in double quotes, nested', input: '"x $(a $(b)) y"', want: [{ words: ['x $(a $(b)) y'], expansions: ['$(a $(b))'] }] },
    { name: '${…}', input: '${A:-b}', want: [{ words: ['${A:-b}'], expansions: ['${A:-b}'] }] },
    { name: 'backticks in bash', input: '"`id` x"', want: [{ words: ['`id` x'], expansions: ['`id`'] }] },
    { name: '%NAME% in cmd.exe, even in single quotes', input: "a ^\r\n '%X%'", want: [{ words: ['a', '%X%'], expansions: ['%X%'] }] },
    { name: "PowerShell's $env:NAME", input: 'a `\n "$env:X"', want: [{ words: ['a', '$env:X'], expansions: ['$env:X'] }] },
    { name: 'only the first expansion of a command is kept', input: '$A $B\n$C', want: [{ words: ['$A', '$B'], expansions: ['$A'] }, { words: ['$C'], expansions: ['$C'] }] },
  ])('$name', ({ input, want }) => {
    expect(readShellText(input)).toEqual(want);
  });

  it.each<{ name: string; input: string; want: { code: string; params: Record<string, string> } }>([
    { name: 'more than 1 MiB', input: 'a'.repeat(MAX_PASTE_LENGTH + 1), want: { code: 'command-too-long', params: { limit: '1,048,576' } } },
    { name: 'more than 50 commands', input: 'a\n'.repeat(51), want: { code: 'command-too-many', params: { limit: '50' } } },
    { name: 'a command of more than 1,000 words', input: 'a '.repeat(1001), want: { code: 'command-too-long', params: { limit: '1,000' } } },
    { name: 'more than 10,000 specials', input: "''".repeat(10_001), want: { code: 'command-too-long', params: { limit: '10,000' } } },
    { name: 'an unclosed quote', input: 'a "b', want: { code: 'command-syntax', params: {} } },
    { name: 'a Windows path that bash would mangle', input: 'a \\\n -out C:\\k\\x.csr', want: { code: 'windows-path', params: { token: 'C:\\k\\x.csr' } } },
  ])('refuses $name', ({ input, want }) => {
    let thrown: unknown;
    try {
      readShellText(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const { code, field, params } = thrown as AppError;
    expect({ code, field, params }).toEqual({ ...want, field: 'command' });
  });
});
