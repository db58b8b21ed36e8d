/**
 * Prices of weighed lines (称重商品). A weighed product's catalogue price is per kg or per
 * 100 g, as the shop sets it. The one rounding rule (README › Pricing rule): the line price is
 * weight × unit price, rounded half up to the fen, in integer arithmetic — the same rule as
 * every percentage in shared/pricing.ts. A price label is trusted as printed; the weight it
 * implies is shown, rounded half up to the gram.
 */

export type PricePer = 'kg' | '100g';

export const gramsPer = (per: PricePer) => (per === 'kg' ? 1000 : 100);

/** weight × price per unit, half up to the fen. */
export function weighedPriceFen(grams: number, unitPriceFen: number, per: PricePer): number {
  const g = gramsPer(per);
  return Math.floor((grams * unitPriceFen * 2 + g) / (2 * g));
}

/** The weight a price label implies (display only), half up to the gram; null at a zero unit price. */
export function impliedGrams(priceFen: number, unitPriceFen: number, per: PricePer): number | null {
  if (unitPriceFen <= 0) return null;
  return Math.floor((priceFen * gramsPer(per) * 2 + unitPriceFen) / (2 * unitPriceFen));
}

/** The price per kg of a product priced per unit `per` (the PLU file's column). */
export const perKgFen = (unitPriceFen: number, per: PricePer) => (per === 'kg' ? unitPriceFen : unitPriceFen * 10);

/** "1.250 kg" */
export function formatKg(grams: number): string {
  return `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;
}
