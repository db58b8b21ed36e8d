import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { priceCart, type PricingLine } from '../pricing.js';
import { ctxAt, promo, rulesWith } from './fixtures.js';
import { validatePromotion } from './validate.js';
import { evaluate } from './evaluate.js';
import type { Promotion, PromotionRule } from './types.js';

/**
 * Invalid rule sets: what validation refuses (each with its own typed error), and what the
 * engine does when such a rule reaches it anyway (synced data, an old row): pricing ends,
 * never takes a line below zero nor the total above the no-promotion price, and does not
 * depend on the scan order. Product 99 is not in any cart (a bundle with a missing product).
 */
const PRODUCTS = [1, 2, 3, 4];
const scope = { all: false, productIds: PRODUCTS, categoryIds: [] as number[] };

/** One broken setting each, with the error validation must give for it. */
type Broken = { promotion: Promotion; field: string; key: string };
const brokenArb: fc.Arbitrary<Broken> = fc.oneof(
  fc.record({ p: fc.constantFrom(...PRODUCTS), qty: fc.integer({ min: 1, max: 3 }), price: fc.integer({ min: 1, max: 3000 }) })
    .map(({ p, qty, price }) => ({ promotion: promo({ kind: 'bundle', items: [{ productId: p, qty }, { productId: p, qty: 1 }], priceFen: price }, { scope }), field: 'items', key: 'bundleDuplicate' })),
  fc.record({ minFen: fc.integer({ min: 100, max: 5000 }), repeat: fc.boolean() })
    .map(({ minFen, repeat }) => ({ promotion: promo({ kind: 'threshold', repeat, steps: [{ minFen, offFen: null, pricePct: null }] }, { scope }), field: 'steps.0.offFen', key: 'amountRequired' })),
  fc.integer({ min: 101, max: 400 }).chain((pct) => fc.constantFrom<Broken>(
    { promotion: promo({ kind: 'special', priceFen: null, pricePct: pct }, { scope }), field: 'pricePct', key: 'pctOver100' },
    { promotion: promo({ kind: 'nth', n: 2, pricePct: pct }, { scope }), field: 'pricePct', key: 'pctOver100' },
    { promotion: promo({ kind: 'threshold', repeat: false, steps: [{ minFen: 1000, offFen: null, pricePct: pct }] }, { scope: { all: true, productIds: [], categoryIds: [] } }), field: 'steps.0.pricePct', key: 'pctOver100' },
  )),
  fc.integer({ min: 1, max: 300 }).map((d) => ({
    // Ends d days before it starts (the engine judges it at 2026-12-07: it may or may not be "in" the window).
    promotion: promo({ kind: 'special', priceFen: null, pricePct: 50 }, { scope, startDate: '2026-12-07', endDate: new Date(Date.UTC(2026, 11, 7 - d)).toISOString().slice(0, 10) }),
    field: 'endDate', key: 'endBeforeStart',
  })),
  fc.integer({ min: 1, max: 3000 }).map((price) => ({ promotion: promo({ kind: 'bundle', items: [{ productId: 1, qty: 0 }, { productId: 2, qty: 1 }], priceFen: price }, { scope }), field: 'items.0.qty', key: 'qtyPositive' })),
  fc.integer({ min: -3000, max: -1 }).map((price) => ({ promotion: promo({ kind: 'gift', buyQty: 1, giftQty: 1, giftProductIds: [2], giftPriceFen: price }, { scope }), field: 'giftPriceFen', key: 'invalid' })),
);

const validRuleArb: fc.Arbitrary<PromotionRule> = fc.oneof(
  fc.record({ kind: fc.constant('nth' as const), n: fc.integer({ min: 2, max: 3 }), pricePct: fc.integer({ min: 0, max: 90 }) }),
  fc.record({ kind: fc.constant('special' as const), priceFen: fc.constant(null), pricePct: fc.integer({ min: 1, max: 99 }) }),
  fc.record({ kind: fc.constant('threshold' as const), repeat: fc.boolean(), steps: fc.integer({ min: 100, max: 5000 }).map((minFen) => [{ minFen, offFen: Math.ceil(minFen / 10), pricePct: null }]) }),
  // A bundle with a product no cart holds (99: missing from the catalogue) and one that exists.
  fc.record({ kind: fc.constant('bundle' as const), items: fc.constantFrom(1, 2).map((p) => [{ productId: p, qty: 1 }, { productId: 99, qty: 1 }]), priceFen: fc.integer({ min: 1, max: 500 }) }),
);
const validArb = fc.record({ rule: validRuleArb, others: fc.boolean() }).map(({ rule, others }) => promo(rule, { scope, stacks: { others, coupons: true, points: true, tier: true } }));

