/**
 * How one template reads a sample code, part by part, for the live preview in Settings →
 * 称重: which digits are the prefix, the PLU, the value check, the price, the weight and the
 * EAN check, whether each check holds, and what the till would make of the whole code.
 */
import { gs1CheckDigit, valueCheckDigit } from './check-digits.js';
import { readWith, type ScaleParse } from './parse.js';
import type { ScaleTemplate, TemplateDraft } from './template.js';

export type SegmentPart = 'prefix' | 'plu' | 'valueCheck' | 'price' | 'weight' | 'check';

export interface Segment {
  part: SegmentPart;
  digits: string;
  /** For prefix and checks: whether the digits are what they must be. */
  ok: boolean | null;
  /** Check segments: the digit expected. */
  expected?: string;
}

/** The segments of `code` under `t` (as far as the code reaches), and the reading (null while the code's length is not the template's). */
export function explainCode(code: string, t: TemplateDraft): { segments: Segment[]; result: ScaleParse | null } {
  const segments: Segment[] = [];
  let at = 0;
  const take = (part: SegmentPart, n: number) => {
    const digits = code.slice(at, at + n);
    at += n;
    segments.push({ part, digits, ok: null });
    return segments.at(-1)!;
  };
  const prefix = take('prefix', t.prefix.length);
  prefix.ok = prefix.digits === t.prefix;
  take('plu', t.pluDigits);
  const vc = t.valueCheck ? take('valueCheck', 1) : null;
  const price = t.kind === 'weight' ? null : take('price', t.priceDigits);
  const weight = t.kind === 'price' ? null : take('weight', t.weightDigits);
  const check = take('check', 1);
  if (vc) {
    const value = (price ?? weight)!.digits;
    const want = value.length === (t.kind === 'weight' ? t.weightDigits : t.priceDigits) ? valueCheckDigit(value) : null;
    vc.ok = want === null || vc.digits === '' ? null : Number(vc.digits) === want;
    if (want !== null) vc.expected = String(want);
  }
  if (code.length === t.length && /^\d+$/.test(code)) {
    const want = gs1CheckDigit(code.slice(0, -1));
    check.ok = Number(check.digits) === want;
    check.expected = String(want);
  }
  const complete = code.length === t.length && /^\d+$/.test(code);
  return { segments: segments.filter((s) => s.digits !== '' || s.part === 'check'), result: complete ? readWith(code, { ...t, id: 0, active: true } as ScaleTemplate) : null };
}

/** A sample code for a template (PLU 12, ¥12.34, 1.250 kg), with valid checks: the preview's starting point. */
export function sampleCode(t: TemplateDraft): string {
  const pad = (n: number, d: number) => String(n % 10 ** d).padStart(d, '0');
  const price = t.kind === 'weight' ? '' : pad(t.priceUnit === 'jiao' ? 123 : 1234, t.priceDigits);
  const weight = t.kind === 'price' ? '' : pad(t.weightUnit === '10g' ? 125 : 1250, t.weightDigits);
  const vc = t.valueCheck ? String(valueCheckDigit(price || weight) ?? 0) : '';
  const body = `${t.prefix}${pad(12, t.pluDigits)}${vc}${price}${weight}`;
  return body.length === t.length - 1 ? body + String(gs1CheckDigit(body)) : body;
}
