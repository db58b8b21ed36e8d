import { describe, expect, it } from 'vitest';
import type { Product } from '../../../../../shared/contract/catalogue.js';
import type { MemberCard } from '../../../../../shared/contract/members.js';
import type { RewardsRules } from '../../../../../shared/contract/rewards.js';
import { pointsToFen, priceCart } from '../../../../../shared/pricing.js';
import { addProduct, isMemberDay, linesFromHeld, needsApproval, priceSale, redeemLimit, removeLine, setQty, setTerms, toCartInput, type PricingContext } from './cart.js';

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
    expect(input).toEqual([{ productId: 2, qty: 3, priceOverrideFen: 6000, discount: { kind: 'percent', pricePct: 90 } }]);
    const back = linesFromHeld(input, new Map([[2, oil]]));
    expect(toCartInput(back)).toEqual(input);
    expect(linesFromHeld(input, new Map())).toEqual([]);
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
