/**
 * Stock figures (issue 18), on a working copy of the generated shop:
 *
 * 1. A sale with stock moves vs the same sale without: half the catalogue is marked stocked,
 *    the other half not stocked, and carts drawn from each half are committed through the
 *    dispatcher, alternated a few at a time (same file, same pragmas, same code path; the
 *    only difference is the moves, their two summary triggers and the level read per line).
 *    Target ≥ 0.9×.
 * 2. The reorder list (stock.lowStock, first page of 100, and the CSV export) with the
 *    catalogue topped up to 5,000 products, every product with an opening balance and a
 *    minimum (about one in ten below it), and the sales summary (stock_daily) filled from the
 *    shop's whole sales history — built in bulk with one INSERT … SELECT, as the generator
 *    builds the dashboard's summaries; the moves themselves are not replayed for the history.
 *    Baseline: one full scan of stock_daily (count, sum), i.e. what the list would cost if it
 *    read the history instead of 28 rows per listed product by key. Target p99 ≤ 50 ms.
 */
import { randomUUID } from 'node:crypto';
import { seededRandom } from '../../electron/core/lib/random.js';
import { alternate, nowMs, timeEach } from '../lib/measure.js';
import { openShopCore, ok } from '../lib/shop-core.js';
import type { CachedShop } from '../cache.js';
import type { Row } from '../lib/table.js';

const CATALOGUE = 5_000;

