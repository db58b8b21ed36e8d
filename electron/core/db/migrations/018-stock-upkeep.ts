import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';

/**
 * Cheaper stock upkeep on the sale path (issue 18's target: a sale with stock moves within
 * 0.9× of the same sale without).
 *
 * - stock_moves_sale is dropped: nothing reads moves by sale (refunds find a line's move by
 *   line_id, receipts by receipt_id, a product's history by product_id), and every sale move
 *   paid for one more B-tree page in the sale's transaction.
 * - The last cost (of the latest receiving or opening) is kept by the same upsert that adds
 *   the move to on hand, instead of a second UPDATE that every move ran — a sale's with a WHERE
 *   that could never match. (One statement, not a second trigger: SQLite does not promise the
 *   order triggers fire in, and the level row must exist before its cost is set.) Each SET
 *   expression reads the row as it was, so the two CASEs judge the same old last_cost_at.
 */
export const m018StockUpkeep: Migration = {
  version: 18,
  name: 'stock-upkeep',
  up(db: Database) {
    db.exec(`
      DROP INDEX stock_moves_sale;
      DROP TRIGGER stock_moves_levels;
      CREATE TRIGGER stock_moves_levels AFTER INSERT ON stock_moves BEGIN
        INSERT INTO stock_levels (product_id, on_hand, value_fen, moves, last_cost_fen, last_cost_at)
          VALUES (NEW.product_id, NEW.qty, NEW.value_fen, 1,
                  CASE WHEN NEW.reason IN ('opening','receive') THEN NEW.unit_cost_fen END,
                  CASE WHEN NEW.reason IN ('opening','receive') AND NEW.unit_cost_fen IS NOT NULL THEN NEW.at END)
          ON CONFLICT (product_id) DO UPDATE SET on_hand = on_hand + NEW.qty, value_fen = value_fen + NEW.value_fen, moves = moves + 1,
            last_cost_fen = CASE WHEN NEW.reason IN ('opening','receive') AND NEW.unit_cost_fen IS NOT NULL AND (last_cost_at IS NULL OR last_cost_at <= NEW.at)
                                 THEN NEW.unit_cost_fen ELSE last_cost_fen END,
            last_cost_at  = CASE WHEN NEW.reason IN ('opening','receive') AND NEW.unit_cost_fen IS NOT NULL AND (last_cost_at IS NULL OR last_cost_at <= NEW.at)
                                 THEN NEW.at ELSE last_cost_at END;
      END;
    `);
  },
};
