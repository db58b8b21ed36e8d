import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate } from '../lib/clock.js';
import { safeStringify } from '../csv/safe-csv.js';
import type { LowStockItem, Margin, StockLevel } from '../../../shared/contract/stock.js';
import { LEVEL_SELECT, levelView, type LevelRow } from './stock-ledger.js';

/** The average daily sales window of the reorder list. */
export const SALES_WINDOW_DAYS = 28;

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * What the manager reads: on hand, the reorder list and the gross margin. All from the
 * summaries (stock_levels, stock_daily), never a scan of sales: the reorder list reads the
 * products below their minimum (few) and, for each, 28 rows of stock_daily by its key.
 */
export function createStockReports(db: Database, clock: Clock) {
  const LOW = `FROM products p LEFT JOIN stock_levels l ON l.product_id = p.id
    WHERE p.stocked = 1 AND p.active = 1 AND p.min_qty IS NOT NULL AND coalesce(l.on_hand, 0) < p.min_qty`;
  const lowRows = db.prepare<[number, number], { id: number }>(`SELECT p.id ${LOW} ORDER BY coalesce(l.on_hand, 0) - p.min_qty, p.id LIMIT ? OFFSET ?`);
  const lowCount = db.prepare<[], { n: number }>(`SELECT count(*) AS n ${LOW}`);
  const levelById = db.prepare<[number], LevelRow>(`${LEVEL_SELECT} WHERE p.id = ?`);
  const sold = db.prepare<[number, string, string], { n: number }>('SELECT coalesce(sum(qty), 0) AS n FROM stock_daily WHERE product_id = ? AND business_date BETWEEN ? AND ?');

  function lowItem(id: number, from: string, to: string): LowStockItem {
    const r = levelById.get(id)!;
    const sold28 = sold.get(id, from, to)!.n;
    const avg = sold28 / SALES_WINDOW_DAYS;
    return {
      productId: r.product_id, sku: r.sku, name: r.name, barcode: r.barcode, categoryName: r.category_name, unit: r.stock_unit,
      onHand: r.on_hand, minQty: r.min_qty!, sold28, avgDaily: Math.round(avg * 100) / 100,
      coverDays: sold28 > 0 ? Math.max(0, Math.round((r.on_hand / avg) * 10) / 10) : null,
      shortfall: r.min_qty! - r.on_hand,
    };
  }
  /** The 28 days before today (today's sales are not a whole day yet). */
  const window = () => {
    const today = localDate(clock.now());
    return { from: addDays(today, -SALES_WINDOW_DAYS), to: addDays(today, -1) };
  };

  return {
    levels(input: { offset: number; limit: number; query?: string | undefined; filter: 'all' | 'low' | 'negative' }): { items: StockLevel[]; total: number } {
      const where: string[] = ['p.active = 1'];
      const args: unknown[] = [];
      if (input.filter === 'low') where.push('p.stocked = 1 AND p.min_qty IS NOT NULL AND coalesce(l.on_hand, 0) < p.min_qty');
      if (input.filter === 'negative') where.push('p.stocked = 1 AND coalesce(l.on_hand, 0) < 0');
      if (input.query) {
        where.push("(p.name LIKE ? ESCAPE '\\' OR p.sku = ? OR p.initials LIKE ? OR EXISTS (SELECT 1 FROM product_barcodes b WHERE b.product_id = p.id AND b.barcode = ?))");
        const like = `%${input.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        args.push(like, input.query, `${input.query.toLowerCase()}%`, input.query);
      }
      const w = `WHERE ${where.join(' AND ')}`;
      const total = (db.prepare(`SELECT count(*) AS n FROM products p LEFT JOIN stock_levels l ON l.product_id = p.id ${w}`).get(...args) as { n: number }).n;
      const rows = db.prepare(`${LEVEL_SELECT} ${w} ORDER BY p.name, p.id LIMIT ? OFFSET ?`).all(...args, input.limit, input.offset) as LevelRow[];
      return { total, items: rows.map(levelView) };
    },

    lowStock(offset: number, limit: number): { items: LowStockItem[]; total: number } {
      const { from, to } = window();
      return { total: lowCount.get()!.n, items: lowRows.all(limit, offset).map((r) => lowItem(r.id, from, to)) };
    },

    /** 补货清单 for the supplier: every product below its minimum, quantities in its stock unit. */
    lowStockCsv(): { csv: string; rows: number } {
      const { from, to } = window();
      const items = lowRows.all(1_000_000, 0).map((r) => lowItem(r.id, from, to));
      const csv = safeStringify([
        ['sku', 'barcode', 'name', 'category', 'unit', 'on_hand', 'min_qty', 'sold_28_days', 'avg_daily', 'cover_days', 'shortfall'],
        ...items.map((i) => [i.sku, i.barcode ?? '', i.name, i.categoryName ?? '', i.unit, i.onHand, i.minQty, i.sold28, i.avgDaily, i.coverDays ?? '', i.shortfall]),
      ]);
      return { csv: `\uFEFF${csv}`, rows: items.length };
    },

    /**
     * Gross margin over [from, to]: revenue is the lines' totals of stocked products (net of
     * line and member discounts; sale-level coupons, points and rounding are not spread over
     * lines), cost of goods is what their moves took at moving-average cost; refunds count on
     * the day they happen, as revenue does in the dashboard.
     */
    margin(from: string, to: string, limit: number): Margin {
      const row = (r: { qty: number; revenue: number; cogs: number }) => ({ qty: r.qty, revenueFen: r.revenue, cogsFen: r.cogs, marginFen: r.revenue - r.cogs });
      const totals = db.prepare<[string, string], { qty: number; revenue: number; cogs: number }>(
        'SELECT coalesce(sum(qty), 0) AS qty, coalesce(sum(revenue_fen), 0) AS revenue, coalesce(sum(cogs_fen), 0) AS cogs FROM stock_daily WHERE business_date BETWEEN ? AND ?').get(from, to)!;
      const days = db.prepare<[string, string], { date: string; qty: number; revenue: number; cogs: number }>(
        'SELECT business_date AS date, sum(qty) AS qty, sum(revenue_fen) AS revenue, sum(cogs_fen) AS cogs FROM stock_daily WHERE business_date BETWEEN ? AND ? GROUP BY business_date ORDER BY business_date').all(from, to);
      const products = db.prepare<[string, string, number], { id: number; name: string; category: string | null; qty: number; revenue: number; cogs: number }>(`
        SELECT d.product_id AS id, p.name, c.name AS category, sum(d.qty) AS qty, sum(d.revenue_fen) AS revenue, sum(d.cogs_fen) AS cogs
        FROM stock_daily d JOIN products p ON p.id = d.product_id LEFT JOIN categories c ON c.id = p.category_id
        WHERE d.business_date BETWEEN ? AND ? GROUP BY d.product_id ORDER BY sum(d.revenue_fen) - sum(d.cogs_fen) DESC, d.product_id LIMIT ?`).all(from, to, limit);
      const categories = db.prepare<[string, string], { id: number | null; name: string | null; qty: number; revenue: number; cogs: number }>(`
        SELECT p.category_id AS id, c.name, sum(d.qty) AS qty, sum(d.revenue_fen) AS revenue, sum(d.cogs_fen) AS cogs
        FROM stock_daily d JOIN products p ON p.id = d.product_id LEFT JOIN categories c ON c.id = p.category_id
        WHERE d.business_date BETWEEN ? AND ? GROUP BY p.category_id ORDER BY sum(d.revenue_fen) - sum(d.cogs_fen) DESC, p.category_id`).all(from, to);
      return {
        from, to, totals: row(totals),
        days: days.map((d) => ({ date: d.date, ...row(d) })),
        products: products.map((p) => ({ productId: p.id, name: p.name, categoryName: p.category, ...row(p) })),
        categories: categories.map((c) => ({ categoryId: c.id, categoryName: c.name, ...row(c) })),
      };
    },
  };
}
export type StockReports = ReturnType<typeof createStockReports>;
