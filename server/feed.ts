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
export async function readFeed(db: Db, after: number, limit: number): Promise<FeedAnswer> {
  return db.tx(async (tx) => {
    const { rows: counter } = await tx.query<{ n: string }>('SELECT n FROM feed_counter');
    const head = Number(counter[0]!.n);
    const { rows } = await tx.query<FactRow>(`SELECT ${COLUMNS} FROM facts WHERE feed_no > $1 ORDER BY feed_no LIMIT $2`, [after, limit]);
    await closeLastTransaction(tx, rows);
    return { items: rows.map(toItem), head };
  }, { isolation: 'repeatable read', readOnly: true });
}

async function closeLastTransaction(tx: PoolClient, rows: FactRow[]): Promise<void> {
  for (let round = 0; round < MAX_EXTENSION_ROUNDS; round++) {
    const last = rows.at(-1);
    if (!last || last.txn_end) return;
    // Everything up to that till's next txn_end (ingest stores every batch closed, so it exists
    // once the push has committed; other tills' facts in between come along in order).
    const { rows: more } = await tx.query<FactRow>(
      `SELECT ${COLUMNS} FROM facts
        WHERE feed_no > $1
          AND feed_no <= coalesce((SELECT min(feed_no) FROM facts WHERE till_id = $2 AND txn_end AND feed_no > $1), $1)
        ORDER BY feed_no`,
      [last.feed_no, last.till_id],
    );
    if (more.length === 0) return;
    rows.push(...more);
  }
}
