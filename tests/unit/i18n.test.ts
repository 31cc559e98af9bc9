/**
 * The Arabic catalogue against the English one: the same keys, the same
 * placeholders, the same `code` spans and **bold** marks, every string
 * translated, and one Arabic message per error and warning code.
 */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_PARAMS, type WarningCode } from '../../src/lib/errors';
import { ar, arErrors, arWarnings } from '../../src/ui/i18n/ar';
import { en, type MessageKey } from '../../src/ui/i18n/en';
import { fill } from '../../src/ui/i18n/fill';

const KEYS = Object.keys(en) as MessageKey[];

/** Every warning code; `satisfies` makes the type checker catch a code added to WarningCode but not here. */
const WARNING_FLAGS = {
  'ids-same': true,
  'legal-name-is-uuid': true,
  'utf8-added': true,
  'key-unencrypted': true,
} as const satisfies Record<WarningCode, true>;
const WARNING_CODES = Object.keys(WARNING_FLAGS) as WarningCode[];

/**
 * The only strings that may read the same in both languages: purely
 * technical, with nothing to translate.
 */
const SAME_IN_BOTH: readonly MessageKey[] = ['pair.fingerprint'];

/** Punctuation, spaces included, checked on its own below. */
const PUNCTUATION: readonly MessageKey[] = ['batch.listSeparator'];

/** Technical names that stay in Latin script: wherever English has one, Arabic has it too. */
const TECHNICAL_TOKENS = [
  'RSA-2048',
  'PS256',
  'RSA-OAEP-256',
  'JWK',
  'JWT',
  'mTLS',
  'TLS',
  'CSV',
  'UUID',
  'HSM',
  'KMS',
  'SHA-256',
  '.p12',
  '.zip',
  'kid',
  'API Hub',
  'WebCrypto',
  'OpenSSL',
  'IndexedDB',
  'PEM',
  'DNS',
  'https',
  'Git Bash',
  'bash',
  'cmd.exe',
  'PowerShell',
  'UTF-8',
  'Content-Security-Policy',
  'New Certificate',
] as const;

/** The labels the brief fixes, word for word. */
const FIXED: Partial<Record<MessageKey, string>> = {
  'language.label': 'اللغة',
  'app.download': 'تنزيل ملف `.zip`',
  'app.generate': 'إنشاء',
  'copy.csr': 'نسخ طلب CSR',
  'app.clear': 'مسح',
  'app.cancel': 'إلغاء',
  'role.client_transport': 'النقل',
  'role.client_signing': 'التوقيع',
  'role.client_encryption': 'التشفير',
  'role.server_transport': 'النقل (الخادم)',
  'role.server_signing': 'التوقيع (الخادم)',
};

const ARABIC_LETTER = /[\u0621-\u064a]/u;
// Bidi controls, zero-width and other invisible characters: they would be copied along with a command or file name.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
const codeSpans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]!).sort();
const boldCount = (text: string) => [...text.matchAll(/\*\*[^*]+\*\*/g)].length;
const tokenPattern = (token: string) => new RegExp(`(?<![A-Za-z0-9])${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`);
/** As the page shows a message when it knows none of its params. */
const withoutValue = (template: string) => fill(template, {});
const PARAM_NAMES: readonly string[] = ERROR_PARAMS;

