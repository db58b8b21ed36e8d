import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';
import { SYNC_TABLES } from '../../../../shared/sync/tables.js';
import { installSyncTriggers } from '../sync-triggers.js';

/**
 * Fewer pages per sale (issue 18's target: a sale with stock moves within 0.9× of one
 * without, at 2,000,000 sales). With synchronous = FULL every page a sale dirties goes through
 * the WAL and its fsync; counted on the full shop, a sale of three stocked lines wrote 33 pages
 * where the same sale of products not stocked wrote 20.
 *
 * 1. sync_rows names a rowid table's row by its INTEGER rowid instead of its decimal text.
 *    As text, '1000000' sorts between '100000' and '100001', so a table's new rows landed all
 *    over its part of the tree — about 1.5 leaf pages per table per sale, in the largest
 *    B-tree of the file — where integers append at the right edge of it: one leaf. Integers are
 *    also shorter in both the key and the gid index. A table without rowids keeps its key as
 *    JSON text. The column has INTEGER affinity (the table is no longer STRICT: a STRICT column
 *    holds one type, and this one holds integers and JSON), so every lookup written with text
 *    (`rid = CAST(id AS TEXT)`, a '7' bound from the outbox) still finds its row: SQLite turns
 *    the text into the integer before it compares.
 *    The table is rebuilt in key order and the gid index made after the copy (one sort,
 *    instead of 12 million random inserts); the triggers that name it are made again.
 * 2. stock_levels and stock_daily become one B-tree, stock_summary, keyed (product_id, day):
 *    a product's level is its row with day = 'level', which sorts after every date, so it sits
 *    beside the product's latest day — today's, the one a sale adds to. A sale line then
 *    dirties one summary page instead of two (each in a different tree at a random place).
 *    `stock_levels` and `stock_daily` stay, as views with the columns they had, so every
 *    reader is unchanged; one trigger keeps both rows for every move, whoever writes it (the
 *    till's services, the feed from other tills, the sqlite3 shell).
 */
