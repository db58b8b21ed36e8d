import type { Database } from '../db/open.js';
import type { BranchInfo } from '../../../shared/sync/protocol.js';

/** This till's branch of the chain, as the shop server last told it (migration 019). */
export interface TillBranch {
  code: string;
  name: string;
  headOffice: boolean;
  allowLocalProducts: boolean;
}

interface Row { branch_code: string; branch_name: string; branch_head_office: number; branch_local_products: number }

/**
 * The branch, or null for a till the server never placed (no server, or one from before
 * branches): such a till is its own head office and may change everything, as before.
 */
export function readBranch(db: Database): TillBranch | null {
  const r = db.prepare<[], Row>('SELECT branch_code, branch_name, branch_head_office, branch_local_products FROM sync_state').get();
  if (!r || r.branch_code === '') return null;
  return { code: r.branch_code, name: r.branch_name, headOffice: r.branch_head_office === 1, allowLocalProducts: r.branch_local_products === 1 };
}

/** Keeps what the server says (at pairing, with every feed page); true when something changed. */
export function noteBranch(db: Database, b: BranchInfo): boolean {
  const r = db.prepare(`UPDATE sync_state SET branch_code = @code, branch_name = @name, branch_head_office = @ho, branch_local_products = @local
    WHERE branch_code IS NOT @code OR branch_name IS NOT @name OR branch_head_office IS NOT @ho OR branch_local_products IS NOT @local`)
    .run({ code: b.code, name: b.name, ho: b.headOffice ? 1 : 0, local: b.allowLocalProducts ? 1 : 0 });
  return r.changes > 0;
}
