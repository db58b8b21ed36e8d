import Database from 'better-sqlite3';
import type { Db } from '../../server/db/pool.js';

/**
 * What a shop of synced tills must hold after any fault, checked on the files and the server
 * database themselves (not through the code under test). Each check returns a list of problems,
 * empty when all is well, so a failure names what broke.
 */
export interface Acked { receipt: string; ref: string; kind: 'S' | 'T' }

/** The tables whose rows the fault runs make (facts and ledgers: never edited, so their sets must match exactly). */
export const MONEY_TABLES = ['shifts', 'sales', 'sale_lines', 'sale_payments', 'topups', 'points_ledger', 'stored_value_ledger', 'member_tier_history', 'audit_log'];

export interface TillSnapshot {
  problems: Record<string, unknown>;
  receipts: Map<string, string | null>;
  topups: Map<string, string | null>;
  balances: unknown[];
  daily: unknown[];
  gids: Map<string, Set<string>>;
}

/** One till's file, read-only: whole sales, ledgers that sum to balances, every acknowledged sale once, nothing waiting. */
export function checkTillFile(file: string, acked: readonly Acked[]): TillSnapshot {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems: Record<string, unknown> = {};
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.integrity = integrity;
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) problems.foreignKeys = fk.slice(0, 5);

    const receipts = new Map((db.prepare('SELECT receipt_no, client_ref FROM sales').all() as Array<{ receipt_no: string; client_ref: string | null }>).map((r) => [r.receipt_no, r.client_ref]));
    const topups = new Map((db.prepare('SELECT receipt_no, client_ref FROM topups').all() as Array<{ receipt_no: string; client_ref: string | null }>).map((r) => [r.receipt_no, r.client_ref]));
    // receipt_no is UNIQUE, so "present with its own clientRef" is "exactly once".
    const lost = acked.filter((a) => (a.kind === 'S' ? receipts : topups).get(a.receipt) !== a.ref);
    if (lost.length) problems.lostAcknowledged = lost.slice(0, 10);

    // Whole sales: lines and payments add up to the total; stored value and points are in the ledgers.
    const partial = db.prepare(`SELECT s.receipt_no FROM sales s WHERE
        s.total_fen <> coalesce((SELECT sum(total_fen) FROM sale_lines WHERE sale_id = s.id), -1)
     OR s.total_fen <> coalesce((SELECT sum(amount_fen) FROM sale_payments WHERE sale_id = s.id), -1)
     OR coalesce((SELECT sum(amount_fen) FROM sale_payments WHERE sale_id = s.id AND method = 'stored_value'), 0)
        <> -coalesce((SELECT sum(principal_delta + bonus_delta) FROM stored_value_ledger WHERE sale_id = s.id), 0)
     OR s.points_earned <> coalesce((SELECT sum(delta) FROM points_ledger WHERE sale_id = s.id AND delta > 0), 0)`).pluck().all();
    if (partial.length) problems.partialSales = partial.slice(0, 10);
    const orphans = db.prepare(`SELECT
        (SELECT count(*) FROM sale_lines l WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = l.sale_id))
      + (SELECT count(*) FROM sale_payments p WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = p.sale_id))
      + (SELECT count(*) FROM points_ledger l WHERE l.sale_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = l.sale_id))
      + (SELECT count(*) FROM stored_value_ledger l WHERE l.sale_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = l.sale_id))`).pluck().get();
    if (orphans !== 0) problems.orphans = orphans;
    const topupsWithoutLedger = db.prepare('SELECT t.receipt_no FROM topups t WHERE NOT EXISTS (SELECT 1 FROM stored_value_ledger l WHERE l.topup_id = t.id)').pluck().all();
    if (topupsWithoutLedger.length) problems.topupsWithoutLedger = topupsWithoutLedger.slice(0, 10);

    // Balances are exactly the sums of their ledgers (the other till's entries included).
    const drift = db.prepare(`SELECT b.member_id FROM member_balances b WHERE
        b.points <> coalesce((SELECT sum(delta) FROM points_ledger WHERE member_id = b.member_id), 0)
     OR b.principal_fen <> coalesce((SELECT sum(principal_delta) FROM stored_value_ledger WHERE member_id = b.member_id), 0)
     OR b.bonus_fen <> coalesce((SELECT sum(bonus_delta) FROM stored_value_ledger WHERE member_id = b.member_id), 0)`).pluck().all();
    if (drift.length) problems.balanceDrift = drift;

    const waiting = db.prepare('SELECT count(*) FROM outbox').pluck().get();
    if (waiting !== 0) problems.outbox = waiting;
    const exceptions = db.prepare('SELECT kind, tbl, reason, details FROM sync_exceptions WHERE resolved_at IS NULL LIMIT 5').all();
    if (exceptions.length) problems.syncExceptions = exceptions;

    const gids = new Map<string, Set<string>>();
    for (const t of MONEY_TABLES) gids.set(t, new Set(db.prepare('SELECT gid FROM sync_rows WHERE tbl = ?').pluck().all(t) as string[]));
    return {
      problems, receipts, topups, gids,
      // Compared across tills by what is the same everywhere (phone, day), not local ids.
      balances: db.prepare('SELECT m.phone, b.points, b.principal_fen, b.bonus_fen FROM member_balances b JOIN members m ON m.id = b.member_id ORDER BY m.phone').all(),
      daily: db.prepare('SELECT day, sales, refunds, revenue_fen, member_sales, member_revenue_fen FROM sales_daily ORDER BY day').all(),
    };
  } finally {
    db.close();
  }
}

