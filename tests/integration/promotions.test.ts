import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openShop, ok, clientRef } from '../helpers/shop.js';
import type { PromotionInput } from '../../shared/contract/promotions.js';
import type { Product } from '../../shared/contract/catalogue.js';
import { priceSale, type CartLine } from '../../renderer/src/features/checkout/model/cart.js';
import { DEFAULT_CHECKOUT_RULES } from '../../electron/core/checkout/rules.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const shops: Shop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });
const NOON = { now: () => new Date('2026-12-07T12:00:00') };
async function shop() {
  const s = await openShop({ clock: NOON });
  shops.push(s);
  return s;
}

const base = (over: Partial<PromotionInput>): PromotionInput => ({
  localId: null, active: true, name: '促销', rule: { kind: 'nth', n: 2, pricePct: 50 }, priority: 0, startDate: '2026-12-01', endDate: null,
  weekdays: [], fromTime: null, toTime: null, tierIds: null, perSaleLimit: null, perMemberDayLimit: null,
  stacks: { others: true, coupons: true, points: true, tier: true }, scope: { all: false, productIds: [], categoryIds: [] }, ...over,
});

/** The page's price for these lines, from what promotions.forSale hands the till (the page = core property). */
async function pagePrice(s: Shop, products: readonly Product[], lines: Array<{ product: Product; qty: number }>): Promise<number> {
  const forSale = await ok(s.core, 'promotions.forSale', { memberId: null }, s.cashier.token);
  const cart: CartLine[] = lines.map((l, i) => ({ key: `k${i}`, product: l.product, qty: l.qty, priceOverrideFen: null, discount: null, countCardId: null }));
  void products;
  return priceSale(cart, { rules: DEFAULT_CHECKOUT_RULES, rewards: null, member: null, today: new Date(forSale.now),
    promotions: { promotions: forSale.promotions, usedToday: forSale.usedToday, now: new Date(forSale.now) } }, 0, 0).cart.totalFen;
}

