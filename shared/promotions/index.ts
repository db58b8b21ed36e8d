import { buildProblem, type EngineLine, type PromotionResult } from './engine.js';
import { search } from './search.js';
import type { PromotionContext } from './types.js';

export type { AppliedPromotion, GiftReminder, Promotion, PromotionContext, PromotionRule, PromotionKind, Stacking, ThresholdStep } from './types.js';
export type { EngineLine, PromotionResult } from './engine.js';
export { inWindow } from './window.js';

/** The promotions on these lines (only lines the cashier has not re-priced by hand), best for the customer. */
export function applyPromotions(lines: readonly EngineLine[], ctx: PromotionContext, tierPct: number | null): PromotionResult {
  return search(buildProblem(lines, ctx, tierPct)).result;
}
