import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const shops: Shop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });
async function shop(opts: Parameters<typeof openShop>[0] = {}) {
  const s = await openShop(opts);
  shops.push(s);
  return s;
}

describe('catalogue', () => {
  it('finds products by barcode, sku, pinyin initials and name', async () => {
    const { core, cashier, products } = await shop();
    const cola = products[0]!;
    expect(await ok(core, 'products.byCode', { code: cola.barcodes[0]! }, cashier.token)).toMatchObject({ id: cola.id });
    expect(await ok(core, 'products.byCode', { code: 'KL330' }, cashier.token)).toMatchObject({ id: cola.id });
    expect(await ok(core, 'products.byCode', { code: '0000000' }, cashier.token)).toBeNull();
    expect((await ok(core, 'products.search', { query: 'kkkl' }, cashier.token)).map((p) => p.name)).toEqual(['可口可乐 330ml']);
    // `kl` is inside kkkl: still found.
    expect((await ok(core, 'products.search', { query: 'kl' }, cashier.token)).map((p) => p.name)).toContain('可口可乐 330ml');
    expect((await ok(core, 'products.search', { query: 'nfsq' }, cashier.token)).map((p) => p.name)).toEqual(['农夫山泉 550ml']);
    expect((await ok(core, 'products.search', { query: '薯片' }, cashier.token)).map((p) => p.name)).toEqual(['乐事薯片 原味 70g']);
    expect(await ok(core, 'products.search', { query: '%' }, cashier.token)).toEqual([]);
  });

  it('refuses a wrong check digit and a barcode that belongs to another product', async () => {
    const { core, owner, products } = await shop();
    const bad = await core.dispatcher.call('products.save', { sku: 'X1', name: '测试', priceFen: 100, barcodes: ['6901234567890'] }, owner);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input', messageKey: 'errors.barcode_check_digit' } });
    const taken = await core.dispatcher.call('products.save', { sku: 'X2', name: '测试', priceFen: 100, barcodes: products[0]!.barcodes }, owner);
    expect(taken).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors.barcode_taken' } });
  });

  it('cashiers read the catalogue but cannot change it', async () => {
    const { core, cashier } = await shop();
    expect(await core.dispatcher.call('products.save', { sku: 'X', name: 'x', priceFen: 1 }, cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('sales', () => {
  it('commits a split cash + WeChat sale in one go, with change and a readable receipt number', async () => {
    const { core, cashier, products } = await shop({ clock: { now: () => new Date('2026-11-22T10:15:00') } });
    const [cola, chips] = products;
    const r = await ok(core, 'sales.commit', {
      clientRef: clientRef(),
      lines: [{ productId: cola!.id, qty: 3 }, { productId: chips!.id, qty: 1 }],
      payments: [{ method: 'cash', amountFen: 1000, tenderedFen: 2000 }, { method: 'wechat', amountFen: 650 }],
      expectedTotalFen: 1650,
    }, cashier.token);
    expect(r.changeFen).toBe(1000);
    expect(r.sale).toMatchObject({ receiptNo: '20261122-0001', kind: 'sale', totalFen: 1650, soldAt: '2026-11-22T10:15:00', staffName: '收银小王' });
    expect(r.sale.lines.map((l) => [l.name, l.qty, l.totalFen, l.refundableQty])).toEqual([['可口可乐 330ml', 3, 900, 3], ['乐事薯片 原味 70g', 1, 750, 1]]);
    expect(r.sale.payments).toEqual([
      { method: 'cash', amountFen: 1000, tenderedFen: 2000, changeFen: 1000 },
      { method: 'wechat', amountFen: 650, tenderedFen: null, changeFen: null },
    ]);
    const second = await ok(core, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: cola!.id, qty: 1 }], payments: [{ method: 'alipay', amountFen: 300 }], expectedTotalFen: 300 }, cashier.token);
    expect(second.sale.receiptNo).toBe('20261122-0002');
  });

  it('a retried commit with the same clientRef returns the same sale instead of charging twice', async () => {
    const { core, cashier, products } = await shop();
    const input = { clientRef: clientRef(), lines: [{ productId: products[0]!.id, qty: 1 }], payments: [{ method: 'card' as const, amountFen: 300 }], expectedTotalFen: 300 };
    const a = await ok(core, 'sales.commit', input, cashier.token);
    const b = await ok(core, 'sales.commit', input, cashier.token);
    expect(b.sale.id).toBe(a.sale.id);
    expect(core.db.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 1 });
  });

  it('refuses, writing nothing: payments that do not add up, too little cash, changed prices, no open shift', async () => {
    const { core, cashier, owner, products } = await shop();
    const line = [{ productId: products[0]!.id, qty: 2 }];
    const attempt = (over: object) => core.dispatcher.call('sales.commit', { clientRef: clientRef(), lines: line, payments: [{ method: 'cash', amountFen: 600 }], expectedTotalFen: 600, ...over }, cashier.token);
    expect(await attempt({ payments: [{ method: 'cash', amountFen: 500 }] })).toMatchObject({ ok: false, error: { code: 'rule_violation', messageKey: 'errors.payments_mismatch' } });
    expect(await attempt({ payments: [{ method: 'cash', amountFen: 600, tenderedFen: 500 }] })).toMatchObject({ ok: false, error: { messageKey: 'errors.tendered_too_little' } });
    expect(await attempt({ expectedTotalFen: 500 })).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors.price_changed', details: { totalFen: 600 } } });
    expect(await attempt({ lines: [{ productId: 9999, qty: 1 }] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await attempt({ lines: [{ productId: products[0]!.id, qty: 0 }] })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await attempt({ payments: [{ method: 'stored_value', amountFen: 600 }] })).toMatchObject({ ok: false, error: { messageKey: 'errors.stored_value_needs_member' } });
    await ok(core, 'shifts.close', { countedCashFen: 20000, print: false }, cashier.token);
    expect(await attempt({})).toMatchObject({ ok: false, error: { messageKey: 'errors.no_open_shift' } });
    const counts = core.db.prepare('SELECT (SELECT count(*) FROM sales) s, (SELECT count(*) FROM sale_lines) l, (SELECT count(*) FROM sale_payments) p').get();
    expect(counts).toEqual({ s: 0, l: 0, p: 0 });
    expect(owner).toBeTruthy();
  });

  it('a cashier needs a manager PIN for a mark-down beyond the limit; a manager does not', async () => {
    const { core, cashier, manager, products } = await shop();
    const lines = [{ productId: products[1]!.id, qty: 1, discount: { kind: 'percent' as const, pricePct: 80 } }]; // 20% off > 10%
    const base = { lines, payments: [{ method: 'card' as const, amountFen: 600 }], expectedTotalFen: 600 };
    expect(await core.dispatcher.call('sales.commit', { ...base, clientRef: clientRef() }, cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.approval_required', details: { limitPct: 10 } } });
    expect(await core.dispatcher.call('sales.commit', { ...base, clientRef: clientRef(), approval: { staffId: manager.staffId, pin: '0000' } }, cashier.token)).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect(await core.dispatcher.call('sales.commit', { ...base, clientRef: clientRef(), approval: { staffId: cashier.staffId, pin: '4321' } }, cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.approver_not_manager' } });
    const approved = await ok(core, 'sales.commit', { ...base, clientRef: clientRef(), approval: { staffId: manager.staffId, pin: '4321' } }, cashier.token);
    expect(approved.sale.discountFen).toBe(150);
    expect(core.db.prepare("SELECT staff_id FROM audit_log WHERE action = 'sales.approveMarkdown'").get()).toEqual({ staff_id: manager.staffId });
    expect((await core.dispatcher.call('sales.commit', { ...base, clientRef: clientRef() }, manager.token)).ok).toBe(true);
  });

  it('rounds the total off to the jiao when the shop says so', async () => {
    const { core, cashier, owner, products } = await shop();
    await ok(core, 'checkout.setRules', { rounding: 'jiao' }, owner);
    const p = products[0]!;
    await ok(core, 'products.save', { id: p.id, sku: p.sku, name: p.name, categoryName: '饮料', priceFen: 289, barcodes: p.barcodes }, owner);
    const r = await ok(core, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: products[0]!.id, qty: 1 }], payments: [{ method: 'cash', amountFen: 280 }], expectedTotalFen: 280 }, cashier.token);
    expect(r.sale).toMatchObject({ subtotalFen: 289, roundingFen: 9, totalFen: 280 });
  });
});

describe('held orders', () => {
  it('holds a cart, lists it with its current total, resumes it once', async () => {
    const { core, cashier, products } = await shop();
    const held = await ok(core, 'held.hold', { label: '穿红衣服的顾客', cart: { lines: [{ productId: products[0]!.id, qty: 2 }, { productId: products[3]!.id, qty: 1 }] } }, cashier.token);
    expect(held).toMatchObject({ label: '穿红衣服的顾客', totalFen: 800, lineCount: 2, staffName: '收银小王' });
    expect(await ok(core, 'held.list', {}, cashier.token)).toHaveLength(1);
    const cart = await ok(core, 'held.resume', { id: held.id }, cashier.token);
    expect(cart.lines.map((l) => [l.productId, l.qty])).toEqual([[products[0]!.id, 2], [products[3]!.id, 1]]);
    expect(await ok(core, 'held.list', {}, cashier.token)).toEqual([]);
    expect(await core.dispatcher.call('held.resume', { id: held.id }, cashier.token)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('keeps the coupons and the points to redeem with the held cart', async () => {
    const { core, cashier, products } = await shop();
    const cart = { lines: [{ productId: products[0]!.id, qty: 1 }], coupons: ['C0001234'], redeemPoints: 300 };
    const held = await ok(core, 'held.hold', { label: '', cart }, cashier.token);
    expect(await ok(core, 'held.resume', { id: held.id }, cashier.token)).toMatchObject({ coupons: ['C0001234'], redeemPoints: 300 });
  });

  it('resumes an order held before coupons were kept with none', async () => {
    const { core, cashier, products } = await shop();
    const held = await ok(core, 'held.hold', { label: '', cart: { lines: [{ productId: products[0]!.id, qty: 1 }] } }, cashier.token);
    core.db.prepare('UPDATE held_orders SET cart = ? WHERE id = ?').run(JSON.stringify({ lines: [{ productId: products[0]!.id, qty: 1 }], memberId: null }), held.id);
    expect(await ok(core, 'held.resume', { id: held.id }, cashier.token)).toMatchObject({ coupons: [], redeemPoints: 0 });
  });
});

describe('refunds and shifts', () => {
  it('refunds part of a sale, never more than was paid, and the shift report balances', async () => {
    const { core, cashier, manager, products } = await shop();
    const [cola, chips] = products;
    const { sale } = await ok(core, 'sales.commit', {
      clientRef: clientRef(),
      lines: [{ productId: cola!.id, qty: 3 }, { productId: chips!.id, qty: 1 }],
      payments: [{ method: 'cash', amountFen: 1000, tenderedFen: 1000 }, { method: 'wechat', amountFen: 650 }],
      expectedTotalFen: 1650,
    }, cashier.token);
    const colaLine = sale.lines[0]!;
    expect(await core.dispatcher.call('sales.refund', { saleId: sale.id, clientRef: clientRef(), lines: [{ lineId: colaLine.id, qty: 1 }], payments: [{ method: 'cash', amountFen: 300 }] }, cashier.token))
      .toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ok(core, 'sales.refundQuote', { saleId: sale.id, lines: [{ lineId: colaLine.id, qty: 1 }] }, manager.token)).toEqual({ amountFen: 300 });
    const { refund } = await ok(core, 'sales.refund', { saleId: sale.id, clientRef: clientRef(), lines: [{ lineId: colaLine.id, qty: 1 }], payments: [{ method: 'cash', amountFen: 300 }], reason: '漏气' }, manager.token);
    expect(refund).toMatchObject({ kind: 'refund', totalFen: -300, refundOf: sale.receiptNo });
    expect(refund.lines).toMatchObject([{ name: '可口可乐 330ml', qty: -1, totalFen: -300 }]);
    const after = await ok(core, 'sales.get', { id: sale.id }, cashier.token);
    expect(after.refundedFen).toBe(300);
    expect(after.lines[0]!.refundableQty).toBe(2);
    // Asking for more than is left is refused.
    expect(await core.dispatcher.call('sales.refund', { saleId: sale.id, clientRef: clientRef(), lines: [{ lineId: colaLine.id, qty: 3 }], payments: [{ method: 'cash', amountFen: 900 }] }, manager.token))
      .toMatchObject({ ok: false, error: { messageKey: 'errors.refund_qty_exceeded', details: { refundableQty: 2 } } });
    // Found again by its receipt number (the receipt's barcode).
    expect(await ok(core, 'sales.get', { receiptNo: sale.receiptNo }, cashier.token)).toMatchObject({ id: sale.id });

    const report = await ok(core, 'shifts.close', { countedCashFen: 20700, print: false }, cashier.token);
    expect(report).toMatchObject({
      openingFloatFen: 20000, salesCount: 1, refundsCount: 1,
      expectedCashFen: 20000 + 1000 - 300, countedCashFen: 20700, differenceFen: 0,
    });
    expect(report.byMethod).toEqual([
      { method: 'cash', salesFen: 1000, refundsFen: -300, topUpsFen: 0 },
      { method: 'wechat', salesFen: 650, refundsFen: 0, topUpsFen: 0 },
    ]);
  });

  it('refunding everything in pieces returns exactly what was paid, even after rounding-off and discounts', async () => {
    const { core, cashier, manager, owner, products } = await shop();
    await ok(core, 'checkout.setRules', { rounding: 'yuan' }, owner);
    const { sale } = await ok(core, 'sales.commit', {
      clientRef: clientRef(),
      lines: [{ productId: products[0]!.id, qty: 3, discount: { kind: 'percent', pricePct: 95 } }, { productId: products[1]!.id, qty: 2 }],
      payments: [{ method: 'card', amountFen: 2300 }], expectedTotalFen: 2300,
    }, manager.token);
    let refunded = 0;
    for (const [line, qty] of [[0, 1], [1, 1], [0, 2], [1, 1]] as const) {
      const { amountFen } = await ok(core, 'sales.refundQuote', { saleId: sale.id, lines: [{ lineId: sale.lines[line]!.id, qty }] }, manager.token);
      await ok(core, 'sales.refund', { saleId: sale.id, clientRef: clientRef(), lines: [{ lineId: sale.lines[line]!.id, qty }], payments: [{ method: 'card', amountFen }] }, manager.token);
      refunded += amountFen;
    }
    expect(refunded).toBe(sale.totalFen);
    expect((await ok(core, 'sales.get', { id: sale.id }, cashier.token)).refundedFen).toBe(2300);
  });
});
