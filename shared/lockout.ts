/**
 * How wrong secrets lock an account: a till's staff PIN (electron/core/staff/pin-attempts.ts)
 * and the owner's head-office password (server/stats/owner.ts) follow the same rule.
 */
/** After this many wrong PINs in a row the account is locked. */
export const MAX_PIN_ATTEMPTS = 5;
/** The first lock's length; each further lock in a row doubles it, up to MAX_LOCK_MINUTES. */
export const LOCK_MINUTES = 5;
export const MAX_LOCK_MINUTES = 60;

export function lockMinutes(previousLockouts: number): number {
  return Math.min(MAX_LOCK_MINUTES, LOCK_MINUTES * 2 ** Math.min(previousLockouts, 10));
}
