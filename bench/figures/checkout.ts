/**
 * Figure 1: checkout commit throughput through the full stack below the UI — the
 * dispatcher's role check and input validation, pricing, points, tiers, member summaries
 * (triggers), the output check — against two baselines writing the same rows (sale, lines,
 * payment, points entry, receipt counter, each line's stock move) in a bare better-sqlite3 transaction:
 * - on the same connection, so the schema's triggers fire for the baseline too (what the
 *   service layer adds);
 * - on a copy of the same file with every trigger dropped, same pragmas and indexes (the
 *   physical limit: what SQLite costs for those rows; the gap is the summaries' and the sync
 *   bookkeeping's upkeep plus the service layer).
 * Run with synchronous=NORMAL (CPU cost shows) and with the shipped FULL (the disk's flush).
 *
 * The cart and its expected total are prepared untimed (the till's page prices the cart as
 * the cashier scans); both sides write the same priced cart for the same member.
 */
import { randomUUID } from 'node:crypto';
import { localDate, localDateTime } from '../../electron/core/lib/clock.js';
import { seededRandom } from '../../electron/core/lib/random.js';
import { addMonths } from '../../electron/core/lib/dates.js';
import { outValue } from '../../electron/core/stock/valuation.js';
import { alternateAll, timeEach, type Step } from '../lib/measure.js';
import { bareCopy } from '../lib/bare-copy.js';
import type { Database } from 'better-sqlite3';
import path from 'node:path';
import { openShopCore, ok } from '../lib/shop-core.js';
import type { CachedShop } from '../cache.js';
import type { Row } from '../lib/table.js';

