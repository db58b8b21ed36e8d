/**
 * Errors that cross the boundary. Every failure a caller can see has a stable code and
 * an i18n message key (`errors.<code>` unless a domain needs a finer one), plus details
 * that the UI may interpolate (e.g. which field was wrong, how long an account stays locked).
 */
export const ERROR_CODES = [
  'bad_input', // input failed its schema
  'unknown_method', // no such call in the contract
  'not_signed_in', // call needs a staff session
  'session_locked', // screen is locked: only unlock / sign-out answer
  'forbidden', // role too weak for this call
  'wrong_pin',
  'account_locked', // too many wrong PINs
  'not_found',
  'conflict', // e.g. duplicate phone or barcode
  'already_set_up', // onboarding attempted on a shop that exists
  'not_set_up', // shop has no owner yet
  'rule_violation', // a domain rule refused the request (details say which)
  'storage_full', // the disk is full: nothing was written (details.recorded === false)
  'storage_failed', // the disk or the database file failed (I/O error, damaged, read-only); details.recorded says whether the write may have landed
  'storage_busy', // another program kept the database locked past the wait: nothing was written
  'internal', // a bug: logged in the main process, never leaks a stack to the page
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  messageKey: string;
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function appError(code: ErrorCode, details?: Record<string, unknown>, messageKey?: string): AppError {
  return { code, messageKey: messageKey ?? `errors.${code}`, ...(details ? { details } : {}) };
}
