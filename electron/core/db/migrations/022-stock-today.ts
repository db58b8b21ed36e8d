import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';

/**
 * One page fewer per stocked line (issue 18's target: a sale with stock moves within 0.9× of
 * one without, at 2,000,000 sales). With synchronous = FULL every page a sale dirties goes
 * through the WAL and its fsync; counted on the full shop, a sale of three stocked lines wrote
 * 33 pages where the same sale of products not stocked wrote 20.
 *
 * A sale line wrote two summary rows, each at a random place in its own tree: the level
 * (stock_levels) and the day (stock_daily, at full scale millions of rows). The level row now
 * also carries the product's figures for its latest business day (`today_*`), so a line
 * writes one row of a small table. The day's figures move to stock_days (the old stock_daily,
 * renamed) when the product's first sale or refund of a later day comes; one of an earlier
 * day (another till's, arriving late) goes there at once. `stock_daily` is now a view of both
 * (UNION ALL; a product's day is in exactly one of them), with the columns it had, so every
 * reader is unchanged. The trigger stays the only writer, so the summaries follow every move
 * whoever writes it (the till's services, the feed from other tills, the sqlite3 shell).
 *
 * Tried first: the level rows inside the day tree, next to each product's latest day. The
 * same page is saved on the sale path, but the 5,000 levels spread over a tree of millions of
 * rows, and the reorder list, which reads every level, went from 32 to 232 ms p99 at full scale.
 */
export const m022StockToday: Migration = {
  version: 22,
  name: 'stock-today',
  up(db: Database) {
    const DAY = "coalesce((SELECT business_date FROM sales WHERE id = NEW.sale_id), substr(NEW.at, 1, 10))";
    const REVENUE = 'coalesce((SELECT total_fen FROM sale_lines WHERE id = NEW.line_id), 0)';
    const SOLD = "NEW.reason IN ('sale','refund')";
    const ADD_DAY = 'ON CONFLICT (product_id, business_date) DO UPDATE SET qty = qty + excluded.qty, revenue_fen = revenue_fen + excluded.revenue_fen, cogs_fen = cogs_fen + excluded.cogs_fen';
    // today's figures follow a move of the level's day (added), of a later day (start afresh: the trigger's first statement moved the old day out) or of no day / an earlier one (kept).
    const today = (col: string) => `${col} = CASE WHEN excluded.today_date IS NULL OR excluded.today_date < today_date THEN ${col}
                   WHEN excluded.today_date = today_date THEN ${col} + excluded.${col} ELSE excluded.${col} END`;
    db.exec(`
      DROP TRIGGER stock_moves_levels;
      DROP TRIGGER stock_moves_daily;
      ALTER TABLE stock_levels ADD COLUMN today_date TEXT;
      ALTER TABLE stock_levels ADD COLUMN today_qty INTEGER;
      ALTER TABLE stock_levels ADD COLUMN today_revenue_fen INTEGER;
      ALTER TABLE stock_levels ADD COLUMN today_cogs_fen INTEGER;
      ALTER TABLE stock_daily RENAME TO stock_days;
      DROP INDEX stock_daily_date;
      CREATE INDEX stock_days_date ON stock_days(business_date);
      CREATE VIEW stock_daily AS
        SELECT product_id, business_date, qty, revenue_fen, cogs_fen FROM stock_days
        UNION ALL
        SELECT product_id, today_date, today_qty, today_revenue_fen, today_cogs_fen FROM stock_levels WHERE today_date IS NOT NULL;

      CREATE TRIGGER stock_moves_summary AFTER INSERT ON stock_moves BEGIN
        -- A sale or refund of a later day than the level's: that day is over for this product; its figures go to stock_days.
        INSERT INTO stock_days (product_id, business_date, qty, revenue_fen, cogs_fen)
          SELECT product_id, today_date, today_qty, today_revenue_fen, today_cogs_fen FROM stock_levels
          WHERE ${SOLD} AND product_id = NEW.product_id AND today_date < ${DAY}
          ${ADD_DAY};
        -- Of an earlier day (another till's, arriving late): straight to stock_days.
        INSERT INTO stock_days (product_id, business_date, qty, revenue_fen, cogs_fen)
          SELECT NEW.product_id, ${DAY}, -NEW.qty, ${REVENUE}, -NEW.value_fen
          WHERE ${SOLD} AND ${DAY} < (SELECT today_date FROM stock_levels WHERE product_id = NEW.product_id)
          ${ADD_DAY};
        -- The level (as migration 018 kept it) and today's figures, in one row.
        INSERT INTO stock_levels (product_id, on_hand, value_fen, moves, last_cost_fen, last_cost_at, today_date, today_qty, today_revenue_fen, today_cogs_fen)
          VALUES (NEW.product_id, NEW.qty, NEW.value_fen, 1,
                  CASE WHEN NEW.reason IN ('opening','receive') THEN NEW.unit_cost_fen END,
                  CASE WHEN NEW.reason IN ('opening','receive') AND NEW.unit_cost_fen IS NOT NULL THEN NEW.at END,
                  CASE WHEN ${SOLD} THEN ${DAY} END, CASE WHEN ${SOLD} THEN -NEW.qty END,
                  CASE WHEN ${SOLD} THEN ${REVENUE} END, CASE WHEN ${SOLD} THEN -NEW.value_fen END)
          ON CONFLICT (product_id) DO UPDATE SET on_hand = on_hand + NEW.qty, value_fen = value_fen + NEW.value_fen, moves = moves + 1,
            last_cost_fen = CASE WHEN NEW.reason IN ('opening','receive') AND NEW.unit_cost_fen IS NOT NULL AND (last_cost_at IS NULL OR last_cost_at <= NEW.at)
                                 THEN NEW.unit_cost_fen ELSE last_cost_fen END,
            last_cost_at  = CASE WHEN NEW.reason IN ('opening','receive') AND NEW.unit_cost_fen IS NOT NULL AND (last_cost_at IS NULL OR last_cost_at <= NEW.at)
                                 THEN NEW.at ELSE last_cost_at END,
            ${today('today_qty')},
            ${today('today_revenue_fen')},
            ${today('today_cogs_fen')},
            today_date = CASE WHEN excluded.today_date IS NULL OR excluded.today_date < today_date THEN today_date ELSE excluded.today_date END;
      END;
    `);
  },
};
