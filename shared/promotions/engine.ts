import type { AppliedPromotion, GiftReminder, Promotion, PromotionContext } from './types.js';
import { evaluateGift, spread, type Evaluation, type Item } from './evaluate.js';
import { allowance, byPriority, usable } from './window.js';
import { cartLevel, NO_SHARES, type Piece } from './cart-level.js';

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
  /** `idx`: the eligible items, ascending — each promotion is evaluated over those alone. */
  item: Array<{ p: Promotion; limit: number; elig: boolean[]; giftable: boolean[]; scoped: boolean[]; idx: number[] }>;
  cart: Array<{ p: Promotion; limit: number; elig: boolean[]; idx: number[] }>;
  tierPct: number | null;
}

/** The usable promotions (window.ts) in canonical order, sorted once per list (the till prices with the same list for a minute). */
const sortedLists = new WeakMap<readonly Promotion[], Promotion[]>();
function sorted(list: readonly Promotion[]): Promotion[] {
  let out = sortedLists.get(list);
  if (!out) sortedLists.set(list, (out = list.filter(usable).sort(byPriority)));
  return out;
}

/**
 * Units of one product at one price, most expensive first, then by product id: scan order never matters.
 * Each promotion is looked at through its own scope (its products and categories, looked up in
 * the cart's items), never by testing every item against every promotion: a week's list has
 * hundreds of promotions and a cart touches a few of them.
 */
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
  const n = items.length;
  const byProduct = new Map<number, number[]>();
  const byCategory = new Map<number, number[]>();
  const weighed: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const it = items[i]!;
    weighed.push(it.weighed === true);
    const ps = byProduct.get(it.productId);
    if (ps) ps.push(i); else byProduct.set(it.productId, [i]);
    if (it.categoryId !== null) {
      const cs = byCategory.get(it.categoryId);
      if (cs) cs.push(i); else byCategory.set(it.categoryId, [i]);
    }
  }
  // Read-only, shared by every promotion scoped to the whole cart (a 满减 on everything, a 特价 on all).
  const all = falses(n).fill(true);
  const anyWeighed = weighed.includes(true);
  // One read-only all-false array for the promotions that give no gift (or have no scope, a bundle).
  const none = falses(n);

  const problem: Problem = { items, item: [], cart: [], tierPct };
  for (const p of sorted(ctx.promotions)) {
    const r = p.rule;
    if (r.kind === 'threshold') {
      if (p.scope.all ? n === 0 : !hits(byProduct, byCategory, p.scope.productIds, p.scope.categoryIds)) continue;
      const limit = allowance(p, ctx);
      if (limit <= 0) continue;
      const elig = p.scope.all ? all : marks(n, byProduct, byCategory, p.scope.productIds, p.scope.categoryIds);
      problem.cart.push({ p, limit, elig, idx: indicesOf(elig) });
      continue;
    }
    const scopedHit = p.scope.all ? n > 0 : hits(byProduct, byCategory, p.scope.productIds, p.scope.categoryIds);
    const giftHit = r.kind === 'gift' && hits(byProduct, byCategory, r.giftProductIds, []);
    const bundleHit = r.kind === 'bundle' && r.items.some((b) => byProduct.has(b.productId));
    if (!(r.kind === 'bundle' ? bundleHit : scopedHit || giftHit)) continue;
    const limit = allowance(p, ctx);
    if (limit <= 0) continue;
    const scoped = !scopedHit ? none : p.scope.all ? all : marks(n, byProduct, byCategory, p.scope.productIds, p.scope.categoryIds);
    const giftable = giftHit && r.kind === 'gift' ? marks(n, byProduct, byCategory, r.giftProductIds, []) : none;
    // Most promotions are neither a gift nor a bundle, and most carts hold nothing weighed: then the
    // eligible items are the scoped ones, and one array serves as both (neither is written to after).
    if (r.kind !== 'bundle' && !giftHit && !anyWeighed) {
      const idx = indicesOf(scoped);
      if (idx.length > 0) problem.item.push({ p, limit, elig: scoped, giftable, scoped, idx });
      continue;
    }
    // A weighed line takes no item promotion (a label is not a piece): money toward 满减 only.
    if (giftHit) for (let i = 0; i < n; i++) if (weighed[i]) giftable[i] = false;
    const elig = r.kind === 'bundle' ? marks(n, byProduct, byCategory, r.items.map((b) => b.productId), []) : falses(n);
    const idx: number[] = [];
    for (let i = 0; i < n; i++) {
      const e = (r.kind === 'bundle' ? elig[i]! : scoped[i]! || giftable[i]!) && !weighed[i];
      elig[i] = e;
      if (e) idx.push(i);
    }
    if (idx.length === 0) continue;
    problem.item.push({ p, limit, elig, giftable, scoped, idx });
  }
  return problem;
}

