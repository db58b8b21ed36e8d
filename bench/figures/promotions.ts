import v8 from 'node:v8';
import { seededRandom } from '../../electron/core/lib/random.js';
import { priceCart, type PricingLine, type PricingRules } from '../../shared/pricing.js';
import type { Promotion, PromotionRule } from '../../shared/promotions/index.js';
import type { Row } from '../lib/table.js';
import { latency, nowMs } from '../lib/measure.js';

/**
 * Pricing with promotions (issue 17): a 50-line cart priced with 200 active promotions of
 * every kind beside the same cart priced with none, alternated sample by sample. Pure code,
 * no database: a catalogue of 5,000 products in 40 categories, promotions scoped to products
 * and categories so that a share of them touch the cart (as a week's promotions would).
 * A second figure: a small cart where six promotions compete for the same units, so the
 * exhaustive search runs to its budget.
 */
const PRODUCTS = 5_000;
const CATEGORIES = 40;

function generator(seed: number) {
  const r = seededRandom(seed);
  return (min: number, max: number) => r.int(min, max);
}

const catOf = (p: number) => (p % CATEGORIES) + 1;
const priceOf = (p: number) => 100 + ((p * 7919) % 9_900);

function promotion(i: number, int: (a: number, b: number) => number, cartProducts: number[]): Promotion {
  const pick = () => (int(0, 2) === 0 ? cartProducts[int(0, cartProducts.length - 1)]! : int(1, PRODUCTS));
  const kinds: PromotionRule['kind'][] = ['special', 'nth', 'gift', 'bundle', 'threshold'];
  const kind = kinds[i % kinds.length]!;
  const rule: PromotionRule =
    kind === 'special' ? { kind, priceFen: null, pricePct: int(60, 95) }
      : kind === 'nth' ? { kind, n: int(2, 3), pricePct: int(0, 80) }
        : kind === 'gift' ? { kind, buyQty: int(1, 3), giftQty: 1, giftProductIds: [pick()], giftPriceFen: 0 }
          : kind === 'bundle' ? { kind, items: [{ productId: pick(), qty: 1 }, { productId: pick(), qty: 1 }], priceFen: int(500, 5_000) }
            : { kind, repeat: int(0, 1) === 1, steps: [{ minFen: int(5_000, 50_000), offFen: int(300, 3_000), pricePct: null }] };
  const byCategory = int(0, 3) === 0;
  return {
    id: `0190${String(i).padStart(8, '0')}`, name: `促销${i}`, rule, priority: int(0, 5), startDate: '2026-01-01', endDate: null, weekdays: [],
    fromTime: null, toTime: null, tierIds: null, perSaleLimit: int(0, 2) === 0 ? int(1, 5) : null, perMemberDayLimit: null,
    stacks: { others: int(0, 3) > 0, coupons: true, points: true, tier: int(0, 1) === 1 },
    scope: kind === 'threshold' && int(0, 1) === 0 ? { all: true, productIds: [], categoryIds: [] }
      : byCategory ? { all: false, productIds: [], categoryIds: [int(1, CATEGORIES)] } : { all: false, productIds: Array.from({ length: int(1, 5) }, pick), categoryIds: [] },
  };
}

function rules(promotions: Promotion[]): PricingRules {
  return {
    rounding: 'none', member: { pricePct: 95, pointsPct: 100 }, pointsPerYuan: 1, promoPointsPct: 100,
    promotions: { promotions, at: { date: '2026-12-07', time: '12:00', weekday: 1 }, tierId: 1, usedToday: {}, withCoupons: false, withPoints: false },
  };
}

/**
 * Bytes allocated per call, averaged over `n` calls: heap in use after minus before, plus what
 * every garbage collection in between freed (v8's GC profiler reports the heap before and after
 * each). Load-independent, unlike the tail of the timings: on this machine the p99 is garbage
 * collection and other jobs, and the bytes say how much collecting each pricing causes.
 */
export function allocatedPerCall(fn: () => unknown, n: number): number {
  for (let i = 0; i < 20; i++) fn();
  const prof = new v8.GCProfiler();
  prof.start();
  const before = v8.getHeapStatistics().used_heap_size;
  for (let i = 0; i < n; i++) fn();
  const after = v8.getHeapStatistics().used_heap_size;
  let freed = 0;
  for (const g of prof.stop().statistics) freed += g.beforeGC.heapStatistics.usedHeapSize - g.afterGC.heapStatistics.usedHeapSize;
  return (after - before + freed) / n;
}
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

