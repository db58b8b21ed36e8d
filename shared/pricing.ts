/**
 * Pricing: one pure function from a cart to what the customer pays and earns.
 * The renderer runs it for instant feedback; the core runs it again on commit and
 * trusts only its own answer. Later rules (coupons, points deduction) extend it here.
 *
 * Rounding rule (the only one): every percentage is applied per line to integer fen and
 * rounded half up to the fen (`pctOf`); fixed-amount discounts are capped so no line goes
 * below zero; the optional rounding-off of the total (抹零) always rounds DOWN, in the
 * customer's favour, to the jiao (10 fen) or the yuan (100 fen).
 */

import { applyPromotions, type AppliedPromotion, type GiftReminder, type PromotionContext } from './promotions/index.js';

export type RoundingMode = 'none' | 'jiao' | 'yuan';

export type LineDiscount =
  /** e.g. 90 = 9折 (pay 90%). */
  | { kind: 'percent'; pricePct: number }
  | { kind: 'amount'; fen: number };

export interface PricingLine {
  key: string;
  productId: number | null;
  name: string;
  /** Catalogue unit price, fen. */
  unitPriceFen: number;
  qty: number;
  /** Product points rule: 0 earns none (tobacco), 100 normal, 200 double. */
  pointsPct: number;
  /** New unit price set by the cashier (改价), fen. */
  priceOverrideFen?: number | null;
  discount?: LineDiscount | null;
  /** For promotions scoped to a category (分类). */
  categoryId?: number | null;
  /** A weighed line (称重): qty 1 at its line price; it counts toward 满减/满折, never as a unit of a unit promotion. */
  weighed?: boolean;
}

export interface PricingRules {
  rounding: RoundingMode;
  /** The attached member's tier: price (95 = 95折) and points multiplier (150 = 1.5x). */
  member: { pricePct: number; pointsPct: number } | null;
  /** Points per whole yuan paid (default 1). */
  pointsPerYuan: number;
  /** Promotion multiplier in percent (200 on a double-points member day). */
  promoPointsPct: number;
  /** Promotions (促销) in force for this sale; none = the cart is priced as before. */
  promotions?: PromotionContext | null;
}

export const DEFAULT_RULES: PricingRules = { rounding: 'none', member: null, pointsPerYuan: 1, promoPointsPct: 100 };

export interface PricedLine {
  key: string;
  productId: number | null;
  name: string;
  qty: number;
  unitPriceFen: number;
  /** Unit price after an override (== unitPriceFen without one). */
  effectiveUnitFen: number;
  /** unit price × qty before anything. */
  listFen: number;
  /** Override + line discount, fen. */
  lineDiscountFen: number;
  memberDiscountFen: number;
  /** What promotions took off this line (its share of each, see shared/promotions). */
  promoDiscountFen: number;
  totalFen: number;
  pointsPct: number;
}

export interface PricedCart {
  lines: PricedLine[];
  subtotalFen: number;
  lineDiscountFen: number;
  memberDiscountFen: number;
  promoDiscountFen: number;
  /** Each promotion that gave something, with the lines it touched: its own line on screen and receipt. */
  promotions: AppliedPromotion[];
  /** Gifts the customer has earned that are not on the cart yet (the cashier is told). */
  giftReminders: GiftReminder[];
  /** What the coupons took off (capped at the lines' total). */
  couponFen: number;
  /** 积分抵扣: cash value of the points redeemed (capped by the rules). */
  pointsDeductionFen: number;
  /** Everything taken off list: line, promotion, member, coupon and points deductions. */
  discountFen: number;
  roundingFen: number;
  totalFen: number;
  /** Points for paying `totalFen` by cash, card or mobile (stored value earns none: see pointsFor). */
  pointsToEarn: number;
}

/** Deductions applied to the lines' total, in this order: coupons, then points. */
export interface CartAdjustments {
  couponFen?: number;
  pointsDeductionFen?: number;
}

/** `amount × pct / 100`, rounded half up, for amount ≥ 0 and pct ≥ 0. Integer arithmetic only. */
export function pctOf(amountFen: number, pct: number): number {
  return Math.floor((amountFen * pct + 50) / 100);
}

/** How far below list a line has been pushed by the cashier, as a percent of list (0–100). */
export function cashierMarkdownPct(line: Pick<PricedLine, 'listFen' | 'lineDiscountFen'>): number {
  return line.listFen === 0 ? 0 : (line.lineDiscountFen * 100) / line.listFen;
}

export function priceLine(line: PricingLine, rules: PricingRules): PricedLine {
  const listFen = line.unitPriceFen * line.qty;
  const effectiveUnitFen = line.priceOverrideFen ?? line.unitPriceFen;
  let afterLine = effectiveUnitFen * line.qty;
  if (line.discount?.kind === 'percent') afterLine = pctOf(afterLine, line.discount.pricePct);
  else if (line.discount?.kind === 'amount') afterLine = Math.max(0, afterLine - line.discount.fen);
  // An override above list is a price correction, not a discount: it shows as a negative discount.
  const lineDiscountFen = listFen - afterLine;
  const totalFen = rules.member ? pctOf(afterLine, rules.member.pricePct) : afterLine;
  return {
    key: line.key,
    productId: line.productId,
    name: line.name,
    qty: line.qty,
    unitPriceFen: line.unitPriceFen,
    effectiveUnitFen,
    listFen,
    lineDiscountFen,
    memberDiscountFen: afterLine - totalFen,
    promoDiscountFen: 0,
    totalFen,
    pointsPct: line.pointsPct,
  };
}

export function roundOff(totalFen: number, mode: RoundingMode): number {
  const unit = mode === 'yuan' ? 100 : mode === 'jiao' ? 10 : 1;
  return totalFen - (totalFen % unit);
}

