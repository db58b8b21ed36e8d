import { DomainError } from '../lib/domain-error.js';
import type { Sale } from '../../../shared/contract/checkout.js';
import type { RefundableLine } from '../../../shared/refunds.js';

type Line = Sale['lines'][number];

/**
 * Refunds of weighed lines go by weight: the cumulative rule of shared/refunds.ts runs on the
 * line's grams instead of its quantity, so refunding 1.250 kg in parts pays back exactly the
 * line's price in the end. The refund's sale line carries quantity −1 once the last gram is
 * back (0 before), so the line's quantity still says whether it was returned.
 */
export const weighedRefund = {
  check(line: Line, grams: number): void {
    const left = line.weighed!.refundableGrams;
    if (grams < 1 || grams > left) throw new DomainError('rule_violation', { rule: 'refund_grams_exceeded', lineId: line.id, refundableGrams: left }, 'errors.scale_refund_grams');
  },
  refundable(line: Line): RefundableLine | null {
    if (!line.weighed) return null;
    return { id: line.id, qty: line.weighed.grams, totalFen: line.totalFen, refundedQty: line.weighed.grams - line.weighed.refundableGrams };
  },
  /** The units this refund takes off the line: 1 when it gives back the last gram. */
  units(line: Line, grams: number): number {
    return grams === line.weighed!.refundableGrams ? 1 : 0;
  },
};
