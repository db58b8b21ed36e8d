import crypto from 'node:crypto';
import type { Db } from '../db/pool.js';
import { MAX_PIN_ATTEMPTS, lockMinutes } from '../../shared/lockout.js';
import { hashPassword, verifyPassword } from './password-hash.js';

/**
 * The owner's sign-in at head office (the browser's report pages): a password set on the
 * head-office machine with `npm run pos -- server owner-password`, hashed like the tills' PINs
 * (scrypt, password-hash.ts) and locked like them (shared/lockout.ts: five wrong in
 * a row lock it for 5 minutes, doubling for each lock in a row up to 60). Each attempt is
 * counted as wrong before the slow hash runs, under the row's lock, so parallel guesses cannot
 * get more than five tries. A right password opens a session: a random token in an HttpOnly
 * cookie, of which the database keeps only the SHA-256, valid SESSION_HOURS.
 */
export const SESSION_HOURS = 12;
export const MIN_OWNER_PASSWORD = 8;

const sha256 = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest();

export type SignIn = { ok: true; token: string } | { ok: false; reason: 'no_password' } | { ok: false; reason: 'wrong_password'; attemptsLeft: number } | { ok: false; reason: 'locked'; until: Date };

export async function setOwnerPassword(db: Db, password: string): Promise<void> {
  if (password.length < MIN_OWNER_PASSWORD) throw new Error(`the owner password needs at least ${MIN_OWNER_PASSWORD} characters`);
  const hash = await hashPassword(password);
  await db.tx(async (c) => {
    await c.query(`INSERT INTO hq_owner (password_hash) VALUES ($1)
      ON CONFLICT (one) DO UPDATE SET password_hash = excluded.password_hash, failed_attempts = 0, locked_until = NULL, lockouts = 0`, [hash]);
    await c.query('DELETE FROM hq_sessions'); // a new password ends every open session
  });
}

export async function signIn(db: Db, password: string): Promise<SignIn> {
  const reserved = await db.tx(async (c) => {
    const { rows } = await c.query<{ password_hash: string; failed_attempts: number; locked_until: Date | null; lockouts: number; now: Date }>(
      'SELECT password_hash, failed_attempts, locked_until, lockouts, now() AS now FROM hq_owner FOR UPDATE');
    const row = rows[0];
    if (!row) return { ok: false as const, reason: 'no_password' as const };
    if (row.locked_until && row.locked_until > row.now) return { ok: false as const, reason: 'locked' as const, until: row.locked_until };
    const attempt = (row.locked_until ? 0 : row.failed_attempts) + 1;
    if (attempt > MAX_PIN_ATTEMPTS) return { ok: false as const, reason: 'locked' as const, until: new Date(row.now.getTime() + lockMinutes(0) * 60_000) };
    await c.query('UPDATE hq_owner SET failed_attempts = $1, locked_until = NULL', [attempt]);
    return { ok: true as const, attempt, row };
  });
  if (!reserved.ok) return reserved;
  const { attempt, row } = reserved;
  if (await verifyPassword(password, row.password_hash)) {
    const token = crypto.randomBytes(32).toString('base64url');
    await db.tx(async (c) => {
      await c.query('UPDATE hq_owner SET failed_attempts = 0, locked_until = NULL, lockouts = 0');
      await c.query('DELETE FROM hq_sessions WHERE expires_at < now()');
      await c.query(`INSERT INTO hq_sessions (token_sha256, expires_at) VALUES ($1, now() + make_interval(hours => $2))`, [sha256(token), SESSION_HOURS]);
    });
    return { ok: true, token };
  }
  if (attempt >= MAX_PIN_ATTEMPTS) {
    const { rows } = await db.query<{ until: Date }>(
      'UPDATE hq_owner SET locked_until = now() + make_interval(mins => $1), lockouts = lockouts + 1, failed_attempts = 0 RETURNING locked_until AS until', [lockMinutes(row.lockouts)]);
    return { ok: false, reason: 'locked', until: rows[0]!.until };
  }
  return { ok: false, reason: 'wrong_password', attemptsLeft: MAX_PIN_ATTEMPTS - attempt };
}

export async function sessionValid(db: Db, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const { rows } = await db.query('SELECT 1 FROM hq_sessions WHERE token_sha256 = $1 AND expires_at > now()', [sha256(token)]);
  return rows.length > 0;
}

export async function signOut(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.query('DELETE FROM hq_sessions WHERE token_sha256 = $1', [sha256(token)]);
}
