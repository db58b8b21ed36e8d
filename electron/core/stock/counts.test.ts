import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../tests/helpers/shop.js';
import { stockShop, type StockShop } from '../../../tests/helpers/stock-shop.js';

const shops: StockShop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });
async function shop() {
  const s = await stockShop();
  shops.push(s);
  return s;
}
const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('counting while selling (不停业盘点)', () => {
  it('corrects exactly the goods the ledger did not know about, whatever sells before and after each item is counted', async () => {
    const s = await shop();
    await s.receive([{ productId: s.cola.id, qty: 10, unitCostFen: 200 }, { productId: s.water.id, qty: 20, unitCostFen: 100 }]);
    // On the shelf: 9 colas (one went missing) and 20 waters; the ledger says 10 and 20.
    const count = await ok(s.core, 'stock.countStart', { note: '月底盘点' }, s.manager.token);
    await s.sell([{ productId: s.cola.id, qty: 2 }]); // before the colas are counted: shelf 7, ledger 8
    for (let i = 0; i < 7; i++) await ok(s.core, 'stock.countScan', { countId: count.id, code: s.cola.barcodes[0]! }, s.cashier.token);
    await s.sell([{ productId: s.cola.id, qty: 1 }, { productId: s.water.id, qty: 5 }]); // after colas, before waters: shelf 6 / 15
    await ok(s.core, 'stock.countScan', { countId: count.id, code: s.water.barcodes[0]!, qty: 12 }, s.cashier.token); // a case of 12
    await ok(s.core, 'stock.countScan', { countId: count.id, code: s.water.barcodes[0]!, qty: 3 }, s.cashier.token);
    await s.sell([{ productId: s.water.id, qty: 1 }]);
    const review = await ok(s.core, 'stock.countReview', { countId: count.id }, s.manager.token);
    const byName = Object.fromEntries(review.lines.map((l) => [l.sku, l]));
    expect(byName.KL330).toMatchObject({ counted: 7, expected: 8, diff: -1, valueFen: -200, onHandNow: 7 });
    expect(byName.NF550).toMatchObject({ counted: 15, expected: 15, diff: 0, valueFen: 0, onHandNow: 14 });
    expect(review).toMatchObject({ totalDiffFen: -200, uncounted: 2 });
    const done = await ok(s.core, 'stock.countApprove', { countId: count.id }, s.manager.token);
    expect(done).toMatchObject({ moves: 1, totalDiffFen: -200, count: { status: 'approved', counted: 2 } });
    // The ledger now holds what the shelves hold: 6 colas, 14 waters.
    expect((await s.level(s.cola.id)).onHand).toBe(6);
    expect((await s.level(s.water.id)).onHand).toBe(14);
    expect(s.core.db.prepare("SELECT qty, count_id FROM stock_moves WHERE reason = 'count'").all()).toEqual([{ qty: -1, count_id: count.id }]);
    expect(await s.core.dispatcher.call('stock.countScan', { countId: count.id, code: s.cola.barcodes[0]! }, s.cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.stock_count_closed' } });
    expect(await s.core.dispatcher.call('stock.countApprove', { countId: count.id }, s.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.stock_count_closed' } });
  });

  it('refuses an unknown barcode, a product outside the counted category, a second open count and a cashier approving — writing nothing', async () => {
    const s = await shop();
    const categories = await ok(s.core, 'categories.list', {}, s.manager.token);
    const drinks = categories.find((c) => c.name === '饮料')!;
    const count = await ok(s.core, 'stock.countStart', { categoryId: drinks.id }, s.manager.token);
    expect(count).toMatchObject({ categoryName: '饮料', products: 2, status: 'open' });
    const scan = (code: string, qty = 1) => s.core.dispatcher.call('stock.countScan', { countId: count.id, code, qty }, s.cashier.token);
    expect(await scan('6900000000000')).toMatchObject({ ok: false, error: { code: 'not_found', messageKey: 'errors.stock_unknown_barcode' } });
    expect(await scan(s.chips.barcodes[0]!)).toMatchObject({ ok: false, error: { messageKey: 'errors.stock_outside_count', details: { category: '饮料' } } });
    expect(await scan(s.cola.barcodes[0]!, -1)).toMatchObject({ ok: false, error: { messageKey: 'errors.stock_count_below_zero' } });
    expect(await s.core.dispatcher.call('stock.countStart', {}, s.manager.token)).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors.stock_count_open' } });
    expect(await s.core.dispatcher.call('stock.countStart', {}, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.core.dispatcher.call('stock.countApprove', { countId: count.id }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(s.rows('stock_count_lines')).toBe(0);
    await scan(s.cola.barcodes[0]!, 2);
    expect(await ok(s.core, 'stock.countScan', { countId: count.id, code: s.cola.barcodes[0]!, qty: -1 }, s.cashier.token)).toMatchObject({ counted: 1 });
    expect(await ok(s.core, 'stock.countCurrent', {}, s.cashier.token)).toMatchObject({ id: count.id, counted: 1 });
    expect(await ok(s.core, 'stock.countCancel', { countId: count.id }, s.manager.token)).toMatchObject({ status: 'cancelled' });
    expect(s.rows('stock_moves')).toBe(0);
    expect(await ok(s.core, 'stock.countCurrent', {}, s.cashier.token)).toBeNull();
  });

  it("imports a batch scanner's barcode,qty file: broken rows by line, the rest counted", async () => {
    const s = await shop();
    await s.receive([{ productId: s.cola.id, qty: 10, unitCostFen: 200 }]);
    const count = await ok(s.core, 'stock.countStart', {}, s.manager.token);
    const file = ['barcode,qty', `${s.cola.barcodes[0]},8`, '6900000000000,3', `${s.water.barcodes[0]},x`, `${s.water.barcodes[0]},0`, `${s.chips.sku},4`, ''].join('\r\n');
    const r = await ok(s.core, 'stock.countCsv', { countId: count.id, fileBase64: csv(file) }, s.cashier.token);
    expect(r).toEqual({ imported: 3, errors: [{ line: 3, reason: 'unknown_barcode', details: { entity: 'barcode', code: '6900000000000' } }, { line: 4, reason: 'qty', details: { value: 'x' } }] });
    const review = await ok(s.core, 'stock.countReview', { countId: count.id }, s.manager.token);
    expect(review.lines.map((l) => [l.sku, l.counted, l.diff])).toEqual(expect.arrayContaining([['KL330', 8, -2], ['NF550', 0, 0], ['SP70', 4, 4]]));
    const bad = await ok(s.core, 'stock.countCsv', { countId: count.id, fileBase64: csv('qty\n3') }, s.cashier.token);
    expect(bad).toMatchObject({ imported: 0, errors: [{ reason: 'header' }] });
  });
});
