import type { PoolClient } from 'pg';
import type { FeedAnswer, FeedItem, SyncRow } from '../shared/sync/protocol.js';
import type { Db } from './db/pool.js';

interface FactRow {
  feed_no: string;
  till_id: string;
  gid: string;
  row_gid: string;
  tbl: string;
  op: FeedItem['op'];
  row: SyncRow;
  hlc: string;
  txn_end: boolean;
}

const COLUMNS = 'feed_no, till_id, gid, row_gid, tbl, op, row, hlc, txn_end';
/** A page may grow past its limit to close a till transaction, but not without bound. */
const MAX_EXTENSION_ROUNDS = 50;

const toItem = (r: FactRow): FeedItem => ({ feedNo: Number(r.feed_no), tillId: r.till_id, gid: r.gid, rowGid: r.row_gid, table: r.tbl, op: r.op, row: r.row, hlc: r.hlc, txnEnd: r.txn_end });

/**
 * GET /v1/feed: the facts after `after`, in feed order (= commit order, see ingest), the
 * till's own included (it skips them by gid). A page never ends inside a till transaction:
 * when its last fact is not a txn_end, it runs on to that till's next txn_end. Read in one
 * REPEATABLE READ snapshot, so head and the page agree.
 */
export async function readFeed(db: Db, after: number, limit: number, branchId?: string): Promise<FeedAnswer> {
  return db.tx(async (tx) => {
    const { rows: counter } = await tx.query<{ n: string }>('SELECT n FROM feed_counter');
    const head = Number(counter[0]!.n);
    const view = branchId ? await branchView(tx, branchId) : { from: 'facts f', args: [] };
    const { rows } = await tx.query<FactRow>(`SELECT ${COLUMNS} FROM ${view.from} WHERE feed_no > $1 ORDER BY feed_no LIMIT $2`, [after, limit, ...view.args]);
    const full = rows.length >= limit;
    await closeLastTransaction(tx, rows, view);
    // A page short of its limit looked at everything up to head (this snapshot's): the till may move there.
    const through = full ? Number(rows.at(-1)!.feed_no) : head;
    return { items: rows.map(toItem), head, through };
  }, { isolation: 'repeatable read', readOnly: true });
}

/** The facts a till sees, as a FROM clause; its parameters follow the page's ($1 after, $2 limit). */
interface View { from: string; args: unknown[] }

/**
 * What a till of a branch receives (issue 15, shared/sync/scopes.ts): its branch's facts, the
 * chain's set-up, and the members' facts — all of them while the chain has no more members than
 * its replica limit, beyond it those of the members its branch holds (member_branches: visited
 * there, or fetched on demand) — plus the histories replayed to the branch when one of its tills
 * fetched a member (feed_replays). Both halves are index range reads by feed_no, merged.
 */
async function branchView(tx: PoolClient, branchId: string): Promise<View> {
  const { rows } = await tx.query<{ partial: boolean }>('SELECT members > member_replica_limit AS partial FROM chain_settings');
  const members = rows[0]?.partial
    ? "(f.scope = 'member' AND (f.member_gid IS NULL OR EXISTS (SELECT 1 FROM member_branches mb WHERE mb.member_gid = f.member_gid AND mb.branch_id = $3)))"
    : "f.scope = 'member'";
  const from = `(SELECT ${COLUMNS} FROM facts f WHERE f.branch_id = $3 OR f.scope = 'chain' OR ${members}
     UNION ALL
     SELECT r.feed_no, f.till_id, f.gid, f.row_gid, f.tbl, f.op, f.row, f.hlc, true AS txn_end FROM feed_replays r JOIN facts f ON f.gid = r.gid WHERE r.branch_id = $3) v`;
  return { from, args: [branchId] };
}

async function closeLastTransaction(tx: PoolClient, rows: FactRow[], view: View): Promise<void> {
  let last = rows.at(-1);
  for (let round = 0; round < MAX_EXTENSION_ROUNDS; round++) {
    if (!last || last.txn_end) return;
    // Everything this till sees up to that till's next txn_end (ingest stores every batch
    // closed, so it exists once the push has committed; other tills' facts in between come
    // along in order). That txn_end itself may be a fact this till does not see.
    const { rows: more } = await tx.query<FactRow>(
      `SELECT ${COLUMNS} FROM ${view.from}
        WHERE feed_no > $1
          AND feed_no <= coalesce((SELECT min(feed_no) FROM facts WHERE till_id = $2 AND txn_end AND feed_no > $1), $1)
        ORDER BY feed_no`,
      [last.feed_no, last.till_id, ...view.args],
    );
    rows.push(...more);
    const tail = more.at(-1);
    // Closed at that txn_end, unless another till's open transaction came last.
    if (!tail || tail.till_id === last.till_id) return;
    last = tail;
  }
}
