import type { Database } from '../db/open.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import { readCsv } from '../csv/read-csv.js';
import type { CountDiff, StockCount } from '../../../shared/contract/stock.js';
import { correctionValue } from './valuation.js';
import { totalsOf, type StockLedger } from './stock-ledger.js';

export const COUNT_CSV_HEADER = ['barcode', 'qty'] as const;

interface CountRow {
  id: number; started_at: string; category_id: number | null; category_name: string | null; note: string; staff_name: string | null;
  outcome: 'approved' | 'cancelled' | null; products: number; counted: number;
}

/**
 * 盘点 while the shop keeps selling. Each counted line stores the ledger's on hand at the
 * moment it was written (in the same transaction, so no sale can slip between the two).
 * A product's correction is what was counted − on hand at the moment it was last counted:
 * a sale before that moment left the shelf before the count saw it, and one after it was
 * on the shelf when counted and is in the ledger as well — either way it cancels out, and
 * the correction is exactly the goods the ledger did not know about. Products in the
 * count's scope that nobody counted are left as they are.
 */
export function createCounts(db: Database, ledger: StockLedger, audit: AuditLog) {
  const COUNT = `SELECT k.id, k.started_at, k.category_id, c.name AS category_name, k.note, s.name AS staff_name, x.outcome,
      (SELECT count(*) FROM products p WHERE p.stocked = 1 AND p.active = 1 AND (k.category_id IS NULL OR p.category_id = k.category_id)) AS products,
      (SELECT count(DISTINCT product_id) FROM stock_count_lines l WHERE l.count_id = k.id) AS counted
    FROM stock_counts k LEFT JOIN categories c ON c.id = k.category_id LEFT JOIN staff s ON s.id = k.staff_id
    LEFT JOIN stock_count_closes x ON x.count_id = k.id`;
  const countById = db.prepare<[number], CountRow>(`${COUNT} WHERE k.id = ?`);
  const openCount = db.prepare<[], CountRow>(`${COUNT} WHERE x.id IS NULL ORDER BY k.id DESC LIMIT 1`);
  const productByCode = db.prepare<[string, string], { id: number; name: string; stocked: number; category_id: number | null; stock_unit: 'piece' | 'gram' }>(
    'SELECT id, name, stocked, category_id, stock_unit FROM products WHERE id = coalesce((SELECT product_id FROM product_barcodes WHERE barcode = ?), (SELECT id FROM products WHERE sku = ?))');
  const countedOf = db.prepare<[number, number], { n: number }>('SELECT coalesce(sum(qty), 0) AS n FROM stock_count_lines WHERE count_id = ? AND product_id = ?');
  const insertLine = db.prepare('INSERT INTO stock_count_lines (count_id, product_id, qty, on_hand_at, at, source, staff_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
  // Per product: the total counted and the on hand at its last line (the highest id).
  const diffs = db.prepare<[number], { product_id: number; name: string; sku: string; stock_unit: 'piece' | 'gram'; counted: number; expected: number }>(`
    SELECT l.product_id, p.name, p.sku, p.stock_unit, sum(l.qty) AS counted,
      (SELECT on_hand_at FROM stock_count_lines z WHERE z.count_id = l.count_id AND z.product_id = l.product_id ORDER BY z.id DESC LIMIT 1) AS expected
    FROM stock_count_lines l JOIN products p ON p.id = l.product_id WHERE l.count_id = ? GROUP BY l.product_id ORDER BY p.name, p.id`);

  const view = (r: CountRow): StockCount => ({
    id: r.id, startedAt: r.started_at, categoryId: r.category_id, categoryName: r.category_name, note: r.note, staffName: r.staff_name,
    status: r.outcome ?? 'open', products: r.products, counted: r.counted,
  });
  function row(id: number): CountRow {
    const r = countById.get(id);
    if (!r) throw new DomainError('not_found', { entity: 'stock_count', id });
    return r;
  }
  function requireOpen(id: number): CountRow {
    const r = row(id);
    if (r.outcome !== null) throw new DomainError('rule_violation', { rule: 'count_closed', status: r.outcome }, 'errors.stock_count_closed');
    return r;
  }

  /** One counted line, checked against the count's scope; the caller holds the transaction. */
  function addLine(count: CountRow, code: string, qty: number, source: 'scan' | 'csv', staffId: number) {
    const p = productByCode.get(code, code);
    if (!p) throw new DomainError('not_found', { entity: 'barcode', code }, 'errors.stock_unknown_barcode');
    if (p.stocked !== 1) throw new DomainError('rule_violation', { rule: 'not_stocked', code }, 'errors.stock_not_stocked');
    if (count.category_id !== null && p.category_id !== count.category_id) throw new DomainError('rule_violation', { rule: 'outside_count', code, category: count.category_name }, 'errors.stock_outside_count');
    const counted = countedOf.get(count.id, p.id)!.n + qty;
    if (counted < 0) throw new DomainError('rule_violation', { rule: 'count_below_zero', counted: counted - qty }, 'errors.stock_count_below_zero');
    insertLine.run(count.id, p.id, qty, ledger.level(p.id).on_hand, ledger.now(), source, staffId);
    return { productId: p.id, name: p.name, unit: p.stock_unit, counted };
  }

  function review(countId: number) {
    const count = row(countId);
    const lines: CountDiff[] = diffs.all(countId).map((d) => {
      const level = ledger.level(d.product_id);
      const diff = d.counted - d.expected;
      return {
        productId: d.product_id, name: d.name, sku: d.sku, unit: d.stock_unit, counted: d.counted, expected: d.expected, diff,
        valueFen: correctionValue(diff, totalsOf(level)), onHandNow: level.on_hand,
      };
    });
    return { count: view(count), lines, totalDiffFen: lines.reduce((s, l) => s + l.valueFen, 0), uncounted: Math.max(0, count.products - count.counted) };
  }

  return {
    start(categoryId: number | null, note: string, staffId: number): StockCount {
      const id = db.transaction(() => {
        const open = openCount.get();
        if (open) throw new DomainError('conflict', { rule: 'count_open', countId: open.id }, 'errors.stock_count_open');
        if (categoryId !== null && !db.prepare('SELECT 1 FROM categories WHERE id = ?').get(categoryId)) throw new DomainError('not_found', { entity: 'category', id: categoryId });
        const id = Number(db.prepare('INSERT INTO stock_counts (started_at, category_id, note, staff_id) VALUES (?, ?, ?, ?)').run(ledger.now(), categoryId, note, staffId).lastInsertRowid);
        audit.record({ staffId, action: 'stock.countStart', entity: 'stock_count', entityId: id, details: { categoryId, note } });
        return id;
      })();
      return view(row(id));
    },

    current(): StockCount | null {
      const r = openCount.get();
      return r ? view(r) : null;
    },

    scan(countId: number, code: string, qty: number, staffId: number) {
      return db.transaction(() => addLine(requireOpen(countId), code, qty, 'scan', staffId))();
    },

    /** A batch scanner's `barcode,qty`: each good row counted, each broken one reported by its line; all in one transaction. */
    importCsv(countId: number, bytes: Uint8Array, staffId: number) {
      const count = requireOpen(countId);
      const parsed = readCsv(bytes, COUNT_CSV_HEADER);
      if (!parsed.ok) return { imported: 0, errors: [{ line: parsed.line ?? 0, reason: parsed.reason, details: { message: parsed.message } }] };
      const errors: Array<{ line: number; reason: string; details?: Record<string, unknown> }> = [];
      let imported = 0;
      db.transaction(() => {
        for (const { line, values: v } of parsed.rows) {
          if (v.__columns) { errors.push({ line, reason: 'column_count', details: { columns: Number(v.__columns) } }); continue; }
          const code = (v.barcode ?? '').trim();
          const text = (v.qty ?? '').trim();
          const qty = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
          if (!code) { errors.push({ line, reason: 'unknown_barcode', details: { code } }); continue; }
          if (!(qty >= 0 && qty <= 1_000_000)) { errors.push({ line, reason: 'qty', details: { value: v.qty } }); continue; }
          try {
            // A batch scanner may list a product with 0 (looked for, none there): that is a count too.
            db.transaction(() => addLine(count, code, qty, 'csv', staffId))();
            imported++;
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            errors.push({ line, reason: err.error.messageKey.replace(/^errors\.(stock_)?/, ''), details: err.error.details ?? {} });
          }
        }
      })();
      return { imported, errors };
    },

    review,

    /** The differences become moves (reason count) and the count closes, in one transaction. */
    approve(countId: number, staffId: number) {
      const result = db.transaction(() => {
        requireOpen(countId);
        const r = review(countId);
        const at = ledger.now();
        let moves = 0;
        let total = 0;
        for (const l of r.lines) {
          if (l.diff === 0) continue;
          total += ledger.correct(l.productId, l.diff, countId, staffId, at);
          moves++;
        }
        db.prepare("INSERT INTO stock_count_closes (count_id, outcome, at, staff_id) VALUES (?, 'approved', ?, ?)").run(countId, at, staffId);
        audit.record({ staffId, action: 'stock.countApprove', entity: 'stock_count', entityId: countId, details: { moves, totalDiffFen: total } });
        return { moves, totalDiffFen: total };
      })();
      return { count: view(row(countId)), ...result };
    },

    cancel(countId: number, staffId: number): StockCount {
      db.transaction(() => {
        requireOpen(countId);
        db.prepare("INSERT INTO stock_count_closes (count_id, outcome, at, staff_id) VALUES (?, 'cancelled', ?, ?)").run(countId, ledger.now(), staffId);
        audit.record({ staffId, action: 'stock.countCancel', entity: 'stock_count', entityId: countId });
      })();
      return view(row(countId));
    },
  };
}
export type Counts = ReturnType<typeof createCounts>;
