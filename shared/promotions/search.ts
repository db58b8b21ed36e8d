import { EXACT_LEAVES, finish, pricedOf, reminders, totalOf, type Allocation, type Priced, type Problem, type PromotionResult } from './engine.js';
import { cartBase, cartConflicts, thresholdValue } from './cart-level.js';
import { piecesOf } from './engine.js';
import { NONE, evaluate, type Evaluation } from './evaluate.js';

const MANY = Number.MAX_SAFE_INTEGER;
/** Up to this many item promotions on a cart, the greedy also tries leaving each one out. */
const SKIP_MAX = 8;

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) {
    r = (r * (n - k + i)) / i;
    if (r > MANY) return MANY;
  }
  return Math.round(r);
}

/** Every set of cart promotions that may apply together, the earliest (highest priority) included first. */
function cartSubsets(pr: Problem, cap: number): number[][] | null {
  const conflicts = cartConflicts(pr);
  const out: number[][] = [];
  const walk = (c: number, set: number[]): boolean => {
    if (out.length > cap) return false;
    if (c === pr.cart.length) { out.push([...set]); return true; }
    if (!set.some((s) => conflicts[s]![c])) {
      set.push(c);
      if (!walk(c + 1, set)) return false;
      set.pop();
    }
    return walk(c + 1, set);
  };
  return walk(0, []) ? out : null;
}

/**
 * Greedy cart promotions for large carts: by priority, each taken if it conflicts with none
 * taken and gives something on its own base; then the whole set is kept only if the final
 * total (tier interplay included) beats none at all. Two finishes, not one per promotion.
 */
function greedyCart(pr: Problem, evals: Evaluation[]): number[][] {
  const conflicts = cartConflicts(pr);
  const pieces = piecesOf(pr, evals);
  const set: number[] = [];
  for (let c = 0; c < pr.cart.length; c++) {
    if (set.some((s) => conflicts[s]![c])) continue;
    const r = pr.cart[c]!.p.rule;
    if (r.kind === 'threshold' && thresholdValue(r.steps, r.repeat, cartBase(pr, pieces, c), pr.cart[c]!.limit).fen > 0) set.push(c);
  }
  return set.length ? [set, []] : [[]];
}

export interface SearchResult { total: number; result: PromotionResult }