const falseRows = new Map<number, boolean[]>();
/** A copy of one pushed row per cart size: packed, one allocation of exactly n (see `zeros` in evaluate.ts). */
function falses(n: number): boolean[] {
  let f = falseRows.get(n);
  if (!f) {
    f = [];
    for (let i = 0; i < n; i++) f.push(false);
    falseRows.set(n, f);
  }
  return f.slice();
}

/** Whether the cart holds any of these products or categories (before any array is made for the promotion). */
function hits(byProduct: Map<number, number[]>, byCategory: Map<number, number[]>, productIds: readonly number[], categoryIds: readonly number[]): boolean {
  for (const id of productIds) if (byProduct.has(id)) return true;
  for (const id of categoryIds) if (byCategory.has(id)) return true;
  return false;
}

const NO_ITEMS: readonly number[] = [];

/** Marks the items of these products and categories (most of a promotion's products are not on the cart: no array for those). */
function marks(n: number, byProduct: Map<number, number[]>, byCategory: Map<number, number[]>, productIds: readonly number[], categoryIds: readonly number[]): boolean[] {
  const out = falses(n);
  for (const id of productIds) for (const i of byProduct.get(id) ?? NO_ITEMS) out[i] = true;
  for (const id of categoryIds) for (const i of byCategory.get(id) ?? NO_ITEMS) out[i] = true;
  return out;
}

function indicesOf(marks: readonly boolean[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < marks.length; i++) if (marks[i]) out.push(i);
  return out;
}

const NO_PIECES: Piece[] = [];

export interface Allocation { evals: Evaluation[]; cartSet: number[] }

/** Each item's units in runs by item promotion (-1: none), before any 满减. */
export function piecesOf(pr: Problem, evals: readonly Evaluation[]): Piece[][] {
  const items = pr.items;
  // Most items hold one piece: a one-element literal each (an empty array's first push makes room
  // for 17), the shared empty row until then (never written to), and the 满减 shares likewise (cart-level.ts).
  const out: Piece[][] = items.map(() => NO_PIECES);
  const free = items.map((it) => it.count);
  const add = (i: number, pc: Piece) => { if (out[i] === NO_PIECES) out[i] = [pc]; else out[i]!.push(pc); };
  // An evaluation lists the items it used: of many promotions, only a few touch each item (in promotion order).
  for (let j = 0; j < evals.length; j++) {
    const ev = evals[j]!;
    if (ev.applications <= 0) continue;
    for (const i of ev.at) {
      const u = ev.used[i]!;
      add(i, { promo: j, units: u, itemDisc: ev.discount[i]!, after: u * items[i]!.priceFen - ev.discount[i]!, cart: NO_SHARES, taken: 0, shares: 0 });
      free[i]! -= u;
    }
  }
  for (let i = 0; i < items.length; i++) {
    const f = free[i]!;
    if (f > 0) add(i, { promo: -1, units: f, itemDisc: 0, after: f * items[i]!.priceFen, cart: NO_SHARES, taken: 0, shares: 0 });
  }
  return out;
}

