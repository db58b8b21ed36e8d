import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { safeStringify } from '../csv/safe-csv.js';
import type { Database } from '../db/open.js';
import { fenToYuanString } from '../../../shared/money.js';
import { COMPLAINT_CSV_HEADER, FEEDBACK_CSV_HEADER } from '../complaints/complaints-csv.js';

/**
 * "Export everything": one zip of CSV files a shop can take to any other system. Products,
 * members, complaints and feedback are in their import formats (an export imports back);
 * sales, the two ledgers and the points gift catalogue (gifts, redemptions, stock moves) are
 * CSV too, money in yuan like every import. Rows are read
 * with iterators and compressed as they come, so a large shop never sits in memory as text.
 */
export const SALES_CSV_HEADER = ['receipt_no', 'sold_at', 'member_phone', 'total', 'payment_method', 'refund_of'] as const;
export const POINTS_LEDGER_CSV_HEADER = ['at', 'member_phone', 'member_card_no', 'delta', 'reason', 'receipt_no', 'expires_on', 'note'] as const;
export const STORED_VALUE_LEDGER_CSV_HEADER = ['at', 'member_phone', 'member_card_no', 'principal', 'bonus', 'reason', 'receipt_no', 'method', 'note'] as const;
export const GIFTS_CSV_HEADER = ['name', 'kind', 'points_cost', 'track_stock', 'stock', 'active'] as const;
export const GIFT_REDEMPTIONS_CSV_HEADER = ['at', 'member_phone', 'member_card_no', 'gift', 'qty', 'points', 'staff', 'cancelled_at', 'cancel_reason'] as const;
export const GIFT_STOCK_LEDGER_CSV_HEADER = ['at', 'gift', 'delta', 'reason', 'staff', 'note'] as const;

export interface ExportSources {
  db: Database;
  /** The catalogue's and the members' own exporters (their import formats). */
  products(): { csv: string; rows: number };
  members(): { csv: string; rows: number };
}

const CHUNK = 2000;

/** Writes one CSV file into the zip from a row iterator, `CHUNK` rows at a time. */
function addCsv(zip: Zip, name: string, header: readonly string[], rows: Iterable<unknown[]>): number {
  const file = new ZipDeflate(name, { level: 6 });
  zip.add(file);
  file.push(strToU8(safeStringify([header as string[]])));
  let n = 0;
  let batch: unknown[][] = [];
  for (const row of rows) {
    batch.push(row);
    n += 1;
    if (batch.length === CHUNK) {
      file.push(strToU8(safeStringify(batch)));
      batch = [];
    }
  }
  file.push(strToU8(batch.length ? safeStringify(batch) : ''), true);
  return n;
}

function* mapRows<T>(it: Iterable<T>, fn: (r: T) => unknown[]): Iterable<unknown[]> {
  for (const r of it) yield fn(r);
}