/** The allocation with the lowest total for the customer (see engine.ts for the rule, tie-break and budget). */
export function search(pr: Problem): SearchResult {
  const n = pr.items.length;
  const m = pr.item.length;
  let bestTotal = Infinity;
  let bestAt: Allocation | null = null;
  let bestPriced: Priced | null = null;
  let exhaustive = false;
  // Allocations are compared by total; only the one chosen is priced down to its lines.
  const consider = (evals: Evaluation[], cartSet: number[]) => {
    const a = { evals, cartSet };
    const priced = pricedOf(pr, a);
    const total = totalOf(pr, a, priced);
    if (total < bestTotal) { bestTotal = total; bestAt = a; bestPriced = priced; }
  };
  // One evaluation per promotion and units handed to it, per pricing: the passes below hand most
  // promotions the same units again (a week's promotions rarely compete), and an evaluation is
  // never written to once made, so it is shared — the same result, a fraction of the garbage.
  // Per promotion, the units handed over (on its eligible items, in order) and what they gave: a
  // promotion sees a few different hands per pricing, compared unit by unit (no key string built per look-up).
  interface Seen { units: number[]; ev: Evaluation; next: Seen | null }
  const memo: Array<Seen | null> = pr.item.map(() => null);
  const evalOf = (j: number, assigned: readonly number[]): Evaluation => {
    const ip = pr.item[j]!;
    const idx = ip.idx;
    for (let m: Seen | null = memo[j] ?? null; m !== null; m = m.next) {
      let same = true;
      for (let k = 0; k < idx.length; k++) if (m.units[k] !== assigned[idx[k]!]) { same = false; break; }
      if (same) return m.ev;
    }
    const ev = evaluate(ip.p, pr.items, assigned, ip.limit, ip.giftable, ip.scoped, idx);
    memo[j] = { units: idx.map((i) => assigned[i]!), ev, next: memo[j] ?? null };
    return ev;
  };
  const eligible: number[][] = pr.items.map(() => []);
  pr.item.forEach((ip, j) => { for (const i of ip.idx) eligible[i]!.push(j); });
  let leaves = 1;
  for (let i = 0; i < n; i++) leaves = Math.min(MANY, leaves * choose(pr.items[i]!.count + eligible[i]!.length, eligible[i]!.length));
  const subsets = leaves <= EXACT_LEAVES ? cartSubsets(pr, Math.floor(EXACT_LEAVES / leaves)) : null;

  if (subsets !== null && leaves * subsets.length <= EXACT_LEAVES) {
    exhaustive = true;
    const assigned = pr.item.map(() => new Array<number>(n).fill(0));
    // Item by item, the units shared among its promotions, the earliest promotion taking the most first.
    const walk = (i: number, k: number, left: number) => {
      if (i === n) {
        const evals = pr.item.map((_ip, j) => evalOf(j, assigned[j]!));
        for (const s of subsets) consider(evals, s);
        return;
      }
      const es = eligible[i]!;
      if (k === es.length) { walk(i + 1, 0, i + 1 < n ? pr.items[i + 1]!.count : 0); return; }
      const j = es[k]!;
      for (let u = left; u >= 0; u--) {
        assigned[j]![i] = u;
        walk(i, k + 1, left - u);
      }
      assigned[j]![i] = 0;
    };
    walk(0, 0, n > 0 ? pr.items[0]!.count : 0);
  } else {
    const orders = m <= 4 ? permutations(m) : [range(m), standaloneOrder(pr, evalOf)];
    const greedy = (order: number[], skip: number) => {
      const remaining = pr.items.map((it) => it.count);
      // The units handed to each promotion in turn: only its eligible items are ever set, and reset after.
      const assigned = new Array<number>(n).fill(0);
      const evals: Evaluation[] = new Array<Evaluation>(m).fill(NONE(n));
      for (const j of order) {
        if (j === skip) continue;
        const ip = pr.item[j]!;
        let any = false;
        for (const i of ip.idx) if (remaining[i]! > 0) { any = true; break; }
        if (!any) continue;
        for (const i of ip.idx) assigned[i] = remaining[i]!;
        const ev = evalOf(j, assigned);
        for (const i of ip.idx) assigned[i] = 0;
        for (const i of ev.at) remaining[i]! -= ev.used[i]!;
        evals[j] = ev;
      }
      return evals;
    };
    const small = subsets !== null ? subsets : cartSubsets(pr, 8);
    // Two passes often hand every promotion the same units: the memo then gives the very same
    // evaluations, whose allocations were already priced (an equal total never replaces the best).
    const tried: Evaluation[][] = [];
    const tryEvals = (evals: Evaluation[]) => {
      if (tried.some((t) => t.every((ev, j) => ev === evals[j]))) return;
      tried.push(evals);
      for (const s of small ?? greedyCart(pr, evals)) consider(evals, s);
    };
    for (const o of orders) tryEvals(greedy(o, -1));
    // Then without each promotion in turn: one that does not stack with the tier or a 满减 may cost more than it gives.
    // (Only for a handful: each is a full pricing of the cart.)
    for (let skip = 0; skip < m && m > 1 && m <= SKIP_MAX; skip++) tryEvals(greedy(orders[0]!, skip));
    tryEvals(new Array<Evaluation>(m).fill(NONE(n)));
  }
  const chosen = bestAt as Allocation | null;
  if (!chosen) return { total: 0, result: { lines: new Map(), applied: [], reminders: [], exhaustive } };
  const found = finish(pr, chosen, bestPriced ?? undefined);
  // Gift reminders only for the allocation chosen (each is a search of its own).
  return { total: found.total, result: { ...found.result, reminders: reminders(pr, chosen), exhaustive } };
}

const range = (m: number) => Array.from({ length: m }, (_x, i) => i);

function permutations(m: number): number[][] {
  if (m === 0) return [[]];
  const out: number[][] = [];
  const walk = (rest: number[], acc: number[]) => {
    if (rest.length === 0) { out.push(acc); return; }
    rest.forEach((x, k) => walk([...rest.slice(0, k), ...rest.slice(k + 1)], [...acc, x]));
  };
  walk(range(m), []);
  return out;
}

/** Item promotions by what each would give alone, largest first (ties keep priority order). */
function standaloneOrder(pr: Problem, evalOf: (j: number, assigned: readonly number[]) => Evaluation): number[] {
  const assigned = new Array<number>(pr.items.length).fill(0);
  const value = pr.item.map((ip, j) => {
    for (const i of ip.idx) assigned[i] = pr.items[i]!.count;
    const v = evalOf(j, assigned).total;
    for (const i of ip.idx) assigned[i] = 0;
    return v;
  });
  return range(pr.item.length).sort((a, b) => value[b]! - value[a]! || a - b);
}
