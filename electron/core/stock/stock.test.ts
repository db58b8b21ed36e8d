import { afterEach, describe, expect, it } from 'vitest';
import { ok, clientRef } from '../../../tests/helpers/shop.js';
import { stockShop, type StockShop } from '../../../tests/helpers/stock-shop.js';

const shops: StockShop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });
async function shop() {
  const s = await stockShop();
  shops.push(s);
  return s;
}
const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('moving-average cost', () => {
  it('matches the hand-worked example: 10 @ ¥2.00, 30 @ ¥3.00, sell 4, 12 @ ¥3.50', async () => {
    const s = await shop();
    await s.receive([{ productId: s.cola.id, qty: 10, unitCostFen: 200 }]);
    // (10 × 200 + 30 × 300) / 40 = 11000 / 40 = 275 fen
    await s.receive([{ productId: s.cola.id, qty: 30, unitCostFen: 300 }]);
    expect(await s.level(s.cola.id)).toMatchObject({ onHand: 40, valueFen: 11000, avgCostFen: 275 });
    // 4 go out at 275 = 1100 fen of cost; 36 left worth 9900, still 275 each
    const sale = await s.sell([{ productId: s.cola.id, qty: 4 }]);
    expect(s.core.db.prepare('SELECT qty, value_fen FROM stock_moves WHERE sale_id = ?').get(sale.sale.id)).toEqual({ qty: -4, value_fen: -1100 });
    expect(await s.level(s.cola.id)).toMatchObject({ onHand: 36, valueFen: 9900, avgCostFen: 275 });
    // (9900 + 12 × 350) / 48 = 14100 / 48 = 293.75 → shown as 294 fen; the value stays exact
    await s.receive([{ productId: s.cola.id, qty: 12, unitCostFen: 350 }]);
    expect(await s.level(s.cola.id)).toMatchObject({ onHand: 48, valueFen: 14100, avgCostFen: 294 });
    // Selling everything takes exactly the value left: no fen stranded on an empty shelf.
    await s.sell([{ productId: s.cola.id, qty: 48 }]);
    expect(await s.level(s.cola.id)).toMatchObject({ onHand: 0, valueFen: 0, avgCostFen: 350 });
  });

  it('a weighed product is kept in grams and costed per kg', async () => {
    const s = await shop();
    await ok(s.core, 'stock.settings', { productId: s.chips.id, stocked: true, unit: 'gram', saleGrams: 70 }, s.manager.token);
    await s.receive([{ productId: s.chips.id, qty: 5000, unitCostFen: 4000 }]); // 5 kg at ¥40/kg = ¥200
    await s.sell([{ productId: s.chips.id, qty: 2 }]); // 2 × 70 g = 140 g at 4 fen/g
    expect(await s.level(s.chips.id)).toMatchObject({ unit: 'gram', onHand: 4860, valueFen: 19440, avgCostFen: 4000 });
    expect(await s.core.dispatcher.call('stock.settings', { productId: s.chips.id, stocked: true, unit: 'gram' }, s.manager.token))
      .toMatchObject({ ok: false, error: { code: 'bad_input', messageKey: 'errors.stock_sale_grams_required' } });
    expect(await s.core.dispatcher.call('stock.settings', { productId: s.chips.id, stocked: true, unit: 'piece' }, s.manager.token))
      .toMatchObject({ ok: false, error: { messageKey: 'errors.stock_unit_locked' } });
  });
});

