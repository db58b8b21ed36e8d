/**
 * Scale-barcode templates (条码秤模板): how a label scale lays out the digits of its code.
 *
 *   [prefix][PLU][value check?][value(s)][EAN check]
 *
 * - prefix: two or more digits starting 20–27 (GS1's in-store range). 28 is the till's
 *   coupons and 29 its member cards (shared/barcode.ts, checkout/scan-router.ts), so a scale
 *   may never use them. An 18-digit (or longer) template may not start 25–27 either: Alipay's
 *   payment codes are 16–24 digits starting 25–30 (shared/payment-codes.ts).
 * - PLU: the scale's item number (PLU号), 4–6 digits, matched to a weighed product's PLU.
 * - values: the price (fen or jiao), the weight (grams or 10 g) or both (price then weight,
 *   the 18-digit layout of Chinese scales: 2-digit prefix + 5 PLU + 5 price + 5 weight + check).
 * - value check: the optional GS1 price/weight check digit before a 4- or 5-digit value.
 * - EAN check: the last digit, GS1 mod 10 over all the others (EAN-13, and the 18-digit layout).
 */

export type ScaleValueKind = 'price' | 'weight' | 'price_weight';
export type PriceUnit = 'fen' | 'jiao';
export type WeightUnit = 'g' | '10g';

export interface ScaleTemplate {
  id: number;
  name: string;
  /** Total digits of the code, check digit included. */
  length: number;
  prefix: string;
  pluDigits: number;
  kind: ScaleValueKind;
  /** Digits of the price field (kind price or price_weight), else 0. */
  priceDigits: number;
  priceUnit: PriceUnit;
  /** Digits of the weight field (kind weight or price_weight), else 0. */
  weightDigits: number;
  weightUnit: WeightUnit;
  /** A GS1 price/weight check digit sits before the (single) value. */
  valueCheck: boolean;
  /** The scale's range: a weight above it is refused (a misread or a wrong template). */
  maxGrams: number;
  active: boolean;
}

export type TemplateDraft = Omit<ScaleTemplate, 'id'>;

/** The layouts shipped with the till (migration 020 seeds them; a shop adds its own). */
export const BUILTIN_TEMPLATES: readonly TemplateDraft[] = [
  { name: 'EAN-13 单价码 20+PLU5+金额5(分)', length: 13, prefix: '20', pluDigits: 5, kind: 'price', priceDigits: 5, priceUnit: 'fen', weightDigits: 0, weightUnit: 'g', valueCheck: false, maxGrams: 30_000, active: true },
  { name: 'EAN-13 金额码 21+PLU5+金额5(角)', length: 13, prefix: '21', pluDigits: 5, kind: 'price', priceDigits: 5, priceUnit: 'jiao', weightDigits: 0, weightUnit: 'g', valueCheck: false, maxGrams: 30_000, active: false },
  { name: 'EAN-13 重量码 22+PLU5+重量5(克)', length: 13, prefix: '22', pluDigits: 5, kind: 'weight', priceDigits: 0, priceUnit: 'fen', weightDigits: 5, weightUnit: 'g', valueCheck: false, maxGrams: 30_000, active: true },
  { name: 'EAN-13 金额码带校验 23+PLU5+校验+金额4(分)', length: 13, prefix: '23', pluDigits: 5, kind: 'price', priceDigits: 4, priceUnit: 'fen', weightDigits: 0, weightUnit: 'g', valueCheck: true, maxGrams: 30_000, active: false },
  { name: '18位码 24+PLU5+金额5(分)+重量5(克)', length: 18, prefix: '24', pluDigits: 5, kind: 'price_weight', priceDigits: 5, priceUnit: 'fen', weightDigits: 5, weightUnit: 'g', valueCheck: false, maxGrams: 30_000, active: true },
];

export type TemplateProblem =
  | 'prefix_range' | 'prefix_clash_alipay' | 'digits_sum' | 'plu_digits' | 'value_digits' | 'value_check_digits' | 'length' | 'max_grams';

/** Why a template cannot be saved, or null. The till and the core both ask this. */
export function templateProblem(t: TemplateDraft): TemplateProblem | null {
  if (!/^2[0-7]\d{0,2}$/.test(t.prefix)) return 'prefix_range';
  if (t.length >= 16 && /^2[5-7]/.test(t.prefix)) return 'prefix_clash_alipay';
  if (t.length < 8 || t.length > 24) return 'length';
  if (t.pluDigits < 1 || t.pluDigits > 8) return 'plu_digits';
  const price = t.kind === 'weight' ? 0 : t.priceDigits;
  const weight = t.kind === 'price' ? 0 : t.weightDigits;
  if ((t.kind !== 'weight' && (price < 3 || price > 7)) || (t.kind !== 'price' && (weight < 3 || weight > 7))) return 'value_digits';
  if (t.valueCheck && (t.kind === 'price_weight' || ![4, 5].includes(price + weight))) return 'value_check_digits';
  const used = t.prefix.length + t.pluDigits + (t.valueCheck ? 1 : 0) + price + weight + 1;
  if (used !== t.length) return 'digits_sum';
  if (!Number.isInteger(t.maxGrams) || t.maxGrams < 1 || t.maxGrams > 1_000_000) return 'max_grams';
  return null;
}

/** Two templates clash when one code could be read by both: same length and one prefix starts the other. */
export function templatesClash(a: Pick<TemplateDraft, 'length' | 'prefix'>, b: Pick<TemplateDraft, 'length' | 'prefix'>): boolean {
  return a.length === b.length && (a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix));
}