/** The server's side: a feed without gaps, each till's stream whole and once, each sale whole and once. */
export async function checkServer(db: Db, acked: readonly Acked[]) {
  const problems: Record<string, unknown> = {};
  const feed = (await db.query<{ n: string; lo: string | null; hi: string | null; head: string }>(
    'SELECT count(*) AS n, min(feed_no) AS lo, max(feed_no) AS hi, (SELECT n FROM feed_counter) AS head FROM facts')).rows[0]!;
  if (!(feed.n === feed.head && (feed.n === '0' || (feed.lo === '1' && feed.hi === feed.head)))) problems.feedGaps = feed;
  // Every till's stream once and without holes (its seqs are consecutive, ingest refuses gaps).
  const streams = (await db.query(`SELECT till_id, count(*) AS n, count(DISTINCT till_seq) AS distinct_seqs, min(till_seq) AS lo, max(till_seq) AS hi,
      (SELECT last_seq FROM tills t WHERE t.till_id = f.till_id) AS last_seq
    FROM facts f GROUP BY till_id`)).rows as Array<{ n: string; distinct_seqs: string; lo: string; hi: string; last_seq: string }>;
  const broken = streams.filter((s) => s.n !== s.distinct_seqs || s.lo !== '1' || s.hi !== s.n || s.last_seq !== s.hi);
  if (broken.length) problems.tillStreams = broken;
  const twice = (await db.query("SELECT tbl, row_gid, count(*) AS n FROM facts WHERE op = 'insert' GROUP BY tbl, row_gid HAVING count(*) > 1 LIMIT 5")).rows;
  if (twice.length) problems.rowsInsertedTwice = twice;

  const sales = new Map<string, { ref: string | null; n: number }>();
  for (const r of (await db.query<{ receipt: string; ref: string | null; n: string }>(
    "SELECT row->>'receipt_no' AS receipt, row->>'client_ref' AS ref, count(*) AS n FROM facts WHERE tbl = 'sales' AND op = 'insert' GROUP BY 1, 2")).rows) {
    sales.set(r.receipt, { ref: r.ref, n: Number(r.n) + (sales.get(r.receipt)?.n ?? 0) });
  }
  const topups = new Map((await db.query<{ receipt: string; ref: string | null }>(
    "SELECT row->>'receipt_no' AS receipt, row->>'client_ref' AS ref FROM facts WHERE tbl = 'topups' AND op = 'insert'")).rows.map((r) => [r.receipt, r.ref]));
  const notOnce = [...sales].filter(([, v]) => v.n !== 1);
  if (notOnce.length) problems.salesNotOnce = notOnce.slice(0, 10);
  const lost = acked.filter((a) => (a.kind === 'S' ? sales.get(a.receipt)?.ref : topups.get(a.receipt)) !== a.ref);
  if (lost.length) problems.lostAcknowledged = lost.slice(0, 10);

  // Each sale's lines and payments reached the server with it (joined by the sale's gid).
  const partial = (await db.query(`
    WITH l AS (SELECT row->>'sale_id' AS sid, sum((row->>'total_fen')::bigint) AS t FROM facts WHERE tbl = 'sale_lines' GROUP BY 1),
         p AS (SELECT row->>'sale_id' AS sid, sum((row->>'amount_fen')::bigint) AS t FROM facts WHERE tbl = 'sale_payments' GROUP BY 1)
    SELECT s.row->>'receipt_no' AS receipt FROM facts s
      LEFT JOIN l ON l.sid = s.row_gid::text LEFT JOIN p ON p.sid = s.row_gid::text
     WHERE s.tbl = 'sales' AND s.op = 'insert'
       AND (l.t IS DISTINCT FROM (s.row->>'total_fen')::bigint OR p.t IS DISTINCT FROM (s.row->>'total_fen')::bigint)
     LIMIT 10`)).rows;
  if (partial.length) problems.partialSales = partial;
  const exceptions = (await db.query('SELECT kind, tbl, reason FROM exceptions LIMIT 5')).rows;
  if (exceptions.length) problems.exceptions = exceptions;

  const gids = new Map<string, Set<string>>();
  for (const r of (await db.query<{ tbl: string; gid: string }>("SELECT tbl, row_gid::text AS gid FROM facts WHERE op = 'insert' AND tbl = ANY($1)", [MONEY_TABLES])).rows) {
    let s = gids.get(r.tbl);
    if (!s) gids.set(r.tbl, (s = new Set()));
    s.add(r.gid);
  }
  return { problems, sales, topups, gids, head: Number(feed.head) };
}

/** Where two sets differ, a few examples each way. */
export function setDiff(a: ReadonlySet<string>, b: ReadonlySet<string>): { onlyA: string[]; onlyB: string[] } | undefined {
  const onlyA = [...a].filter((x) => !b.has(x));
  const onlyB = [...b].filter((x) => !a.has(x));
  return onlyA.length || onlyB.length ? { onlyA: onlyA.slice(0, 5), onlyB: onlyB.slice(0, 5) } : undefined;
}
