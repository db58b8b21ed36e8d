import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';
import { SYNC_TABLE_BY_NAME } from '../../../../shared/sync/tables.js';
import { installSyncTriggers, ridSql, sharedRowsSql, UUID7_SQL } from '../sync-triggers.js';

/** The shared tables this migration makes (shared/sync/tables.ts lists them with `since: 17`). */
const STOCK_SYNC_TABLES = ['stock_receipts', 'stock_counts', 'stock_count_lines', 'stock_count_closes', 'stock_moves'] as const;

/**
 * Stock (issue 18). On hand is the sum of an append-only ledger of moves, in the product's
 * stock unit (pieces, or grams for a weighed product); nothing is edited in place.
 *
 * - products gain `stocked` (0 = services, count-card packages: no moves at all),
 *   `stock_unit` ('piece' | 'gram'), `sale_grams` (grams one unit sold takes, for a weighed
 *   product) and `min_qty` (the reorder point; NULL = not watched). Products are shared, so
 *   their sync triggers are made again to carry the new columns.
 * - stock_receipts: one 入库单 (supplier, note, who, when); its lines are the moves.
 * - stock_moves: every move — opening, receive, sale, refund, loss, count — with its quantity
 *   (signed) and its value in fen (signed): the stock's value is the sum of the values, so
 *   the moving-average cost is value / on hand (electron/core/stock/stock-ledger.ts).
 * - stock_counts / stock_count_lines / stock_count_closes: a 盘点 while selling. Each line
 *   keeps the on hand at the moment it was counted; the approval writes the corrections as
 *   moves with the count as their reason; a close (approved or cancelled) is its own row.
 * - stock_levels (per product) and stock_daily (per product and business day: quantity
 *   sold, line revenue, cost of goods) are summaries kept by triggers on stock_moves, as the
 *   dashboard's are: every till keeps its own from the shared moves, so they are not synced.
 */
