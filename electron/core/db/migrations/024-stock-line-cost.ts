import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';

/**
 * Less work per stocked sale line (issue 18's target: a sale with stock moves within 0.9× of
 * the same sale without). Counted with callgrind on a copy of the bench shop (SQLite 3.53, the
 * app's pragmas, 3,000 sale moves in one transaction): a sale move cost ~84,000 instructions —
 * ~25,000 the row and its indexes, ~26,000 its sync trigger, ~28,500 the summary trigger, of
 * which ~12,000 were the two day-handover statements that a sale of the level's own day never
 * needs, and ~5,000 the day and revenue look-ups they and the upsert each made again.
 *
 * The one summary trigger of migration 022 becomes two, split by the move's reason, so every
 * move fires exactly one of them and their order does not matter:
 * - stock_moves_summary (opening, receive, loss, count): the level upsert alone — no day, no
 *   look-ups, today's figures untouched (as the CASEs of 022 kept them for these moves).
 * - stock_moves_sold (sale, refund): one INSERT … SELECT hands a day over to stock_days in
 *   either direction (the level's day when the move is of a later day, the move itself when
 *   it is of an earlier one; a move of the level's own day — nearly every sale — finds no row),
 *   the day looked up once for it; then the upsert, which no longer judges the latest cost
 *   (a sale or refund never sets it) nor a missing day (a sold move always has one).
 * The rows written are the same, so stock_daily, on hand and the reorder list read the same:
 * stock-line-cost-migration.test.ts writes random moves (every reason, days in any order,
 * moves with and without a sale) into a file at version 23 and one at 24 and compares them.
 * (Taken over from the untested draft numbered 026.)
 */
const DAY = "coalesce((SELECT business_date FROM sales WHERE id = NEW.sale_id), substr(NEW.at, 1, 10))";
const REVENUE = 'coalesce((SELECT total_fen FROM sale_lines WHERE id = NEW.line_id), 0)';
const today = (col: string) => `${col} = CASE WHEN excluded.today_date < today_date THEN ${col}
                   WHEN excluded.today_date = today_date THEN ${col} + excluded.${col} ELSE excluded.${col} END`;
/** The level's figures when the move is of a later day, the move's own when of an earlier one. */
const later = (level: string, move: string) => `CASE WHEN l.today_date < d.day THEN l.${level} ELSE ${move} END`;

export const m024StockLineCost: Migration = {
  version: 24,
  name: 'stock-line-cost',
  up(db: Database) {
    db.exec(`
      DROP TRIGGER stock_moves_summary;
      CREATE TRIGGER stock_moves_summary AFTER INSERT ON stock_moves WHEN NEW.reason NOT IN ('sale','refund') BEGIN
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
      CREATE TRIGGER stock_moves_sold AFTER INSERT ON stock_moves WHEN NEW.reason IN ('sale','refund') BEGIN
        INSERT INTO stock_days (product_id, business_date, qty, revenue_fen, cogs_fen)
          SELECT l.product_id, ${later('today_date', 'd.day')}, ${later('today_qty', '-NEW.qty')},
                 ${later('today_revenue_fen', REVENUE)}, ${later('today_cogs_fen', '-NEW.value_fen')}
          FROM stock_levels l, (SELECT ${DAY} AS day) d
          WHERE l.product_id = NEW.product_id AND l.today_date <> d.day
          ON CONFLICT (product_id, business_date) DO UPDATE SET qty = qty + excluded.qty, revenue_fen = revenue_fen + excluded.revenue_fen, cogs_fen = cogs_fen + excluded.cogs_fen;
        INSERT INTO stock_levels (product_id, on_hand, value_fen, moves, today_date, today_qty, today_revenue_fen, today_cogs_fen)
          VALUES (NEW.product_id, NEW.qty, NEW.value_fen, 1, ${DAY}, -NEW.qty, ${REVENUE}, -NEW.value_fen)
          ON CONFLICT (product_id) DO UPDATE SET on_hand = on_hand + NEW.qty, value_fen = value_fen + NEW.value_fen, moves = moves + 1,
            ${today('today_qty')},
            ${today('today_revenue_fen')},
            ${today('today_cogs_fen')},
            today_date = CASE WHEN excluded.today_date < today_date THEN today_date ELSE excluded.today_date END;
      END;
    `);
  },
};
