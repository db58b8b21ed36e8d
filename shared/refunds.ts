/**
 * The refund rule (README › Refund rule), shared so it is tested directly: cumulative, so any
 * sequence of partial refunds adds up to exactly what was paid, never more. A line's refunded
 * value after a refund is its total × refunded qty / qty (half up); the sale's refunded
 * amount is the sale total × the refunded share of its line value (half up); each refund
 * pays the growth of that amount. Promotions change nothing here because their discounts
 * already sit in the line totals (each promotion's discount shared by the units it used).
 */
export interface RefundableLine {
  id: number;
  qty: number;
  totalFen: number;
  /** Units already refunded. */
  refundedQty: number;
}

export interface RefundQuote {
  lineAmounts: Map<number, number>;
  amountFen: number;
  pointsReversed: number;
  pointsReturned: number;
}

const valueAt = (l: RefundableLine, refundedQty: number) => Math.floor((l.totalFen * refundedQty * 2 + l.qty) / (2 * l.qty));

export function quoteRefundAmounts(
  lines: readonly RefundableLine[], want: ReadonlyMap<number, number>,
  sale: { totalFen: number; refundedFen: number; pointsEarned: number; pointsRedeemed: number },
): RefundQuote {
  const linesSum = lines.reduce((s, l) => s + l.totalFen, 0);
  let before = 0;
  let after = 0;
  const lineAmounts = new Map<number, number>();
  for (const l of lines) {
    const more = want.get(l.id) ?? 0;
    const v0 = valueAt(l, l.refundedQty);
    const v1 = valueAt(l, l.refundedQty + more);
    before += v0;
    after += v1;
    if (more) lineAmounts.set(l.id, v1 - v0);
  }
  // x × v / linesSum, half up: the part of x that line value v stands for.
  const shareOf = (x: number, v: number) => (linesSum === 0 ? 0 : Math.floor((x * v * 2 + linesSum) / (2 * linesSum)));
  const amountFen = Math.min(shareOf(sale.totalFen, after) - shareOf(sale.totalFen, before), sale.totalFen - sale.refundedFen);
  // Points follow the same cumulative rule: a whole refund reverses exactly what was earned and returns exactly what was spent.
  return {
    lineAmounts,
    amountFen,
    pointsReversed: shareOf(sale.pointsEarned, after) - shareOf(sale.pointsEarned, before),
    pointsReturned: shareOf(sale.pointsRedeemed, after) - shareOf(sale.pointsRedeemed, before),
  };
}
