import type { Promotion } from './types.js';

/**
 * The owner's promotion settings checked field by field, on the page (next to the field, as
 * it is typed) and again in the core before anything is written. Each problem names the form
 * field it belongs to and a translation key under `promotions.errors`.
 */
export interface PromotionProblem { field: string; key: string }
export type PromotionDraft = Omit<Promotion, 'id'>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function validatePromotion(p: PromotionDraft): PromotionProblem[] {
  const out: PromotionProblem[] = [];
  const bad = (field: string, key: string) => out.push({ field, key: `promotions.errors.${key}` });
  if (p.name.trim() === '') bad('name', 'nameRequired');
  if (!DATE.test(p.startDate)) bad('startDate', 'dateFormat');
  if (p.endDate !== null && !DATE.test(p.endDate)) bad('endDate', 'dateFormat');
  if (p.endDate !== null && DATE.test(p.startDate) && p.endDate < p.startDate) bad('endDate', 'endBeforeStart');
  if (p.fromTime !== null && !TIME.test(p.fromTime)) bad('fromTime', 'timeFormat');
  if (p.toTime !== null && !TIME.test(p.toTime)) bad('toTime', 'timeFormat');
  if (p.fromTime !== null && p.fromTime === p.toTime) bad('toTime', 'emptyHours');
  if (p.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) bad('weekdays', 'invalid');
  if (p.tierIds !== null && p.tierIds.length === 0) bad('tierIds', 'noTier');
  if (p.perSaleLimit !== null && !(p.perSaleLimit >= 1)) bad('perSaleLimit', 'limitPositive');
  if (p.perMemberDayLimit !== null && !(p.perMemberDayLimit >= 1)) bad('perMemberDayLimit', 'limitPositive');
  const r = p.rule;
  const pct = (field: string, v: number | null, min = 0) => {
    if (v === null || !Number.isInteger(v)) bad(field, 'required');
    else if (v > 100) bad(field, 'pctOver100');
    else if (v < min) bad(field, 'pctRange');
  };
  const noScope = !p.scope.all && p.scope.productIds.length === 0 && p.scope.categoryIds.length === 0;
  if (r.kind !== 'bundle' && noScope) bad('scope', 'scopeRequired');
  switch (r.kind) {
    case 'nth':
      if (!(Number.isInteger(r.n) && r.n >= 2)) bad('n', 'nAtLeast2');
      pct('pricePct', r.pricePct);
      if (r.pricePct === 100) bad('pricePct', 'noDiscount');
      break;
    case 'threshold':
      if (r.steps.length === 0) bad('steps.0.minFen', 'stepRequired');
      r.steps.forEach((s, i) => {
        if (!(s.minFen > 0)) bad(`steps.${i}.minFen`, 'thresholdRequired');
        if (s.offFen === null && s.pricePct === null) bad(`steps.${i}.offFen`, 'amountRequired');
        if (s.offFen !== null && s.pricePct !== null) bad(`steps.${i}.offFen`, 'amountOrPct');
        if (s.offFen !== null && !(s.offFen > 0)) bad(`steps.${i}.offFen`, 'amountRequired');
        if (s.offFen !== null && s.minFen > 0 && s.offFen > s.minFen) bad(`steps.${i}.offFen`, 'offOverThreshold');
        if (s.pricePct !== null) pct(`steps.${i}.pricePct`, s.pricePct, 1);
        if (r.steps.some((o, j) => j < i && o.minFen === s.minFen)) bad(`steps.${i}.minFen`, 'duplicateStep');
      });
      break;
    case 'gift':
      if (!(r.buyQty >= 1)) bad('buyQty', 'qtyPositive');
      if (!(r.giftQty >= 1)) bad('giftQty', 'qtyPositive');
      if (r.giftProductIds.length === 0) bad('giftProductIds', 'giftRequired');
      if (!(r.giftPriceFen >= 0)) bad('giftPriceFen', 'invalid');
      break;
    case 'special':
      if (r.priceFen === null && r.pricePct === null) bad('priceFen', 'priceRequired');
      if (r.priceFen !== null && r.pricePct !== null) bad('priceFen', 'amountOrPct');
      if (r.pricePct !== null) pct('pricePct', r.pricePct);
      break;
    case 'bundle':
      if (r.items.length < 2 && !(r.items.length === 1 && r.items[0]!.qty >= 2)) bad('items', 'bundleTooSmall');
      r.items.forEach((it, i) => { if (!(it.qty >= 1)) bad(`items.${i}.qty`, 'qtyPositive'); });
      if (new Set(r.items.map((it) => it.productId)).size !== r.items.length) bad('items', 'bundleDuplicate');
      if (!(r.priceFen > 0)) bad('bundlePriceFen', 'priceRequired');
      break;
  }
  return out;
}
