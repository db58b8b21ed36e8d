import type { AppliedPromotion, GiftReminder, Promotion, PromotionContext } from './types.js';
import { evaluateGift, spread, type Evaluation, type Item } from './evaluate.js';
import { allowance, byPriority } from './window.js';
import { cartLevel, type Piece } from './cart-level.js';

/**
 * The promotions engine: which units go to which promotion, chosen for the customer.
 *
 * Rule: a unit takes at most one item promotion (特价, N件, 买赠, 套餐); 满减/满折 count the
 * units after those, a unit joining a 满减 only if both promotions stack with others; the tier
 * discount applies to units whose promotions all stack with it. Among all allocations the
 * engine takes the one with the lowest total for the customer. Tie-break: the first found in a
 * fixed order — promotions by priority (high first) then global id, each taking as many units
 * as it can before the next, cart items most expensive first — so equal results always go to
 * the higher-priority promotion. Budget: when the allocations number at most EXACT_LEAVES the
 * search is exhaustive; beyond, it tries every order of the item promotions (up to 4 of them,
 * else priority order and value order, then dropping each one in turn) — a count, not a clock,
 * so page and core always stop at the same place.
 */
export const EXACT_LEAVES = 4000;

export interface LinePromo { key: string; promoDiscountFen: number; memberDiscountFen: number; totalFen: number }
export interface PromotionResult {
  lines: Map<string, LinePromo>;
  applied: AppliedPromotion[];
  reminders: GiftReminder[];
  /** Whether the allocation was found by exhaustive search (else by the bounded greedy). */
  exhaustive: boolean;
}

export interface EngineLine { key: string; productId: number; categoryId: number | null; name: string; unitPriceFen: number; qty: number; weighed?: boolean }

export interface Problem {
  items: Item[];
  item: Array<{ p: Promotion; limit: number; elig: boolean[]; giftable: boolean[] }>;
  cart: Array<{ p: Promotion; limit: number; elig: boolean[] }>;
  tierPct: number | null;
}

const inScope = (p: Promotion, it: Item) =>
  p.scope.all || p.scope.productIds.includes(it.productId) || (it.categoryId !== null && p.scope.categoryIds.includes(it.categoryId));

/** Units of one product at one price, most expensive first, then by product id: scan order never matters. */
export function buildProblem(lines: readonly EngineLine[], ctx: PromotionContext, tierPct: number | null): Problem {
  const byKey = new Map<string, Item>();
  for (const l of lines) {
    // A weighed line is its own item: its "unit" is a label at a price, not a piece (README › Weighed goods).
    const k = l.weighed ? `w:${l.key}` : `${l.productId}:${l.unitPriceFen}`;
    const it = byKey.get(k) ?? { productId: l.productId, categoryId: l.categoryId, name: l.name, priceFen: l.unitPriceFen, count: 0, lines: [], ...(l.weighed ? { weighed: true } : {}) };
    it.count += l.qty;
    it.lines.push({ key: l.key, qty: l.qty });
    byKey.set(k, it);
  }
  const items = [...byKey.values()].sort((a, b) => b.priceFen - a.priceFen || a.productId - b.productId);
  const problem: Problem = { items, item: [], cart: [], tierPct };
  for (const p of [...ctx.promotions].sort(byPriority)) {
    const limit = allowance(p, ctx);
    if (limit <= 0) continue;
    const r = p.rule;
    if (r.kind === 'threshold') {
      const elig = items.map((it) => inScope(p, it));
      if (elig.some(Boolean)) problem.cart.push({ p, limit, elig });
      continue;
    }
    const giftable = items.map((it) => !it.weighed && r.kind === 'gift' && r.giftProductIds.includes(it.productId));
    const elig = items.map((it, i) => !it.weighed && (r.kind === 'bundle' ? r.items.some((b) => b.productId === it.productId) : inScope(p, it) || giftable[i]!));
    if (elig.some(Boolean)) problem.item.push({ p, limit, elig, giftable });
  }
  return problem;
}

export interface Allocation { evals: Evaluation[]; cartSet: number[] }

/** Each item's units in runs by item promotion (-1: none), before any 满减. */
export function piecesOf(pr: Problem, evals: readonly Evaluation[]): Piece[][] {
  return pr.items.map((it, i) => {
    const ps: Piece[] = [];
    let free = it.count;
    for (let j = 0; j < evals.length; j++) {
      const ev = evals[j]!;
      if (ev.used[i]! > 0) {
        ps.push({ promo: j, units: ev.used[i]!, itemDisc: ev.discount[i]!, after: ev.used[i]! * it.priceFen - ev.discount[i]!, cart: [] });
        free -= ev.used[i]!;
      }
    }
    if (free > 0) ps.push({ promo: -1, units: free, itemDisc: 0, after: free * it.priceFen, cart: [] });
    return ps;
  });
}

