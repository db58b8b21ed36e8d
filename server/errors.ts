import type { SyncErrorCode } from '../shared/sync/protocol.js';

/**
 * A refusal the till is told about, as SyncErrorBody with this HTTP status. Thrown inside a
 * transaction it also rolls it back, so a refused request writes nothing.
 */
export class SyncError extends Error {
  constructor(readonly code: SyncErrorCode, readonly status: number, message?: string) {
    super(message ?? code);
  }
}

export const badRequest = (message: string) => new SyncError('bad_request', 400, message);