describe('sales, refunds, losses and below zero', () => {
  it('a sale writes its moves in its own transaction; a refund puts back what it took at the cost it went out; below zero is allowed and flagged', async () => {
    const s = await shop();
    await s.receive([{ productId: s.cola.id, qty: 3, unitCostFen: 200 }]);
    const sale = await s.sell([{ productId: s.cola.id, qty: 5 }, { productId: s.water.id, qty: 1 }]);
    expect(sale.belowZero).toEqual([s.cola.id, s.water.id]);
    // 3 at the average (600) + 2 more at the last cost (400)
    expect(await s.level(s.cola.id)).toMatchObject({ onHand: -2, valueFen: -400, belowZero: true });
    expect((await ok(s.core, 'stock.levels', { filter: 'negative' }, s.manager.token)).items.map((i) => i.sku).sort()).toEqual(['KL330', 'NF550']);
    const line = sale.sale.lines.find((l) => l.productId === s.cola.id)!;
    await s.refund(sale.sale.id, [{ lineId: line.id, qty: 2 }]);
    await s.refund(sale.sale.id, [{ lineId: line.id, qty: 3 }]);
    expect(await s.level(s.cola.id)).toMatchObject({ onHand: 3, valueFen: 600 });
    expect(s.core.db.prepare("SELECT sum(qty) AS q, sum(value_fen) AS v FROM stock_moves WHERE reason = 'refund'").get()).toEqual({ q: 5, v: 1000 });
    // A sale that fails (wrong total) writes no move.
    const before = s.rows('stock_moves');
    expect(await s.core.dispatcher.call('sales.commit', { clientRef: clientRef(), lines: [{ productId: s.cola.id, qty: 1 }], payments: [{ method: 'cash', amountFen: 1 }], expectedTotalFen: 1 }, s.cashier.token)).toMatchObject({ ok: false });
    expect(s.rows('stock_moves')).toBe(before);
  });

  it('a product marked not stocked has no moves; a loss is valued at the average and needs a reason', async () => {
    const s = await shop();
    await ok(s.core, 'stock.settings', { productId: s.smokes.id, stocked: false }, s.manager.token);
    await s.sell([{ productId: s.smokes.id, qty: 1 }]);
    expect(s.rows('stock_moves')).toBe(0);
    expect(await s.core.dispatcher.call('stock.loss', { productId: s.smokes.id, qty: 1, reason: 'damaged' }, s.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.stock_not_stocked' } });
    await ok(s.core, 'stock.opening', { productId: s.cola.id, qty: 10, unitCostFen: 250 }, s.manager.token);
    expect(await s.core.dispatcher.call('stock.opening', { productId: s.cola.id, qty: 1, unitCostFen: 1 }, s.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.stock_opening_exists' } });
    expect(await ok(s.core, 'stock.loss', { productId: s.cola.id, qty: 2, reason: 'expired', note: '过期' }, s.manager.token)).toMatchObject({ onHand: 8, valueFen: 2000 });
    expect(await s.core.dispatcher.call('stock.loss', { productId: s.cola.id, qty: 1, reason: 'lost' } as never, s.manager.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.core.dispatcher.call('stock.loss', { productId: s.cola.id, qty: 1, reason: 'tasting' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(s.core.db.prepare("SELECT loss_reason, note FROM stock_moves WHERE reason = 'loss'").all()).toEqual([{ loss_reason: 'expired', note: '过期' }]);
    expect(() => s.core.db.prepare('UPDATE stock_moves SET qty = 1').run()).toThrow(/append-only/);
    expect(() => s.core.db.prepare('DELETE FROM stock_moves').run()).toThrow(/append-only/);
  });
});

describe('receiving slips', () => {
  it('refuses negative or zero quantities and unknown products, writing nothing', async () => {
    const s = await shop();
    const attempt = (lines: unknown[]) => s.core.dispatcher.call('stock.receive', { clientRef: clientRef(), supplier: '供应商', lines } as never, s.manager.token);
    expect(await attempt([{ productId: s.cola.id, qty: 5, unitCostFen: 100 }, { productId: s.water.id, qty: -2, unitCostFen: 100 }])).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await attempt([{ productId: s.cola.id, qty: 0, unitCostFen: 100 }])).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await attempt([{ productId: s.cola.id, qty: 1, unitCostFen: -1 }])).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await attempt([{ productId: s.cola.id, qty: 5, unitCostFen: 100 }, { productId: 9999, qty: 1, unitCostFen: 100 }])).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(s.rows('stock_moves') + s.rows('stock_receipts')).toBe(0);
    const input = { clientRef: clientRef(), supplier: '供应商', lines: [{ productId: s.cola.id, qty: 24, unitCostFen: 180 }] };
    const a = await ok(s.core, 'stock.receive', input, s.manager.token);
    const b = await ok(s.core, 'stock.receive', input, s.manager.token);
    expect(b.id).toBe(a.id);
    expect(a).toMatchObject({ supplier: '供应商', source: 'scan', lines: 1, totalFen: 4320 });
    expect(await s.core.dispatcher.call('stock.receive', { ...input, clientRef: clientRef() }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a CSV reports its broken rows by line and receives the rest as one slip', async () => {
    const s = await shop();
    const file = ['barcode,qty,unit_cost', `${s.cola.barcodes[0]},24,1.80`, '6900000000000,5,1.00', `${s.water.barcodes[0]},-3,1.00`,
      `${s.water.barcodes[0]},12,abc`, `${s.chips.sku},10,4.5`, `${s.water.barcodes[0]},6`].join('\n');
    const r = await ok(s.core, 'stock.receiveCsv', { clientRef: clientRef(), supplier: '批发市场', fileBase64: csv(file) }, s.manager.token);
    expect(r.imported).toBe(2);
    expect(r.errors).toEqual([
      { line: 3, reason: 'unknown_barcode', details: { code: '6900000000000' } },
      { line: 4, reason: 'qty', details: { value: '-3' } },
      { line: 5, reason: 'unit_cost', details: { value: 'abc' } },
      { line: 7, reason: 'column_count', details: { columns: 2 } },
    ]);
    expect(r.receipt).toMatchObject({ supplier: '批发市场', source: 'csv', lines: 2, totalFen: 24 * 180 + 10 * 450 });
    expect(await s.level(s.chips.id)).toMatchObject({ onHand: 10, avgCostFen: 450 });
    const none = await ok(s.core, 'stock.receiveCsv', { clientRef: clientRef(), supplier: 'x', fileBase64: csv('code,qty\n1,2') }, s.manager.token);
    expect(none).toMatchObject({ receipt: null, imported: 0, errors: [{ reason: 'header' }] });
    expect(s.rows('stock_receipts')).toBe(1);
  });
});

describe('low stock and margin', () => {
  it('lists products below their minimum with 28-day sales and days of cover, and exports them', async () => {
    const s = await shop();
    await ok(s.core, 'stock.settings', { productId: s.cola.id, stocked: true, minQty: 20 }, s.manager.token);
    await ok(s.core, 'stock.settings', { productId: s.water.id, stocked: true, minQty: 5 }, s.manager.token);
    await s.receive([{ productId: s.cola.id, qty: 100, unitCostFen: 200 }, { productId: s.water.id, qty: 50, unitCostFen: 100 }]);
    // 84 colas over the window (3 a day for 28 days, counted by business day), none of today's.
    for (let d = 28; d >= 1; d--) {
      s.clock.set(new Date(Date.parse('2026-11-22T10:00:00') - d * 86_400_000));
      await s.sell([{ productId: s.cola.id, qty: 3 }]);
    }
    s.clock.set('2026-11-22T10:00:00');
    await s.sell([{ productId: s.cola.id, qty: 2 }]);
    const low = await ok(s.core, 'stock.lowStock', {}, s.manager.token);
    expect(low.total).toBe(1);
    expect(low.items[0]).toMatchObject({ sku: 'KL330', onHand: 14, minQty: 20, sold28: 84, avgDaily: 3, coverDays: 4.7, shortfall: 6 });
    const out = await ok(s.core, 'stock.lowStockCsv', {}, s.manager.token);
    expect(out.rows).toBe(1);
    expect(out.csv.replace(/^\uFEFF/, '').split('\n')[1]).toBe(`KL330,${s.cola.barcodes[0]},可口可乐 330ml,饮料,piece,14,20,84,3,4.7,6`);
    expect(await s.core.dispatcher.call('stock.lowStock', {}, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('margin equals an independent computation from the sale lines and the moves', async () => {
    const s = await shop();
    await s.receive([{ productId: s.cola.id, qty: 50, unitCostFen: 180 }, { productId: s.chips.id, qty: 30, unitCostFen: 500 }]);
    const a = await s.sell([{ productId: s.cola.id, qty: 7 }, { productId: s.chips.id, qty: 2 }]);
    await s.receive([{ productId: s.cola.id, qty: 10, unitCostFen: 240 }]);
    s.clock.set('2026-11-23T09:00:00');
    await s.sell([{ productId: s.cola.id, qty: 4 }, { productId: s.smokes.id, qty: 1 }]);
    await s.refund(a.sale.id, [{ lineId: a.sale.lines[1]!.id, qty: 1 }]);
    const m = await ok(s.core, 'stock.margin', { from: '2026-11-22', to: '2026-11-23' }, s.manager.token);
    // Independently: revenue = every product line's total; cost = −(moves of sales and refunds).
    const lines = s.core.db.prepare('SELECT sum(total_fen) AS r FROM sale_lines l JOIN products p ON p.id = l.product_id WHERE p.stocked = 1').get() as { r: number };
    const cogs = s.core.db.prepare("SELECT -sum(value_fen) AS c FROM stock_moves WHERE reason IN ('sale','refund')").get() as { c: number };
    expect(m.totals).toEqual({ qty: 7 + 2 + 4 + 1 - 1, revenueFen: lines.r, cogsFen: cogs.c, marginFen: lines.r - cogs.c });
    // By hand: day 1 cola 7 × 180, chips 2 × 500; day 2 cola 4 at (43×180 + 10×240)/53, smokes 1 with no cost known, chips −1 × 500.
    expect(m.days.map((d) => [d.date, d.cogsFen])).toEqual([['2026-11-22', 7 * 180 + 2 * 500], ['2026-11-23', Math.round((4 * (43 * 180 + 2400)) / 53) - 500]]);
    expect(m.days.reduce((t, d) => t + d.marginFen, 0)).toBe(m.totals.marginFen);
    expect(m.categories.reduce((t, c) => t + c.marginFen, 0)).toBe(m.totals.marginFen);
    expect(m.products.reduce((t, p) => t + p.revenueFen, 0)).toBe(m.totals.revenueFen);
    expect(await s.core.dispatcher.call('stock.margin', { from: '2026-11-22', to: '2026-11-23' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.core.dispatcher.call('stock.margin', { from: '2026-11-23', to: '2026-11-22' }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
});
