/**
 * Check digits on scale labels. The EAN-13 (and the 18-digit Chinese layout's) last digit is
 * GS1's mod-10 check (shared/barcode.ts); some scales also put a check digit on the price or
 * weight itself (GS1 General Specifications, "price/weight check digit"), computed with the
 * weighting factors 2-, 3, 5+ and 5- below. Each factor maps a digit to a digit and is a
 * permutation, so any single wrong digit changes the check.
 */
import { gs1CheckDigit } from '../barcode.js';

export { gs1CheckDigit };

/** Weighting factor tables: product digit for 0..9. */
const W2M = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7]; // 2-: 2×d, units minus tens
const W3 = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7]; //  3: 3×d, units
const W5P = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9]; // 5+: 5×d, units plus tens
const W5M = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1]; // 5-: 5×d, units minus tens

const digitAt = (s: string, i: number) => s.charCodeAt(i) - 48;

/**
 * The price/weight check digit of a 4- or 5-digit value (GS1 §7.9.3). 4 digits: factors
 * 2-,2-,3,5-; the sum × 3, units digit. 5 digits: factors 5+,2-,5-,5+,2-; 10 − (sum mod 10)
 * is the 5- product of the check digit. Null for other lengths (no such check exists).
 */
export function valueCheckDigit(value: string): number | null {
  if (!/^\d+$/.test(value)) return null;
  if (value.length === 4) {
    const sum = W2M[digitAt(value, 0)]! + W2M[digitAt(value, 1)]! + W3[digitAt(value, 2)]! + W5M[digitAt(value, 3)]!;
    return (sum * 3) % 10;
  }
  if (value.length === 5) {
    const f = [W5P, W2M, W5M, W5P, W2M];
    const sum = f.reduce((s, table, i) => s + table[digitAt(value, i)]!, 0);
    const target = (10 - (sum % 10)) % 10;
    return W5M.indexOf(target);
  }
  return null;
}

/** True when the code's last digit is GS1's mod-10 check of the digits before it. */
export function hasValidGs1Check(code: string): boolean {
  return /^\d{2,}$/.test(code) && gs1CheckDigit(code.slice(0, -1)) === digitAt(code, code.length - 1);
}