/** An allocation's pieces with their 满减 shares: worked out once to compare, and kept for the one chosen. */
export interface Priced { pieces: Piece[][]; cartTotals: Array<{ applications: number; fen: number }> }

export function pricedOf(pr: Problem, a: Allocation): Priced {
  const pieces = piecesOf(pr, a.evals);
  return { pieces, cartTotals: cartLevel(pr, pieces, a.cartSet) };
}

/** Prices one allocation down to each cart line: the objective and the result are one function. */
export function finish(pr: Problem, a: Allocation, priced: Priced = pricedOf(pr, a)): { total: number; result: PromotionResult } {
  return price(pr, a, priced, true);
}

/**
 * The same pricing's total alone, for comparing allocations: it skips recording which promotion
 * gave what to which line, and an item on one cart line skips sharing its money among lines
 * (one line takes all of it), but adds up exactly what `finish` adds up — so the search's
 * choice and the result shown are the same allocation's (the property tests check both agree).
 */
export function totalOf(pr: Problem, a: Allocation, priced: Priced = pricedOf(pr, a)): number {
  return price(pr, a, priced, false).total;
}

/** Whether a piece's money takes the tier discount: its item promotion and every 满减 it carries stack with the tier. */
function tierOk(pr: Problem, pc: Piece): boolean {
  if (pr.tierPct === null) return false;
  if (pc.promo >= 0 && !pr.item[pc.promo]!.p.stacks.tier) return false;
  for (let q = 0; q < pc.cart.length; q += 2) if (!pr.cart[pc.cart[q]!]!.p.stacks.tier) return false;
  return true;
}

const tierRound = (tierPct: number | null, amt: number) => (tierPct === null ? amt : Math.floor((amt * tierPct + 50) / 100));

function appliedFor(applied: Map<string, AppliedPromotion>, p: Promotion, applications: number): AppliedPromotion {
  let x = applied.get(p.id);
  if (!x) applied.set(p.id, (x = { promotionId: p.id, name: p.name, kind: p.rule.kind, applications, discountFen: 0, lines: [], discounted: [] }));
  return x;
}

