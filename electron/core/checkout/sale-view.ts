import type { Database } from '../db/open.js';
import { DomainError } from '../lib/domain-error.js';
import type { Sale } from '../../../shared/contract/checkout.js';
import type { PaymentMethod } from '../../../shared/contract/receipt.js';

interface SaleRow {
  id: number; receipt_no: string; kind: 'sale' | 'refund'; refund_of_no: string | null; sold_at: string; business_date: string;
  staff_name: string | null; member_id: number | null; subtotal_fen: number; discount_fen: number; rounding_fen: number;
  total_fen: number; refunded_fen: number; points_earned: number;
}

const SALE_SELECT = `SELECT s.id, s.receipt_no, s.kind, r.receipt_no AS refund_of_no, s.sold_at, s.business_date, st.name AS staff_name,
  s.member_id, s.subtotal_fen, s.discount_fen, s.rounding_fen, s.total_fen, s.points_earned,
  CASE WHEN s.kind = 'sale' THEN coalesce((SELECT -sum(x.total_fen) FROM sales x WHERE x.refund_of = s.id), 0) ELSE 0 END AS refunded_fen
  FROM sales s LEFT JOIN sales r ON r.id = s.refund_of LEFT JOIN staff st ON st.id = s.staff_id`;

export type SaleHeader = Omit<Sale, 'lines' | 'payments'>;

const header = (r: SaleRow): SaleHeader => ({
  id: r.id, receiptNo: r.receipt_no, kind: r.kind, refundOf: r.refund_of_no, soldAt: r.sold_at, businessDate: r.business_date,
  staffName: r.staff_name, memberId: r.member_id, subtotalFen: r.subtotal_fen, discountFen: r.discount_fen,
  roundingFen: r.rounding_fen, totalFen: r.total_fen, refundedFen: r.refunded_fen, pointsEarned: r.points_earned,
});

/** Reads sales back as the contract shows them: lines with what is still refundable. */
export function createSaleViews(db: Database) {
  const byId = db.prepare<[number], SaleRow>(`${SALE_SELECT} WHERE s.id = ?`);
  const byNo = db.prepare<[string], SaleRow>(`${SALE_SELECT} WHERE s.receipt_no = ?`);
  const byRef = db.prepare<[string], { id: number }>('SELECT id FROM sales WHERE client_ref = ?');
  const lines = db.prepare<[number], {
    id: number; line_no: number; product_id: number | null; name: string; barcode: string | null; qty: number;
    unit_price_fen: number; discount_fen: number; total_fen: number; refunded_qty: number;
    w_grams: number | null; w_unit: number | null; w_per: 'kg' | '100g' | null; w_source: 'price_label' | 'weight_label' | 'scale' | null; w_label: string | null; w_refunded: number;
  }>(`SELECT l.*, coalesce((SELECT -sum(r.qty) FROM sale_lines r WHERE r.refund_of_line = l.id), 0) AS refunded_qty,
      w.grams AS w_grams, w.unit_price_fen AS w_unit, w.per AS w_per, w.source AS w_source, w.label AS w_label,
      CASE WHEN w.id IS NULL THEN 0 ELSE coalesce((SELECT -sum(rw.grams) FROM sale_lines r JOIN sale_line_weights rw ON rw.line_id = r.id WHERE r.refund_of_line = l.id), 0) END AS w_refunded
      FROM sale_lines l LEFT JOIN sale_line_weights w ON w.line_id = l.id WHERE l.sale_id = ? ORDER BY l.line_no`);
  const payments = db.prepare<[number], { method: PaymentMethod; amount_fen: number; tendered_fen: number | null; change_fen: number | null }>(
    'SELECT method, amount_fen, tendered_fen, change_fen FROM sale_payments WHERE sale_id = ? ORDER BY id');

  function get(id: number): Sale {
    const row = byId.get(id);
    if (!row) throw new DomainError('not_found', { entity: 'sale', id });
    return withDetail(row);
  }
  function withDetail(row: SaleRow): Sale {
    return {
      ...header(row),
      lines: lines.all(row.id).map((l) => ({
        id: l.id, lineNo: l.line_no, productId: l.product_id, name: l.name, barcode: l.barcode, qty: l.qty,
        unitPriceFen: l.unit_price_fen, discountFen: l.discount_fen, totalFen: l.total_fen,
        refundableQty: row.kind === 'sale' ? l.qty - l.refunded_qty : 0,
        // A weighed line (称重, migration 020) is refunded by weight: what is left of its grams.
        weighed: l.w_grams === null ? null : {
          grams: l.w_grams, unitPriceFen: l.w_unit!, per: l.w_per!, lineFen: l.unit_price_fen, source: l.w_source!, label: l.w_label,
          refundableGrams: row.kind === 'sale' ? l.w_grams - l.w_refunded : 0,
        },
      })),
      payments: payments.all(row.id).map((p) => ({ method: p.method, amountFen: p.amount_fen, tenderedFen: p.tendered_fen, changeFen: p.change_fen })),
    };
  }
  return {
    get,
    byReceiptNo(no: string): Sale {
      const row = byNo.get(no);
      if (!row) throw new DomainError('not_found', { entity: 'sale', receiptNo: no });
      return withDetail(row);
    },
    idForClientRef: (ref: string) => byRef.get(ref)?.id ?? null,
    list(q: { offset: number; limit: number; date?: string | undefined; from?: string | undefined; to?: string | undefined; kind?: 'sale' | 'refund' | undefined }) {
      const conds = [
        q.date ? 's.business_date = @date' : '',
        q.from ? 's.business_date >= @from' : '',
        q.to ? 's.business_date <= @to' : '',
        q.kind ? 's.kind = @kind' : '',
      ].filter(Boolean);
      const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
      const params = { date: q.date ?? null, from: q.from ?? null, to: q.to ?? null, kind: q.kind ?? null, limit: q.limit, offset: q.offset };
      const total = (db.prepare(`SELECT count(*) AS n FROM sales s ${where}`).get(params) as { n: number }).n;
      // A period reads newest business day first straight off the business-date index (no sort of the whole period).
      const order = q.from || q.to ? 's.business_date DESC, s.id DESC' : 's.id DESC';
      const items = (db.prepare(`${SALE_SELECT} ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all(params) as SaleRow[]).map(header);
      return { total, items };
    },
  };
}
export type SaleViews = ReturnType<typeof createSaleViews>;
