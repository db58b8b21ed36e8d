import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildProblem, finish, pricedOf, totalOf, type EngineLine } from './engine.js';
import { evaluate, evaluateGift, spread } from './evaluate.js';
import { ctxAt, promo } from './fixtures.js';
import type { Promotion, PromotionRule } from './types.js';

/**
 * The engine's fast paths against the plain ones they replace: each item promotion evaluated
 * over its eligible items only (not the whole cart), the 满减 split's remainder order taken
 * from one sorted number per part (not a sort of objects), and the chosen allocation priced
 * from the pieces the search already worked out (not worked out again).
 */
const PRODUCTS = [1, 2, 3, 4, 5, 6];
const category = (p: number) => (p % 2 === 0 ? 10 : 20);

const scopeArb = fc.oneof(
  fc.constant({ all: true, productIds: [] as number[], categoryIds: [] as number[] }),
  fc.subarray(PRODUCTS, { minLength: 1, maxLength: 3 }).map((productIds) => ({ all: false, productIds, categoryIds: [] as number[] })),
  fc.constantFrom(10, 20).map((c) => ({ all: false, productIds: [] as number[], categoryIds: [c] })),
);
const ruleArb: fc.Arbitrary<PromotionRule> = fc.oneof(
  fc.record({ kind: fc.constant('nth' as const), n: fc.integer({ min: 2, max: 3 }), pricePct: fc.integer({ min: 0, max: 90 }) }),
  fc.record({ kind: fc.constant('threshold' as const), repeat: fc.boolean(), steps: fc.integer({ min: 1000, max: 6000 }).map((minFen) => [{ minFen, offFen: 700, pricePct: null }]) }),
  fc.record({ kind: fc.constant('gift' as const), buyQty: fc.integer({ min: 1, max: 2 }), giftQty: fc.integer({ min: 1, max: 2 }), giftProductIds: fc.subarray(PRODUCTS, { minLength: 1, maxLength: 2 }), giftPriceFen: fc.constantFrom(0, 50) }),
  fc.record({ kind: fc.constant('special' as const), priceFen: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }), pricePct: fc.integer({ min: 1, max: 99 }) })
    .map((r) => ({ ...r, pricePct: r.priceFen === null ? r.pricePct : null })),
  fc.record({ kind: fc.constant('bundle' as const), items: fc.subarray(PRODUCTS, { minLength: 2, maxLength: 2 }).map((ps) => ps.map((productId) => ({ productId, qty: 1 }))), priceFen: fc.integer({ min: 100, max: 3000 }) }),
);
const promosArb = fc.uniqueArray(fc.record({
  rule: ruleArb, scope: scopeArb, limit: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }), others: fc.boolean(), tier: fc.boolean(), id: fc.integer({ min: 0, max: 9999 }),
}), { maxLength: 6, selector: (x) => x.id }).map((xs) => xs.map((x): Promotion => promo(x.rule, {
  id: `fp${String(x.id).padStart(4, '0')}`, scope: x.scope, perSaleLimit: x.limit, stacks: { others: x.others, coupons: true, points: true, tier: x.tier },
})));
// Lines may repeat a product (at one price or another) and may be weighed: the cases where items and lines differ.
const cartArb = fc.array(fc.record({ productId: fc.constantFrom(...PRODUCTS), price: fc.constantFrom(300, 999, 1500, 2600), qty: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 8 })
  .chain((ls) => fc.array(fc.boolean(), { minLength: ls.length, maxLength: ls.length }).map((w) => ls.map((l, k): EngineLine => ({
    key: `k${k}`, productId: l.productId, categoryId: category(l.productId), name: `p${l.productId}`, unitPriceFen: l.price, qty: w[k] && k % 3 === 0 ? 1 : l.qty, ...(w[k] && k % 3 === 0 ? { weighed: true } : {}),
  }))));

describe('promotions engine fast paths', () => {
  it('a promotion evaluated over its eligible items gives exactly what it gives looked at over the whole cart', () => {
    fc.assert(fc.property(cartArb, promosArb, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (lines, promos, picks) => {
      const pr = buildProblem(lines, ctxAt(promos), null);
      pr.item.forEach((ip, j) => {
        expect(ip.idx).toEqual(ip.elig.flatMap((e, i) => (e ? [i] : [])));
        const assigned = pr.items.map((it, i) => (ip.elig[i] ? picks[(i + j) % picks.length]! % (it.count + 1) : 0));
        const fast = evaluate(ip.p, pr.items, assigned, ip.limit, ip.giftable, ip.scoped, ip.idx);
        const plain = evaluate(ip.p, pr.items, assigned, ip.limit, ip.giftable);
        expect(fast).toEqual(plain);
        expect(fast.at).toEqual(fast.used.flatMap((u, i) => (u > 0 ? [i] : [])));
        const r = ip.p.rule;
        if (r.kind === 'gift') expect(evaluateGift(r, pr.items, assigned, ip.limit, ip.giftable, ip.p, ip.scoped, ip.idx)).toEqual(evaluateGift(r, pr.items, assigned, ip.limit, ip.giftable, ip.p));
      });
    }), { numRuns: 400 });
  });

  it('a split by largest remainder is the same through the number keys as through a plain sort', () => {
    // The plain rule, as written before the fast path: parts rounded down, then one more fen to the largest remainders (ties to the earlier).
    const plain = (total: number, weights: number[]) => {
      const sum = weights.reduce((s, w) => s + w, 0);
      if (sum === 0 || total === 0) return weights.map(() => 0);
      const parts = weights.map((w) => Math.floor((w * total) / sum));
      let left = total - parts.reduce((s, x) => s + x, 0);
      const order = weights.map((w, i) => ({ i, w, r: (w * total) % sum })).filter((x) => x.w > 0).sort((a, b) => b.r - a.r || a.i - b.i);
      for (const { i } of order) if (left-- > 0) parts[i]! += 1;
      return parts;
    };
    const weightsArb = fc.oneof(
      fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 80 }),
      fc.array(fc.constantFrom(0, 1, 2, 3), { minLength: 1, maxLength: 80 }), // many equal remainders: the tie-break decides
      fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 2, maxLength: 6 }), // sums past the keys' exact range: the object sort
    );
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000 }), weightsArb, (total, weights) => {
      const t = Math.min(total, weights.reduce((s, w) => s + w, 0));
      const got = spread(t, weights);
      expect(got).toEqual(plain(t, weights));
      expect(got.reduce((s, x) => s + x, 0)).toBe(weights.some((w) => w > 0) ? t : 0);
    }), { numRuns: 1000 });
  });

  it('an allocation priced from the pieces worked out for comparing is priced as from scratch', () => {
    fc.assert(fc.property(cartArb, promosArb, fc.option(fc.integer({ min: 70, max: 99 }), { nil: null }), fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (lines, promos, tierPct, picks) => {
      const pr = buildProblem(lines, ctxAt(promos, { tierId: tierPct === null ? null : 1 }), tierPct);
      const left = pr.items.map((it) => it.count);
      const evals = pr.item.map((ip, j) => {
        const assigned = left.map((u, i) => (ip.elig[i] ? Math.min(u, picks[(i + j) % picks.length]! % (u + 1)) : 0));
        const ev = evaluate(ip.p, pr.items, assigned, ip.limit, ip.giftable, ip.scoped, ip.idx);
        for (const i of ev.at) left[i]! -= ev.used[i]!;
        return ev;
      });
      const cartSet = pr.cart.map((_c, c) => c).filter((c) => picks[c % picks.length]! % 2 === 0);
      const a = { evals, cartSet };
      const priced = pricedOf(pr, a);
      const total = totalOf(pr, a, priced);
      const kept = finish(pr, a, priced);
      const fresh = finish(pr, a);
      expect(kept.total).toBe(total);
      expect(kept).toEqual(fresh);
    }), { numRuns: 300 });
  });
});
