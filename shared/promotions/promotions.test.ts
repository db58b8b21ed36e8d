import { describe, expect, it } from 'vitest';
import { priceCart } from '../pricing.js';
import { ctxAt, line, promo, rulesWith } from './fixtures.js';

const A = 1, B = 2, C = 3;
const only = (...productIds: number[]) => ({ scope: { all: false, productIds, categoryIds: [] } });

describe('promotions: each kind', () => {
  it('第二件半价 prices the cheaper unit of each pair, most expensive units paired first, and says which', () => {
    const half = promo({ kind: 'nth', n: 2, pricePct: 50 }, { name: '第二件半价', scope: { all: false, productIds: [], categoryIds: [9] } });
    const cart = priceCart([line(A, 1000, 1, { categoryId: 9 }), line(B, 600, 2, { categoryId: 9 }), line(C, 300, 1, { categoryId: 9 })], rulesWith(ctxAt([half])));
    // Sorted 10, 6, 6, 3: pairs (10,6) and (6,3): the 6 and the 3 are halved → 300 + 150.
    expect(cart.promoDiscountFen).toBe(450);
    expect(cart.totalFen).toBe(2500 - 450);
    expect(cart.promotions[0]!.discounted).toEqual([
      { key: 'p2', name: '商品2', units: 1, unitPriceFen: 600 },
      { key: 'p3', name: '商品3', units: 1, unitPriceFen: 300 },
    ]);
    // The discount is shared by the paired units in proportion to price, so a refund of one is fair.
    expect(cart.lines.reduce((s, l) => s + l.promoDiscountFen, 0)).toBe(450);
  });

  it('满减 repeated (每满100减10) and not, and 满折', () => {
    const every = promo({ kind: 'threshold', steps: [{ minFen: 10_000, offFen: 1_000, pricePct: null }], repeat: true }, { scope: { all: true, productIds: [], categoryIds: [] } });
    expect(priceCart([line(A, 25_000, 1)], rulesWith(ctxAt([every]))).totalFen).toBe(23_000);
    const steps = promo({ kind: 'threshold', steps: [{ minFen: 10_000, offFen: 1_000, pricePct: null }, { minFen: 20_000, offFen: 3_000, pricePct: null }], repeat: false }, { scope: { all: true, productIds: [], categoryIds: [] } });
    expect(priceCart([line(A, 25_000, 1)], rulesWith(ctxAt([steps]))).totalFen).toBe(22_000);
    expect(priceCart([line(A, 9_999, 1)], rulesWith(ctxAt([steps]))).totalFen).toBe(9_999);
    const pct = promo({ kind: 'threshold', steps: [{ minFen: 10_000, offFen: null, pricePct: 90 }], repeat: false }, { scope: { all: true, productIds: [], categoryIds: [] } });
    expect(priceCart([line(A, 12_345, 1)], rulesWith(ctxAt([pct]))).totalFen).toBe(11_111);
  });

  it('套餐 and 限时特价 and 会员价 for one tier only', () => {
    const set = promo({ kind: 'bundle', items: [{ productId: A, qty: 1 }, { productId: B, qty: 1 }], priceFen: 1_200 });
    expect(priceCart([line(A, 1_000, 2), line(B, 500, 1)], rulesWith(ctxAt([set]))).totalFen).toBe(1_200 + 1_000);
    const evening = promo({ kind: 'special', priceFen: null, pricePct: 80 }, { ...only(A), fromTime: '20:00', toTime: null, name: '20:00后八折' });
    expect(priceCart([line(A, 1_000, 1)], rulesWith(ctxAt([evening], { at: { date: '2026-12-07', time: '19:59', weekday: 1 } }))).totalFen).toBe(1_000);
    expect(priceCart([line(A, 1_000, 1)], rulesWith(ctxAt([evening], { at: { date: '2026-12-07', time: '20:00', weekday: 1 } }))).totalFen).toBe(800);
    const gold = promo({ kind: 'special', priceFen: 700, pricePct: null }, { ...only(A), tierIds: [3], stacks: { others: true, coupons: true, points: true, tier: false } });
    expect(priceCart([line(A, 1_000, 1)], rulesWith(ctxAt([gold], { tierId: 2 }), { pricePct: 95, pointsPct: 100 })).totalFen).toBe(950);
    expect(priceCart([line(A, 1_000, 1)], rulesWith(ctxAt([gold], { tierId: 3 }), { pricePct: 95, pointsPct: 100 })).totalFen).toBe(700);
  });

  it('an expired or not yet started promotion never applies, nor outside its weekdays', () => {
    const past = promo({ kind: 'special', priceFen: 1, pricePct: null }, { ...only(A), startDate: '2026-11-01', endDate: '2026-12-06' });
    const future = promo({ kind: 'special', priceFen: 1, pricePct: null }, { ...only(A), startDate: '2026-12-08' });
    const weekend = promo({ kind: 'special', priceFen: 1, pricePct: null }, { ...only(A), weekdays: [6, 7] });
    expect(priceCart([line(A, 1_000, 1)], rulesWith(ctxAt([past, future, weekend]))).totalFen).toBe(1_000);
  });

  it('limits per sale and per member per day; a per-member promotion needs a member', () => {
    const p = promo({ kind: 'special', priceFen: 500, pricePct: null }, { ...only(A), perSaleLimit: 3, perMemberDayLimit: 4 });
    expect(priceCart([line(A, 1_000, 5)], rulesWith(ctxAt([p], { tierId: 1 }))).totalFen).toBe(3 * 500 + 2 * 1_000);
    expect(priceCart([line(A, 1_000, 5)], rulesWith(ctxAt([p], { tierId: 1, usedToday: { [p.id]: 3 } }))).totalFen).toBe(500 + 4 * 1_000);
    expect(priceCart([line(A, 1_000, 5)], rulesWith(ctxAt([p]))).totalFen).toBe(5_000);
  });

  it('stacking: a promotion that does not stack with coupons sits out when a coupon is on the sale; tier discount only where it stacks', () => {
    const p = promo({ kind: 'special', priceFen: 800, pricePct: null }, { ...only(A), stacks: { others: true, coupons: false, points: true, tier: false } });
    expect(priceCart([line(A, 1_000, 1)], rulesWith(ctxAt([p], { withCoupons: true }))).totalFen).toBe(1_000);
    // 9折 member: 900 without the promotion beats 800 only if… 800 < 900, the promotion wins, and no tier discount on top.
    const priced = priceCart([line(A, 1_000, 1)], rulesWith(ctxAt([p], { tierId: 1 }), { pricePct: 90, pointsPct: 100 }));
    expect([priced.totalFen, priced.memberDiscountFen, priced.promoDiscountFen]).toEqual([800, 0, 200]);
    // A 75折 member is better off without it: the engine leaves it out.
    expect(priceCart([line(A, 1_000, 1)], rulesWith(ctxAt([p], { tierId: 1 }), { pricePct: 75, pointsPct: 100 })).totalFen).toBe(750);
  });

  it('a hand-made price wins over every promotion on that line', () => {
    const p = promo({ kind: 'special', priceFen: 100, pricePct: null }, only(A));
    expect(priceCart([line(A, 1_000, 1, { priceOverrideFen: 900 })], rulesWith(ctxAt([p]))).totalFen).toBe(900);
  });
});