const cartArb = fc.uniqueArray(fc.record({ productId: fc.constantFrom(...PRODUCTS), price: fc.integer({ min: 1, max: 3000 }), qty: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 4, selector: (l) => l.productId })
  .map((ls) => ls.map((l): PricingLine => ({ key: `k${l.productId}`, productId: l.productId, name: `p${l.productId}`, unitPriceFen: l.price, qty: l.qty, pointsPct: 100, categoryId: null })));

describe('invalid promotion rules', () => {
  it('validation refuses each broken setting with its own field and error', () => {
    fc.assert(fc.property(brokenArb, ({ promotion, field, key }) => {
      const { id: _id, ...draft } = promotion;
      expect(validatePromotion(draft)).toContainEqual({ field, key: `promotions.errors.${key}` });
    }), { numRuns: 300 });
  });

  it('a broken rule that reaches the engine anyway: pricing ends, no line below zero, never dearer, scan order irrelevant', () => {
    fc.assert(fc.property(cartArb, fc.array(brokenArb, { minLength: 1, maxLength: 3 }), fc.array(validArb, { maxLength: 2 }), fc.boolean(), fc.integer(), (cart, broken, valid, member, seed) => {
      const promos = [...broken.map((b) => b.promotion), ...valid];
      const rules = rulesWith(ctxAt(promos, { tierId: member ? 1 : null }), member ? { pricePct: 90, pointsPct: 100 } : null);
      const plain = priceCart(cart, { ...rules, promotions: null });
      const priced = priceCart(cart, rules);
      for (const l of priced.lines) expect(l.totalFen).toBeGreaterThanOrEqual(0);
      expect(priced.totalFen).toBeLessThanOrEqual(plain.totalFen);
      expect(priced.totalFen).toBe(priced.lines.reduce((s, l) => s + l.totalFen, 0));
      // The same units scanned in another order, and the promotions listed in another order.
      const shuffled = [...cart].sort((a, b) => ((a.productId! * 7919 + seed) % 13) - ((b.productId! * 7919 + seed) % 13) || a.productId! - b.productId!);
      const again = priceCart(shuffled, rulesWith(ctxAt([...promos].reverse(), { tierId: member ? 1 : null }), rules.member));
      expect(again.totalFen).toBe(priced.totalFen);
      const byKey = (ls: typeof priced.lines) => Object.fromEntries(ls.map((l) => [l.key, l.totalFen]));
      expect(byKey(again.lines)).toEqual(byKey(priced.lines));
      expect(again.promotions.map((p) => [p.promotionId, p.discountFen])).toEqual(priced.promotions.map((p) => [p.promotionId, p.discountFen]));
    }), { numRuns: 300 });
  });

  it('a bundle listing one product twice needs both quantities of it, and the pricing ends (it used to loop)', () => {
    const bundle = promo({ kind: 'bundle', items: [{ productId: 1, qty: 1 }, { productId: 1, qty: 1 }], priceFen: 150 }, { scope });
    const priced = priceCart([{ key: 'a', productId: 1, name: 'a', unitPriceFen: 100, qty: 3, pointsPct: 100, categoryId: null }], rulesWith(ctxAt([bundle])));
    // One set of two units at 150 instead of 200; the third unit at full price.
    expect(priced.totalFen).toBe(250);
    expect(priced.promotions[0]!.applications).toBe(1);
    // Handed 3 units, it uses 2 (it used 6: more units than the cart held, and the final pricing,
    // handing those units out over the cart's lines, never ran out of units to place).
    const ev = evaluate(bundle, [{ productId: 1, categoryId: null, name: 'a', priceFen: 100, count: 3, lines: [{ key: 'a', qty: 3 }] }], [3], 10, [false]);
    expect(ev.used).toEqual([2]);
    expect(ev.applications).toBe(1);
  });
});