describe('the Arabic catalogue', () => {
  it('has exactly the keys of the English one', () => {
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(KEYS)('%s keeps every {placeholder} of the English', (key) => {
    expect(placeholders(ar[key])).toEqual(placeholders(en[key]));
  });

  it.each(KEYS)('%s keeps the `code` spans of the English, untranslated', (key) => {
    expect(codeSpans(ar[key])).toEqual(codeSpans(en[key]));
  });

  it.each(KEYS)('%s has as many **bold** spans as the English, and balanced marks', (key) => {
    expect(boldCount(ar[key])).toBe(boldCount(en[key]));
    expect(ar[key].split('**').length % 2).toBe(1);
    expect(ar[key].split('`').length % 2).toBe(1);
  });

  it('joins lists with its own comma', () => {
    expect(en['batch.listSeparator']).toBe(', ');
    expect(ar['batch.listSeparator']).toBe('\u060c ');
  });

  it.each(KEYS.filter((key) => !PUNCTUATION.includes(key)))('%s is translated', (key) => {
    const text = ar[key];
    expect(text.trim()).not.toBe('');
    expect(text).toBe(text.trim());
    expect(text).not.toMatch(INVISIBLE);
    if (SAME_IN_BOTH.includes(key)) {
      expect(text).toBe(en[key]);
    } else {
      expect(text).not.toBe(en[key]);
      expect(text).toMatch(ARABIC_LETTER);
    }
  });

  it('allows the same text in both languages only for purely technical strings', () => {
    for (const key of SAME_IN_BOTH) expect(en[key]).not.toMatch(/[a-z]{2,}/);
    expect(KEYS.filter((key) => ar[key] === en[key])).toEqual([...SAME_IN_BOTH]);
  });

  it.each(KEYS)('%s keeps the technical names of the English in Latin script', (key) => {
    const missing = TECHNICAL_TOKENS.filter((token) => tokenPattern(token).test(en[key]) && !tokenPattern(token).test(ar[key]));
    expect(missing).toEqual([]);
  });

  it('uses the fixed labels for buttons, the language switch and the certificate types', () => {
    for (const [key, text] of Object.entries(FIXED)) expect({ key, text: ar[key as MessageKey] }).toEqual({ key, text });
  });
});

describe('the Arabic error and warning messages', () => {
  it('has a message for every error code, and no other', () => {
    expect(Object.keys(arErrors).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('has a message for every warning code, and no other', () => {
    expect(Object.keys(arWarnings).sort()).toEqual([...WARNING_CODES].sort());
  });

  const errors = Object.entries(arErrors);
  const warnings = Object.entries(arWarnings);

  it.each([...errors, ...warnings])('%s is Arabic, with no bold and no invisible characters', (_code, message) => {
    expect(message).toMatch(ARABIC_LETTER);
    expect(message).toBe(message.trim());
    expect(message).not.toMatch(INVISIBLE);
    // Rendered by <Rich>: `code` keeps a UUID left-to-right inside Arabic; no **bold**, and code spans balanced.
    expect(message).not.toMatch(/\*\*/);
    expect((message.match(/`/g) ?? []).length % 2).toBe(0);
  });

  it.each(errors)('%s uses only the error params as placeholders, each once and inside «»', (_code, message) => {
    expect(placeholders(message).filter((name) => !PARAM_NAMES.includes(name))).toEqual([]);
    for (const name of placeholders(message)) {
      expect(message.split(`{${name}}`).length - 1).toBe(1);
      expect(message).toContain(`«{${name}}»`);
    }
    // No other guillemets: the page removes «{param}» only.
    expect(message.replace(/«\{\w+\}»/g, '')).not.toMatch(/[«»]/);
  });

  it.each(errors)('%s reads well when the page leaves out the value', (_code, message) => {
    // A colon after «{value}» would be removed with it; the sentence must not need one there.
    expect(message).not.toMatch(/«\{\w+\}»:/);
    const shown = withoutValue(message);
    expect(shown).not.toMatch(/[{}«»]/);
    expect(shown).toBe(shown.trim());
    // No double space, and no space left before a full stop, comma or semicolon.
    expect(shown).not.toMatch(/ {2}| [.،؛:](?=\s|$)/u);
  });

  it.each(errors.filter(([, message]) => placeholders(message).length > 0))('%s quotes the params it is given', (_code, message) => {
    const params = Object.fromEntries(placeholders(message).map((name) => [name, `api..bank.ae-${name}`]));
    const shown = fill(message, params);
    for (const name of placeholders(message)) expect(shown).toContain(`«\`api..bank.ae-${name}\`»`);
  });

  it.each(warnings)('%s has no placeholders', (_code, message) => {
    expect(placeholders(message)).toEqual([]);
    expect(message).not.toMatch(/[«»]/);
  });
});