function price(pr: Problem, a: Allocation, { pieces, cartTotals }: Priced, detail: boolean): { total: number; result: PromotionResult } {
  const n = pr.items.length;
  const lines = new Map<string, LinePromo>();
  const applied = new Map<string, AppliedPromotion>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const it = pr.items[i]!;
    if (!detail && it.lines.length === 1) {
      let tierAmt = 0;
      let other = 0;
      for (const pc of pieces[i]!) {
        const after = pc.units * it.priceFen - pc.itemDisc - pc.taken;
        if (tierOk(pr, pc)) tierAmt += after;
        else other += after;
      }
      total += other + tierRound(pr.tierPct, tierAmt);
      continue;
    }
    // Units fill the item's lines in the cart's order; each piece's money follows its units.
    const caps = it.lines.map((l) => l.qty);
    const perLine = it.lines.map(() => ({ promo: 0, tierAmt: 0, other: 0 }));
    let li = 0;
    // One cart line (the usual item): its pieces go to that line whole, no split rows made.
    const single = it.lines.length === 1;
    for (const pc of pieces[i]!) {
      const splitLine: number[] = [];
      const splitUnits: number[] = [];
      if (!single) {
        let left = pc.units;
        while (left > 0) {
          const u = Math.min(left, caps[li]!);
          if (u > 0) { splitLine.push(li); splitUnits.push(u); }
          caps[li]! -= u;
          left -= u;
          if (caps[li] === 0 && li < caps.length - 1) li++;
        }
      }
      const ip = pc.promo >= 0 ? pr.item[pc.promo]! : null;
      // (spread over one weight, the units (> 0), gives it the whole amount: the same numbers.)
      const itemShares = single ? null : spread(pc.itemDisc, splitUnits);
      const cartParts: number[][] = [];
      if (!single) for (let q = 1; q < pc.cart.length; q += 2) cartParts.push(spread(pc.cart[q]!, splitUnits));
      const ok = tierOk(pr, pc);
      const count = single ? 1 : splitLine.length;
      for (let k = 0; k < count; k++) {
        const line = single ? 0 : splitLine[k]!;
        const units = single ? pc.units : splitUnits[k]!;
        const itemShare = itemShares === null ? pc.itemDisc : itemShares[k]!;
        const shares = pc.cart.length / 2;
        let disc = itemShare;
        for (let q = 0; q < shares; q++) disc += single ? pc.cart[2 * q + 1]! : cartParts[q]![k]!;
        const after = units * it.priceFen - disc;
        const pl = perLine[line]!;
        pl.promo += disc;
        if (ok) pl.tierAmt += after;
        else pl.other += after;
        if (!detail) continue;
        const key = it.lines[line]!.key;
        if (ip) {
          const x = appliedFor(applied, ip.p, a.evals[pc.promo]!.applications);
          x.lines.push({ key, units, discountFen: itemShare });
          x.discountFen += itemShare;
        }
        for (let q = 0; q < shares; q++) {
          const c = pc.cart[2 * q]!;
          const share = single ? pc.cart[2 * q + 1]! : cartParts[q]![k]!;
          const x = appliedFor(applied, pr.cart[c]!.p, cartTotals[c]!.applications);
          x.lines.push({ key, units, discountFen: share });
          x.discountFen += share;
        }
      }
    }
    for (let k = 0; k < it.lines.length; k++) {
      const l = it.lines[k]!;
      const pl = perLine[k]!;
      const tierTotal = tierRound(pr.tierPct, pl.tierAmt);
      const lineTotal = pl.other + tierTotal;
      if (detail) lines.set(l.key, { key: l.key, promoDiscountFen: pl.promo, memberDiscountFen: pl.tierAmt - tierTotal, totalFen: lineTotal });
      total += lineTotal;
    }
    if (!detail) continue;
    // Which units were priced down (the cheaper unit of each set, the gift): shown on screen. A promotion
    // marks only units it used, so the item's pieces name every promotion to look at, in promotion order.
    for (const pc of pieces[i]!) {
      if (pc.promo < 0) continue;
      const ev = a.evals[pc.promo]!;
      if (ev.marked[i]! > 0) appliedFor(applied, pr.item[pc.promo]!.p, ev.applications).discounted.push({ key: it.lines[0]!.key, name: it.name, units: ev.marked[i]!, unitPriceFen: it.priceFen });
    }
  }
  if (!detail) return { total, result: { lines, applied: [], reminders: [], exhaustive: false } };
  // Item promotions, then cart promotions, each in canonical order: the order of lines on screen and receipt.
  const list: AppliedPromotion[] = [];
  for (const x of pr.item) {
    const ap = applied.get(x.p.id);
    if (ap && ap.discountFen > 0) list.push(ap);
  }
  for (const x of pr.cart) {
    const ap = applied.get(x.p.id);
    if (ap && ap.discountFen > 0) list.push(ap);
  }
  return { total, result: { lines, applied: list, reminders: [], exhaustive: false } };
}

/** Gifts the customer has earned but that are not on the cart (counted on the units left for the promotion). */
export function reminders(pr: Problem, a: Allocation): GiftReminder[] {
  const out: GiftReminder[] = [];
  const usedBy = pr.items.map(() => 0);
  for (const ev of a.evals) for (const i of ev.at) usedBy[i]! += ev.used[i]!;
  pr.item.forEach((ip, j) => {
    const r = ip.p.rule;
    if (r.kind !== 'gift') return;
    const mine = pr.items.map((it, i) => (ip.elig[i] ? it.count - usedBy[i]! + a.evals[j]!.used[i]! : 0));
    const { missing } = evaluateGift(r, pr.items, mine, ip.limit, ip.giftable, ip.p, ip.scoped, ip.idx);
    if (missing > 0) out.push({ promotionId: ip.p.id, name: ip.p.name, giftProductIds: r.giftProductIds, missingQty: missing });
  });
  return out;
}

