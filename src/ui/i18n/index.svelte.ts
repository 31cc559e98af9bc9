/**
 * The page's two languages. Every visible string comes from a catalogue
 * (en.ts, ar.ts); the choice lasts as long as the page (nothing is stored).
 * Messages may mark **bold** and `code` spans, which <Rich> renders.
 */

import type { AppError, ErrorCode, Warning, WarningCode } from '../../lib/errors';
import { ar, arErrors, arWarnings } from './ar';
import { en, type MessageKey } from './en';

export type Locale = 'en' | 'ar';

class I18n {
  locale: Locale = $state('en');
  dir = $derived(this.locale === 'ar' ? 'rtl' : 'ltr');
}

export const i18n = new I18n();

/** The message for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = (i18n.locale === 'ar' ? ar : en)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A problem from the core, in the current language. English uses the core's
 * own message, which quotes the value; Arabic maps the code to its message
 * and quotes `value` when the page knows it.
 */
export function errorText(error: Pick<AppError, 'code' | 'message'>, value?: string): string {
  const template = i18n.locale === 'ar' && Object.hasOwn(arErrors, error.code) ? arErrors[error.code as ErrorCode] : undefined;
  return template === undefined ? error.message : fill(template, value);
}

export function warningText(warning: Pick<Warning, 'code' | 'message'>): string {
  return i18n.locale === 'en' ? warning.message : arWarnings[warning.code as WarningCode];
}

function fill(template: string, value: string | undefined): string {
  // The value goes in a code span, so that <Rich> keeps a UUID or file name left-to-right inside Arabic text.
  if (value === undefined || value === '') return template.replace(/\s*«\{value\}»:?/g, '');
  return template.replace('{value}', () => `\`${value.replace(/`/g, "'")}\``);
}
