import { describe, expect, it } from 'vitest';
import type { Product } from '../../../../../shared/contract/catalogue.js';
import type { MemberCard } from '../../../../../shared/contract/members.js';
import type { RewardsRules } from '../../../../../shared/contract/rewards.js';
import { pointsToFen, priceCart } from '../../../../../shared/pricing.js';
import type { AppliedCoupon } from './coupons.js';
import { addProduct, cardUsesInCart, isMemberDay, linesFromHeld, needsApproval, priceSale, redeemLimit, removeLine, setQty, setTerms, toCartInput, type PricingContext } from './cart.js';

const product = (id: number, priceFen: number, pointsPct = 100): Product => ({
  id, sku: `S${id}`, name: `商品${id}`, categoryId: null, categoryName: null, priceFen, pointsPct, barcodes: [`69000000000${id}`], active: true,
});
const cola = product(1, 300);
const oil = product(2, 6990);
const smokes = product(3, 4500, 0);

// Built with a cast: the rules grow fields (coupons...) that pricing at the till does not read.
const rewards = {
  redeemPointsPerYuan: 100, redeemMaxSharePct: 50, expiry: { mode: 'months', months: 12 }, memberDay: null, memberDayPointsPct: 200,
  enrolBonus: 0, birthdayBonus: 0, birthdayWindow: 'week', referralBonus: 0,
} as RewardsRules;
const silver: MemberCard = {
  id: 7, cardNo: '2900000000075', maskedPhone: '138****5678', name: '王芳', status: 'active',
  tier: { id: 2, name: '银卡会员', rank: 1, pricePct: 98, pointsPct: 120, birthdayPerk: '' },
  birthdaySoon: false, birthdayToday: false, points: 5000, storedValueFen: 0, spendFen: 0, visits: 0, lastVisit: null,
};
const ctx = (over: Partial<PricingContext> = {}): PricingContext => ({
  rules: { rounding: 'none', maxCashierDiscountPct: 10, pointsPerYuan: 1 }, rewards, member: null, today: new Date(2026, 10, 23), ...over,
});

describe('cart lines', () => {
  it('scanning the same product again increments its line', () => {
    let { lines, key } = addProduct([], cola);
    const again = addProduct(lines, cola);
    expect(again.key).toBe(key);
    expect(again.lines).toHaveLength(1);
    expect(again.lines[0]!.qty).toBe(2);
    ({ lines, key } = addProduct(again.lines, oil));
    expect(lines.map((l) => l.product.id)).toEqual([1, 2]);
    expect(setQty(lines, key, 0)[1]!.qty).toBe(1);
    expect(setQty(lines, key, 123456)[1]!.qty).toBe(9999);
    expect(removeLine(lines, key).map((l) => l.product.id)).toEqual([1]);
  });

  it('turns into the commit input and back from a held order', () => {
    const { lines: first, key } = addProduct([], oil, 3);
    let lines = first;
    lines = setTerms(lines, key, { priceOverrideFen: 6000, discount: { kind: 'percent', pricePct: 90 } });
    const input = toCartInput(lines);
    expect(input).toEqual([{ productId: 2, qty: 3, priceOverrideFen: 6000, discount: { kind: 'percent', pricePct: 90 }, countCardId: null, weighed: null }]);
    const back = linesFromHeld(input, new Map([[2, oil]]));
    expect(toCartInput(back)).toEqual(input);
    expect(linesFromHeld(input, new Map())).toEqual([]);
  });

  it('a visit paid by a count card is its own line, free at the till, and survives holding', () => {
    const haircut = product(4, 4000);
    let { lines } = addProduct([], haircut);
    ({ lines } = addProduct(lines, haircut, 1, 31));
    ({ lines } = addProduct(lines, haircut, 1, 31));
    expect(lines.map((l) => [l.qty, l.countCardId])).toEqual([[1, null], [2, 31]]);
    expect(cardUsesInCart(lines, 31)).toBe(2);
    expect(cardUsesInCart(lines, 32)).toBe(0);
    const sale = priceSale(lines, ctx(), 0, 0);
    expect(sale.cart.lines.map((l) => l.totalFen)).toEqual([4000, 0]);
    expect(sale.cart.totalFen).toBe(4000);
    const input = toCartInput(lines);
    expect(input[1]).toMatchObject({ productId: 4, qty: 2, countCardId: 31 });
    expect(toCartInput(linesFromHeld(input, new Map([[4, haircut]])))).toEqual(input);
  });
});

describe('coupons at the till', () => {
  const tenOff: AppliedCoupon = { code: '2800000000011', name: '生日券', kind: 'amount', value: 1000, minSpendFen: 3000, memberId: 7, validTo: '2026-12-31' };
  const pct: AppliedCoupon = { code: '2800000000028', name: '9折券', kind: 'percent', value: 10, minSpendFen: 0, memberId: null, validTo: '2026-12-31' };

  it('come off the lines before points, and the points cap is taken on what is left', () => {
    const { lines } = addProduct([], oil); // 6990 → 6850 for silver
    const sale = priceSale(lines, ctx({ member: silver }), 99_999, 100_000, [tenOff, pct]);
    // 10 yuan off, then 10% of the lines (685) off what is left.
    expect(sale.coupons.map((c) => c.discountFen)).toEqual([1000, 685]);
    expect(sale.cart.couponFen).toBe(1685);
    expect(sale.maxFen).toBe(Math.floor(((6850 - 1685) * 50) / 100));
    expect(sale.cart.pointsDeductionFen).toBe(sale.maxFen);
    expect(sale.cart.totalFen).toBe(6850 - 1685 - sale.maxFen);
  });

  it('a cart below the minimum spend takes nothing off and marks the coupon short', () => {
    const { lines } = addProduct([], cola, 9); // 2700 < 3000
    const sale = priceSale(lines, ctx(), 0, 0, [tenOff]);
    expect(sale.coupons).toEqual([{ coupon: tenOff, discountFen: 0, short: true }]);
    expect(sale.cart.totalFen).toBe(2700);
    const enough = priceSale(addProduct(lines, cola).lines, ctx(), 0, 0, [tenOff]);
    expect(enough.coupons[0]).toMatchObject({ discountFen: 1000, short: false });
    expect(enough.cart.totalFen).toBe(2000);
  });

  it('never take the total below zero', () => {
    const { lines } = addProduct([], cola, 11); // 3300
    const big: AppliedCoupon = { ...tenOff, code: '2800000000035', value: 5000 };
    const sale = priceSale(lines, ctx(), 0, 0, [big, tenOff]);
    expect(sale.coupons.map((c) => c.discountFen)).toEqual([3300, 0]);
    expect(sale.cart.totalFen).toBe(0);
  });
});

