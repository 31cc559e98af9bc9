/**
 * The page's two languages. Every visible string comes from a catalogue
 * (en.ts, ar.ts); the choice lasts as long as the page (nothing is stored).
 * Messages may mark **bold** and `code` spans, which <Rich> renders.
 * English is in the page's script; Arabic is packed into the page by the
 * build (build/catalogue.ts) and read the first time it is chosen.
 */

import type { AppError, ErrorCode, ErrorParams, Field, Warning, WarningCode } from '../../lib/errors';
import { PACKED, unpack } from '../packed';
import { fill } from './fill';
import type { ArabicCatalogue } from './ar';
import { en, type MessageKey } from './en';

export type Locale = 'en' | 'ar';

class I18n {
  locale: Locale = $state('en');
  dir = $derived(this.locale === 'ar' ? 'rtl' : 'ltr');
}

export const i18n = new I18n();

let arabic: ArabicCatalogue | undefined;

/** Switches the page's language, reading the Arabic catalogue first if this is the first time. */
export async function setLocale(locale: Locale): Promise<void> {
  if (locale === 'ar') arabic ??= JSON.parse(await unpack(PACKED.arabic)) as ArabicCatalogue;
  i18n.locale = locale;
}

/** The catalogue in use: Arabic only once setLocale has read it. */
function catalogue() {
  return i18n.locale === 'ar' && arabic ? arabic : undefined;
}

/** The message for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = (catalogue()?.messages ?? en)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A problem from the core, in the current language. English uses the core's
 * own message, which quotes the value; Arabic maps the code to its message
 * and fills in the error's params (and `value`, when the page knows it).
 */
export function errorText(error: Pick<AppError, 'code' | 'message'> & { params?: ErrorParams; field?: Field | undefined }, value?: string): string {
  const arabic = catalogue();
  const errors = arabic?.errors;
  // "Required" says what to enter in that field.
  const forField = error.code === 'required' && error.field !== undefined ? arabic?.required[error.field] : undefined;
  const template = forField ?? (errors && Object.hasOwn(errors, error.code) ? errors[error.code as ErrorCode] : undefined);
  if (template === undefined) return error.message;
  const params: ErrorParams = { ...(value === undefined ? {} : { value }), ...error.params };
  return fill(template, params);
}

export function warningText(warning: Pick<Warning, 'code' | 'message'>): string {
  return catalogue()?.warnings[warning.code as WarningCode] ?? warning.message;
}