export const m017Stock: Migration = {
  version: 17,
  name: 'stock',
  up(db: Database) {
    db.exec(`
      ALTER TABLE products ADD COLUMN stocked INTEGER NOT NULL DEFAULT 1 CHECK (stocked IN (0,1));
      ALTER TABLE products ADD COLUMN stock_unit TEXT NOT NULL DEFAULT 'piece' CHECK (stock_unit IN ('piece','gram'));
      ALTER TABLE products ADD COLUMN sale_grams INTEGER CHECK (sale_grams IS NULL OR sale_grams > 0);
      ALTER TABLE products ADD COLUMN min_qty INTEGER CHECK (min_qty IS NULL OR min_qty >= 0);
      -- What a count card sells or uses is a service or a package, not goods on a shelf.
      UPDATE products SET stocked = 0 WHERE id IN (SELECT package_product_id FROM count_card_types UNION SELECT service_product_id FROM count_card_types);

      CREATE TABLE stock_receipts (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        supplier    TEXT NOT NULL,
        note        TEXT NOT NULL DEFAULT '',
        source      TEXT NOT NULL CHECK (source IN ('scan','csv')),
        staff_id    INTEGER REFERENCES staff(id),
        client_ref  TEXT UNIQUE
      ) STRICT;

      CREATE TABLE stock_counts (
        id          INTEGER PRIMARY KEY,
        started_at  TEXT NOT NULL,
        category_id INTEGER REFERENCES categories(id),  -- NULL: every stocked product
        note        TEXT NOT NULL DEFAULT '',
        staff_id    INTEGER REFERENCES staff(id)
      ) STRICT;

      CREATE TABLE stock_count_lines (
        id          INTEGER PRIMARY KEY,
        count_id    INTEGER NOT NULL REFERENCES stock_counts(id),
        product_id  INTEGER NOT NULL REFERENCES products(id),
        qty         INTEGER NOT NULL,              -- counted (a negative line takes back a mis-scan)
        on_hand_at  INTEGER NOT NULL,              -- the ledger's on hand at the moment it was counted
        at          TEXT NOT NULL,
        source      TEXT NOT NULL CHECK (source IN ('scan','csv')),
        staff_id    INTEGER REFERENCES staff(id)
      ) STRICT;
      CREATE INDEX stock_count_lines_count ON stock_count_lines(count_id, product_id, id);

      CREATE TABLE stock_count_closes (
        id          INTEGER PRIMARY KEY,
        count_id    INTEGER NOT NULL UNIQUE REFERENCES stock_counts(id),
        outcome     TEXT NOT NULL CHECK (outcome IN ('approved','cancelled')),
        at          TEXT NOT NULL,
        staff_id    INTEGER REFERENCES staff(id)
      ) STRICT;

      CREATE TABLE stock_moves (
        id            INTEGER PRIMARY KEY,
        product_id    INTEGER NOT NULL REFERENCES products(id),
        at            TEXT NOT NULL,
        reason        TEXT NOT NULL CHECK (reason IN ('opening','receive','sale','refund','loss','count')),
        qty           INTEGER NOT NULL CHECK (qty <> 0 OR reason = 'count'),
        value_fen     INTEGER NOT NULL,
        unit_cost_fen INTEGER CHECK (unit_cost_fen IS NULL OR unit_cost_fen >= 0), -- as entered: per piece, or per kg of a weighed product
        loss_reason   TEXT CHECK (loss_reason IS NULL OR loss_reason IN ('expired','damaged','tasting','other')),
        note          TEXT NOT NULL DEFAULT '',
        below_zero    INTEGER NOT NULL DEFAULT 0 CHECK (below_zero IN (0,1)), -- this move left the product below zero
        receipt_id    INTEGER REFERENCES stock_receipts(id),
        count_id      INTEGER REFERENCES stock_counts(id),
        sale_id       INTEGER REFERENCES sales(id),
        line_id       INTEGER REFERENCES sale_lines(id),
        staff_id      INTEGER REFERENCES staff(id),
        CHECK ((reason = 'receive') = (receipt_id IS NOT NULL)),
        CHECK ((reason = 'count') = (count_id IS NOT NULL)),
        CHECK ((reason IN ('sale','refund')) = (line_id IS NOT NULL)),
        CHECK ((reason = 'loss') = (loss_reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX stock_moves_product ON stock_moves(product_id, id);
      CREATE INDEX stock_moves_receipt ON stock_moves(receipt_id) WHERE receipt_id IS NOT NULL;
      CREATE INDEX stock_moves_line ON stock_moves(line_id) WHERE line_id IS NOT NULL;
      CREATE INDEX stock_moves_sale ON stock_moves(sale_id) WHERE sale_id IS NOT NULL;

      CREATE TABLE stock_levels (
        product_id    INTEGER PRIMARY KEY REFERENCES products(id),
        on_hand       INTEGER NOT NULL DEFAULT 0,
        value_fen     INTEGER NOT NULL DEFAULT 0,
        last_cost_fen INTEGER,            -- the latest receiving's (or opening's) unit cost, for stock at or below zero
        last_cost_at  TEXT,
        moves         INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE stock_daily (
        product_id    INTEGER NOT NULL,
        business_date TEXT NOT NULL,
        qty           INTEGER NOT NULL DEFAULT 0,   -- sold net of refunds, in the stock unit
        revenue_fen   INTEGER NOT NULL DEFAULT 0,   -- the lines' totals (net of line and member discounts)
        cogs_fen      INTEGER NOT NULL DEFAULT 0,   -- at moving-average cost
        PRIMARY KEY (product_id, business_date)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX stock_daily_date ON stock_daily(business_date);
    `);
    for (const t of STOCK_SYNC_TABLES) {
      db.exec(`
        CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} WHEN (SELECT applying FROM sync_state) = 0 BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END;
        CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END;`);
    }
    // The summaries follow every move, the till's own and those the feed applies.
    db.exec(`
      CREATE TRIGGER stock_moves_levels AFTER INSERT ON stock_moves BEGIN
        INSERT INTO stock_levels (product_id, on_hand, value_fen, moves) VALUES (NEW.product_id, NEW.qty, NEW.value_fen, 1)
          ON CONFLICT (product_id) DO UPDATE SET on_hand = on_hand + NEW.qty, value_fen = value_fen + NEW.value_fen, moves = moves + 1;
        UPDATE stock_levels SET last_cost_fen = NEW.unit_cost_fen, last_cost_at = NEW.at
          WHERE product_id = NEW.product_id AND NEW.reason IN ('opening','receive') AND NEW.unit_cost_fen IS NOT NULL
            AND (last_cost_at IS NULL OR last_cost_at <= NEW.at);
      END;
      CREATE TRIGGER stock_moves_daily AFTER INSERT ON stock_moves WHEN NEW.reason IN ('sale','refund') BEGIN
        INSERT INTO stock_daily (product_id, business_date, qty, revenue_fen, cogs_fen)
          VALUES (NEW.product_id, coalesce((SELECT business_date FROM sales WHERE id = NEW.sale_id), substr(NEW.at, 1, 10)), -NEW.qty,
                  coalesce((SELECT total_fen FROM sale_lines WHERE id = NEW.line_id), 0), -NEW.value_fen)
          ON CONFLICT (product_id, business_date) DO UPDATE SET qty = qty + excluded.qty, revenue_fen = revenue_fen + excluded.revenue_fen, cogs_fen = cogs_fen + excluded.cogs_fen;
      END;
    `);
    // Products travel with their new columns; the new tables are shared like the other facts.
    installSyncTriggers(db, SYNC_TABLE_BY_NAME.get('products')!);
    for (const name of STOCK_SYNC_TABLES) {
      const table = SYNC_TABLE_BY_NAME.get(name)!;
      // Empty tables here, but the same backfill as 013's keeps the rule "every shared row has a gid" true by construction.
      db.exec(`INSERT INTO sync_rows (tbl, rid, gid) SELECT '${name}', ${ridSql(table, 'NEW').replaceAll('NEW.', '')}, ${UUID7_SQL} FROM ${name} WHERE ${sharedRowsSql(table)}`);
      installSyncTriggers(db, table);
    }
  },
};
