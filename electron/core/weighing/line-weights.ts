import type { Database } from '../db/open.js';
import type { WeighedLine } from '../../../shared/contract/weighing.js';

/** The weights of sold and refunded lines (sale_line_weights), written in the sale's or refund's transaction. */
export function createLineWeights(db: Database) {
  const insert = db.prepare('INSERT INTO sale_line_weights (line_id, grams, unit_price_fen, per, source, label) VALUES (?, ?, ?, ?, ?, ?)');
  return {
    sold(lineId: number, w: WeighedLine): void {
      insert.run(lineId, w.grams, w.unitPriceFen, w.per, w.source, w.label);
    },
    /** A refund line gives back `grams` of the original's weight (stored negative, as refunds are). */
    refunded(refundLineId: number, original: Pick<WeighedLine, 'unitPriceFen' | 'per' | 'source' | 'label'>, grams: number): void {
      insert.run(refundLineId, -grams, original.unitPriceFen, original.per, original.source, original.label);
    },
  };
}
export type LineWeights = ReturnType<typeof createLineWeights>;
