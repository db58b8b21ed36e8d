import type { BranchInfo } from '../../shared/sync/protocol.js';
import type { Db } from '../db/pool.js';
import type { Till } from '../tills.js';

/** A branch of the chain, as `server branch list` shows it. */
export interface Branch {
  branchId: string;
  code: string;
  name: string;
  headOffice: boolean;
  allowLocalProducts: boolean;
  tills: number;
  /** Members this branch's tills hold on purpose (visited there or fetched on demand). */
  members: number;
}

/** A name the owner typed was refused (empty, too long). */
export class BranchNameError extends Error {}
const MAX_BRANCHES = 999; // B1 … B999

export const branchInfo = (till: Till): BranchInfo => ({ code: till.branchCode, name: till.branchName, headOffice: till.headOffice, allowLocalProducts: till.allowLocalProducts });

/**
 * Adds a branch: the next code (B2, B3 … never reused, like till codes), under the branches
 * table's lock so two owners adding at once never get the same one.
 */
export async function addBranch(db: Db, name: string, options: { localProducts?: boolean } = {}): Promise<Branch> {
  const clean = name.trim();
  if (clean.length < 1 || clean.length > 40) throw new BranchNameError('a branch name is 1 to 40 characters');
  return db.tx(async (tx) => {
    await tx.query('LOCK TABLE branches IN SHARE ROW EXCLUSIVE MODE');
    const { rows: next } = await tx.query<{ n: number }>('SELECT coalesce(max(substring(code from 2)::int), 0) + 1 AS n FROM branches');
    const n = next[0]!.n;
    if (n > MAX_BRANCHES) throw new BranchNameError('this chain has the most branches it can number');
    const { rows } = await tx.query<{ branch_id: string }>('INSERT INTO branches (code, name, allow_local_products) VALUES ($1, $2, $3) RETURNING branch_id',
      [`B${n}`, clean, options.localProducts ?? false]);
    return { branchId: rows[0]!.branch_id, code: `B${n}`, name: clean, headOffice: false, allowLocalProducts: options.localProducts ?? false, tills: 0, members: 0 };
  });
}

export async function listBranches(db: Db): Promise<Branch[]> {
  const { rows } = await db.pool.query<{ branch_id: string; code: string; name: string; head_office: boolean; allow_local_products: boolean; tills: string; members: string }>(`
    SELECT b.branch_id, b.code, b.name, b.head_office, b.allow_local_products,
           (SELECT count(*) FROM tills t WHERE t.branch_id = b.branch_id AND t.revoked_at IS NULL AND NOT t.member_jobs) AS tills,
           (SELECT count(*) FROM member_branches m WHERE m.branch_id = b.branch_id) AS members
      FROM branches b ORDER BY substring(b.code from 2)::int`);
  return rows.map((r) => ({ branchId: r.branch_id, code: r.code, name: r.name, headOffice: r.head_office, allowLocalProducts: r.allow_local_products, tills: Number(r.tills), members: Number(r.members) }));
}

export async function branchByCode(db: Db, code: string): Promise<Branch | undefined> {
  return (await listBranches(db)).find((b) => b.code === code.trim().toUpperCase());
}

/** Lets a branch add products of its own, or stops it (what it added stays, in that branch). */
export async function setLocalProducts(db: Db, code: string, allow: boolean): Promise<boolean> {
  const r = await db.pool.query('UPDATE branches SET allow_local_products = $2 WHERE code = $1', [code.trim().toUpperCase(), allow]);
  return (r.rowCount ?? 0) > 0;
}

/** The chain's replica limit (README "A chain of shops"): how many members every till may hold before branches hold only their own. */
export async function setMemberReplicaLimit(db: Db, limit: number): Promise<void> {
  await db.pool.query('UPDATE chain_settings SET member_replica_limit = $1', [limit]);
}
