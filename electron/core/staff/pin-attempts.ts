import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import { verifyPin } from './pin-hash.js';
import { LOCK_MINUTES, MAX_LOCK_MINUTES, MAX_PIN_ATTEMPTS, lockMinutes } from '../../../shared/lockout.js';

export { MAX_PIN_ATTEMPTS, LOCK_MINUTES, MAX_LOCK_MINUTES, lockMinutes };

interface AttemptRow { active: number; pin_hash: string; failed_attempts: number; locked_until: string | null; lockouts: number }

/**
 * PIN checks that hold under concurrency. Two things make parallel guesses count:
 * - attempts on one account run one at a time in this process (a queue per staff id), so
 *   the slow hash of one attempt never overlaps the counting of another;
 * - each attempt is *reserved* before the hash runs: in one write transaction the lock is
 *   checked and failed_attempts raised, and only a right PIN lowers it again. An attempt cut
 *   short (a crash mid-hash, another process) has already been counted as wrong.
 * So N parallel wrong PINs evaluate at most MAX_PIN_ATTEMPTS, and the lock is decided, and
 * audited, exactly once by the attempt that reaches the limit. Sign-in, unlock, PIN change
 * and every manager approval come through here.
 */
export function createPinAttempts(db: Database, clock: Clock, audit: AuditLog) {
  const read = db.prepare<[number], AttemptRow>('SELECT active, pin_hash, failed_attempts, locked_until, lockouts FROM staff WHERE id = ?');
  const setCount = db.prepare('UPDATE staff SET failed_attempts = ? WHERE id = ?');
  const setLock = db.prepare('UPDATE staff SET locked_until = ?, lockouts = lockouts + 1 WHERE id = ?');
  const clear = db.prepare('UPDATE staff SET failed_attempts = 0, locked_until = NULL, lockouts = 0 WHERE id = ?');
  const queues = new Map<number, Promise<unknown>>();

  function oneAtATime<T>(id: number, fn: () => Promise<T>): Promise<T> {
    const run = (queues.get(id) ?? Promise.resolve()).then(fn, fn);
    const tail = run.then(() => undefined, () => undefined);
    queues.set(id, tail);
    void tail.then(() => { if (queues.get(id) === tail) queues.delete(id); });
    return run;
  }

  /** Checks the lock and counts this attempt as wrong until the hash says otherwise. */
  const reserve = db.transaction((id: number, nowIso: string): { attempt: number; row: AttemptRow } => {
    const row = read.get(id);
    if (!row || row.active !== 1) throw new DomainError('not_found', { entity: 'staff', id });
    if (row.locked_until && row.locked_until > nowIso) throw new DomainError('account_locked', { until: row.locked_until });
    // A lock that has run out starts a fresh count (the lockouts in a row are kept).
    const before = row.locked_until ? 0 : row.failed_attempts;
    const attempt = before + 1;
    if (attempt > MAX_PIN_ATTEMPTS) {
      // Only reachable when another process holds attempts in flight: it will lock or clear.
      throw new DomainError('account_locked', { until: localDateTime(new Date(clock.now().getTime() + LOCK_MINUTES * 60_000)) });
    }
    db.prepare('UPDATE staff SET failed_attempts = ?, locked_until = NULL WHERE id = ?').run(attempt, id);
    return { attempt, row };
  });

  const lock = db.transaction((id: number, lockouts: number): string => {
    const until = localDateTime(new Date(clock.now().getTime() + lockMinutes(lockouts) * 60_000));
    setLock.run(until, id);
    setCount.run(0, id);
    audit.record({ staffId: id, action: 'staff.pinLockout', entity: 'staff', entityId: id, details: { until, lockout: lockouts + 1 } });
    return until;
  });

  return {
    /** Resolves when the PIN is right; throws wrong_pin (attempts left) or account_locked (until). */
    check(id: number, pin: string): Promise<void> {
      return oneAtATime(id, async () => {
        const { attempt, row } = reserve(id, localDateTime(clock.now()));
        if (await verifyPin(pin, row.pin_hash)) {
          clear.run(id);
          return;
        }
        if (attempt >= MAX_PIN_ATTEMPTS) throw new DomainError('account_locked', { until: lock(id, row.lockouts) });
        throw new DomainError('wrong_pin', { attemptsLeft: MAX_PIN_ATTEMPTS - attempt });
      });
    },
    /** A manager's PIN reset also lifts the lock and forgets the lockouts. */
    clear: (id: number) => clear.run(id),
  };
}
export type PinAttempts = ReturnType<typeof createPinAttempts>;
