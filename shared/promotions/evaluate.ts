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
}

const pctOf = (amountFen: number, pct: number) => Math.floor((amountFen * pct + 50) / 100);
export const NONE = (n: number): Evaluation => ({ applications: 0, used: new Array<number>(n).fill(0), discount: new Array<number>(n).fill(0), total: 0, marked: new Array<number>(n).fill(0) });

/**
 * Splits `total` over weights in proportion, largest remainder first (ties to the earlier
 * index), so the parts are integers summing exactly to `total` and none exceeds its weight.
 */
export function spread(total: number, weights: readonly number[]): number[] {
  if (weights.length === 1) return [weights[0]! > 0 ? total : 0];
  let sum = 0;
  for (const w of weights) sum += w;
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const parts = weights.map((w) => Math.floor((w * total) / sum));
  let left = total;
  for (const x of parts) left -= x;
  if (left <= 0) return parts;
  // Only weighted parts take a remainder unit, so only they are ordered (most carts weigh a few items of many).
  const order: Array<{ i: number; r: number }> = [];
  weights.forEach((w, i) => { if (w > 0) order.push({ i, r: (w * total) % sum }); });
  order.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/** A promotion's discount is shared by the units it used, in proportion to their price: so refunding one unit refunds what it really cost. */
function share(items: readonly Item[], used: number[], marked: number[], total: number, applications: number): Evaluation {
  return { applications, used, marked, total, discount: spread(total, used.map((u, i) => u * items[i]!.priceFen)) };
}

/** `scoped` (which items are in the promotion's scope, as buildProblem found) saves a gift rule looking each one up again. */
export function evaluate(p: Promotion, items: readonly Item[], assigned: readonly number[], limit: number, giftable: readonly boolean[], scoped?: readonly boolean[]): Evaluation {
  const n = items.length;
  const r = p.rule;
  if (limit <= 0) return NONE(n);
  switch (r.kind) {
    case 'special': {
      const ev = NONE(n);
      let left = limit;
      // Most valuable units first when a limit cuts the units short.
      const order = items.map((it, i) => ({ i, d: it.priceFen - (r.priceFen !== null ? Math.min(it.priceFen, r.priceFen) : pctOf(it.priceFen, r.pricePct ?? 100)) }))
        .filter((x) => x.d > 0 && assigned[x.i]! > 0).sort((a, b) => b.d - a.d || a.i - b.i);
      for (const { i, d } of order) {
        const u = Math.min(assigned[i]!, left);
        left -= u;
        ev.used[i] = u;
        ev.marked[i] = u;
        ev.discount[i] = u * d;
        ev.total += u * d;
        ev.applications += u;
      }
      return ev;
    }
    case 'nth': {
      const total = assigned.reduce((s, a) => s + a, 0);
      const sets = Math.min(Math.floor(total / r.n), limit);
      if (sets === 0) return NONE(n);
      const used = new Array<number>(n).fill(0);
      const marked = new Array<number>(n).fill(0);
      let pos = 0;
      let sum = 0;
      const end = sets * r.n;
      for (let i = 0; i < n && pos < end; i++) {
        const a = assigned[i]!;
        if (a === 0) continue;
        const hi = Math.min(pos + a, end);
        used[i] = hi - pos;
        // Positions n-1, 2n-1, …: the last (cheapest) unit of each set, most expensive units first.
        const k = Math.floor(hi / r.n) - Math.floor(pos / r.n);
        marked[i] = k;
        sum += k * (items[i]!.priceFen - pctOf(items[i]!.priceFen, r.pricePct));
        pos = hi;
      }
      return share(items, used, marked, sum, sets);
    }
    case 'bundle': {
      const idx = r.items.map((b) => items.findIndex((it) => it.productId === b.productId));
      if (idx.some((i) => i < 0)) return NONE(n);
      const one = r.items.reduce((s, b, j) => s + b.qty * items[idx[j]!]!.priceFen, 0);
      if (one <= r.priceFen) return NONE(n);
      const sets = Math.min(limit, ...r.items.map((b, j) => Math.floor(assigned[idx[j]!]! / b.qty)));
      if (sets <= 0) return NONE(n);
      const used = new Array<number>(n).fill(0);
      r.items.forEach((b, j) => { used[idx[j]!]! += sets * b.qty; });
      return share(items, used, [...used], sets * (one - r.priceFen), sets);
    }
    case 'gift':
      return evaluateGift(r, items, assigned, limit, giftable, p, scoped).ev;
    case 'threshold':
      return NONE(n);
  }
}

type GiftRule = Extract<Promotion['rule'], { kind: 'gift' }>;

/** Gift units by value (gift-only products first on a tie, so a unit that could also be bought stays a purchase). */
function giftOrder(r: GiftRule, items: readonly Item[], giftable: readonly boolean[], inScope: (i: number) => boolean) {
  return items.map((it, i) => ({ i, d: it.priceFen - Math.min(it.priceFen, r.giftPriceFen) }))
    .filter((x) => giftable[x.i] && x.d > 0).sort((a, b) => b.d - a.d || Number(inScope(a.i)) - Number(inScope(b.i)) || a.i - b.i);
}

/**
 * 买X送Y: the most gifts the units allow — every `buyQty` bought units give `giftQty` gifts,
 * and a unit is either bought or given, never both (a free unit is never counted as a
 * purchase, the Odoo bug). Returns also how many more gifts the purchases would earn.
 */
export function evaluateGift(r: GiftRule, items: readonly Item[], assigned: readonly number[], limit: number, giftable: readonly boolean[], p: Promotion, scoped?: readonly boolean[]): { ev: Evaluation; missing: number } {
  const n = items.length;
  const inScope = scoped
    ? (i: number) => scoped[i]!
    : (i: number) => p.scope.all || p.scope.productIds.includes(items[i]!.productId) || (items[i]!.categoryId !== null && p.scope.categoryIds.includes(items[i]!.categoryId!));
  const order = giftOrder(r, items, giftable, inScope);
  const giftUnits = order.reduce((s, x) => s + assigned[x.i]!, 0);
  const buyUnits = items.reduce((s, _it, i) => s + (inScope(i) ? assigned[i]! : 0), 0);
  const pick = (g: number) => {
    const chosen = new Array<number>(n).fill(0);
    let left = g;
    for (const { i } of order) {
      const u = Math.min(assigned[i]!, left);
      chosen[i] = u;
      left -= u;
    }
    const buyAvail = buyUnits - chosen.reduce((s, c, i) => s + (inScope(i) ? c : 0), 0);
    return { chosen, buyAvail, ok: buyAvail >= Math.ceil(g / r.giftQty) * r.buyQty };
  };
  // Feasibility only gets harder as g grows (more gifts, fewer units left to buy): binary search.
  let lo = 0;
  let hi = Math.min(limit, giftUnits);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (pick(mid).ok) lo = mid;
    else hi = mid - 1;
  }
  const g = lo;
  const { chosen, buyAvail } = pick(g);
  const earned = Math.min(limit, Math.floor(buyAvail / r.buyQty) * r.giftQty);
  const missing = Math.max(0, earned - g);
  if (g === 0) return { ev: NONE(n), missing };
  // The purchases that earn the gifts: the cheapest bought units, leaving dearer ones to other promotions.
  const used = [...chosen];
  let need = Math.ceil(g / r.giftQty) * r.buyQty;
  for (let i = n - 1; i >= 0 && need > 0; i--) {
    if (!inScope(i)) continue;
    const u = Math.min(assigned[i]! - chosen[i]!, need);
    used[i]! += u;
    need -= u;
  }
  const total = order.reduce((s, x) => s + chosen[x.i]! * x.d, 0);
  return { ev: share(items, used, chosen, total, g), missing };
}
