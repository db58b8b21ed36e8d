import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, clientRef } from '../helpers/shop.js';
import { twoTillShop, type Till } from '../helpers/two-tills.js';

/**
 * Stock with a shop server: a slip received at till 1, sales at both tills, a count approved
 * at till 2 — every move reaches the server as a fact and the other till through the feed,
 * and both tills end with the same on hand and value (each keeps its own summaries from the
 * shared moves; no move is counted twice).
 */
const shop = twoTillShop();
beforeEach(() => shop.start(), 60_000);
afterEach(() => shop.stop());

const levelOf = (t: Till, productId: number) => t.db.prepare<[number], { on_hand: number; value_fen: number }>('SELECT on_hand, value_fen FROM stock_levels WHERE product_id = ?').get(productId);
const movesOf = (t: Till) => (t.db.prepare('SELECT count(*) AS n FROM stock_moves').get() as { n: number }).n;
const sell = (t: Till, token: string, productId: number, qty: number) =>
  ok(t, 'sales.commit', { clientRef: clientRef(), lines: [{ productId, qty }], payments: [{ method: 'cash', amountFen: 1500 * qty }], expectedTotalFen: 1500 * qty }, token);

describe('stock across tills', () => {
  it('receiving, sales at both tills and a count reach every till once; on hand and value agree everywhere', async () => {
    const s = await shop.twoTills(0);
    await ok(s.one, 'stock.settings', { productId: s.product.at1, stocked: true, minQty: 5 }, s.owner1);
    await ok(s.one, 'stock.receive', { clientRef: clientRef(), supplier: '烘焙坊', lines: [{ productId: s.product.at1, qty: 20, unitCostFen: 800 }] }, s.owner1);
    await s.one.services.sync.syncOnce();
    await s.two.services.sync.syncOnce();
    expect(levelOf(s.two, s.product.at2)).toEqual({ on_hand: 20, value_fen: 16000 });
    // The product's new stock settings travel with it.
    expect((await ok(s.two, 'stock.byCode', { code: 'CAKE' }, s.owner2))).toMatchObject({ minQty: 5, avgCostFen: 800 });

    await sell(s.one, s.owner1, s.product.at1, 3);
    await sell(s.two, s.owner2, s.product.at2, 4);
    await s.one.services.sync.syncOnce();
    await s.two.services.sync.syncOnce();
    await s.one.services.sync.syncOnce();
    expect(levelOf(s.one, s.product.at1)).toEqual({ on_hand: 13, value_fen: 10400 });
    expect(levelOf(s.two, s.product.at2)).toEqual({ on_hand: 13, value_fen: 10400 });

    // Till 2 counts 12 on the shelf: one cake the books did not know was gone.
    const count = await ok(s.two, 'stock.countStart', {}, s.owner2);
    await ok(s.two, 'stock.countScan', { countId: count.id, code: 'CAKE', qty: 12 }, s.owner2);
    await ok(s.two, 'stock.countApprove', { countId: count.id }, s.owner2);
    await s.two.services.sync.syncOnce();
    await s.one.services.sync.syncOnce();
    for (const [t, id] of [[s.one, s.product.at1], [s.two, s.product.at2]] as const) {
      expect(levelOf(t, id)).toEqual({ on_hand: 12, value_fen: 9600 });
      expect(movesOf(t)).toBe(4); // receive, two sales, one correction
    }
    const facts = await shop.server.db.pool.query<{ tbl: string; n: string }>("SELECT tbl, count(*) AS n FROM facts WHERE tbl LIKE 'stock_%' GROUP BY tbl ORDER BY tbl");
    expect(facts.rows.map((r) => [r.tbl, Number(r.n)])).toEqual([['stock_count_closes', 1], ['stock_count_lines', 1], ['stock_counts', 1], ['stock_moves', 4], ['stock_receipts', 1]]);
    // Margin at either till: 7 sold at ¥15 with a cost of ¥8 each.
    const today = s.one.services.clock.now();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    const m = await ok(s.one, 'stock.margin', { from: day, to: day }, s.owner1);
    expect(m.totals).toEqual({ qty: 7, revenueFen: 10500, cogsFen: 5600, marginFen: 4900 });
  });
});