function measure(lines: PricingLine[], withP: PricingRules, without: PricingRules, samples: number) {
  const a: number[] = [];
  const b: number[] = [];
  // Warm-up: 50 pricings of each, fewer than a till does before its first customer (it prices the cart on every scan).
  for (let i = 0; i < 50; i++) { priceCart(lines, withP); priceCart(lines, without); }
  for (let i = 0; i < samples; i++) {
    let t = nowMs();
    priceCart(lines, withP);
    a.push(nowMs() - t);
    t = nowMs();
    priceCart(lines, without);
    b.push(nowMs() - t);
  }
  return { with: latency(a), without: latency(b), bytes: allocatedPerCall(() => priceCart(lines, withP), 200), baseBytes: allocatedPerCall(() => priceCart(lines, without), 200) };
}

/** The two carts the figures price (one generator, in this order: the same carts for a seed). */
export function promotionCases(seed: number) {
  const int = generator(seed);
  const cartProducts = Array.from({ length: 50 }, (_x, i) => 1 + ((i * 97 + int(0, 96)) % PRODUCTS));
  const lines: PricingLine[] = [...new Set(cartProducts)].map((p) => ({ key: `l${p}`, productId: p, name: `商品${p}`, unitPriceFen: priceOf(p), qty: int(1, 4), pointsPct: 100, categoryId: catOf(p) }));
  const promos = Array.from({ length: 200 }, (_x, i) => promotion(i, int, cartProducts));
  // Six promotions on the same three products: the allocation is searched exhaustively.
  const small: PricingLine[] = [1, 2, 3].map((p) => ({ key: `s${p}`, productId: p, name: `商品${p}`, unitPriceFen: priceOf(p), qty: 3, pointsPct: 100, categoryId: 1 }));
  const scope = { all: false, productIds: [1, 2, 3], categoryIds: [] };
  const contested: Promotion[] = [
    { kind: 'nth', n: 2, pricePct: 50 }, { kind: 'special', priceFen: null, pricePct: 85 }, { kind: 'gift', buyQty: 2, giftQty: 1, giftProductIds: [3], giftPriceFen: 0 },
    { kind: 'bundle', items: [{ productId: 1, qty: 1 }, { productId: 2, qty: 1 }], priceFen: 1_000 },
    { kind: 'threshold', repeat: true, steps: [{ minFen: 5_000, offFen: 500, pricePct: null }] }, { kind: 'threshold', repeat: false, steps: [{ minFen: 2_000, offFen: null, pricePct: 90 }] },
  ].map((rule, i) => ({ ...promotion(i, int, [1]), rule: rule as PromotionRule, scope, stacks: { others: i % 2 === 0, coupons: true, points: true, tier: true } }));
  return { big: { lines, rules: rules(promos), none: rules([]) }, contested: { lines: small, rules: rules(contested), none: rules([]) } };
}

export function promotionFigures(opts: { samples: number; seed: number }): Row[] {
  const { big: bigCase, contested: hardCase } = promotionCases(opts.seed);
  const lines = bigCase.lines;
  const big = measure(lines, bigCase.rules, bigCase.none, opts.samples);
  const applied = priceCart(lines, bigCase.rules).promotions.length;
  const small = hardCase.lines;
  const hard = measure(small, hardCase.rules, hardCase.none, opts.samples);
  const exhaustive = priceCart(small, hardCase.rules).promotions.length;

  const row = (id: string, figure: string, v: number, base: number, baseline: string, target: string, met: boolean | null, note: string): Row =>
    ({ id, figure, value: v, unit: 'ms', baseline, baselineValue: base, ratio: v / base, target, met, note });
  return [
    row('promotions.cart50.p99', `pricing a ${lines.length}-line cart with 200 active promotions, p99 (${applied} applied)`, big.with.p99, big.without.p99, 'the same cart, no promotions, p99', '≤ 5 ms', big.with.p99 <= 5, `p50 ${big.with.p50.toFixed(3)} ms; ${kb(big.bytes)} allocated per pricing (no promotions: ${kb(big.baseBytes)}); after 50 warm-up pricings`),
    row('promotions.cart50.p50', `pricing a ${lines.length}-line cart with 200 active promotions, p50`, big.with.p50, big.without.p50, 'the same cart, no promotions, p50', '—', null, ''),
    row('promotions.contested.p99', `a 3-line cart (9 units) with 6 competing promotions, exhaustive search, p99 (${exhaustive} applied)`, hard.with.p99, hard.without.p99, 'the same cart, no promotions, p99', '—', null, `p50 ${hard.with.p50.toFixed(3)} ms; ${kb(hard.bytes)} allocated per pricing`),
  ];
}
