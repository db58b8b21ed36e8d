import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';

/**
 * staff.lockouts: how many PIN lockouts in a row an account has had without a right PIN in
 * between. Each further lockout lasts twice as long (up to a cap), so a guesser who waits out
 * the locks gets ever fewer tries an hour, while a cashier's one bad morning costs 5 minutes.
 * Kept in the file, like the lock itself, so a restart does not reset either.
 */
export const m012PinLockouts: Migration = {
  version: 12,
  name: 'pin-lockouts',
  up(db: Database) {
    db.exec('ALTER TABLE staff ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0');
  },
};
