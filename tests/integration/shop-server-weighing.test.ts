import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, clientRef } from '../helpers/shop.js';
import { twoTillShop } from '../helpers/two-tills.js';
import { ean13 } from '../../shared/barcode.js';

/**
 * Weighed goods and payment codes with a shop server: a layout switched on and a product made
 * weighed at till 1 reach till 2 (authority rows, the shipped layouts matched by their fixed
 * gids); a weighed sale paid by a payment code and its statement check reach the server as facts
 * and till 2 through the feed; the same code cannot pay again at till 2.
 */
const shop = twoTillShop();
beforeEach(() => shop.start(), 60_000);
afterEach(() => shop.stop());

describe('weighed goods and payment codes across tills', () => {
  it('shares the set-up, the weighed line and the code-paid payment', async () => {
    const s = await shop.twoTills(0);
    const templates = await ok(s.one, 'scale.templates', {}, s.owner1);
    await ok(s.one, 'scale.saveTemplate', { ...templates.find((t) => t.prefix === '21')!, active: true }, s.owner1);
    await ok(s.one, 'scale.setWeighed', { productId: s.product.at1, plu: 7, per: '100g', templateId: 3 }, s.owner1);
    await s.one.services.sync.syncOnce();
    await s.two.services.sync.syncOnce();
    expect((await ok(s.two, 'scale.templates', {}, s.owner2)).filter((t) => t.active).map((t) => t.prefix)).toEqual(['20', '21', '22', '24']);
    expect((await ok(s.two, 'scale.weighedProducts', {}, s.owner2)).items).toEqual([expect.objectContaining({ productId: s.product.at2, plu: 7, per: '100g', templateId: 3 })]);
    // Till 2's PLU file follows a price changed at till 1 (arriving through the feed): ¥15.00 → ¥16.00 per 100 g.
    const pluAt2 = path.join(s.two.dataDir, 'scale', 'plu.csv');
    expect(fs.readFileSync(pluAt2, 'utf8')).toContain('00007,蛋糕,150.00,');
    await ok(s.one, 'products.save', { id: s.product.at1, sku: 'CAKE', name: '蛋糕', categoryName: '烘焙', priceFen: 1600 }, s.owner1);
    await s.one.services.sync.syncOnce();
    await s.two.services.sync.syncOnce();
    await ok(s.two, 'scale.templates', {}, s.owner2);
    expect(fs.readFileSync(pluAt2, 'utf8')).toContain('00007,蛋糕,160.00,');
    await ok(s.one, 'products.save', { id: s.product.at1, sku: 'CAKE', name: '蛋糕', categoryName: '烘焙', priceFen: 1500 }, s.owner1);
    await s.one.services.sync.syncOnce();
    await s.two.services.sync.syncOnce();

    // 250 g at ¥15.00 / 100 g = ¥37.50, paid by WeChat Pay code at till 2.
    const code = '134567890123456789';
    const sale = await ok(s.two, 'sales.commit', {
      clientRef: clientRef(), lines: [{ productId: s.product.at2, qty: 1, weighed: { label: ean13('220000700250') } }],
      payments: [{ method: 'wechat', amountFen: 3750, code }], expectedTotalFen: 3750,
    }, s.owner2);
    expect(sale.sale.lines[0]!.weighed).toMatchObject({ grams: 250, lineFen: 3750 });
    await s.two.services.sync.syncOnce();
    await s.one.services.sync.syncOnce();
    const facts = await shop.server.db.pool.query<{ tbl: string; n: string }>("SELECT tbl, count(*) AS n FROM facts WHERE tbl IN ('sale_line_weights', 'payment_codes') GROUP BY tbl ORDER BY tbl");
    expect(facts.rows.map((r) => [r.tbl, Number(r.n)])).toEqual([['payment_codes', 1], ['sale_line_weights', 1]]);
    const atOne = s.one.db.prepare('SELECT w.grams, l.total_fen FROM sale_line_weights w JOIN sale_lines l ON l.id = w.line_id').all();
    expect(atOne).toEqual([{ grams: 250, total_fen: 3750 }]);
    // Till 1 knows the code now: scanning it again there is refused.
    const again = await s.one.dispatcher.call('sales.commit', {
      clientRef: clientRef(), lines: [{ productId: s.product.at1, qty: 1, weighed: { grams: 100 } }], payments: [{ method: 'wechat', amountFen: 1500, code }], expectedTotalFen: 1500,
    }, s.owner1);
    expect(again).toMatchObject({ ok: false, error: { messageKey: 'errors.payment_code_twice' } });
  });
});