describe('pricing at the till', () => {
  it('matches shared pricing with the member tier applied', () => {
    const { lines } = addProduct(addProduct([], cola, 2).lines, oil);
    const sale = priceSale(lines, ctx({ member: silver }), 0, 0);
    expect(sale.cart.subtotalFen).toBe(600 + 6990);
    expect(sale.cart.memberDiscountFen).toBe(600 - 588 + (6990 - 6850));
    expect(sale.cart.totalFen).toBe(588 + 6850);
    const plain = priceCart(sale.cart.lines.map((l) => ({ ...l, pointsPct: l.pointsPct })), sale.rules);
    expect(plain.totalFen).toBe(sale.cart.totalFen);
  });

  it('member day multiplies points only', () => {
    const monday = new Date(2026, 10, 23);
    expect(isMemberDay(monday, { memberDay: { kind: 'weekday', weekday: 1 } })).toBe(true);
    expect(isMemberDay(monday, { memberDay: { kind: 'monthday', day: 23 } })).toBe(true);
    expect(isMemberDay(new Date(2026, 1, 28), { memberDay: { kind: 'monthday', day: 31 } })).toBe(true);
    expect(isMemberDay(monday, { memberDay: null })).toBe(false);
    const { lines } = addProduct([], oil);
    const normal = priceSale(lines, ctx({ member: silver }), 0, 0);
    const promo = priceSale(lines, ctx({ member: silver, rewards: { ...rewards, memberDay: { kind: 'weekday', weekday: 1 } } }), 0, 0);
    expect(promo.cart.totalFen).toBe(normal.cart.totalFen);
    expect(promo.cart.pointsToEarn).toBe(normal.cart.pointsToEarn * 2);
  });

  it('points deduction is capped by the balance and the share of the order', () => {
    const { lines } = addProduct([], oil); // 6990 → 6850 for silver
    const sale = priceSale(lines, ctx({ member: silver }), 99_999, 5000);
    expect(sale.maxFen).toBe(3425); // 50% of 6850
    expect(sale.maxPoints).toBe(3425);
    expect(sale.redeemPoints).toBe(3425);
    expect(sale.cart.pointsDeductionFen).toBe(3425);
    expect(sale.cart.totalFen).toBe(6850 - 3425);
    const small = priceSale(lines, ctx({ member: silver }), 99_999, 1200);
    expect(small.redeemPoints).toBe(1200);
    expect(priceSale(lines, ctx(), 500, 5000).redeemPoints).toBe(0);
  });

  it('the largest redeemable points never exceed the cap, whatever the rate', () => {
    for (const perYuan of [1, 7, 30, 100, 150, 1000]) {
      for (const lines of [1, 99, 1000, 6851]) {
        const { maxPoints, maxFen } = redeemLimit(lines, 1_000_000, { redeemPointsPerYuan: perYuan, redeemMaxSharePct: 50 });
        const cap = Math.floor((lines * 50) / 100);
        expect(pointsToFen(maxPoints, perYuan)).toBeLessThanOrEqual(cap);
        expect(pointsToFen(maxPoints + 1, perYuan)).toBeGreaterThan(cap);
        expect(maxFen).toBe(pointsToFen(maxPoints, perYuan));
      }
    }
  });

  it('tobacco earns nothing; rounding off applies last', () => {
    const { lines } = addProduct(addProduct([], smokes).lines, cola);
    const sale = priceSale(lines, ctx({ rules: { rounding: 'yuan', maxCashierDiscountPct: 10, pointsPerYuan: 1 }, member: silver }), 0, 0);
    expect(sale.cart.totalFen % 100).toBe(0);
    expect(sale.cart.roundingFen).toBeGreaterThan(0);
  });

  it('asks for a manager beyond the cashier limit', () => {
    const { lines: first, key } = addProduct([], oil);
    let lines = first;
    lines = setTerms(lines, key, { priceOverrideFen: null, discount: { kind: 'percent', pricePct: 90 } });
    expect(needsApproval(priceSale(lines, ctx(), 0, 0).cart, 10)).toBe(false);
    lines = setTerms(lines, key, { priceOverrideFen: null, discount: { kind: 'percent', pricePct: 89 } });
    expect(needsApproval(priceSale(lines, ctx(), 0, 0).cart, 10)).toBe(true);
    lines = setTerms(lines, key, { priceOverrideFen: 9000, discount: null });
    expect(needsApproval(priceSale(lines, ctx(), 0, 0).cart, 10)).toBe(false);
  });
});
