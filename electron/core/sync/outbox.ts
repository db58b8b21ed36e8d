import type { Database } from '../db/open.js';
import { SYNC_TABLE_BY_NAME, type SyncTable } from '../../../shared/sync/tables.js';
import { MAX_PUSH_ITEMS, MAX_SYNC_BODY_BYTES, type PushItem, type PushResult, type SyncRow } from '../../../shared/sync/protocol.js';
import { syncedColumns } from '../db/sync-triggers.js';
import { statementCache } from './statements.js';

interface OutboxRow { seq: number; gid: string; tbl: string; rid: string; op: 'insert' | 'update' | 'delete'; fields: string | null; row_gid: string | null; hlc: string; txn_end: number }

/**
 * Reads the outbox as the server wants it: in order, whole till transactions only, each row
 * read now (facts never change after their insert; for edits the entry names the fields and
 * the value sent is the one the till holds, stamped with the edit's clock), with every
 * reference to another shared row turned into that row's gid. An entry leaves the outbox only
 * when the server has answered it.
 */
export function createOutbox(db: Database) {
  const pending = db.prepare<[number], OutboxRow>('SELECT * FROM outbox ORDER BY seq LIMIT ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox');
  const gidOf = db.prepare<[string, string], { gid: string }>('SELECT gid FROM sync_rows WHERE tbl = ? AND rid = ?');
  const remove = db.prepare<[number]>('DELETE FROM outbox WHERE seq = ?');
  const columnsByTable = new Map<string, string[]>();
  const stmt = statementCache(db);

  const cols = (t: SyncTable) => {
    let c = columnsByTable.get(t.name);
    if (!c) columnsByTable.set(t.name, (c = syncedColumns(db, t)));
    return c;
  };

  function readRow(t: SyncTable, rid: string, fields: string[] | null): SyncRow | null {
    const wanted = fields ?? cols(t);
    if (wanted.length === 0) return {};
    const where = t.key ? t.key.map((k) => `"${k}" = ?`).join(' AND ') : 'rowid = ?';
    const args = t.key ? (JSON.parse(rid) as unknown[]) : [Number(rid)];
    const row = stmt(`SELECT ${wanted.map((c) => `"${c}"`).join(', ')} FROM ${t.name} WHERE ${where}`).get(...args) as Record<string, unknown> | undefined;
    if (!row) return null;
    const out: SyncRow = {};
    for (const [c, v] of Object.entries(row)) {
      const target = t.refs[c];
      if (target && v !== null) {
        const ref = gidOf.get(target, String(v));
        if (!ref) throw new Error(`outbox: ${t.name}.${c} points at ${target} ${String(v)}, which has no gid`);
        out[c] = ref.gid;
      } else {
        out[c] = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
      }
    }
    return out;
  }

  return {
    size: () => count.get()!.n,

    /** The next batch: at most `limit` entries, cut only at a transaction's end (unless one transaction is larger). */
    batch(limit = MAX_PUSH_ITEMS, maxBytes = MAX_BATCH_BYTES): PushItem[] {
      {
        const rows = pending.all(limit);
        let end = rows.length;
        while (end > 0 && rows[end - 1]!.txn_end === 0) end--;
        // A transaction bigger than a batch (an import) still goes, in pieces: the server keeps the order.
        const take = end === 0 ? rows : rows.slice(0, end);
        const items: PushItem[] = [];
        for (const r of take) {
          const t = SYNC_TABLE_BY_NAME.get(r.tbl);
          if (!t || !r.row_gid) continue; // a table no longer shared, or a row removed in the same transaction it was made
          const row = r.op === 'delete' ? {} : readRow(t, r.rid, r.op === 'update' ? (r.fields ?? '').split(',').filter(Boolean) : null);
          // Gone since (deleted later): its delete entry follows; send the insert as an empty row so the sequence stays whole.
          items.push({ seq: r.seq, gid: r.gid, rowGid: r.row_gid, table: r.tbl, op: row === null ? 'delete' : r.op, row: row ?? {}, hlc: r.hlc, txnEnd: r.txn_end === 1 || r === take.at(-1) });
        }
        return cutToSize(items, maxBytes);
      }
    },

    /** Takes answered entries out; `rejected` and `overdraft` become exceptions a manager sees. */
    acknowledge(items: readonly PushItem[], results: readonly PushResult[], at: string): void {
      const bySeq = new Map(items.map((i) => [i.seq, i]));
      db.transaction(() => {
        for (const r of results) {
          const item = bySeq.get(r.seq);
          if (!item) continue;
          if (r.status === 'rejected' || r.status === 'overdraft') {
            db.prepare('INSERT INTO sync_exceptions (at, kind, tbl, row_gid, reason, details) VALUES (?, ?, ?, ?, ?, ?)')
              .run(at, r.status, item.table, item.rowGid, r.reason ?? r.status, JSON.stringify({ seq: item.seq, row: item.row }));
          }
          remove.run(r.seq);
        }
      })();
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

/** Under the server's body limit with room to spare (its JSON framing, multi-byte text). */
const MAX_BATCH_BYTES = Math.floor(MAX_SYNC_BODY_BYTES / 2);

/**
 * The longest run of whole transactions that fits in `maxBytes` of JSON. A single
 * transaction bigger than that goes in pieces (the server keeps the order), its last piece
 * marked as its end.
 */
function cutToSize(items: PushItem[], maxBytes: number): PushItem[] {
  let bytes = 2;
  let lastWhole = 0;
  for (let i = 0; i < items.length; i++) {
    bytes += Buffer.byteLength(JSON.stringify(items[i])) + 1;
    if (bytes > maxBytes) {
      if (lastWhole > 0) return items.slice(0, lastWhole);
      const piece = items.slice(0, Math.max(1, i));
      piece[piece.length - 1] = { ...piece[piece.length - 1]!, txnEnd: true };
      return piece;
    }
    if (items[i]!.txnEnd) lastWhole = i + 1;
  }
  return items;
}

/**
 * Marks the last outbox entry of each outermost write transaction, so a batch or a feed page
 * never carries half a sale. Wraps `db.transaction` once, where the core is made.
 */
export function markTransactionEnds(db: Database): void {
  const make = db.transaction.bind(db);
  const mark = db.prepare("UPDATE outbox SET txn_end = 1 WHERE seq = (SELECT max(seq) FROM outbox) AND txn_end = 0");
  const changes = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
  let depth = 0;
  db.transaction = ((fn: (...args: unknown[]) => unknown) => make(function (this: unknown, ...args: unknown[]) {
    depth++;
    // Only a transaction that wrote can have queued anything; a reader must not take the write lock.
    const before = depth === 1 ? changes.get()!.n : 0;
    try {
      const result = fn.apply(this, args);
      if (depth === 1 && changes.get()!.n !== before) mark.run();
      return result;
    } finally {
      depth--;
    }
  })) as Database['transaction'];
}
