/**
 * The page's language at start-up: Arabic when the browser's first preferred
 * language is Arabic (`ar`, `ar-AE`…), otherwise English. Nothing is stored:
 * the browser's setting is read afresh each time the page opens.
 */
export function prefersArabic(languages: readonly string[]): boolean {
  return /^ar(-|$)/i.test(languages[0] ?? '');
}

/** Set on <html> by the boot script while an Arabic start is pending: the English the HTML was drawn in stays unseen. */
export const LOCALE_PENDING = 'locale-pending';
