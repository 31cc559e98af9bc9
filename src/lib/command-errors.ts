/** The errors a pasted command gets: each names the field `command`, and quotes what it refuses at a bounded length. */

import { AppError, type ErrorCode, type ErrorParams } from './errors';

export function commandError(code: ErrorCode, message: string, params?: ErrorParams): AppError {
  return new AppError(code, message, { field: 'command', ...(params ? { params } : {}) });
}

/** A form-field error (legal name, UUID) found inside the command. */
export function retarget(error: AppError): AppError {
  return new AppError(error.code, error.message, { field: 'command', cause: error, params: error.params });
}

/** The first item that an earlier one repeats; a Set keeps it linear. */
export function firstRepeated(items: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item)) return item;
    seen.add(item);
  }
  return undefined;
}

export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return commandError('command-syntax', `The command could not be read: ${String(error)}`);
}

/** A value quoted in a message: at most 120 characters, so a huge paste does not make a huge message. */
export function shown(text: string): string {
  return truncate(text, 120);
}

export function truncate(text: string, length = 60): string {
  return text.length > length ? `${text.slice(0, length - 3)}…` : text;
}

