import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { priceCart, pctOf, roundOff, pointsFor, DEFAULT_RULES, type PricingLine, type PricingRules } from './pricing.js';

const line = (over: Partial<PricingLine> = {}): PricingLine => ({
  key: 'a', productId: 1, name: '可乐', unitPriceFen: 300, qty: 1, pointsPct: 100, ...over,
});

describe('pricing examples', () => {
  it('adds lines and earns a point per whole yuan', () => {
    const c = priceCart([line({ qty: 3 }), line({ key: 'b', unitPriceFen: 1290 })]);
    expect(c).toMatchObject({ subtotalFen: 2190, discountFen: 0, totalFen: 2190, pointsToEarn: 21 });
  });

  it('applies a tier discount per line, rounded half up to the fen', () => {
    // 333 × 95% = 316.35 -> 316; 335 × 95% = 318.25 -> 318
    const c = priceCart([line({ unitPriceFen: 333 }), line({ key: 'b', unitPriceFen: 335 })], { ...DEFAULT_RULES, member: { pricePct: 95, pointsPct: 100 } });
    expect(c.lines.map((l) => l.totalFen)).toEqual([316, 318]);
    expect(c.memberDiscountFen).toBe(34);
    expect(c.totalFen).toBe(634);
  });

  it('rounds off the total downwards to the jiao or yuan (抹零)', () => {
    expect(priceCart([line({ unitPriceFen: 1289 })], { ...DEFAULT_RULES, rounding: 'jiao' })).toMatchObject({ totalFen: 1280, roundingFen: 9 });
    expect(priceCart([line({ unitPriceFen: 1289 })], { ...DEFAULT_RULES, rounding: 'yuan' })).toMatchObject({ totalFen: 1200, roundingFen: 89 });
  });

  it('earns nothing on tobacco, double on 2x products, and multiplies tier and member day', () => {
    const rules: PricingRules = { ...DEFAULT_RULES, member: { pricePct: 100, pointsPct: 150 }, promoPointsPct: 200 };
    const c = priceCart([line({ unitPriceFen: 4500, pointsPct: 0 }), line({ key: 'b', unitPriceFen: 1000, pointsPct: 200 })], rules);
    // 10 yuan × 2 (product) × 1.5 (tier) × 2 (member day) = 60
    expect(c.pointsToEarn).toBe(60);
  });

  it('caps an amount discount at the line and counts an override as a line discount', () => {
    const c = priceCart([line({ discount: { kind: 'amount', fen: 1000 } }), line({ key: 'b', unitPriceFen: 1000, priceOverrideFen: 800, qty: 2 })]);
    expect(c.lines.map((l) => [l.totalFen, l.lineDiscountFen])).toEqual([[0, 300], [1600, 400]]);
  });
});

const lineArb = fc.record({
  key: fc.string({ maxLength: 4 }),
  productId: fc.option(fc.nat(1000), { nil: null }),
  name: fc.constant('x'),
  unitPriceFen: fc.integer({ min: 0, max: 1_000_000 }),
  qty: fc.integer({ min: 1, max: 99 }),
  pointsPct: fc.constantFrom(0, 100, 150, 200),
  priceOverrideFen: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
  discount: fc.option(
    fc.oneof(
      fc.record({ kind: fc.constant('percent' as const), pricePct: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ kind: fc.constant('amount' as const), fen: fc.integer({ min: 0, max: 2_000_000 }) }),
    ),
    { nil: null },
  ),
});
const rulesArb = fc.record({
  rounding: fc.constantFrom('none' as const, 'jiao' as const, 'yuan' as const),
  member: fc.option(fc.record({ pricePct: fc.integer({ min: 1, max: 100 }), pointsPct: fc.integer({ min: 0, max: 300 }) }), { nil: null }),
  pointsPerYuan: fc.integer({ min: 0, max: 5 }),
  promoPointsPct: fc.constantFrom(100, 200, 300),
});

describe('pricing properties', () => {
  it('every amount is a non-negative integer of fen and the parts add up', () => {
    fc.assert(fc.property(fc.array(lineArb, { maxLength: 30 }), rulesArb, (lines, rules) => {
      const c = priceCart(lines, rules);
      const ints = [c.subtotalFen, c.discountFen, c.roundingFen, c.totalFen, c.pointsToEarn, ...c.lines.flatMap((l) => [l.totalFen, l.memberDiscountFen])];
      for (const n of ints) expect(Number.isSafeInteger(n)).toBe(true);
      expect(c.totalFen).toBeGreaterThanOrEqual(0);
      expect(c.pointsToEarn).toBeGreaterThanOrEqual(0);
      for (const l of c.lines) {
        expect(l.totalFen).toBeGreaterThanOrEqual(0);
        expect(l.memberDiscountFen).toBeGreaterThanOrEqual(0);
        expect(l.listFen - l.lineDiscountFen - l.memberDiscountFen).toBe(l.totalFen);
      }
      expect(c.subtotalFen - c.discountFen - c.roundingFen).toBe(c.totalFen);
    }));
  });

  it('rounding-off never charges more and gives away less than one unit', () => {
    fc.assert(fc.property(fc.nat(10_000_000), fc.constantFrom('none' as const, 'jiao' as const, 'yuan' as const), (total, mode) => {
      const r = roundOff(total, mode);
      const unit = mode === 'yuan' ? 100 : mode === 'jiao' ? 10 : 1;
      expect(r).toBeLessThanOrEqual(total);
      expect(total - r).toBeLessThan(unit);
      expect(r % unit).toBe(0);
    }));
  });

  it('a member discount never raises a price; a deeper discount never costs more', () => {
    fc.assert(fc.property(fc.array(lineArb, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 99 }), (lines, pct) => {
      const none = priceCart(lines).totalFen;
      const a = priceCart(lines, { ...DEFAULT_RULES, member: { pricePct: pct, pointsPct: 100 } }).totalFen;
      const b = priceCart(lines, { ...DEFAULT_RULES, member: { pricePct: pct + 1, pointsPct: 100 } }).totalFen;
      expect(a).toBeLessThanOrEqual(b);
      expect(b).toBeLessThanOrEqual(none);
    }));
  });

  it('points follow 1 per whole yuan on normal products without multipliers', () => {
    fc.assert(fc.property(fc.array(lineArb.map((l) => ({ ...l, pointsPct: 100 })), { minLength: 1, maxLength: 10 }), (lines) => {
      const c = priceCart(lines);
      expect(c.pointsToEarn).toBe(Math.floor(c.totalFen / 100));
    }));
  });

  it('pctOf rounds half up exactly', () => {
    fc.assert(fc.property(fc.nat(100_000_000), fc.integer({ min: 0, max: 100 }), (amount, pct) => {
      const exact = (amount * pct) / 100;
      const r = pctOf(amount, pct);
      expect(Math.abs(r - exact)).toBeLessThanOrEqual(0.5);
      if (exact - Math.floor(exact) === 0.5) expect(r).toBe(Math.ceil(exact));
    }));
    expect(pointsFor([], 100, DEFAULT_RULES)).toBe(0);
  });
});
