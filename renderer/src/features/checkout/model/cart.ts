import type { Product } from '../../../../../shared/contract/catalogue.js';
import type { CheckoutRules } from '../../../../../shared/contract/checkout.js';
import type { Input } from '../../../../../shared/contract/index.js';
import type { MemberCard } from '../../../../../shared/contract/members.js';
import type { RewardsRules } from '../../../../../shared/contract/rewards.js';
import type { WeighedLine } from '../../../../../shared/contract/weighing.js';
import {
  cashierMarkdownPct,
  maxPointsDeduction,
  pointsToFen,
  priceCart,
  type LineDiscount,
  type PricedCart,
  type PricingLine,
  type PricingRules,
} from '../../../../../shared/pricing.js';

/**
 * The till's cart as pure data and functions: what the cashier has rung up, priced with
 * the same shared/pricing.ts the core runs on commit, so the total on screen is the total
 * the core expects (`expectedTotalFen`).
 */
export const MAX_QTY = 9999;

export interface CartLine {
  key: string;
  product: Product;
  qty: number;
  /** 改价: a new unit price, fen. */
  priceOverrideFen: number | null;
  discount: LineDiscount | null;
  /** 次卡: this line is paid with uses of the member's count card (free at the till). */
  countCardId: number | null;
  /** 称重: a weighed line (one label or one weighing): its grams, unit price and line price. Quantity stays 1. */
  weighed?: WeighedLine | null;
}

let keySeq = 0;
const newKey = () => `l${Date.now().toString(36)}${(keySeq++).toString(36)}`;

export const clampQty = (qty: number) => Math.min(MAX_QTY, Math.max(1, Math.trunc(qty) || 1));

/**
 * Adds one (or `qty`) of a product: scanning the same item again increments its line. A
 * line paid with a count card (`countCardId`) is kept apart from a paid line of the same
 * service, so the customer can pay for one visit and use the card for another.
 */
export function addProduct(lines: readonly CartLine[], product: Product, qty = 1, countCardId: number | null = null): { lines: CartLine[]; key: string } {
  const existing = lines.find((l) => l.product.id === product.id && (l.countCardId ?? null) === countCardId && !l.weighed);
  if (existing) {
    return { lines: lines.map((l) => (l === existing ? { ...l, product, qty: clampQty(l.qty + qty) } : l)), key: existing.key };
  }
  const line: CartLine = { key: newKey(), product, qty: clampQty(qty), priceOverrideFen: null, discount: null, countCardId };
  return { lines: [...lines, line], key: line.key };
}

/** A weighed line: always a line of its own (two labels of one PLU are two lines, never quantity 2). */
export function addWeighed(lines: readonly CartLine[], product: Product, weighed: WeighedLine): { lines: CartLine[]; key: string } {
  const line: CartLine = { key: newKey(), product, qty: 1, priceOverrideFen: null, discount: null, countCardId: null, weighed };
  return { lines: [...lines, line], key: line.key };
}

/** Visits of a count card already on this cart (for "uses left" and to refuse a visit too many). */
export function cardUsesInCart(lines: readonly CartLine[], countCardId: number): number {
  return lines.filter((l) => l.countCardId === countCardId).reduce((n, l) => n + l.qty, 0);
}

export function setQty(lines: readonly CartLine[], key: string, qty: number): CartLine[] {
  return lines.map((l) => (l.key === key && !l.weighed ? { ...l, qty: clampQty(qty) } : l));
}

export function removeLine(lines: readonly CartLine[], key: string): CartLine[] {
  return lines.filter((l) => l.key !== key);
}

export function setTerms(lines: readonly CartLine[], key: string, terms: Pick<CartLine, 'priceOverrideFen' | 'discount'>): CartLine[] {
  return lines.map((l) => (l.key === key ? { ...l, ...terms } : l));
}

/** A line as sales.commit and held.hold take it. */
export type CartLineIn = Input<'sales.commit'>['lines'][number];

/** Rebuilds cart lines from a held order (products looked up again, so prices are today's). */
export function linesFromHeld(held: readonly CartLineIn[], products: ReadonlyMap<number, Product>, weighedOf: (h: CartLineIn) => WeighedLine | null = () => null): CartLine[] {
  const out: CartLine[] = [];
  for (const h of held) {
    const product = products.get(h.productId);
    if (!product) continue;
    // A weighed line comes back only if its label (or weight) is priced again.
    const weighed = h.weighed ? weighedOf(h) : null;
    if (h.weighed && !weighed) continue;
    out.push({ key: newKey(), product, qty: clampQty(h.qty), priceOverrideFen: h.priceOverrideFen ?? null, discount: h.discount ?? null, countCardId: h.countCardId ?? null, weighed });
  }
  return out;
}

export function toPricingLines(lines: readonly CartLine[]): PricingLine[] {
  return lines.map((l) => ({
    key: l.key,
    productId: l.product.id,
    name: l.product.name,
    // A visit paid by a count card costs nothing at the till, as the core prices it.
    unitPriceFen: l.countCardId ? 0 : (l.weighed?.lineFen ?? l.product.priceFen),
    qty: l.qty,
    pointsPct: l.product.pointsPct,
    priceOverrideFen: l.priceOverrideFen,
    discount: l.discount,
    categoryId: l.product.categoryId,
    weighed: Boolean(l.weighed),
  }));
}

