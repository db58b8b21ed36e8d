import { appError, type AppError, type ErrorCode } from '../../../shared/errors.js';

/**
 * Thrown by services when a rule refuses a request. The dispatcher turns it into a typed
 * `{ok: false, error}`; anything else thrown is a bug and becomes `internal`.
 */
export class DomainError extends Error {
  readonly error: AppError;
  constructor(code: ErrorCode, details?: Record<string, unknown>, messageKey?: string) {
    super(messageKey ?? code);
    this.error = appError(code, details, messageKey);
  }
}
