import type { Promotion } from './types.js';

/**
 * What one promotion gives on the units handed to it. The engine (engine.ts) decides which
 * units go to which promotion; this file is each kind's own rule, applied to those units.
 *
 * Units of one product at one price are an `Item`; items are sorted most expensive first
 * (then by product id), so "the cheapest unit of each set" and every tie are the same
 * whatever order the cashier scanned in.
 */

export interface Item {
  productId: number;
  categoryId: number | null;
  name: string;
  priceFen: number;
  count: number;
  /** The cart lines holding these units, in the cart's order. */
  lines: Array<{ key: string; qty: number }>;
  /** Weighed lines (称重): money toward 满减/满折 only, never units of an item promotion. */
  weighed?: boolean;
}

export interface Evaluation {
  applications: number;
  /** Units consumed per item (0 for units left for others). */
  used: number[];
  /** The discount each item carries, fen. Sums to `total`. */
  discount: number[];
  total: number;
  /** Units actually priced down per item (the cheaper unit of a pair, the gift). */
  marked: number[];
  /** The items it used (used > 0), ascending: a promotion touches a few items of many, so readers walk these. */
  at: readonly number[];
}

const pctOf = (amountFen: number, pct: number) => Math.floor((amountFen * pct + 50) / 100);
/**
 * Every number array here is built the same way (pushed, so packed small integers): arrays of
 * one shape keep the optimised code that reads them from being thrown away again and again.
 */
const zeroRows = new Map<number, number[]>();
function zeros(n: number): number[] {
  let z = zeroRows.get(n);
  if (!z) {
    z = [];
    for (let i = 0; i < n; i++) z.push(0);
    zeroRows.set(n, z);
  }
  // A copy of one pushed row: the same packed shape, in one allocation of exactly n (pushing
  // 50 zeros grows the store three times, ~1 KB of garbage per array; evaluations make many).
  return z.slice();
}
const empties = new Map<number, Evaluation>();
/**
 * Nothing applied. One shared object per cart size, never written to: most promotions of a
 * week's list give nothing on a given cart, and the search holds one evaluation per promotion
 * per pass. (Not frozen: a frozen array is another shape to the optimiser, see `zeros`.)
 */
export const NONE = (n: number): Evaluation => {
  let e = empties.get(n);
  if (!e) {
    const z = zeros(n);
    empties.set(n, (e = { applications: 0, used: z, discount: z, total: 0, marked: z, at: [] }));
  }
  return e;
};

/** Indices 0…n-1, shared per n: the reference path looks at every item. */
const alls = new Map<number, readonly number[]>();
function allItems(n: number): readonly number[] {
  let a = alls.get(n);
  if (!a) {
    const all: number[] = [];
    for (let i = 0; i < n; i++) all.push(i);
    alls.set(n, (a = all));
  }
  return a;
}

/** A promotion of items sorted by remainder: a typed-array key sort (exact while remainder < 2^37 and n ≤ 2^16), else objects. */
const KEY = 65536;
const KEY_MAX_SUM = 2 ** 37;
/** Reused between calls (pricing is synchronous): no typed array allocated per split. */
let scratch = new Float64Array(64);

/**
 * Splits `total` over weights in proportion, largest remainder first (ties to the earlier
 * index), so the parts are integers summing exactly to `total` and none exceeds its weight.
 */
export function spread(total: number, weights: readonly number[]): number[] {
  return spreadInto(total, weights, weights.length, zeros(weights.length));
}

/**
 * `spread` over the first `n` weights, written into `out` (its first `n` entries; the rest left
 * as they are): the 满减 split of every allocation tried reuses one scratch row (cart-level.ts).
 */
export function spreadInto(total: number, weights: ArrayLike<number>, n: number, out: number[]): number[] {
  if (n === 1) { out[0] = weights[0]! > 0 ? total : 0; return out; }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i]!;
  if (sum === 0 || total === 0) { for (let i = 0; i < n; i++) out[i] = 0; return out; }
  const parts = out;
  let left = total;
  for (let i = 0; i < n; i++) {
    const x = Math.floor((weights[i]! * total) / sum);
    parts[i] = x;
    left -= x;
  }
  if (left <= 0) return parts;
  // Only weighted parts take a remainder unit, so only they are ordered (most carts weigh a few items of many).
  if (sum < KEY_MAX_SUM && n <= KEY) {
    // (remainder desc, index asc) as one exact number: remainder × 2^16 + (2^16 - 1 - index), sorted natively.
    if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
    let k = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (w > 0) scratch[k++] = ((w * total) % sum) * KEY + (KEY - 1 - i);
    }
    const keys = scratch.subarray(0, k).sort();
    for (let q = k - 1; q >= 0 && left > 0; q--, left--) parts[KEY - 1 - (keys[q]! % KEY)]! += 1; // the index, exact
    return parts;
  }
  const order: Array<{ i: number; r: number }> = [];
  for (let i = 0; i < n; i++) { const w = weights[i]!; if (w > 0) order.push({ i, r: (w * total) % sum }); }
  order.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/**
 * A promotion's discount is shared by the units it used, in proportion to their price: so
 * refunding one unit refunds what it really cost. Only the items used take a share (the rest
 * would take 0), so the split is over those, in item order: the same parts as over every item.
 */
