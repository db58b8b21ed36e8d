import type { PricingLine, PricingRules } from '../pricing.js';
import type { Promotion, PromotionContext, PromotionRule } from './types.js';

/** Test helpers: a promotion with everyday defaults, a context at a moment, a cart line. */
let seq = 0;
export function promo(rule: PromotionRule, over: Partial<Promotion> = {}): Promotion {
  seq += 1;
  return {
    id: over.id ?? `0190000${String(seq).padStart(5, '0')}`,
    name: over.name ?? `${rule.kind}-${seq}`,
    rule,
    priority: 0,
    startDate: '2026-01-01',
    endDate: null,
    weekdays: [],
    fromTime: null,
    toTime: null,
    tierIds: null,
    perSaleLimit: null,
    perMemberDayLimit: null,
    stacks: { others: true, coupons: true, points: true, tier: true },
    scope: { all: false, productIds: [], categoryIds: [] },
    ...over,
  };
}

export function ctxAt(promotions: Promotion[], over: Partial<PromotionContext> = {}): PromotionContext {
  return { promotions, at: { date: '2026-12-07', time: '12:00', weekday: 1 }, tierId: null, usedToday: {}, withCoupons: false, withPoints: false, ...over };
}

export function line(productId: number, priceFen: number, qty: number, over: Partial<PricingLine> = {}): PricingLine {
  return { key: over.key ?? `p${productId}`, productId, name: over.name ?? `商品${productId}`, unitPriceFen: priceFen, qty, pointsPct: 100, categoryId: over.categoryId ?? null, ...over };
}

export function rulesWith(promotions: PromotionContext, member: PricingRules['member'] = null): PricingRules {
  return { rounding: 'none', member, pointsPerYuan: 1, promoPointsPct: 100, promotions };
}