export const m022SyncRowsStockSummary: Migration = {
  version: 22,
  name: 'sync-rows-stock-summary',
  up(db: Database) {
    const tables = SYNC_TABLES.filter((x) => (x.since ?? 13) <= 22);
    // The triggers name sync_rows: drop them with it, make them again on the new table (as 015 did for the outbox).
    for (const t of tables) db.exec(`DROP TRIGGER IF EXISTS sync_${t.name}_insert; DROP TRIGGER IF EXISTS sync_${t.name}_update; DROP TRIGGER IF EXISTS sync_${t.name}_delete;`);
    db.exec(`
      CREATE TABLE sync_rows_new (
        tbl    TEXT NOT NULL,
        rid    INTEGER NOT NULL,   -- the rowid; for a table without rowids its key as JSON text
        gid    TEXT NOT NULL,
        origin TEXT,
        PRIMARY KEY (tbl, rid)
      ) WITHOUT ROWID;
      -- The column's affinity turns '123' into 123 and leaves '["key"]' as it is; length-then-text is numeric order.
      INSERT INTO sync_rows_new (tbl, rid, gid, origin) SELECT tbl, rid, gid, origin FROM sync_rows ORDER BY tbl, length(rid), rid;
      DROP TABLE sync_rows;
      ALTER TABLE sync_rows_new RENAME TO sync_rows;
      CREATE UNIQUE INDEX sync_rows_gid ON sync_rows(gid);
    `);
    for (const t of tables) installSyncTriggers(db, t);

    db.exec(`
      CREATE TABLE stock_summary (
        product_id    INTEGER NOT NULL,
        day           TEXT NOT NULL,     -- a business date, or 'level' (sorts after every date) for on hand
        qty           INTEGER,           -- a day's: sold net of refunds, in the stock unit
        revenue_fen   INTEGER,           -- a day's: the lines' totals (net of line and member discounts)
        cogs_fen      INTEGER,           -- a day's: at moving-average cost
        on_hand       INTEGER,           -- the level's
        value_fen     INTEGER,           -- the level's
        last_cost_fen INTEGER,           -- the level's: the latest receiving's (or opening's) unit cost
        last_cost_at  TEXT,
        moves         INTEGER,
        PRIMARY KEY (product_id, day),
        CHECK ((day = 'level') = (on_hand IS NOT NULL AND value_fen IS NOT NULL AND moves IS NOT NULL)),
        CHECK ((day = 'level') = (qty IS NULL AND revenue_fen IS NULL AND cogs_fen IS NULL))
      ) STRICT, WITHOUT ROWID;
      INSERT INTO stock_summary (product_id, day, on_hand, value_fen, last_cost_fen, last_cost_at, moves)
        SELECT product_id, 'level', on_hand, value_fen, last_cost_fen, last_cost_at, moves FROM stock_levels;
      INSERT INTO stock_summary (product_id, day, qty, revenue_fen, cogs_fen)
        SELECT product_id, business_date, qty, revenue_fen, cogs_fen FROM stock_daily;
      CREATE INDEX stock_summary_day ON stock_summary(day);

      DROP TRIGGER stock_moves_levels;
      DROP TRIGGER stock_moves_daily;
      DROP TABLE stock_levels;
      DROP TABLE stock_daily;
      CREATE VIEW stock_levels AS
        SELECT product_id, on_hand, value_fen, last_cost_fen, last_cost_at, moves FROM stock_summary WHERE day = 'level';
      CREATE VIEW stock_daily AS
        SELECT product_id, day AS business_date, qty, revenue_fen, cogs_fen FROM stock_summary WHERE day <> 'level';

      -- One trigger, two upserts on neighbouring keys: the level (as migration 018 kept it) and, for a sale or a refund, its day.
      CREATE TRIGGER stock_moves_summary AFTER INSERT ON stock_moves BEGIN
        INSERT INTO stock_summary (product_id, day, on_hand, value_fen, moves, last_cost_fen, last_cost_at)
          VALUES (NEW.product_id, 'level', NEW.qty, NEW.value_fen, 1,
                  CASE WHEN NEW.reason IN ('opening','receive') THEN NEW.unit_cost_fen END,
                  CASE WHEN NEW.reason IN ('opening','receive') AND NEW.unit_cost_fen IS NOT NULL THEN NEW.at END)
          ON CONFLICT (product_id, day) DO UPDATE SET on_hand = on_hand + NEW.qty, value_fen = value_fen + NEW.value_fen, moves = moves + 1,
            last_cost_fen = CASE WHEN NEW.reason IN ('opening','receive') AND NEW.unit_cost_fen IS NOT NULL AND (last_cost_at IS NULL OR last_cost_at <= NEW.at)
                                 THEN NEW.unit_cost_fen ELSE last_cost_fen END,
            last_cost_at  = CASE WHEN NEW.reason IN ('opening','receive') AND NEW.unit_cost_fen IS NOT NULL AND (last_cost_at IS NULL OR last_cost_at <= NEW.at)
                                 THEN NEW.at ELSE last_cost_at END;
        INSERT INTO stock_summary (product_id, day, qty, revenue_fen, cogs_fen)
          SELECT NEW.product_id, coalesce((SELECT business_date FROM sales WHERE id = NEW.sale_id), substr(NEW.at, 1, 10)), -NEW.qty,
                 coalesce((SELECT total_fen FROM sale_lines WHERE id = NEW.line_id), 0), -NEW.value_fen
          WHERE NEW.reason IN ('sale','refund')
          ON CONFLICT (product_id, day) DO UPDATE SET qty = qty + excluded.qty, revenue_fen = revenue_fen + excluded.revenue_fen, cogs_fen = cogs_fen + excluded.cogs_fen;
      END;
    `);
  },
};