/** Prices one allocation down to each cart line: the objective and the result are one function. */
export function finish(pr: Problem, a: Allocation): { total: number; result: PromotionResult } {
  const n = pr.items.length;
  const pieces = piecesOf(pr, a.evals);
  const cartTotals = cartLevel(pr, pieces, a.cartSet);
  const lines = new Map<string, LinePromo>();
  const applied = new Map<string, AppliedPromotion>();
  const appliedFor = (p: Promotion, applications: number) => {
    let x = applied.get(p.id);
    if (!x) applied.set(p.id, (x = { promotionId: p.id, name: p.name, kind: p.rule.kind, applications, discountFen: 0, lines: [], discounted: [] }));
    return x;
  };
  let total = 0;
  for (let i = 0; i < n; i++) {
    const it = pr.items[i]!;
    // Units fill the item's lines in the cart's order; each piece's money follows its units.
    const caps = it.lines.map((l) => l.qty);
    const perLine = it.lines.map(() => ({ promo: 0, tierAmt: 0, other: 0 }));
    let li = 0;
    for (const pc of pieces[i]!) {
      const split: Array<{ line: number; units: number }> = [];
      let left = pc.units;
      while (left > 0) {
        const u = Math.min(left, caps[li]!);
        if (u > 0) split.push({ line: li, units: u });
        caps[li]! -= u;
        left -= u;
        if (caps[li] === 0 && li < caps.length - 1) li++;
      }
      const shares = (fen: number) => spread(fen, split.map((s) => s.units));
      const ip = pc.promo >= 0 ? pr.item[pc.promo]! : null;
      const itemShares = shares(pc.itemDisc);
      const cartShares = pc.cart.map((c) => ({ c, parts: shares(c.fen) }));
      const tierOk = pr.tierPct !== null && (ip === null || ip.p.stacks.tier) && pc.cart.every((c) => pr.cart[c.promo]!.p.stacks.tier);
      split.forEach((s, k) => {
        const key = it.lines[s.line]!.key;
        const disc = itemShares[k]! + cartShares.reduce((sum, cs) => sum + cs.parts[k]!, 0);
        const after = s.units * it.priceFen - disc;
        perLine[s.line]!.promo += disc;
        if (tierOk) perLine[s.line]!.tierAmt += after;
        else perLine[s.line]!.other += after;
        if (ip) {
          const x = appliedFor(ip.p, a.evals[pc.promo]!.applications);
          x.lines.push({ key, units: s.units, discountFen: itemShares[k]! });
          x.discountFen += itemShares[k]!;
        }
        for (const cs of cartShares) {
          const cp = pr.cart[cs.c.promo]!;
          const x = appliedFor(cp.p, cartTotals[cs.c.promo]!.applications);
          x.lines.push({ key, units: s.units, discountFen: cs.parts[k]! });
          x.discountFen += cs.parts[k]!;
        }
      });
    }
    it.lines.forEach((l, k) => {
      const pl = perLine[k]!;
      const tierTotal = pr.tierPct === null ? pl.tierAmt : Math.floor((pl.tierAmt * pr.tierPct + 50) / 100);
      const lineTotal = pl.other + tierTotal;
      lines.set(l.key, { key: l.key, promoDiscountFen: pl.promo, memberDiscountFen: pl.tierAmt - tierTotal, totalFen: lineTotal });
      total += lineTotal;
    });
    // Which units were priced down (the cheaper unit of each set, the gift): shown on screen.
    for (let j = 0; j < a.evals.length; j++) {
      const ev = a.evals[j]!;
      if (ev.marked[i]! > 0) appliedFor(pr.item[j]!.p, ev.applications).discounted.push({ key: it.lines[0]!.key, name: it.name, units: ev.marked[i]!, unitPriceFen: it.priceFen });
    }
  }
  const order = [...pr.item.map((x) => x.p), ...pr.cart.map((x) => x.p)];
  const list = order.map((p) => applied.get(p.id)).filter((x): x is AppliedPromotion => !!x && x.discountFen > 0);
  return { total, result: { lines, applied: list, reminders: [], exhaustive: false } };
}

/** Gifts the customer has earned but that are not on the cart (counted on the units left for the promotion). */
export function reminders(pr: Problem, a: Allocation): GiftReminder[] {
  const out: GiftReminder[] = [];
  const usedBy = pr.items.map((_it, i) => a.evals.reduce((s, ev) => s + ev.used[i]!, 0));
  pr.item.forEach((ip, j) => {
    const r = ip.p.rule;
    if (r.kind !== 'gift') return;
    const mine = pr.items.map((it, i) => (ip.elig[i] ? it.count - usedBy[i]! + a.evals[j]!.used[i]! : 0));
    const { missing } = evaluateGift(r, pr.items, mine, ip.limit, ip.giftable, ip.p);
    if (missing > 0) out.push({ promotionId: ip.p.id, name: ip.p.name, giftProductIds: r.giftProductIds, missingQty: missing });
  });
  return out;
}

