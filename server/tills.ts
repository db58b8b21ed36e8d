import crypto from 'node:crypto';
import type { PoolClient } from 'pg';
import type { Db } from './db/pool.js';

/** A paired till as the server knows it. */
export interface Till {
  tillId: string;
  code: string;
  name: string;
  lastSeq: number;
  revoked: boolean;
  /** Its branch (migration 003), whether that is head office, and whether it may add products of its own. */
  branchId: string;
  branchCode: string;
  branchName: string;
  headOffice: boolean;
  allowLocalProducts: boolean;
  /** The server's member-jobs till (migration 007): reads the whole feed, marks no visits. */
  memberJobs: boolean;
}

interface TillRow {
  till_id: string;
  code: string;
  name: string;
  last_seq: string;
  revoked_at: Date | null;
  branch_id: string;
  branch_code: string;
  branch_name: string;
  head_office: boolean;
  allow_local_products: boolean;
  member_jobs: boolean;
}

const toTill = (r: TillRow): Till => ({
  tillId: r.till_id, code: r.code, name: r.name, lastSeq: Number(r.last_seq), revoked: r.revoked_at !== null,
  branchId: r.branch_id, branchCode: r.branch_code, branchName: r.branch_name, headOffice: r.head_office, allowLocalProducts: r.allow_local_products,
  memberJobs: r.member_jobs,
});
const TILL_COLUMNS = `t.till_id, t.code, t.name, t.last_seq, t.revoked_at, t.branch_id, b.code AS branch_code, b.name AS branch_name, b.head_office, b.allow_local_products, t.member_jobs
  FROM tills t JOIN branches b ON b.branch_id = t.branch_id`;

export const tokenHash = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest();

/** The till a bearer token belongs to (looked up by the token's SHA-256), or undefined. */
export async function tillByToken(db: Db, token: string): Promise<Till | undefined> {
  const { rows } = await db.pool.query<TillRow>(`SELECT ${TILL_COLUMNS} WHERE t.token_sha256 = $1`, [tokenHash(token)]);
  return rows[0] ? toTill(rows[0]) : undefined;
}

/**
 * The till's row, locked until the transaction ends: one push per till at a time. NO KEY
 * UPDATE, not UPDATE: a row that only references the till (a hold its authorise inserts)
 * takes KEY SHARE on it for the foreign key, which UPDATE would block. A push holds the till,
 * then balances; an authorise holds a balance, then inserts its hold — with UPDATE the two of
 * one till deadlocked when the till pushed a sale whose authorise it had given up waiting for.
 */
export async function lockTill(tx: PoolClient, tillId: string): Promise<Till | undefined> {
  const { rows } = await tx.query<TillRow>(`SELECT ${TILL_COLUMNS} WHERE t.till_id = $1 FOR NO KEY UPDATE OF t`, [tillId]);
  return rows[0] ? toTill(rows[0]) : undefined;
}

/**
 * Marks a contact. Polling tills call often, so the row is only rewritten when the mark is
 * older than 10 s: "last contact" stays true to within that, without a write per poll.
 */
export async function touchTill(db: Db, tillId: string, waiting?: number): Promise<void> {
  if (waiting === undefined) {
    await db.pool.query("UPDATE tills SET last_seen_at = now() WHERE till_id = $1 AND (last_seen_at IS NULL OR last_seen_at < now() - interval '10 seconds')", [tillId]);
    return;
  }
  await db.pool.query(
    "UPDATE tills SET last_seen_at = now(), waiting = $2 WHERE till_id = $1 AND (waiting <> $2 OR last_seen_at IS NULL OR last_seen_at < now() - interval '10 seconds')", [tillId, waiting]);
}

export interface TillReport {
  code: string;
  name: string;
  tillId: string;
  pairedAt: Date;
  lastSeenAt: Date | null;
  lastSeq: number;
  revokedAt: Date | null;
  openExceptions: number;
  /** Transactions the till said it still had to push, at its last contact. */
  backlog: number;
  /** Its branch's code (B1 …). */
  branch: string;
}

export async function listTills(db: Db): Promise<TillReport[]> {
  const { rows } = await db.pool.query<{ code: string; name: string; till_id: string; paired_at: Date; last_seen_at: Date | null; last_seq: string; revoked_at: Date | null; open: string; waiting: number; branch: string }>(`
    SELECT t.code, t.name, t.till_id, t.paired_at, t.last_seen_at, t.last_seq, t.revoked_at, t.waiting, (SELECT b.code FROM branches b WHERE b.branch_id = t.branch_id) AS branch,
           (SELECT count(*) FROM exceptions e WHERE e.till_id = t.till_id AND e.resolved_at IS NULL) AS open
      FROM tills t WHERE NOT t.member_jobs ORDER BY substring(t.code from 2)::int`); // the member-jobs till (T0) is the server's own, not the owner's
  return rows.map((r) => ({ code: r.code, name: r.name, tillId: r.till_id, pairedAt: r.paired_at, lastSeenAt: r.last_seen_at, lastSeq: Number(r.last_seq), revokedAt: r.revoked_at, openExceptions: Number(r.open), backlog: r.waiting, branch: r.branch }));
}

/** Revokes a till by its code (T2): its token stops working at once. False if none was active. */
export async function revokeTill(db: Db, code: string): Promise<boolean> {
  const { rowCount } = await db.pool.query('UPDATE tills SET revoked_at = now() WHERE code = $1 AND revoked_at IS NULL', [code.toUpperCase()]);
  return (rowCount ?? 0) > 0;
}
