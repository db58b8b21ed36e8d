import type { Database } from '../db/open.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { ImportReport } from '../../../shared/contract/catalogue.js';
import { readCsv, type CsvRow } from '../csv/read-csv.js';
import { parseLocalDateTime } from '../members/members-csv.js';
import { normalizeMobile } from '../../../shared/phone.js';
import { parseYuan } from '../../../shared/money.js';
import { hasInvisible } from '../../../shared/text.js';

export const SALES_CSV_HEADER = ['receipt_no', 'sold_at', 'member_phone', 'total', 'payment_method', 'refund_of'] as const;
const METHODS = new Set(['cash', 'card', 'wechat', 'alipay']);

interface Parsed { row: CsvRow; receiptNo: string; soldAt: string; memberId: number | null; totalFen: number; method: string; refundOf: string }

/**
 * Sales history from another system (`npm run pos -- import sales FILE`): one row per completed
 * sale (total > 0) or refund (total < 0, `refund_of` = the refunded receipt_no, in this file or
 * already in the shop). Imported history earns no points and touches no ledger; member stats
 * and the dashboard's summaries follow by trigger. Bad rows are reported by line and reason and
 * skipped; the good ones go in together. A row already imported unchanged is skipped quietly,
 * so a file can be imported twice. A refund belongs to the refunded sale's member.
 */
export function importSalesCsv(db: Database, audit: AuditLog, bytes: Uint8Array, staffId: number | null): ImportReport {
  const parsed = readCsv(bytes, SALES_CSV_HEADER);
  if (!parsed.ok) return { imported: 0, updated: 0, errors: [{ line: parsed.line ?? 0, reason: parsed.reason, details: { message: parsed.message } }] };
  const report: ImportReport = { imported: 0, updated: 0, errors: [] };
  const memberByPhone = db.prepare<[string], { id: number }>("SELECT id FROM members WHERE phone = ? AND status <> 'merged'");
  const existing = db.prepare<[string], { id: number; kind: string; sold_at: string; total_fen: number; member_id: number | null; refunded: number }>(
    `SELECT id, kind, sold_at, total_fen, member_id, (SELECT coalesce(-sum(total_fen), 0) FROM sales r WHERE r.refund_of = s.id) AS refunded
     FROM sales s WHERE receipt_no = ?`);
  const insertSale = db.prepare(`INSERT INTO sales (receipt_no, kind, refund_of, business_date, sold_at, member_id, subtotal_fen, total_fen, source)
    VALUES (@receiptNo, @kind, @refundOf, @day, @soldAt, @memberId, @totalFen, @totalFen, 'import')`);
  const insertPayment = db.prepare('INSERT INTO sale_payments (sale_id, method, amount_fen) VALUES (?, ?, ?)');

  const bad = (row: CsvRow, reason: string, details?: Record<string, unknown>) => { report.errors.push({ line: row.line, reason, ...(details ? { details } : {}) }); };
  const seen = new Set<string>();
  const rows: Parsed[] = [];
  for (const row of parsed.rows) {
    const v = row.values;
    if (v.__columns) { bad(row, 'columns', { expected: SALES_CSV_HEADER.length, got: Number(v.__columns) }); continue; }
    const receiptNo = v.receipt_no ?? '';
    if (!receiptNo || receiptNo.length > 40 || hasInvisible(receiptNo)) { bad(row, 'receipt_no'); continue; }
    if (seen.has(receiptNo)) { bad(row, 'duplicate_receipt_no', { receiptNo }); continue; }
    seen.add(receiptNo);
    const soldAt = parseLocalDateTime(v.sold_at ?? '');
    if (!soldAt) { bad(row, 'sold_at', { value: v.sold_at }); continue; }
    const totalFen = parseYuan(v.total ?? '');
    if (totalFen === null || totalFen === 0) { bad(row, 'total', { value: v.total }); continue; }
    const refundOf = v.refund_of ?? '';
    if (totalFen > 0 && refundOf) { bad(row, 'refund_of_on_sale'); continue; }
    if (totalFen < 0 && !refundOf) { bad(row, 'refund_of_missing'); continue; }
    const method = v.payment_method ?? '';
    if (!METHODS.has(method)) { bad(row, 'payment_method', { value: method }); continue; }
    let memberId: number | null = null;
    if (v.member_phone) {
      const phone = normalizeMobile(v.member_phone);
      if (!phone) { bad(row, 'member_phone', { value: v.member_phone }); continue; }
      memberId = memberByPhone.get(phone)?.id ?? null;
      if (memberId === null) { bad(row, 'unknown_member', { phone: v.member_phone }); continue; }
    }
    rows.push({ row, receiptNo, soldAt, memberId, totalFen, method, refundOf });
  }

  db.transaction(() => {
    // Sales before refunds, so a refund may come before its sale in the file.
    const imported = new Map<string, { id: number; soldAt: string; totalFen: number; memberId: number | null; refunded: number }>();
    for (const r of [...rows.filter((x) => x.totalFen > 0), ...rows.filter((x) => x.totalFen < 0)]) {
      const before = existing.get(r.receiptNo);
      if (before) {
        const same = before.sold_at === r.soldAt && before.total_fen === r.totalFen;
        if (!same) bad(r.row, 'receipt_no_exists', { receiptNo: r.receiptNo });
        continue;
      }
      let memberId = r.memberId;
      let refundOfId: number | null = null;
      if (r.totalFen < 0) {
        const original = imported.get(r.refundOf) ?? (() => {
          const e = existing.get(r.refundOf);
          return e && e.kind === 'sale' ? { id: e.id, soldAt: e.sold_at, totalFen: e.total_fen, memberId: e.member_id, refunded: e.refunded } : undefined;
        })();
        if (!original) { bad(r.row, 'refund_of_unknown', { refundOf: r.refundOf }); continue; }
        if (r.soldAt < original.soldAt) { bad(r.row, 'refund_before_sale', { refundOf: r.refundOf }); continue; }
        if (original.refunded - r.totalFen > original.totalFen) { bad(r.row, 'refund_exceeds_sale', { refundOf: r.refundOf }); continue; }
        if (memberId !== null && original.memberId !== memberId) { bad(r.row, 'refund_member_mismatch', { refundOf: r.refundOf }); continue; }
        memberId = original.memberId;
        original.refunded -= r.totalFen;
        refundOfId = original.id;
      }
      const id = Number(insertSale.run({
        receiptNo: r.receiptNo, kind: r.totalFen > 0 ? 'sale' : 'refund', refundOf: refundOfId, day: r.soldAt.slice(0, 10),
        soldAt: r.soldAt, memberId, totalFen: r.totalFen,
      }).lastInsertRowid);
      insertPayment.run(id, r.method, r.totalFen);
      if (r.totalFen > 0) imported.set(r.receiptNo, { id, soldAt: r.soldAt, totalFen: r.totalFen, memberId, refunded: 0 });
      report.imported += 1;
    }
    audit.record({ staffId, action: 'sales.import', details: { imported: report.imported, rejected: report.errors.length } });
  })();
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}