/**
 * Points on what is actually paid: each line's share of the paid total, times the product
 * rule, the tier and the promotion, per whole yuan, rounded down. BigInt because the
 * product of four multipliers and two amounts can pass 2^53.
 */
export function pointsFor(lines: PricedLine[], paidFen: number, rules: PricingRules): number {
  const linesSum = lines.reduce((s, l) => s + l.totalFen, 0);
  if (linesSum <= 0 || paidFen <= 0) return 0;
  const weighted = lines.reduce((s, l) => s + BigInt(l.totalFen) * BigInt(l.pointsPct), 0n);
  const tierPct = BigInt(rules.member?.pointsPct ?? 100);
  const num = weighted * BigInt(paidFen) * tierPct * BigInt(rules.promoPointsPct) * BigInt(rules.pointsPerYuan);
  const den = BigInt(linesSum) * 100n * 100n * 100n * 100n; // three percents and fen -> yuan
  return Number(num / den);
}

/**
 * The cart's price. Coupons come off the lines' total first, then the points deduction;
 * neither can take the total below zero; the rounding-off (抹零) applies last, to what
 * the customer actually pays.
 */
export function priceCart(lines: PricingLine[], rules: PricingRules = DEFAULT_RULES, adjustments: CartAdjustments = {}): PricedCart {
  let priced = lines.map((l) => priceLine(l, rules));
  const promo = rules.promotions && rules.promotions.promotions.length > 0 ? promotionsOn(lines, rules, rules.promotions) : null;
  if (promo) {
    priced = priced.map((p) => {
      const x = promo.lines.get(p.key);
      return x ? { ...p, lineDiscountFen: 0, promoDiscountFen: x.promoDiscountFen, memberDiscountFen: x.memberDiscountFen, totalFen: x.totalFen } : p;
    });
  }
  const promoDiscountFen = priced.reduce((s, l) => s + l.promoDiscountFen, 0);
  const subtotalFen = priced.reduce((s, l) => s + l.listFen, 0);
  const lineDiscountFen = priced.reduce((s, l) => s + l.lineDiscountFen, 0);
  const memberDiscountFen = priced.reduce((s, l) => s + l.memberDiscountFen, 0);
  const linesTotal = priced.reduce((s, l) => s + l.totalFen, 0);
  const couponFen = Math.min(Math.max(0, adjustments.couponFen ?? 0), linesTotal);
  const pointsDeductionFen = Math.min(Math.max(0, adjustments.pointsDeductionFen ?? 0), linesTotal - couponFen);
  const due = linesTotal - couponFen - pointsDeductionFen;
  const totalFen = roundOff(due, rules.rounding);
  return {
    lines: priced,
    subtotalFen,
    lineDiscountFen,
    memberDiscountFen,
    promoDiscountFen,
    promotions: promo?.applied ?? [],
    giftReminders: promo?.reminders ?? [],
    couponFen,
    pointsDeductionFen,
    discountFen: lineDiscountFen + promoDiscountFen + memberDiscountFen + couponFen + pointsDeductionFen,
    roundingFen: due - totalFen,
    totalFen,
    pointsToEarn: pointsFor(priced, totalFen, rules),
  };
}

/**
 * Lines a promotion may touch: catalogue price, not re-priced or discounted by the cashier
 * (a hand-made price wins over every promotion), not free (a count-card visit), a product.
 */
function promotionsOn(lines: PricingLine[], rules: PricingRules, ctx: PromotionContext) {
  const open = lines.filter((l) => l.productId !== null && (l.priceOverrideFen ?? null) === null && !l.discount && l.unitPriceFen > 0 && l.qty > 0);
  if (open.length === 0) return null;
  return applyPromotions(open.map((l) => ({ key: l.key, productId: l.productId!, categoryId: l.categoryId ?? null, name: l.name, unitPriceFen: l.unitPriceFen, qty: l.qty, weighed: l.weighed === true })), ctx, rules.member?.pricePct ?? null);
}

/**
 * What one coupon (优惠券) takes off a cart whose lines come to `linesTotalFen`: a fixed
 * value (never more than the lines), or a percentage of the lines, half up. Minimum spend and
 * validity are checked by the core (rewards/coupons.ts); the till mirrors them for display.
 */
export function couponFen(coupon: { kind: 'amount' | 'percent'; value: number }, linesTotalFen: number): number {
  const total = Math.max(0, linesTotalFen);
  return coupon.kind === 'amount' ? Math.min(coupon.value, total) : Math.min(pctOf(total, coupon.value), total);
}

/** Points ↔ cash for redemption: `pointsPerYuan` points are worth ¥1 (100 = 1 point per fen). */
export function pointsToFen(points: number, pointsPerYuan: number): number {
  return Math.floor((points * 100) / pointsPerYuan);
}

/** The points a deduction of `fen` costs (rounded up, so the shop never gives a fen for free). */
export function fenToPoints(fen: number, pointsPerYuan: number): number {
  return Math.ceil((fen * pointsPerYuan) / 100);
}

/**
 * The most a member may deduct with points on this cart: their balance's worth, capped at
 * `maxSharePct` percent of what is left after coupons (rounded down to the fen).
 */
export function maxPointsDeduction(afterCouponsFen: number, balance: number, rule: { pointsPerYuan: number; maxSharePct: number }): number {
  return Math.max(0, Math.min(pointsToFen(Math.max(0, balance), rule.pointsPerYuan), Math.floor((afterCouponsFen * rule.maxSharePct) / 100)));
}

/** Cash change: what the drawer gives back for the cash part of a payment. */
export function changeFor(cashDueFen: number, tenderedFen: number): number {
  return Math.max(0, tenderedFen - cashDueFen);
}