export async function checkoutFigures(o: { shop: CachedShop; dataDir: string; totalMs: number; log: (m: string) => void }): Promise<Row[]> {
  const rows: Row[] = [];
  const flush = { NORMAL: NaN, FULL: NaN };
  for (const synchronous of ['NORMAL', 'FULL'] as const) {
    const { core, cashier } = await openShopCore(o.shop, o.dataDir, { synchronous });
    try {
      const { db, dispatcher, services } = core;
      if (!ok(await dispatcher.call('shifts.current', {}, cashier), 'shifts.current')) ok(await dispatcher.call('shifts.open', { openingFloatFen: 50000 }, cashier), 'shifts.open');
      const rnd = seededRandom(synchronous === 'FULL' ? 11 : 10);
      const productIds = db.prepare('SELECT id FROM products WHERE active = 1').pluck().all() as number[];
      const memberIds = db.prepare("SELECT id FROM members WHERE status = 'active'").pluck().all() as number[];
      const cart = () => {
        const n = rnd.int(1, 5);
        const lines = Array.from({ length: n }, () => ({ productId: productIds[rnd.int(0, productIds.length - 1)]!, qty: rnd.int(1, 2), priceOverrideFen: null, discount: null, countCardId: null, weighed: null }));
        const memberId = memberIds[rnd.int(0, memberIds.length - 1)]!;
        const priced = services.checkout.price(lines, memberId);
        return { lines, memberId, priced };
      };

      const app = {
        prepare: cart,
        run: async (c: ReturnType<typeof cart>) => {
          const r = await dispatcher.call('sales.commit', {
            clientRef: randomUUID(), lines: c.lines, memberId: c.memberId, print: false,
            payments: [{ method: 'wechat', amountFen: c.priced.cart.totalFen }], expectedTotalFen: c.priced.cart.totalFen,
          }, cashier);
          ok(r, 'sales.commit');
        },
      };

      // The same rows, written bare: on this connection, and on a copy with no triggers.
      const shiftId = (db.prepare('SELECT id FROM shifts WHERE closed_at IS NULL').get() as { id: number }).id;
      const staffId = o.shop.staff.cashierIds[0]!;
      const bareWriter = (target: Database) => {
        const bump = target.prepare<[string], { last_no: number }>('INSERT INTO receipt_counters (business_date, last_no) VALUES (?, 1) ON CONFLICT(business_date) DO UPDATE SET last_no = last_no + 1 RETURNING last_no');
        const insSale = target.prepare(`INSERT INTO sales (receipt_no, kind, business_date, sold_at, member_id, staff_id, shift_id, subtotal_fen, discount_fen, rounding_fen, total_fen, client_ref, points_earned)
          VALUES (?, 'sale', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
        const insLine = target.prepare('INSERT INTO sale_lines (sale_id, line_no, product_id, name, barcode, qty, unit_price_fen, discount_fen, total_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
        const insPay = target.prepare('INSERT INTO sale_payments (sale_id, method, amount_fen, tendered_fen, change_fen) VALUES (?, ?, ?, NULL, NULL)');
        const insPoints = target.prepare("INSERT INTO points_ledger (member_id, at, delta, reason, sale_id, staff_id, expires_on) VALUES (?, ?, ?, 'earn', ?, ?, ?)");
        // Each line's stock move, valued at the average cost as the app does (every bench product is stocked by the piece).
        const level = target.prepare<[number], { on_hand: number | null; value_fen: number | null; last_cost_fen: number | null }>(
          'SELECT l.on_hand, l.value_fen, l.last_cost_fen FROM products p LEFT JOIN stock_levels l ON l.product_id = p.id WHERE p.id = ?');
        const insMove = target.prepare("INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, note, below_zero, sale_id, line_id, staff_id) VALUES (?, ?, 'sale', ?, ?, '', ?, ?, ?, ?)");
        const write = target.transaction((c: ReturnType<typeof cart>) => {
          const now = services.clock.now();
          const date = localDate(now);
          const at = localDateTime(now);
          const { cart: p, products } = c.priced;
          const no = bump.get(date)!.last_no;
          const earned = p.pointsToEarn;
          const saleId = Number(insSale.run(`${date.replaceAll('-', '')}-${String(no).padStart(4, '0')}`, date, at, c.memberId, staffId, shiftId, p.subtotalFen, p.discountFen, p.roundingFen, p.totalFen, randomUUID(), earned).lastInsertRowid);
          p.lines.forEach((l, i) => {
            const lineId = Number(insLine.run(saleId, i + 1, l.productId, l.name, products[i]!.barcodes[0] ?? null, l.qty, l.unitPriceFen, l.lineDiscountFen + l.promoDiscountFen + l.memberDiscountFen, l.totalFen).lastInsertRowid);
            const t = level.get(l.productId!)!;
            const onHand = t.on_hand ?? 0;
            insMove.run(l.productId, at, -l.qty, -outValue(l.qty, { onHand, valueFen: t.value_fen ?? 0, lastCostFen: t.last_cost_fen, basis: 1 }), onHand - l.qty < 0 ? 1 : 0, saleId, lineId, staffId);
          });
          insPay.run(saleId, 'wechat', p.totalFen);
          if (earned > 0) insPoints.run(c.memberId, at, earned, saleId, staffId, addMonths(date, 12));
        });
        return { prepare: cart, run: (c: ReturnType<typeof cart>) => write(c) };
      };
      const bare = bareWriter(db);
      const limit = bareCopy(db, path.join(o.dataDir, `bare-${synchronous.toLowerCase()}`), synchronous);
      const physical = bareWriter(limit.db);

      const [ra, rb, rc] = await alternateAll([app, bare, physical] as Array<Step<unknown>>, { totalMs: o.totalMs });
      limit.db.close();
      const r = { a: ra!.rate, b: rb!.rate, c: rc!.rate, n: { a: ra!.n, b: rb!.n, c: rc!.n } };
      // What the flush itself costs here: a one-row commit (the disk's share of every sale).
      const touch = db.prepare("INSERT INTO settings (key, value) VALUES ('bench.flush', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
      const oneRow = await timeEach(Array.from({ length: 300 }, (_, i) => i), (i) => db.transaction(() => touch.run(String(i)))());
      flush[synchronous] = oneRow.p50;
      o.log(`checkout ${synchronous}: app ${r.a.toFixed(0)}/s (${r.n.a}), bare ${r.b.toFixed(0)}/s (${r.n.b}), no triggers ${r.c.toFixed(0)}/s (${r.n.c}; ${limit.triggers} dropped)`);
      const target = synchronous === 'FULL' ? 0.9 : 0.5;
      rows.push({
        id: `checkout.${synchronous.toLowerCase()}`, figure: `checkout commits/s, synchronous=${synchronous}`, value: r.a, unit: 'sales/s',
        baseline: 'bare transaction, same rows', baselineValue: r.b, ratio: r.a / r.b, target: `≥ ${target}× baseline`, met: r.a / r.b >= target,
        note: `${r.n.a} app commits, ${r.n.b} bare`,
      });
      rows.push({
        id: `checkout.${synchronous.toLowerCase()}.limit`, figure: `checkout commits/s, synchronous=${synchronous}, against the physical limit`, value: r.a, unit: 'sales/s',
        baseline: `same rows, copy of the file with its ${limit.triggers} triggers dropped`, baselineValue: r.c, ratio: r.a / r.c, target: '≥ 0.5× baseline', met: r.a / r.c >= 0.5,
        note: `${r.n.c} bare commits without triggers; bare with triggers vs without: ${(r.b / r.c).toFixed(2)}×`,
      });
    } finally {
      await core.shutdown();
    }
  }
  rows.push({
    id: 'checkout.flush', figure: 'one-row commit p50, synchronous=FULL (the disk flush)', value: flush.FULL, unit: 'ms',
    baseline: 'the same with NORMAL', baselineValue: flush.NORMAL, ratio: flush.FULL / flush.NORMAL, target: '—', met: null,
    note: 'how much of a commit the disk flush is on this machine',
  });
  return rows;
}
