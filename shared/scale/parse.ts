/**
 * Reading a scanned code with the shop's scale templates. Pure: the till runs it for the
 * instant line and the preview in Settings, the core runs it again on commit and trusts only
 * its own answer.
 */
import { hasValidGs1Check, valueCheckDigit } from './check-digits.js';
import type { ScaleTemplate } from './template.js';

export interface ScaleReading {
  templateId: number;
  plu: string;
  /** The printed price, fen (price and price_weight labels). */
  priceFen: number | null;
  /** The printed weight, grams (weight and price_weight labels). */
  grams: number | null;
}

export type ScaleParse =
  | { ok: true; reading: ScaleReading }
  /** not_scale: not in the in-store range 20–27 at a scale length; the code is something else. */
  | { ok: false; reason: 'not_scale' | 'unknown_prefix' | 'check_digit' | 'value_check' | 'zero_weight' | 'over_range'; templateId?: number; maxGrams?: number };

/** A code a label scale could have printed: all digits, 13 or 18 long or any active template's length, starting 20–27. */
export function looksLikeScaleCode(code: string, templates: readonly ScaleTemplate[]): boolean {
  if (!/^2[0-7]\d+$/.test(code)) return false;
  return code.length === 13 || code.length === 18 || templates.some((t) => t.active && t.length === code.length);
}

/** The active template whose length and prefix fit the code (the longest prefix wins). */
export function templateFor(code: string, templates: readonly ScaleTemplate[]): ScaleTemplate | null {
  let best: ScaleTemplate | null = null;
  for (const t of templates) {
    if (!t.active || t.length !== code.length || !code.startsWith(t.prefix)) continue;
    if (!best || t.prefix.length > best.prefix.length) best = t;
  }
  return best;
}

/** Reads one code with one template: the digits of each field, checked. */
export function readWith(code: string, t: ScaleTemplate): ScaleParse {
  if (!/^\d+$/.test(code) || code.length !== t.length || !code.startsWith(t.prefix)) return { ok: false, reason: 'unknown_prefix' };
  if (!hasValidGs1Check(code)) return { ok: false, reason: 'check_digit', templateId: t.id };
  let at = t.prefix.length;
  const take = (n: number) => { const s = code.slice(at, at + n); at += n; return s; };
  const plu = take(t.pluDigits);
  const check = t.valueCheck ? take(1) : null;
  const priceDigits = t.kind === 'weight' ? '' : take(t.priceDigits);
  const weightDigits = t.kind === 'price' ? '' : take(t.weightDigits);
  if (check !== null && valueCheckDigit(priceDigits || weightDigits) !== Number(check)) return { ok: false, reason: 'value_check', templateId: t.id };
  const priceFen = priceDigits ? Number(priceDigits) * (t.priceUnit === 'jiao' ? 10 : 1) : null;
  const grams = weightDigits ? Number(weightDigits) * (t.weightUnit === '10g' ? 10 : 1) : null;
  if (grams !== null && grams === 0) return { ok: false, reason: 'zero_weight', templateId: t.id };
  if (grams !== null && grams > t.maxGrams) return { ok: false, reason: 'over_range', templateId: t.id, maxGrams: t.maxGrams };
  return { ok: true, reading: { templateId: t.id, plu, priceFen, grams } };
}

/**
 * A scanned code as a scale label: `not_scale` for anything outside the in-store range (a
 * product, coupon, member card, payment code), `unknown_prefix` for an in-store code no active
 * template reads (the till then tries the catalogue, which may know it as a shop barcode).
 */
export function parseScaleCode(code: string, templates: readonly ScaleTemplate[]): ScaleParse {
  if (!looksLikeScaleCode(code, templates)) return { ok: false, reason: 'not_scale' };
  const t = templateFor(code, templates);
  return t ? readWith(code, t) : { ok: false, reason: 'unknown_prefix' };
}