describe('regressions from peers, as the scenarios that broke there', () => {
  it('odoo #211087: buy 10 get 3 of the same product gives 1, 2 and 3 free at 11, 12 and 13 units', () => {
    const p = promo({ kind: 'gift', buyQty: 10, giftQty: 3, giftProductIds: [A], giftPriceFen: 0 }, only(A));
    const free = (qty: number) => priceCart([line(A, 100, qty)], rulesWith(ctxAt([p]))).promoDiscountFen / 100;
    expect([10, 11, 12, 13, 14, 23, 26].map(free)).toEqual([0, 1, 2, 3, 3, 3, 6]);
    expect(priceCart([line(A, 100, 10)], rulesWith(ctxAt([p]))).giftReminders).toEqual([expect.objectContaining({ missingQty: 3 })]);
  });

  it('odoo #199752: buy 2 get 1 with only 2 on the cart gives nothing free, and reminds the cashier', () => {
    const p = promo({ kind: 'gift', buyQty: 2, giftQty: 1, giftProductIds: [A], giftPriceFen: 0 }, { ...only(A), name: '买二送一' });
    const two = priceCart([line(A, 500, 2)], rulesWith(ctxAt([p])));
    expect(two.totalFen).toBe(1_000);
    expect(two.giftReminders).toEqual([{ promotionId: p.id, name: '买二送一', giftProductIds: [A], missingQty: 1 }]);
    const three = priceCart([line(A, 500, 3)], rulesWith(ctxAt([p])));
    expect([three.totalFen, three.giftReminders.length]).toEqual([1_000, 0]);
  });

  it('odoo #256338: two buy-2-get-1 rewards on the same purchases never give a free unit each', () => {
    const freeA = promo({ kind: 'gift', buyQty: 2, giftQty: 1, giftProductIds: [A], giftPriceFen: 0 }, only(A));
    const freeB = promo({ kind: 'gift', buyQty: 2, giftQty: 1, giftProductIds: [B], giftPriceFen: 0 }, only(A));
    const cart = priceCart([line(A, 500, 3), line(B, 400, 1)], rulesWith(ctxAt([freeA, freeB])));
    // Three A: either 2 bought + 1 A free, or 2 bought + the B free. One gift, the dearer one.
    expect(cart.promoDiscountFen).toBe(500);
    expect(cart.promotions.map((x) => x.promotionId)).toEqual([freeA.id]);
  });

  it('odoo #212528 (the cheapest-item discount gamed): a cheap unrelated item or a hand-priced line never takes the discount, and scan order changes nothing', () => {
    const half = promo({ kind: 'nth', n: 2, pricePct: 50 }, only(A, B));
    const base = [line(A, 1_000, 1), line(B, 800, 1), line(C, 10, 1), line(A, 1_000, 1, { key: 'hand', priceOverrideFen: 1 })];
    const cart = priceCart(base, rulesWith(ctxAt([half])));
    expect(cart.promoDiscountFen).toBe(400);
    expect(priceCart([...base].reverse(), rulesWith(ctxAt([half]))).totalFen).toBe(cart.totalFen);
  });
});
