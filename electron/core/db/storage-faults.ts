import { appError, type AppError } from '../../../shared/errors.js';

/**
 * What kind of storage trouble an error is, if it is one. SQLite reports it as a
 * SqliteError code (SQLITE_FULL, SQLITE_IOERR_FSYNC, …); file work outside SQLite (backups,
 * exports) as a Node errno. Everything else is not storage and stays a bug (`internal`).
 */
export type StorageFault = 'full' | 'io' | 'corrupt' | 'readonly' | 'busy';

const SQLITE: Array<[RegExp, StorageFault]> = [
  [/^SQLITE_FULL/, 'full'],
  [/^SQLITE_IOERR/, 'io'],
  [/^SQLITE_(CORRUPT|NOTADB)/, 'corrupt'],
  [/^SQLITE_(READONLY|CANTOPEN|PERM)/, 'readonly'],
  [/^SQLITE_(BUSY|LOCKED)/, 'busy'],
];
const ERRNO: Record<string, StorageFault> = { ENOSPC: 'full', EDQUOT: 'full', EIO: 'io', EROFS: 'readonly' };

export function storageFault(err: unknown): StorageFault | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  for (const [re, fault] of SQLITE) if (re.test(code)) return fault;
  return ERRNO[code] ?? null;
}

/** After these the connection may be unusable: it is closed, checked and opened again. */
export const faultNeedsReopen = (f: StorageFault) => f === 'io' || f === 'corrupt';

/**
 * The typed answer. `recorded` tells the till whether the write may have landed: a full
 * disk, a lock or a read-only file stop SQLite before it commits (false); an I/O error can
 * strike while the commit is being made durable ('unknown'), so the till asks again by its
 * clientRef once the database is open again, and never charges twice.
 */
export function storageAppError(fault: StorageFault): AppError {
  switch (fault) {
    case 'full': return appError('storage_full', { reason: fault, recorded: false });
    case 'busy': return appError('storage_busy', { reason: fault, recorded: false });
    case 'readonly': return appError('storage_failed', { reason: fault, recorded: false }, 'errors.storage_readonly');
    case 'corrupt': return appError('storage_failed', { reason: fault, recorded: 'unknown' }, 'errors.storage_corrupt');
    case 'io': return appError('storage_failed', { reason: fault, recorded: 'unknown' });
  }
}