/** The lines as sales.commit and held.hold take them. */
export function toCartInput(lines: readonly CartLine[]): CartLineIn[] {
  return lines.map((l) => ({
    productId: l.product.id, qty: l.qty, priceOverrideFen: l.priceOverrideFen, discount: l.discount, countCardId: l.countCardId ?? null,
    weighed: l.weighed ? (l.weighed.label ? { label: l.weighed.label } : { grams: l.weighed.grams }) : null,
  }));
}

import { isMemberDay } from '../../../../../shared/member-day.js';
import { couponsOnCart, type AppliedCoupon, type CouponOnCart } from './coupons.js';
import { localParts } from '../../../../../shared/promotions/moment.js';
import type { Promotion } from '../../../../../shared/promotions/index.js';

/** The promotions the core prices with (promotions.forSale), and the core's clock at this moment. */
export interface PromotionSnapshot {
  promotions: readonly Promotion[];
  usedToday: Readonly<Record<string, number>>;
  now: Date;
}

export { isMemberDay };

export interface PricingContext {
  rules: CheckoutRules;
  rewards: RewardsRules | null;
  member: MemberCard | null;
  today: Date;
  /** 促销 in force; absent = none (priced as before). */
  promotions?: PromotionSnapshot | null;
}

/** PricingRules as the core builds them for a commit: shop rounding, the member's tier, member-day points. */
export function pricingRules(ctx: PricingContext, withCoupons = false, withPoints = false): PricingRules {
  const p = ctx.promotions;
  return {
    promotions: p ? { promotions: p.promotions, at: localParts(p.now), tierId: ctx.member?.tier.id ?? null, usedToday: p.usedToday, withCoupons, withPoints } : null,
    rounding: ctx.rules.rounding,
    member: ctx.member ? { pricePct: ctx.member.tier.pricePct, pointsPct: ctx.member.tier.pointsPct } : null,
    pointsPerYuan: ctx.rules.pointsPerYuan,
    promoPointsPct: ctx.rewards && isMemberDay(ctx.today, ctx.rewards) ? ctx.rewards.memberDayPointsPct : 100,
  };
}

/**
 * The most points a member may spend on this cart: what they can use, and no more than
 * the shop's cap (redeemMaxSharePct of the lines' total) is worth. Mirrors the core's check.
 */
export function redeemLimit(linesTotalFen: number, usable: number, rewards: Pick<RewardsRules, 'redeemPointsPerYuan' | 'redeemMaxSharePct'>): { maxPoints: number; maxFen: number } {
  const perYuan = rewards.redeemPointsPerYuan;
  const capFen = maxPointsDeduction(linesTotalFen, usable, { pointsPerYuan: perYuan, maxSharePct: rewards.redeemMaxSharePct });
  // Largest p with pointsToFen(p) <= capFen, and never more than usable.
  const maxPoints = Math.max(0, Math.min(usable, Math.ceil(((capFen + 1) * perYuan) / 100) - 1));
  return { maxPoints, maxFen: pointsToFen(maxPoints, perYuan) };
}

export interface PricedSale {
  cart: PricedCart;
  /** The coupons on the cart and what each takes off (or that the cart is short of its minimum). */
  coupons: CouponOnCart[];
  /** Points actually redeemed (the request, capped to what this cart allows). */
  redeemPoints: number;
  maxPoints: number;
  maxFen: number;
  /** The lines' total before coupons and points: what a coupon's minimum spend is judged on. */
  linesTotalFen: number;
  rules: PricingRules;
}

/**
 * Prices the cart exactly as sales.commit will: coupons first, then the points deduction
 * (capped on what the coupons left), then the rounding-off.
 */
export function priceSale(lines: readonly CartLine[], ctx: PricingContext, wantPoints: number, usablePoints: number, coupons: readonly AppliedCoupon[] = []): PricedSale {
  const pricing = toPricingLines(lines);
  // As the core: promotions that do not stack with a coupon or points sit out when the sale has one.
  const step = (withPoints: boolean) => {
    const rules = pricingRules(ctx, coupons.length > 0, withPoints);
    const linesTotal = priceCart(pricing, { ...rules, rounding: 'none' }).totalFen;
    const onCart = couponsOnCart(coupons, linesTotal);
    const limit = ctx.member && ctx.rewards ? redeemLimit(linesTotal - onCart.totalFen, usablePoints, ctx.rewards) : { maxPoints: 0, maxFen: 0 };
    const redeemPoints = Math.max(0, Math.min(Math.trunc(wantPoints), limit.maxPoints));
    return { rules, linesTotal, onCart, limit, redeemPoints };
  };
  let s = step(Math.trunc(wantPoints) > 0);
  if (s.redeemPoints === 0 && Math.trunc(wantPoints) > 0) s = step(false);
  const { rules, linesTotal, onCart, limit, redeemPoints } = s;
  const deduction = redeemPoints > 0 && ctx.rewards ? pointsToFen(redeemPoints, ctx.rewards.redeemPointsPerYuan) : 0;
  const cart = priceCart(pricing, rules, { couponFen: onCart.totalFen, pointsDeductionFen: deduction });
  return { cart, coupons: onCart.each, linesTotalFen: linesTotal, redeemPoints, ...limit, rules };
}

/** Whether any line is marked down further than a cashier may go alone. */
export function needsApproval(cart: PricedCart, maxCashierDiscountPct: number): boolean {
  return cart.lines.some((l) => cashierMarkdownPct(l) > maxCashierDiscountPct + 1e-9);
}
