import type { Promotion, PromotionContext } from './types.js';

/**
 * Whether a promotion may apply at all to this sale, before any unit is looked at: its dates
 * (an expired or future promotion never applies), weekdays and hours, tiers, the member's
 * daily allowance, and whether it stacks with a coupon or points deduction on the sale.
 */
export function inWindow(p: Promotion, at: PromotionContext['at']): boolean {
  if (at.date < p.startDate) return false;
  if (p.endDate !== null && at.date > p.endDate) return false;
  if (p.weekdays.length > 0 && !p.weekdays.includes(at.weekday)) return false;
  const from = p.fromTime;
  const to = p.toTime;
  if (from === null && to === null) return true;
  if (from !== null && to !== null && from > to) return at.time >= from || at.time < to; // crosses midnight
  return (from === null || at.time >= from) && (to === null || at.time < to);
}

/** How many applications are left for this sale, or 0 when the promotion sits out. */
export function allowance(p: Promotion, ctx: PromotionContext): number {
  if (!inWindow(p, ctx.at)) return 0;
  if (p.tierIds !== null && (ctx.tierId === null || !p.tierIds.includes(ctx.tierId))) return 0;
  if (ctx.withCoupons && !p.stacks.coupons) return 0;
  if (ctx.withPoints && !p.stacks.points) return 0;
  let left = p.perSaleLimit ?? Number.MAX_SAFE_INTEGER;
  if (p.perMemberDayLimit !== null) {
    if (ctx.tierId === null) return 0; // a per-member limit cannot be counted without a member
    left = Math.min(left, p.perMemberDayLimit - (ctx.usedToday[p.id] ?? 0));
  }
  return Math.max(0, left);
}

/** Canonical order of promotions: priority (high first), then global id. The tie-break's order. */
export function byPriority(a: Promotion, b: Promotion): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const pctOk = (v: number | null) => v === null || (Number.isFinite(v) && v >= 0 && v <= 100);
const fenOk = (v: number | null) => v === null || (Number.isFinite(v) && v >= 0);
const qtyOk = (v: number) => Number.isInteger(v) && v >= 1;

/**
 * Whether the engine can honour this rule at all. Validation refuses bad settings at the form
 * and in the core, but a rule may still arrive from elsewhere (synced from head office, an old
 * row): one that could price a unit below zero or above its price (a percentage over 100, a
 * negative price, a quantity of 0) sits out, so pricing still ends and never charges more.
 * A bundle listing a product twice is honoured as the sum of its quantities (evaluate.ts).
 */
export function usable(p: Promotion): boolean {
  const r = p.rule;
  switch (r.kind) {
    case 'nth': return Number.isInteger(r.n) && r.n >= 2 && r.pricePct !== null && pctOk(r.pricePct);
    case 'threshold': return r.steps.every((s) => Number.isFinite(s.minFen) && fenOk(s.offFen) && pctOk(s.pricePct));
    case 'gift': return qtyOk(r.buyQty) && qtyOk(r.giftQty) && fenOk(r.giftPriceFen);
    case 'special': return fenOk(r.priceFen) && pctOk(r.pricePct);
    case 'bundle': return r.items.length > 0 && r.items.every((b) => qtyOk(b.qty)) && fenOk(r.priceFen);
  }
}