export function exportAll(src: ExportSources): { zip: Uint8Array; files: Array<{ name: string; rows: number }> } {
  const chunks: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failed = err;
    else chunks.push(data);
  });
  const files: Array<{ name: string; rows: number }> = [];
  const whole = (name: string, out: { csv: string; rows: number }) => {
    const f = new ZipDeflate(name, { level: 6 });
    zip.add(f);
    f.push(strToU8(out.csv), true);
    files.push({ name, rows: out.rows });
  };
  const db = src.db;
  /** A file that is one query's rows as they are (NULL written as empty). */
  const plain = (name: string, header: readonly string[], sql: string) => {
    files.push({ name, rows: addCsv(zip, name, header, mapRows(db.prepare(sql).raw().iterate() as Iterable<unknown[]>, (r) => r.map((v) => v ?? ''))) });
  };
  // One read transaction (deferred: it only reads, so it must not take the write lock
  // from the till): every file describes the same moment.
  db.transaction(() => {
    whole('products.csv', src.products());
    whole('members.csv', src.members());

    plain('complaints.csv', COMPLAINT_CSV_HEADER, `SELECT c.logged_at, m.phone, c.channel, c.category, c.severity, c.description, c.status, c.resolved_at
          FROM complaints c LEFT JOIN members m ON m.id = c.member_id ORDER BY c.id`);
    plain('feedback.csv', FEEDBACK_CSV_HEADER, 'SELECT f.answered_at, m.phone, f.score, f.comment FROM feedback f LEFT JOIN members m ON m.id = f.member_id ORDER BY f.id');
    // Split payments are listed as `cash|wechat`, like several barcodes of one product.
    files.push({
      name: 'sales.csv',
      rows: addCsv(zip, 'sales.csv', SALES_CSV_HEADER, mapRows(
        db.prepare(`SELECT s.receipt_no, s.sold_at, m.phone, s.total_fen,
            (SELECT group_concat(method, '|') FROM (SELECT DISTINCT method FROM sale_payments p WHERE p.sale_id = s.id ORDER BY p.id)) AS methods,
            o.receipt_no AS refund_of
          FROM sales s LEFT JOIN members m ON m.id = s.member_id LEFT JOIN sales o ON o.id = s.refund_of ORDER BY s.id`)
          .raw().iterate() as Iterable<[string, string, string | null, number, string | null, string | null]>,
        ([receipt, at, phone, total, methods, refundOf]) => [receipt, at, phone ?? '', fenToYuanString(total), methods ?? '', refundOf ?? ''],
      )),
    });
    plain('points_ledger.csv', POINTS_LEDGER_CSV_HEADER, `SELECT l.at, m.phone, m.card_no, l.delta, l.reason, s.receipt_no, l.expires_on, l.note
          FROM points_ledger l JOIN members m ON m.id = l.member_id LEFT JOIN sales s ON s.id = l.sale_id ORDER BY l.id`);
    files.push({
      name: 'stored_value_ledger.csv',
      rows: addCsv(zip, 'stored_value_ledger.csv', STORED_VALUE_LEDGER_CSV_HEADER, mapRows(
        db.prepare(`SELECT l.at, m.phone, m.card_no, l.principal_delta, l.bonus_delta, l.reason, s.receipt_no, l.method, l.note
          FROM stored_value_ledger l JOIN members m ON m.id = l.member_id LEFT JOIN sales s ON s.id = l.sale_id ORDER BY l.id`)
          .raw().iterate() as Iterable<[string, string | null, string, number, number, string, string | null, string | null, string]>,
        ([at, phone, card, principal, bonus, reason, receipt, method, note]) => [at, phone ?? '', card, fenToYuanString(principal), fenToYuanString(bonus), reason, receipt ?? '', method ?? '', note],
      )),
    });
    plain('gifts.csv', GIFTS_CSV_HEADER, `SELECT g.name, g.kind, g.points_cost, g.track_stock,
            CASE WHEN g.track_stock = 1 THEN (SELECT coalesce(sum(delta), 0) FROM gift_stock_ledger s WHERE s.gift_id = g.id) END, g.active
          FROM gifts g ORDER BY g.id`);
    plain('gift_redemptions.csv', GIFT_REDEMPTIONS_CSV_HEADER, `SELECT r.at, m.phone, m.card_no, r.gift_name, r.qty, r.points, st.name, c.at, c.reason
          FROM gift_redemptions r JOIN members m ON m.id = r.member_id LEFT JOIN staff st ON st.id = r.staff_id
          LEFT JOIN gift_redemption_cancels c ON c.redemption_id = r.id ORDER BY r.id`);
    plain('gift_stock_ledger.csv', GIFT_STOCK_LEDGER_CSV_HEADER, `SELECT l.at, g.name, l.delta, l.reason, st.name, l.note
          FROM gift_stock_ledger l JOIN gifts g ON g.id = l.gift_id LEFT JOIN staff st ON st.id = l.staff_id ORDER BY l.id`);
  }).deferred();
  zip.end();
  if (failed) throw failed;
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { zip: out, files };
}