export async function stockFigures(o: { shop: CachedShop; dataDir: string; totalMs: number; samples: number; log: (m: string) => void }): Promise<Row[]> {
  const rows: Row[] = [];
  const { core, cashier, owner } = await openShopCore(o.shop, o.dataDir);
  try {
    const { db, dispatcher, services } = core;
    if (!ok(await dispatcher.call('shifts.current', {}, cashier), 'shifts.current')) ok(await dispatcher.call('shifts.open', { openingFloatFen: 50000 }, cashier), 'shifts.open');

    // 1. Sale with moves vs without.
    const ids = db.prepare('SELECT id FROM products WHERE active = 1 ORDER BY id').pluck().all() as number[];
    db.prepare('UPDATE products SET stocked = (id % 2)').run();
    const stocked = ids.filter((id) => id % 2 === 1);
    const plain = ids.filter((id) => id % 2 === 0);
    const rnd = seededRandom(18);
    const cart = (from: number[]) => () => {
      const lines = Array.from({ length: rnd.int(1, 5) }, () => ({ productId: from[rnd.int(0, from.length - 1)]!, qty: rnd.int(1, 2), priceOverrideFen: null, discount: null, countCardId: null, weighed: null }));
      return { lines, total: services.checkout.price(lines, null).cart.totalFen };
    };
    const commit = async (c: { lines: unknown[]; total: number }) => ok(await dispatcher.call('sales.commit', {
      clientRef: randomUUID(), lines: c.lines as never, print: false, payments: [{ method: 'wechat', amountFen: c.total }], expectedTotalFen: c.total,
    }, cashier), 'sales.commit');
    const r = await alternate({ prepare: cart(stocked), run: commit }, { prepare: cart(plain), run: commit }, { totalMs: o.totalMs });
    o.log(`stock: sale with moves ${r.a.toFixed(0)}/s (${r.n.a}), without ${r.b.toFixed(0)}/s (${r.n.b})`);
    rows.push({
      id: 'stock.sale', figure: 'checkout commits/s, every line a stocked product (moves written)', value: r.a, unit: 'sales/s',
      baseline: 'the same checkout, products not stocked', baselineValue: r.b, ratio: r.a / r.b, target: '≥ 0.9× baseline', met: r.a / r.b >= 0.9,
      note: `${r.n.a} with moves, ${r.n.b} without`,
    });

    // 2. The reorder list at 5,000 products.
    const t0 = nowMs();
    const have = ids.length;
    const addProduct = db.prepare("INSERT INTO products (sku, name, price_fen, updated_at, stocked) VALUES (?, ?, ?, '2026-01-01T00:00:00', 1)");
    const move = db.prepare("INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, unit_cost_fen) VALUES (?, '2020-01-01T00:00:00', 'opening', ?, ?, ?)");
    db.transaction(() => {
      for (let i = have; i < CATALOGUE; i++) addProduct.run(`BENCH-${i}`, `补货测试商品 ${i}`, 100 + (i % 50) * 10);
      db.prepare('UPDATE products SET stocked = 1').run();
      // stock_daily is a view (migration 022) of stock_days and each level's latest day: the history goes to stock_days, all of it.
      db.prepare('DELETE FROM stock_days').run();
      db.prepare('UPDATE stock_levels SET today_date = NULL, today_qty = NULL, today_revenue_fen = NULL, today_cogs_fen = NULL').run();
      // The whole history's sales per product and day (what the sale moves' trigger keeps), at a cost of 70% of revenue.
      db.exec(`INSERT INTO stock_days (product_id, business_date, qty, revenue_fen, cogs_fen)
        SELECT l.product_id, s.business_date, sum(l.qty), sum(l.total_fen), sum(l.total_fen) * 7 / 10
        FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE l.product_id IS NOT NULL GROUP BY l.product_id, s.business_date
        ON CONFLICT (product_id, business_date) DO UPDATE SET qty = qty + excluded.qty, revenue_fen = revenue_fen + excluded.revenue_fen, cogs_fen = cogs_fen + excluded.cogs_fen`);
      const all = db.prepare("SELECT p.id FROM products p WHERE NOT EXISTS (SELECT 1 FROM stock_moves m WHERE m.product_id = p.id AND m.reason = 'opening')").pluck().all() as number[];
      for (const id of all) {
        const qty = rnd.int(1, 200);
        move.run(id, qty, qty * 150, 150);
      }
      db.prepare('UPDATE products SET min_qty = 20').run();
    })();
    const dailyRows = (db.prepare('SELECT count(*) AS n FROM stock_daily').get() as { n: number }).n;
    const low = ok(await dispatcher.call('stock.lowStock', { limit: 100 }, owner), 'stock.lowStock');
    o.log(`stock: catalogue ${CATALOGUE}, ${dailyRows} product-days, ${low.total} below minimum (set up in ${((nowMs() - t0) / 1000).toFixed(1)} s)`);
    const list = await timeEach(Array.from({ length: o.samples }, (_, i) => i), async () => ok(await dispatcher.call('stock.lowStock', { limit: 100 }, owner), 'stock.lowStock'));
    const csv = await timeEach(Array.from({ length: 20 }, (_, i) => i), async () => ok(await dispatcher.call('stock.lowStockCsv', {}, owner), 'stock.lowStockCsv'));
    const scanStmt = db.prepare('SELECT count(*), sum(qty) FROM stock_daily');
    const scan = await timeEach(Array.from({ length: 20 }, (_, i) => i), () => scanStmt.get());
    const note = `${CATALOGUE} products (${have} from the shop), ${o.shop.counts.sales} sales, ${dailyRows} product-days, ${low.total} below minimum`;
    rows.push({
      id: 'stock.lowStock.p99', figure: 'reorder list (first 100 below minimum, 28-day sales, cover) p99', value: list.p99, unit: 'ms',
      baseline: 'one full scan of stock_daily (count, sum)', baselineValue: scan.p50, ratio: list.p99 / scan.p50, target: '≤ 50 ms', met: list.p99 <= 50, note,
    });
    rows.push({
      id: 'stock.lowStock.p50', figure: 'reorder list p50', value: list.p50, unit: 'ms',
      baseline: 'one full scan of stock_daily (count, sum)', baselineValue: scan.p50, ratio: list.p50 / scan.p50, target: '—', met: null, note,
    });
    rows.push({
      id: 'stock.lowStockCsv', figure: 'reorder list as CSV, every product below minimum, p50', value: csv.p50, unit: 'ms',
      baseline: 'one full scan of stock_daily (count, sum)', baselineValue: scan.p50, ratio: csv.p50 / scan.p50, target: '—', met: null, note,
    });
  } finally {
    await core.shutdown();
  }
  return rows;
}
