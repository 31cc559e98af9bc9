/** Filling a catalogue's error message with the facts the error carries. */

import type { ErrorParams } from '../../lib/errors';

/**
 * Each `«{name}»` gets its param in a code span, so that <Rich> keeps a UUID
 * or file name left-to-right inside Arabic text; one the page does not know is
 * left out with the space before it.
 */
export function fill(template: string, params: ErrorParams): string {
  return template.replace(/(\s*)«\{(\w+)\}»:?/g, (whole, space: string, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name as keyof ErrorParams] : undefined;
    if (value === undefined || value === '') return '';
    return `${space}«\`${value.replace(/`/g, "'")}\`»${whole.endsWith(':') ? ':' : ''}`;
  });
}