describe('promotions in the core', () => {
  it('refuses contradictory settings next to the field, writing nothing', async () => {
    const s = await shop();
    const cola = s.products[0]!;
    const refused = async (input: PromotionInput) => {
      const r = await s.core.dispatcher.call('promotions.save', input, s.owner);
      expect(r.ok).toBe(false);
      return r.ok ? [] : (r.error.details?.issues as Array<{ path: string; message: string }>).map((i) => `${i.path}:${i.message}`);
    };
    expect(await refused(base({ rule: { kind: 'threshold', repeat: false, steps: [{ minFen: 10_000, offFen: null, pricePct: null }] }, scope: { all: true, productIds: [], categoryIds: [] } })))
      .toEqual(['steps.0.offFen:promotions.errors.amountRequired']);
    expect(await refused(base({ rule: { kind: 'nth', n: 2, pricePct: 150 }, scope: { all: true, productIds: [], categoryIds: [] } }))).toEqual(['pricePct:promotions.errors.pctOver100']);
    expect(await refused(base({ endDate: '2026-11-30', scope: { all: true, productIds: [], categoryIds: [] } }))).toEqual(['endDate:promotions.errors.endBeforeStart']);
    expect(await refused(base({ rule: { kind: 'bundle', items: [{ productId: cola.id, qty: 1 }, { productId: 9999, qty: 1 }], priceFen: 500 } })))
      .toEqual(['items.1.productId:promotions.errors.missing_product']);
    expect(await ok(s.core, 'promotions.list', {}, s.owner)).toEqual([]);
  });

  it('a sale with 第二件半价, 满减 and a gift records which promotion gave what to which line; partial refunds pay back exactly what was paid', async () => {
    const s = await shop();
    const [cola, chips, , water] = s.products;
    await ok(s.core, 'promotions.save', base({ name: '可乐第二件半价', scope: { all: false, productIds: [cola!.id], categoryIds: [] } }), s.owner);
    await ok(s.core, 'promotions.save', base({ name: '满20减3', rule: { kind: 'threshold', repeat: false, steps: [{ minFen: 2_000, offFen: 300, pricePct: null }] }, scope: { all: true, productIds: [], categoryIds: [] } }), s.owner);
    await ok(s.core, 'promotions.save', base({ name: '买薯片送水', rule: { kind: 'gift', buyQty: 2, giftQty: 1, giftProductIds: [water!.id], giftPriceFen: 0 }, scope: { all: false, productIds: [chips!.id], categoryIds: [] } }), s.owner);
    await ok(s.core, 'promotions.save', base({ name: '已过期', endDate: '2026-12-06', rule: { kind: 'special', priceFen: 1, pricePct: null }, scope: { all: true, productIds: [], categoryIds: [] } }), s.owner);
    const lines = [{ product: cola!, qty: 2 }, { product: chips!, qty: 2 }, { product: water!, qty: 1 }];
    const expected = await pagePrice(s, s.products, lines);
    // With every item promotion: 6.00 − 1.50 + 15.00 + (2.00 − 2.00) = 19.50, under 满20. Best for the
    // customer is to leave 第二件半价 out and reach 满20减3: 6.00 + 15.00 + 0 − 3.00 = 18.00.
    expect(expected).toBe(1_800);
    const more = [...lines, { product: cola!, qty: 1 }].map((l, i) => (i === 0 ? { ...l, qty: 3 } : l)).slice(0, 3);
    const total = await pagePrice(s, s.products, more);
    expect(total).toBe(900 - 150 + 1_500 - 300);
    const r = await ok(s.core, 'sales.commit', {
      clientRef: clientRef(), lines: more.map((l) => ({ productId: l.product.id, qty: l.qty })), payments: [{ method: 'cash', amountFen: total }], expectedTotalFen: total,
    }, s.cashier.token);
    expect(r.sale.totalFen).toBe(total);
    const recorded = s.core.db.prepare('SELECT name, sum(discount_fen) AS fen FROM sale_promotions WHERE sale_id = ? GROUP BY name ORDER BY name').all(r.sale.id);
    expect(recorded).toEqual([{ name: '买薯片送水', fen: 200 }, { name: '可乐第二件半价', fen: 150 }, { name: '满20减3', fen: 300 }].sort((a, b) => (a.name < b.name ? -1 : 1)));
    // Refund one cola, then the water (the gift), then the rest: the refunds add up to what was paid.
    const byName = new Map(r.sale.lines.map((l) => [l.productId, l]));
    let refunded = 0;
    for (const part of [[{ lineId: byName.get(cola!.id)!.id, qty: 1 }], [{ lineId: byName.get(water!.id)!.id, qty: 1 }], [{ lineId: byName.get(cola!.id)!.id, qty: 2 }, { lineId: byName.get(chips!.id)!.id, qty: 2 }]]) {
      const q = await ok(s.core, 'sales.refundQuote', { saleId: r.sale.id, lines: part }, s.manager.token);
      if (q.amountFen > 0) await ok(s.core, 'sales.refund', { saleId: r.sale.id, clientRef: clientRef(), lines: part, payments: [{ method: 'cash', amountFen: q.amountFen }] }, s.manager.token);
      else await ok(s.core, 'sales.refund', { saleId: r.sale.id, clientRef: clientRef(), lines: part, payments: [] }, s.manager.token);
      refunded += q.amountFen;
    }
    expect(refunded).toBe(total);
  });

  it('page price = core price: random carts commit at the total the page showed', async () => {
    const s = await shop();
    const [cola, chips, cig, water] = s.products;
    await ok(s.core, 'promotions.save', base({ name: '饮料第二件半价', scope: { all: false, productIds: [], categoryIds: [cola!.categoryId!] } }), s.owner);
    await ok(s.core, 'promotions.save', base({ name: '每满10减1', rule: { kind: 'threshold', repeat: true, steps: [{ minFen: 1_000, offFen: 100, pricePct: null }] }, scope: { all: true, productIds: [], categoryIds: [] } }), s.owner);
    await ok(s.core, 'promotions.save', base({ name: '薯片水套餐', rule: { kind: 'bundle', items: [{ productId: chips!.id, qty: 1 }, { productId: water!.id, qty: 1 }], priceFen: 800 }, stacks: { others: false, coupons: true, points: true, tier: true } }), s.owner);
    await ok(s.core, 'promotions.save', base({ name: '烟限购特价', rule: { kind: 'special', priceFen: 4_000, pricePct: null }, perSaleLimit: 1, scope: { all: false, productIds: [cig!.id], categoryIds: [] } }), s.owner);
    await fc.assert(fc.asyncProperty(fc.uniqueArray(fc.record({ i: fc.nat(3), qty: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 4, selector: (x) => x.i }), async (picks) => {
      const lines = picks.map((p) => ({ product: s.products[p.i]!, qty: p.qty }));
      const total = await pagePrice(s, s.products, lines);
      const r = await s.core.dispatcher.call('sales.commit', { clientRef: clientRef(), lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty })), payments: total > 0 ? [{ method: 'card', amountFen: total }] : [], expectedTotalFen: total }, s.cashier.token);
      expect(r).toMatchObject({ ok: true });
    }), { numRuns: 25 });
  });
});
