import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { priceCart, type PricingLine } from '../pricing.js';
import { quoteRefundAmounts } from '../refunds.js';
import { buildProblem, finish, totalOf } from './engine.js';
import { cartConflicts } from './cart-level.js';
import { evaluate } from './evaluate.js';
import { ctxAt, promo, rulesWith } from './fixtures.js';
import type { Promotion, PromotionRule } from './types.js';

/** Random shops: a few products in two categories, carts of them, and up to three promotions of any kind. */
const PRODUCTS = [1, 2, 3, 4];
const category = (p: number) => (p <= 2 ? 10 : 20);

const scopeArb = fc.oneof(
  fc.constant({ all: true, productIds: [] as number[], categoryIds: [] as number[] }),
  fc.subarray(PRODUCTS, { minLength: 1 }).map((productIds) => ({ all: false, productIds, categoryIds: [] as number[] })),
  fc.constantFrom(10, 20).map((c) => ({ all: false, productIds: [] as number[], categoryIds: [c] })),
);
const ruleArb: fc.Arbitrary<PromotionRule> = fc.oneof(
  fc.record({ kind: fc.constant('nth' as const), n: fc.integer({ min: 2, max: 3 }), pricePct: fc.integer({ min: 0, max: 90 }) }),
  fc.record({
    kind: fc.constant('threshold' as const), repeat: fc.boolean(),
    steps: fc.array(fc.record({ minFen: fc.integer({ min: 100, max: 6000 }), off: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: null }), pct: fc.integer({ min: 50, max: 99 }) }), { minLength: 1, maxLength: 2 })
      .map((ss) => ss.map((s) => ({ minFen: s.minFen, offFen: s.off, pricePct: s.off === null ? s.pct : null }))),
  }),
  fc.record({ kind: fc.constant('gift' as const), buyQty: fc.integer({ min: 1, max: 2 }), giftQty: fc.integer({ min: 1, max: 2 }), giftProductIds: fc.subarray(PRODUCTS, { minLength: 1, maxLength: 2 }), giftPriceFen: fc.constantFrom(0, 50) }),
  fc.record({ kind: fc.constant('special' as const), priceFen: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }), pricePct: fc.integer({ min: 1, max: 99 }) })
    .map((r) => ({ ...r, pricePct: r.priceFen === null ? r.pricePct : null })),
  fc.record({ kind: fc.constant('bundle' as const), items: fc.subarray(PRODUCTS, { minLength: 2, maxLength: 2 }).map((ps) => ps.map((productId) => ({ productId, qty: 1 }))), priceFen: fc.integer({ min: 100, max: 3000 }) }),
);
const promoArb: fc.Arbitrary<Promotion> = fc.record({
  rule: ruleArb, scope: scopeArb, priority: fc.integer({ min: 0, max: 2 }), limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  others: fc.boolean(), tier: fc.boolean(), id: fc.integer({ min: 0, max: 9999 }).map((n) => `id${String(n).padStart(4, '0')}`),
}).map((x) => promo(x.rule, { id: x.id, scope: x.scope, priority: x.priority, perSaleLimit: x.limit, stacks: { others: x.others, coupons: true, points: true, tier: x.tier } }));

const cartArb = (maxQty: number) => fc.uniqueArray(fc.record({ productId: fc.constantFrom(...PRODUCTS), price: fc.integer({ min: 1, max: 3000 }), qty: fc.integer({ min: 1, max: maxQty }) }), { minLength: 1, maxLength: 3, selector: (l) => l.productId })
  .map((ls) => ls.map((l): PricingLine => ({ key: `k${l.productId}`, productId: l.productId, name: `p${l.productId}`, unitPriceFen: l.price, qty: l.qty, pointsPct: 100, categoryId: category(l.productId) })));
const memberArb = fc.option(fc.integer({ min: 70, max: 100 }).map((pricePct) => ({ pricePct, pointsPct: 100 })), { nil: null });
const promosArb = fc.uniqueArray(promoArb, { maxLength: 3, selector: (p) => p.id });

/** Every allocation there is: each unit to any promotion that may take it or to none, times every allowed set of 满减. */
function bruteForce(lines: PricingLine[], promos: Promotion[], tierPct: number | null): number {
  const pr = buildProblem(lines.map((l) => ({ key: l.key, productId: l.productId!, categoryId: l.categoryId ?? null, name: l.name, unitPriceFen: l.unitPriceFen, qty: l.qty })), ctxAt(promos, { tierId: tierPct === null ? null : 1 }), tierPct);
  const units = pr.items.flatMap((it, i) => Array.from({ length: it.count }, () => i));
  const conflicts = cartConflicts(pr);
  const sets: number[][] = [];
  for (let mask = 0; mask < 1 << pr.cart.length; mask++) {
    const set = pr.cart.map((_c, c) => c).filter((c) => mask & (1 << c));
    if (set.every((a) => set.every((b) => !conflicts[a]![b]))) sets.push(set);
  }
  let best = Infinity;
  const choice = new Array<number>(units.length).fill(-1);
  const walk = (u: number) => {
    if (u === units.length) {
      const evals = pr.item.map((ip, j) => evaluate(ip.p, pr.items, pr.items.map((_it, i) => units.filter((x, k) => x === i && choice[k] === j).length), ip.limit, ip.giftable));
      for (const s of sets) best = Math.min(best, finish(pr, { evals, cartSet: s }).total);
      return;
    }
    for (let j = -1; j < pr.item.length; j++) {
      if (j >= 0 && !pr.item[j]!.elig[units[u]!]) continue;
      choice[u] = j;
      walk(u + 1);
    }
  };
  walk(0);
  return best;
}

