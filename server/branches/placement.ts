import type { PoolClient } from 'pg';
import type { PushItem } from '../../shared/sync/protocol.js';
import { ANY_BRANCH_AUTHORITY, MEMBER_OWNER, ROWS_WITH_CHILDREN, VISIT_COLUMNS, scopeOfTable, type FactScope } from '../../shared/sync/scopes.js';
import type { Till } from '../tills.js';
import { keepDirectory } from '../directory/directory.js';

export interface Placement { scope: FactScope; memberGid: string | null }

const gidOf = (v: unknown): string | null => (typeof v === 'string' && v.length === 36 ? v : null);

/**
 * Where each fact of a push belongs (shared/sync/scopes.ts), decided once at ingest and stored
 * with it (facts.scope, facts.member_gid), so a till's feed filters without reading rows:
 *
 * - set-up from a head-office till is the chain's; from another branch (its local products)
 *   it stays in that branch. Staff are everyone's (each row says its branch).
 * - a member fact names its member directly (member_id) or through its parent row (a coupon's
 *   use, a count card's use); edits find theirs by the row's gid in member_rows.
 * - every member fact, and every branch fact that names a member (a sale, a top-up), marks that
 *   member as held by this branch (member_branches, 'visit').
 * The member directory (phone, card, last four) follows the members rows here too.
 */
export async function placeFacts(tx: PoolClient, till: Till, items: readonly PushItem[]): Promise<Placement[]> {
  const wanted = new Set<string>();
  for (const item of items) {
    const owner = MEMBER_OWNER[item.table];
    if (!owner || item.table === 'members') continue;
    if (item.op === 'insert' && owner.member) continue;
    const parent = item.op === 'insert' && owner.parent ? gidOf(item.row[owner.parent]) : item.rowGid;
    if (parent) wanted.add(parent);
  }
  const known = new Map<string, string>();
  if (wanted.size > 0) {
    const { rows } = await tx.query<{ row_gid: string; member_gid: string }>('SELECT row_gid, member_gid FROM member_rows WHERE row_gid = ANY($1::uuid[])', [[...wanted]]);
    for (const r of rows) known.set(r.row_gid, r.member_gid);
  }

  const newRows: Array<{ row_gid: string; member_gid: string }> = [];
  const visits = new Set<string>();
  const placements = items.map((item): Placement => {
    let scope = scopeOfTable(item.table);
    if (scope === 'branch') {
      const col = VISIT_COLUMNS[item.table];
      const visitor = col && item.op === 'insert' ? gidOf(item.row[col]) : null;
      if (visitor) visits.add(visitor);
      return { scope, memberGid: null };
    }
    if (scope === 'chain') {
      if (!till.headOffice && !ANY_BRANCH_AUTHORITY.has(item.table)) scope = 'branch';
      return { scope, memberGid: null };
    }
    const owner = MEMBER_OWNER[item.table]!;
    let member: string | null;
    if (item.table === 'members') member = item.rowGid;
    else if (item.op === 'insert' && owner.member) member = gidOf(item.row[owner.member]);
    else member = known.get((item.op === 'insert' && owner.parent ? gidOf(item.row[owner.parent]) : item.rowGid) ?? '') ?? null;
    // A coupon given to nobody in particular (and its use) is everyone's to see.
    if (!member) return { scope: 'chain', memberGid: null };
    if (item.op === 'insert' && ROWS_WITH_CHILDREN.has(item.table) && !known.has(item.rowGid)) {
      known.set(item.rowGid, member);
      newRows.push({ row_gid: item.rowGid, member_gid: member });
    }
    visits.add(member);
    return { scope, memberGid: member };
  });

  if (newRows.length > 0) {
    await tx.query(`INSERT INTO member_rows (row_gid, member_gid) SELECT x.row_gid, x.member_gid FROM jsonb_to_recordset($1::jsonb) AS x(row_gid uuid, member_gid uuid)
      ON CONFLICT DO NOTHING`, [JSON.stringify(newRows)]);
  }
  // The member-jobs till writes for members it never served (a birthday's points): no visit.
  if (visits.size > 0 && !till.memberJobs) {
    // In key order, so two pushes marking the same members lock them in the same order.
    await tx.query(`INSERT INTO member_branches (member_gid, branch_id, how) SELECT m, $2, 'visit' FROM unnest($1::uuid[]) AS m ORDER BY m
      ON CONFLICT DO NOTHING`, [[...visits], till.branchId]);
  }
  await keepDirectory(tx, items.filter((i) => i.table === 'members'));
  return placements;
}
