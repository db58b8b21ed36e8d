/**
 * Moving-average cost, in whole fen, as pure functions of a product's running totals
 * (on hand and the stock's value, both sums of the ledger). Every move records its value,
 * so the stock's value is exact to the fen and the average is value / on hand: receiving
 * adds quantity × cost, anything going out (a sale, a loss, a count correction) takes
 * quantity × average, rounded half up — and taking everything left takes exactly the value
 * left, so no fen is ever stranded on an empty shelf.
 *
 * Costs are per piece, or per kg (1,000 g) of a weighed product: `basis` is 1 or 1000.
 *
 * Stock at or below zero (selling below zero is allowed) has no average: goods going out
 * then cost the latest receiving's unit cost, and a receiving into such stock revalues it —
 * afterwards the value is exactly on hand × the cost received, so the new average is that
 * cost rather than a blend with goods that were never on the shelf.
 */

export interface Totals { onHand: number; valueFen: number; lastCostFen: number | null; basis: number }

/** round(a × b / c), half up in magnitude, exactly (BigInt: quantities × values can pass 2^53). */
export function mulDiv(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const neg = (n < 0n) !== (d < 0n);
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (2n * ad);
  return Number(neg ? -q : q);
}

/** What taking `qty` (> 0) out of stock costs, in fen (≥ 0). */
export function outValue(qty: number, t: Totals): number {
  if (t.onHand > 0) return qty === t.onHand ? t.valueFen : mulDiv(qty, t.valueFen, t.onHand);
  return t.lastCostFen === null ? 0 : mulDiv(qty, t.lastCostFen, t.basis);
}

/** The value a receiving of `qty` at `unitCostFen` (per basis) adds. */
export function receiveValue(qty: number, unitCostFen: number, t: Totals): number {
  if (t.onHand > 0) return mulDiv(qty, unitCostFen, t.basis);
  return mulDiv(t.onHand + qty, unitCostFen, t.basis) - t.valueFen;
}

/** The value of a count correction of `diff` (either sign): at the average, as any move out is. */
export function correctionValue(diff: number, t: Totals): number {
  if (diff === 0) return 0;
  if (diff < 0) return -outValue(-diff, t);
  if (t.onHand > 0) return mulDiv(diff, t.valueFen, t.onHand);
  return t.lastCostFen === null ? 0 : mulDiv(diff, t.lastCostFen, t.basis);
}

/** The moving-average cost per basis (per piece, per kg), to the fen; the last cost when nothing is on hand. */
export function averageCost(t: Totals): number | null {
  if (t.onHand > 0) return mulDiv(t.valueFen, t.basis, t.onHand);
  return t.lastCostFen;
}