describe('promotions engine properties', () => {
  it('scan order never matters: same total, same discount per promotion', () => {
    fc.assert(fc.property(cartArb(4), promosArb, memberArb, fc.integer(), (lines, promos, member, seed) => {
      const shuffled = [...lines].sort((a, b) => ((a.productId! * 7919 + seed) % 13) - ((b.productId! * 7919 + seed) % 13));
      const tier = { tierId: member ? 1 : null };
      const a = priceCart(lines, rulesWith(ctxAt(promos, tier), member));
      const b = priceCart(shuffled, rulesWith(ctxAt([...promos].reverse(), tier), member));
      expect(b.totalFen).toBe(a.totalFen);
      const per = (c: typeof a) => Object.fromEntries(c.promotions.map((p) => [p.promotionId, p.discountFen]));
      expect(per(b)).toEqual(per(a));
    }), { numRuns: 300 });
  });

  it('never a negative line, never a larger total than without promotions; discounts add up', () => {
    fc.assert(fc.property(cartArb(6), promosArb, memberArb, (lines, promos, member) => {
      const tier = { tierId: member ? 1 : null };
      const withP = priceCart(lines, rulesWith(ctxAt(promos, tier), member));
      const without = priceCart(lines, rulesWith(ctxAt([], tier), member));
      expect(withP.totalFen).toBeLessThanOrEqual(without.totalFen);
      for (const l of withP.lines) {
        expect(l.totalFen).toBeGreaterThanOrEqual(0);
        expect(l.promoDiscountFen).toBeGreaterThanOrEqual(0);
        expect(l.listFen - l.promoDiscountFen - l.memberDiscountFen).toBe(l.totalFen);
      }
      expect(withP.promotions.reduce((s, p) => s + p.discountFen, 0)).toBe(withP.promoDiscountFen);
      for (const p of withP.promotions) expect(p.lines.reduce((s, x) => s + x.discountFen, 0)).toBe(p.discountFen);
    }), { numRuns: 400 });
  });

  it('the chosen allocation is at least as good for the customer as every allocation a brute force finds (small carts)', () => {
    fc.assert(fc.property(cartArb(3), promosArb, memberArb, (lines, promos, member) => {
      const priced = priceCart(lines, rulesWith(ctxAt(promos, { tierId: member ? 1 : null }), member));
      const brute = bruteForce(lines, promos, member?.pricePct ?? null);
      expect(priced.totalFen).toBeLessThanOrEqual(brute);
    }), { numRuns: 250 });
  });

  it('any sequence of partial refunds of a promoted sale adds up to exactly what was paid, never more on the way', () => {
    const refundsArb = fc.array(fc.tuple(fc.nat(2), fc.integer({ min: 1, max: 3 })), { maxLength: 8 });
    fc.assert(fc.property(cartArb(5), promosArb, memberArb, refundsArb, (lines, promos, member, steps) => {
      const priced = priceCart(lines, rulesWith(ctxAt(promos, { tierId: member ? 1 : null }), member));
      const sale = priced.lines.map((l, i) => ({ id: i + 1, qty: l.qty, totalFen: l.totalFen, refundedQty: 0 }));
      let refunded = 0;
      const pay = (want: Map<number, number>) => {
        const q = quoteRefundAmounts(sale, want, { totalFen: priced.totalFen, refundedFen: refunded, pointsEarned: 0, pointsRedeemed: 0 });
        for (const [id, qty] of want) sale[id - 1]!.refundedQty += qty;
        refunded += q.amountFen;
        expect(q.amountFen).toBeGreaterThanOrEqual(0);
        expect(refunded).toBeLessThanOrEqual(priced.totalFen);
      };
      for (const [li, qty] of steps) {
        const l = sale[li % sale.length]!;
        const q = Math.min(qty, l.qty - l.refundedQty);
        if (q > 0) pay(new Map([[l.id, q]]));
      }
      const rest = new Map(sale.filter((l) => l.qty > l.refundedQty).map((l) => [l.id, l.qty - l.refundedQty]));
      if (rest.size > 0) pay(rest);
      expect(refunded).toBe(priced.totalFen);
    }), { numRuns: 300 });
  });

  it('the search compares allocations by the same total the result is priced at (lines of one product split or not)', () => {
    // Lines may repeat a product at one price (scanned twice, edited apart): their money is then shared among lines.
    const splitCart = fc.array(fc.record({ productId: fc.constantFrom(...PRODUCTS), qty: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 5 })
      .map((ls) => ls.map((l, k) => ({ key: `k${k}`, productId: l.productId, categoryId: category(l.productId), name: `p${l.productId}`, unitPriceFen: 100 + l.productId * 137, qty: l.qty })));
    fc.assert(fc.property(splitCart, promosArb, memberArb, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (lines, promos, member, picks) => {
      const pr = buildProblem(lines, ctxAt(promos, { tierId: member ? 1 : null }), member?.pricePct ?? null);
      // Some allocation: each promotion in turn takes a share of the units left, chosen by the picks.
      const left = pr.items.map((it) => it.count);
      const evals = pr.item.map((ip, j) => {
        const assigned = left.map((u, i) => (ip.elig[i] ? Math.min(u, picks[(i + j) % picks.length]! % (u + 1)) : 0));
        const ev = evaluate(ip.p, pr.items, assigned, ip.limit, ip.giftable, ip.scoped);
        ev.used.forEach((u, i) => { left[i]! -= u; });
        return ev;
      });
      const cartSet = pr.cart.map((_c, c) => c).filter((c) => picks[c % picks.length]! % 2 === 0 && pr.cart.every((_d, d) => d >= c || !cartConflicts(pr)[d]![c] || picks[d % picks.length]! % 2 !== 0));
      expect(totalOf(pr, { evals, cartSet })).toBe(finish(pr, { evals, cartSet }).total);
    }), { numRuns: 300 });
  });
});

