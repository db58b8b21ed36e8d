import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { ean13, gs1CheckDigit } from '../../../shared/barcode.js';
import { valueCheckDigit } from '../../../shared/scale/check-digits.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const shops: Shop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });

const code18 = (body17: string) => body17 + String(gs1CheckDigit(body17));

/** A shop selling apples by the kg (PLU 12) and nuts by the 100 g (PLU 13), apples stocked in grams. */
async function weighShop() {
  const s = await openShop({ clock: { now: () => new Date('2026-11-22T10:15:00') } });
  shops.push(s);
  const apple = await ok(s.core, 'products.save', { sku: 'PG', name: '红富士苹果', categoryName: '水果', priceFen: 1280, pointsPct: 100 }, s.owner);
  const nuts = await ok(s.core, 'products.save', { sku: 'JG', name: '散装坚果', categoryName: '零食', priceFen: 398, pointsPct: 100 }, s.owner);
  // A product sold by count whose SKU looks like a PLU: a label for it is refused as "not sold by weight".
  await ok(s.core, 'products.save', { sku: '00077', name: '面包（计件）', priceFen: 500 }, s.owner);
  await ok(s.core, 'scale.setWeighed', { productId: apple.id, plu: 12, per: 'kg', templateId: 3 }, s.manager.token);
  await ok(s.core, 'scale.setWeighed', { productId: nuts.id, plu: 13, per: '100g', templateId: 1 }, s.manager.token);
  await ok(s.core, 'stock.settings', { productId: apple.id, stocked: true, unit: 'gram', saleGrams: 200 }, s.manager.token);
  await ok(s.core, 'stock.opening', { productId: apple.id, qty: 10_000, unitCostFen: 800 }, s.manager.token);
  const salesCount = () => (s.core.db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
  return { ...s, apple, nuts, salesCount };
}

describe('scale labels at the till', () => {
  it('reads every shipped layout and prices it exactly', async () => {
    const s = await weighShop();
    const read = (code: string) => ok(s.core, 'scale.readLabel', { code }, s.cashier.token);
    // 22 + PLU + weight (g): priced by the till, 1.250 kg × ¥12.80 = ¥16.00.
    expect(await read(ean13('220001201250'))).toMatchObject({ product: { id: s.apple.id }, weighed: { grams: 1250, lineFen: 1600, unitPriceFen: 1280, per: 'kg', source: 'weight_label' } });
    // 333 g × ¥12.80/kg = 426.24 fen -> 426 (half up to the fen).
    expect((await read(ean13('220001200333'))).weighed.lineFen).toBe(426);
    // 20 + PLU + price (fen): the printed price, and the weight it implies (¥9.95 at ¥3.98/100 g = 250 g).
    expect(await read(ean13('200001300995'))).toMatchObject({ product: { id: s.nuts.id }, weighed: { grams: 250, lineFen: 995, source: 'price_label' } });
    // 18 digits: 24 + PLU + price + weight; the printed price wins, the printed weight is shown.
    expect(await read(code18('24000120160101250'))).toMatchObject({ weighed: { grams: 1250, lineFen: 1601, source: 'price_label' } });
    // The jiao layout (21) and the price-check layout (23) ship switched off: once on, they read too.
    const templates = await ok(s.core, 'scale.templates', {}, s.cashier.token);
    for (const id of [2, 4]) await ok(s.core, 'scale.saveTemplate', { ...templates.find((t) => t.id === id)!, active: true }, s.manager.token);
    expect((await read(ean13('210001300099'))).weighed.lineFen).toBe(990);
    expect((await read(ean13(`2300013${valueCheckDigit('0995')}0995`))).weighed.lineFen).toBe(995);
  });

  it('refuses bad labels with a clear message and writes nothing', async () => {
    const s = await weighShop();
    const before = s.salesCount();
    const fail = async (code: string) => {
      const r = await s.core.dispatcher.call('scale.readLabel', { code }, s.cashier.token);
      expect(r.ok).toBe(false);
      const bad = await s.core.dispatcher.call('sales.commit', {
        clientRef: clientRef(), lines: [{ productId: s.apple.id, qty: 1, weighed: { label: code } }], payments: [{ method: 'cash', amountFen: 100 }], expectedTotalFen: 100,
      }, s.cashier.token);
      expect(bad.ok).toBe(false);
      return r.ok ? null : r.error;
    };
    expect(await fail(ean13('250001201250'))).toMatchObject({ messageKey: 'errors.scale_unknown_prefix' });
    expect(await fail(ean13('220007701250'))).toMatchObject({ messageKey: 'errors.scale_not_weighed', details: { name: '面包（计件）' } });
    expect(await fail(ean13('220009901250'))).toMatchObject({ messageKey: 'errors.scale_plu_unknown' });
    expect(await fail(ean13('220001200000'))).toMatchObject({ messageKey: 'errors.scale_zero_weight' });
    expect(await fail(ean13('220001230001'))).toMatchObject({ messageKey: 'errors.scale_over_range', details: { maxKg: 30 } });
    const broken = ean13('220001201250');
    expect(await fail(broken.slice(0, -1) + String((Number(broken.at(-1)) + 1) % 10))).toMatchObject({ messageKey: 'errors.scale_check_digit' });
    // The weight of a product not sold by weight, from the till's scale.
    const cola = s.products[0]!;
    expect(await s.core.dispatcher.call('scale.priceWeight', { productId: cola.id, grams: 500 }, s.cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.scale_not_weighed' } });
    expect(await s.core.dispatcher.call('scale.priceWeight', { productId: s.apple.id, grams: 30_001 }, s.cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.scale_over_range' } });
    expect(s.salesCount()).toBe(before);
    expect(s.core.db.prepare('SELECT count(*) AS n FROM sale_line_weights').get()).toEqual({ n: 0 });
  });
});

describe('weighed lines through a sale, points and refunds', () => {
  it('sells two labels of one PLU as two lines, with member price, points and stock in grams', async () => {
    const s = await weighShop();
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678', name: '王芳' }, s.cashier.token);
    s.core.db.prepare('UPDATE members SET tier_id = 3 WHERE id = ?').run(m.id); // 金卡: 95折, 1.5× points
    const a = ean13('220001201250');
    const b = ean13('220001200800');
    // ¥16.00 × 95% = ¥15.20; 800 g × ¥12.80 = ¥10.24 × 95% = 972.8 -> ¥9.73; total ¥24.93.
    const r = await ok(s.core, 'sales.commit', {
      clientRef: clientRef(), memberId: m.id,
      lines: [{ productId: s.apple.id, qty: 1, weighed: { label: a } }, { productId: s.apple.id, qty: 1, weighed: { label: b } }],
      payments: [{ method: 'cash', amountFen: 2493, tenderedFen: 3000 }], expectedTotalFen: 2493,
    }, s.cashier.token);
    expect(r.sale.lines.map((l) => [l.qty, l.unitPriceFen, l.totalFen, l.weighed?.grams, l.weighed?.refundableGrams])).toEqual([[1, 1600, 1520, 1250, 1250], [1, 1024, 973, 800, 800]]);
    // The receipt prints each line's weight and price per kg.
    const receipt = await ok(s.core, 'receipts.preview', { saleId: r.sale.id }, s.cashier.token);
    expect(receipt.text).toMatch(/1\.250kg × ￥12\.80\/kg\s+￥15\.20/); // after the 金卡 95折
    expect(receipt.text).toMatch(/0\.800kg × ￥12\.80\/kg\s+￥9\.73/);
    // ¥24.93 × 1.5 = 37.4 -> 37 points.
    expect(r.sale.pointsEarned).toBe(37);
    const level = await ok(s.core, 'stock.levels', { offset: 0, limit: 10, query: '苹果' }, s.manager.token);
    expect(level.items[0]).toMatchObject({ onHand: 10_000 - 2050 });

    // Partial refunds by weight add up to exactly the line: 500 g, then the rest (750 g).
    const first = await ok(s.core, 'sales.refundQuote', { saleId: r.sale.id, lines: [{ lineId: r.sale.lines[0]!.id, qty: 1, grams: 500 }] }, s.manager.token);
    expect(first.amountFen).toBe(608); // 1520 × 500/1250
    await ok(s.core, 'sales.refund', { saleId: r.sale.id, clientRef: clientRef(), lines: [{ lineId: r.sale.lines[0]!.id, qty: 1, grams: 500 }], payments: [{ method: 'cash', amountFen: 608 }] }, s.manager.token);
    const mid = await ok(s.core, 'sales.get', { id: r.sale.id }, s.manager.token);
    expect([mid.lines[0]!.refundableQty, mid.lines[0]!.weighed?.refundableGrams]).toEqual([1, 750]);
    const over = await s.core.dispatcher.call('sales.refundQuote', { saleId: r.sale.id, lines: [{ lineId: r.sale.lines[0]!.id, qty: 1, grams: 751 }] }, s.manager.token);
    expect(over).toMatchObject({ ok: false, error: { messageKey: 'errors.scale_refund_grams', details: { refundableGrams: 750 } } });
    const rest = await ok(s.core, 'sales.refundQuote', { saleId: r.sale.id, lines: [{ lineId: r.sale.lines[0]!.id, qty: 1 }] }, s.manager.token);
    expect(rest.amountFen).toBe(1520 - 608);
    await ok(s.core, 'sales.refund', { saleId: r.sale.id, clientRef: clientRef(), lines: [{ lineId: r.sale.lines[0]!.id, qty: 1 }], payments: [{ method: 'cash', amountFen: 912 }] }, s.manager.token);
    const after = await ok(s.core, 'sales.get', { id: r.sale.id }, s.manager.token);
    expect([after.lines[0]!.refundableQty, after.lines[0]!.weighed?.refundableGrams, after.refundedFen]).toEqual([0, 0, 1520]);
    // The stock came back gram for gram; the points went back by the same rule.
    const back = await ok(s.core, 'stock.levels', { offset: 0, limit: 10, query: '苹果' }, s.manager.token);
    expect(back.items[0]).toMatchObject({ onHand: 10_000 - 800 });
    const pts = s.core.db.prepare("SELECT coalesce(sum(delta), 0) AS n FROM points_ledger WHERE member_id = ?").get(m.id) as { n: number };
    expect(pts.n).toBe(37 - 23); // 37 × 1520/2493 = 22.6 -> 23 reversed, by the refund rule
  });

  it('sells a weight from the till scale and refuses a cart that lies about the product or the quantity', async () => {
    const s = await weighShop();
    const w = await ok(s.core, 'scale.priceWeight', { productId: s.nuts.id, grams: 375 }, s.cashier.token);
    expect(w).toMatchObject({ lineFen: 1493, source: 'scale' }); // 375 g × ¥3.98/100 g = 1492.5 -> 1493
    const r = await ok(s.core, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: s.nuts.id, qty: 1, weighed: { grams: 375 } }], payments: [{ method: 'card', amountFen: 1493 }], expectedTotalFen: 1493 }, s.cashier.token);
    expect(r.sale.lines[0]!.weighed).toMatchObject({ grams: 375, source: 'scale', label: null });
    const other = await s.core.dispatcher.call('sales.commit', { clientRef: clientRef(), lines: [{ productId: s.nuts.id, qty: 1, weighed: { label: ean13('220001201250') } }], payments: [{ method: 'card', amountFen: 1600 }], expectedTotalFen: 1600 }, s.cashier.token);
    expect(other).toMatchObject({ ok: false, error: { messageKey: 'errors.scale_label_other_product' } });
    const two = await s.core.dispatcher.call('sales.commit', { clientRef: clientRef(), lines: [{ productId: s.apple.id, qty: 2, weighed: { label: ean13('220001201250') } }], payments: [{ method: 'card', amountFen: 3200 }], expectedTotalFen: 3200 }, s.cashier.token);
    expect(two).toMatchObject({ ok: false, error: { messageKey: 'errors.scale_weighed_qty' } });
  });

  it('holds and resumes a weighed line with its label (priced again on resume)', async () => {
    const s = await weighShop();
    const label = ean13('220001201250');
    const held = await ok(s.core, 'held.hold', { label: '称重', cart: { lines: [{ productId: s.apple.id, qty: 1, weighed: { label } }, { productId: s.nuts.id, qty: 1, weighed: { grams: 200 } }] } }, s.cashier.token);
    const back = await ok(s.core, 'held.resume', { id: held.id }, s.cashier.token);
    expect(back.lines.map((l) => l.weighed)).toEqual([{ label }, { grams: 200 }]);
  });

  it('keeps weighed lines out of unit promotions but counts them toward 满减', async () => {
    const s = await weighShop();
    const base = { localId: null, startDate: '2026-01-01', endDate: null, weekdays: [], fromTime: null, toTime: null, tierIds: null, perSaleLimit: null, perMemberDayLimit: null, priority: 0, active: true,
      stacks: { others: true, coupons: true, points: true, tier: true }, scope: { all: true, productIds: [], categoryIds: [] } };
    await ok(s.core, 'promotions.save', { ...base, name: '第二件半价', rule: { kind: 'nth', n: 2, pricePct: 50 } }, s.owner);
    await ok(s.core, 'promotions.save', { ...base, name: '满20减5', rule: { kind: 'threshold', steps: [{ minFen: 2000, offFen: 500, pricePct: null }], repeat: false } }, s.owner);
    const lines = [{ productId: s.apple.id, qty: 1, weighed: { label: ean13('220001201250') } }, { productId: s.apple.id, qty: 1, weighed: { label: ean13('220001201250') } }];
    // Two ¥16.00 labels: no 第二件半价 (a label is not a piece), but ¥32.00 reaches 满20减5.
    const r = await ok(s.core, 'sales.commit', { clientRef: clientRef(), lines, payments: [{ method: 'cash', amountFen: 2700 }], expectedTotalFen: 2700 }, s.cashier.token);
    expect(r.sale.totalFen).toBe(2700);
  });
});

describe('scale set-up', () => {
  it('adds a shop layout, refusing one that clashes or sits in the coupon range', async () => {
    const s = await weighShop();
    const mine = { name: '本店 27+PLU4+重量6', length: 13, prefix: '27', pluDigits: 4, kind: 'weight' as const, priceDigits: 0, priceUnit: 'fen' as const, weightDigits: 6, weightUnit: 'g' as const, valueCheck: false, maxGrams: 15_000, active: true };
    const t = await ok(s.core, 'scale.saveTemplate', mine, s.manager.token);
    expect(t).toMatchObject({ id: 6, prefix: '27' });
    expect(await s.core.dispatcher.call('scale.saveTemplate', { ...mine, prefix: '28' }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.core.dispatcher.call('scale.saveTemplate', { ...mine, prefix: '22', pluDigits: 5, weightDigits: 5 }, s.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.scale_template_clash' } });
    expect(await s.core.dispatcher.call('scale.saveTemplate', { ...mine, pluDigits: 5 }, s.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.scale_template_digits_sum' } });
    expect(await s.core.dispatcher.call('scale.saveTemplate', mine, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.core.dispatcher.call('scale.setWeighed', { productId: s.nuts.id, plu: 12 }, s.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.scale_plu_taken' } });
  });

  it('keeps the PLU file in the data folder and rewrites it when a price changes', async () => {
    const s = await weighShop();
    const file = path.join(s.core.dataDir, 'scale', 'plu.csv');
    const csv = await ok(s.core, 'scale.pluCsv', {}, s.manager.token);
    expect(csv).toMatchObject({ rows: 2, file });
    expect(fs.readFileSync(file, 'utf8')).toBe(csv.csv);
    expect(csv.csv).toContain('00012,红富士苹果,12.80,EAN-13 重量码 22+PLU5+重量5(克),22\r\n');
    expect(csv.csv).toContain('00013,散装坚果,39.80,');
    await ok(s.core, 'products.save', { id: s.apple.id, sku: 'PG', name: '红富士苹果', categoryName: '水果', priceFen: 1580 }, s.owner);
    expect(fs.readFileSync(file, 'utf8')).toContain('00012,红富士苹果,15.80,');
    // A price changed by a CSV import is followed too; the file is not rewritten when nothing it says changed.
    const csvIn = 'sku,barcode,name,category,price,points_rule\nJG,,散装坚果,零食,4.50,normal\n';
    await ok(s.core, 'products.importCsv', { fileBase64: Buffer.from(csvIn).toString('base64') }, s.owner);
    expect(fs.readFileSync(file, 'utf8')).toContain('00013,散装坚果,45.00,');
    const before = fs.statSync(file).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    const cola = s.products[0]!;
    await ok(s.core, 'products.save', { id: cola.id, sku: cola.sku, name: cola.name, categoryName: cola.categoryName, priceFen: 350, barcodes: cola.barcodes }, s.owner);
    expect(fs.statSync(file).mtimeMs).toBe(before);
  });
});
