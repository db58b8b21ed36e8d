import type { Sale } from '../../../../shared/contract/checkout.js';

type Line = Sale['lines'][number];

/**
 * Refunds of weighed lines go by weight: in the refund dialog the number typed for such a
 * line is grams (at most what is left of it), sent as `grams` with qty 1.
 */
export const refundCap = (l: Line) => (l.weighed ? l.weighed.refundableGrams : l.refundableQty);

export function refundWant(l: Line, text: string | undefined): { lineId: number; qty: number; grams?: number } | null {
  const n = Math.min(refundCap(l), Number((text ?? '').trim() || 0));
  if (!(n > 0)) return null;
  return l.weighed ? { lineId: l.id, qty: 1, grams: n } : { lineId: l.id, qty: n };
}