function share(items: readonly Item[], used: number[], marked: number[], total: number, applications: number, at: readonly number[]): Evaluation {
  const discount = zeros(items.length);
  const parts = spread(total, at.map((i) => used[i]! * items[i]!.priceFen));
  at.forEach((i, k) => { discount[i] = parts[k]!; });
  return { applications, used, marked, total, discount, at };
}

/** The items (ascending) with units used. */
function usedAt(used: readonly number[], idx: readonly number[]): number[] {
  const at: number[] = [];
  for (const i of idx) if (used[i]! > 0) at.push(i);
  return at;
}

/**
 * `scoped` (which items are in the promotion's scope, as buildProblem found) saves a gift rule
 * looking each one up again. `idx` (ascending) are the only items whose `assigned` may be
 * above 0 — the promotion's eligible items: each rule then looks at those alone, not at the
 * whole cart (the same result: an item with no unit handed over gives nothing; a property
 * test checks both ways agree). Without it every item is looked at.
 */
export function evaluate(p: Promotion, items: readonly Item[], assigned: readonly number[], limit: number, giftable: readonly boolean[], scoped?: readonly boolean[], idx?: readonly number[]): Evaluation {
  const n = items.length;
  const r = p.rule;
  if (limit <= 0) return NONE(n);
  const look = idx ?? allItems(n);
  switch (r.kind) {
    case 'special': {
      let left = limit;
      // Most valuable units first when a limit cuts the units short.
      const order: Array<{ i: number; d: number }> = [];
      for (const i of look) {
        if (!(assigned[i]! > 0)) continue;
        const it = items[i]!;
        const d = it.priceFen - (r.priceFen !== null ? Math.min(it.priceFen, r.priceFen) : pctOf(it.priceFen, r.pricePct ?? 100));
        if (d > 0) order.push({ i, d });
      }
      if (order.length === 0) return NONE(n);
      order.sort((a, b) => b.d - a.d || a.i - b.i);
      // Every unit used is priced down: `marked` is `used` (an evaluation is never written to once made).
      const used = zeros(n);
      const ev: Evaluation = { applications: 0, used, discount: zeros(n), total: 0, marked: used, at: [] };
      for (const { i, d } of order) {
        const u = Math.min(assigned[i]!, left);
        left -= u;
        ev.used[i] = u;
        ev.discount[i] = u * d;
        ev.total += u * d;
        ev.applications += u;
      }
      ev.at = usedAt(ev.used, look);
      return ev;
    }
    case 'nth': {
      let total = 0;
      for (const i of look) total += assigned[i]!;
      const sets = Math.min(Math.floor(total / r.n), limit);
      if (sets === 0) return NONE(n);
      const used = zeros(n);
      const marked = zeros(n);
      let pos = 0;
      let sum = 0;
      const end = sets * r.n;
      for (let k = 0; k < look.length && pos < end; k++) {
        const i = look[k]!;
        const a = assigned[i]!;
        if (a === 0) continue;
        const hi = Math.min(pos + a, end);
        used[i] = hi - pos;
        // Positions n-1, 2n-1, …: the last (cheapest) unit of each set, most expensive units first.
        const m = Math.floor(hi / r.n) - Math.floor(pos / r.n);
        marked[i] = m;
        sum += m * (items[i]!.priceFen - pctOf(items[i]!.priceFen, r.pricePct));
        pos = hi;
      }
      return share(items, used, marked, sum, sets, usedAt(used, look));
    }
    case 'bundle': {
      // Units per distinct product: a bundle listing a product twice (refused by validation, but
      // synced data may carry one) needs the sum of its quantities, never more units than exist.
      const need = new Map<number, number>();
      for (const b of r.items) need.set(b.productId, (need.get(b.productId) ?? 0) + b.qty);
      let one = 0;
      let sets = limit;
      const at: number[] = [];
      for (const [productId, qty] of need) {
        const i = items.findIndex((it) => it.productId === productId);
        if (i < 0 || !(qty >= 1)) return NONE(n);
        at.push(i);
        one += qty * items[i]!.priceFen;
        sets = Math.min(sets, Math.floor(assigned[i]! / qty));
      }
      if (need.size === 0 || one <= r.priceFen || sets <= 0) return NONE(n);
      const used = zeros(n);
      for (const [productId, qty] of need) used[items.findIndex((it) => it.productId === productId)]! += sets * qty;
      return share(items, used, used, sets * (one - r.priceFen), sets, usedAt(used, at.sort((a, b) => a - b)));
    }
    case 'gift':
      return evaluateGift(r, items, assigned, limit, giftable, p, scoped, look).ev;
    case 'threshold':
      return NONE(n);
  }
}

