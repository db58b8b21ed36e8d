import type { Database } from '../db/open.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import { readCsv } from '../csv/read-csv.js';
import { parseYuan } from '../../../shared/money.js';
import type { StockLevel, StockReceipt } from '../../../shared/contract/stock.js';
import { LEVEL_SELECT, levelView, type LevelRow, type StockLedger } from './stock-ledger.js';

export const RECEIVE_CSV_HEADER = ['barcode', 'qty', 'unit_cost'] as const;

interface ReceiptRow { id: number; at: string; supplier: string; note: string; source: 'scan' | 'csv'; staff_name: string | null; lines: number; total_fen: number }
export interface ReceiveInput { clientRef: string; supplier: string; note: string; lines: Array<{ productId: number; qty: number; unitCostFen: number }> }

/**
 * Receiving slips (入库单) and the product's stock settings. A slip is one transaction: the
 * header and every line's move, or nothing (a bad line refuses the whole slip typed at the
 * till; a CSV reports its broken rows by line and makes a slip of the rest).
 */
export function createReceiving(db: Database, ledger: StockLedger, audit: AuditLog) {
  const RECEIPT = `SELECT r.id, r.at, r.supplier, r.note, r.source, s.name AS staff_name,
      (SELECT count(*) FROM stock_moves m WHERE m.receipt_id = r.id) AS lines,
      (SELECT coalesce(sum(m.qty * m.unit_cost_fen / CASE p.stock_unit WHEN 'gram' THEN 1000.0 ELSE 1 END), 0) FROM stock_moves m JOIN products p ON p.id = m.product_id WHERE m.receipt_id = r.id) AS total_fen
    FROM stock_receipts r LEFT JOIN staff s ON s.id = r.staff_id`;
  const receiptById = db.prepare<[number], ReceiptRow>(`${RECEIPT} WHERE r.id = ?`);
  const receiptByRef = db.prepare<[string], { id: number }>('SELECT id FROM stock_receipts WHERE client_ref = ?');
  const byCode = db.prepare<[string, string], LevelRow>(`${LEVEL_SELECT} WHERE p.id = coalesce((SELECT product_id FROM product_barcodes WHERE barcode = ?), (SELECT id FROM products WHERE sku = ?))`);
  const insertReceipt = db.prepare('INSERT INTO stock_receipts (at, supplier, note, source, staff_id, client_ref) VALUES (?, ?, ?, ?, ?, ?)');

  const view = (r: ReceiptRow): StockReceipt => ({
    id: r.id, at: r.at, supplier: r.supplier, note: r.note, source: r.source, staffName: r.staff_name, lines: r.lines, totalFen: Math.round(r.total_fen),
  });
  const receipt = (id: number) => view(receiptById.get(id)!);

  function write(input: ReceiveInput, source: 'scan' | 'csv', staffId: number): number {
    const at = ledger.now();
    const id = Number(insertReceipt.run(at, input.supplier, input.note, source, staffId, input.clientRef).lastInsertRowid);
    for (const l of input.lines) ledger.receive(l.productId, l.qty, l.unitCostFen, id, staffId, at);
    audit.record({ staffId, action: 'stock.receive', entity: 'stock_receipt', entityId: id, details: { supplier: input.supplier, lines: input.lines.length, source } });
    return id;
  }

  return {
    byCode(code: string): StockLevel | null {
      const r = byCode.get(code, code);
      return r ? levelView(r) : null;
    },

    settings(input: { productId: number; stocked: boolean; unit: 'piece' | 'gram'; saleGrams: number | null; minQty: number | null }, staffId: number): StockLevel {
      const before = ledger.level(input.productId);
      if (input.unit === 'gram' && input.saleGrams === null) throw new DomainError('bad_input', { field: 'saleGrams', rule: 'required_for_weighed' }, 'errors.stock_sale_grams_required');
      // A unit change would reinterpret every move already counted in the other unit.
      if (input.unit !== before.stock_unit && db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM stock_moves WHERE product_id = ?').get(input.productId)!.n > 0) {
        throw new DomainError('rule_violation', { rule: 'unit_after_moves' }, 'errors.stock_unit_locked');
      }
      db.transaction(() => {
        db.prepare('UPDATE products SET stocked = ?, stock_unit = ?, sale_grams = ?, min_qty = ? WHERE id = ?')
          .run(input.stocked ? 1 : 0, input.unit, input.unit === 'gram' ? input.saleGrams : null, input.minQty, input.productId);
        audit.record({ staffId, action: 'stock.settings', entity: 'product', entityId: input.productId, details: { before: levelView(before), after: input } });
      })();
      return ledger.view(input.productId);
    },

    /** A slip typed or scanned at the till. A repeated clientRef answers the first slip. */
    receive(input: ReceiveInput, staffId: number): StockReceipt {
      const done = receiptByRef.get(input.clientRef);
      if (done) return receipt(done.id);
      const id = db.transaction(() => write(input, 'scan', staffId))();
      return receipt(id);
    },

    /** CSV `barcode,qty,unit_cost` (yuan). Every row checked first; the good ones make one slip, in one transaction. */
    receiveCsv(input: { clientRef: string; supplier: string; note: string; bytes: Uint8Array }, staffId: number) {
      const done = receiptByRef.get(input.clientRef);
      if (done) return { receipt: receipt(done.id), imported: receipt(done.id).lines, errors: [] };
      const parsed = readCsv(input.bytes, RECEIVE_CSV_HEADER);
      if (!parsed.ok) return { receipt: null, imported: 0, errors: [{ line: parsed.line ?? 0, reason: parsed.reason, details: { message: parsed.message } }] };
      const errors: Array<{ line: number; reason: string; details?: Record<string, unknown> }> = [];
      const lines: ReceiveInput['lines'] = [];
      for (const { line, values: v } of parsed.rows) {
        const fail = (reason: string, details?: Record<string, unknown>) => errors.push({ line, reason, ...(details ? { details } : {}) });
        if (v.__columns) { fail('column_count', { columns: Number(v.__columns) }); continue; }
        const code = (v.barcode ?? '').trim();
        const p = code ? byCode.get(code, code) : undefined;
        if (!p) { fail('unknown_barcode', { code }); continue; }
        if (p.stocked !== 1) { fail('not_stocked', { code }); continue; }
        const qty = /^\d{1,7}$/.test((v.qty ?? '').trim()) ? Number(v.qty!.trim()) : NaN;
        if (!(qty >= 1 && qty <= 1_000_000)) { fail('qty', { value: v.qty }); continue; }
        const cost = parseYuan((v.unit_cost ?? '').trim());
        if (cost === null || cost < 0 || cost > 100_000_000) { fail('unit_cost', { value: v.unit_cost }); continue; }
        lines.push({ productId: p.product_id, qty, unitCostFen: cost });
      }
      if (lines.length === 0) return { receipt: null, imported: 0, errors };
      const id = db.transaction(() => write({ clientRef: input.clientRef, supplier: input.supplier, note: input.note, lines }, 'csv', staffId))();
      return { receipt: receipt(id), imported: lines.length, errors };
    },

    receipts(offset: number, limit: number) {
      const total = (db.prepare('SELECT count(*) AS n FROM stock_receipts').get() as { n: number }).n;
      const items = (db.prepare(`${RECEIPT} ORDER BY r.id DESC LIMIT ? OFFSET ?`).all(limit, offset) as ReceiptRow[]).map(view);
      return { total, items };
    },
  };
}
export type Receiving = ReturnType<typeof createReceiving>;
