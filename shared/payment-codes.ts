/**
 * Customers' payment codes (付款码), the barcode the WeChat or Alipay app shows at the counter.
 * Their number ranges are public (WeChat Pay: 18 digits starting 10–15; Alipay: 16–24 digits
 * starting 25–30), so the till can tell one from a product barcode before any lookup. The
 * ranges do not meet the till's own codes: coupons (28) and member cards (29) are 13 digits,
 * and a scale template may not use 25–27 at 16 digits or more (shared/scale/template.ts).
 */
export type PaymentCodeMethod = 'wechat' | 'alipay';

export function classifyPaymentCode(code: string): PaymentCodeMethod | null {
  if (/^1[0-5]\d{16}$/.test(code)) return 'wechat';
  if (/^(2[5-9]|30)\d{14,22}$/.test(code)) return 'alipay';
  return null;
}

/** The last digits the till keeps and shows (the full code is a one-time token, not kept). */
export const codeTail = (code: string) => code.slice(-4);