type GiftRule = Extract<Promotion['rule'], { kind: 'gift' }>;

/** Gift units by value (gift-only products first on a tie, so a unit that could also be bought stays a purchase). */
function giftOrder(r: GiftRule, items: readonly Item[], giftable: readonly boolean[], inScope: readonly boolean[], look: readonly number[]) {
  const out: Array<{ i: number; d: number; s: number }> = [];
  for (const i of look) {
    if (!giftable[i]) continue;
    const it = items[i]!;
    const d = it.priceFen - Math.min(it.priceFen, r.giftPriceFen);
    if (d > 0) out.push({ i, d, s: inScope[i] ? 1 : 0 });
  }
  return out.sort(byGiftValue);
}
const byGiftValue = (a: { i: number; d: number; s: number }, b: { i: number; d: number; s: number }) => b.d - a.d || a.s - b.s || a.i - b.i;

/** Units left to buy once the `g` most valuable gift units are given (no array: the binary search calls it often). */
function buyAvailFor(order: ReadonlyArray<{ i: number; s: number }>, assigned: readonly number[], buyUnits: number, g: number): number {
  let left = g;
  let given = 0;
  for (const x of order) {
    const u = Math.min(assigned[x.i]!, left);
    if (x.s) given += u;
    left -= u;
  }
  return buyUnits - given;
}

/** Which items count as bought for the rule, when buildProblem has not worked it out (`scoped`). */
function scopeOfGift(p: Promotion, items: readonly Item[]): boolean[] {
  return items.map((it) => p.scope.all || p.scope.productIds.includes(it.productId) || (it.categoryId !== null && p.scope.categoryIds.includes(it.categoryId)));
}

/**
 * 买X送Y: the most gifts the units allow — every `buyQty` bought units give `giftQty` gifts,
 * and a unit is either bought or given, never both (a free unit is never counted as a
 * purchase, the Odoo bug). Returns also how many more gifts the purchases would earn.
 * `look` as for `evaluate` (it must hold every giftable item and every item with units).
 */
export function evaluateGift(r: GiftRule, items: readonly Item[], assigned: readonly number[], limit: number, giftable: readonly boolean[], p: Promotion, scoped?: readonly boolean[], look: readonly number[] = allItems(items.length)): { ev: Evaluation; missing: number } {
  const n = items.length;
  const inScope = scoped ?? scopeOfGift(p, items);
  const order = giftOrder(r, items, giftable, inScope, look);
  let giftUnits = 0;
  for (const x of order) giftUnits += assigned[x.i]!;
  let buyUnits = 0;
  for (const i of look) if (inScope[i]) buyUnits += assigned[i]!;
  // Feasibility only gets harder as g grows (more gifts, fewer units left to buy): binary search.
  let lo = 0;
  let hi = Math.min(limit, giftUnits);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (buyAvailFor(order, assigned, buyUnits, mid) >= Math.ceil(mid / r.giftQty) * r.buyQty) lo = mid;
    else hi = mid - 1;
  }
  const g = lo;
  const buyAvail = buyAvailFor(order, assigned, buyUnits, g);
  const earned = Math.min(limit, Math.floor(buyAvail / r.buyQty) * r.giftQty);
  const missing = Math.max(0, earned - g);
  if (g === 0) return { ev: NONE(n), missing };
  const chosen = zeros(n);
  let left = g;
  for (const { i } of order) {
    const u = Math.min(assigned[i]!, left);
    chosen[i] = u;
    left -= u;
  }
  // The purchases that earn the gifts: the cheapest bought units, leaving dearer ones to other promotions.
  const used = [...chosen];
  let need = Math.ceil(g / r.giftQty) * r.buyQty;
  for (let k = look.length - 1; k >= 0 && need > 0; k--) {
    const i = look[k]!;
    if (!inScope[i]) continue;
    const u = Math.min(assigned[i]! - chosen[i]!, need);
    used[i]! += u;
    need -= u;
  }
  let total = 0;
  for (const x of order) total += chosen[x.i]! * x.d;
  return { ev: share(items, used, chosen, total, g, usedAt(used, look)), missing };
}
