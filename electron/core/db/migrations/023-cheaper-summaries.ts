import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';

/**
 * Cheaper summary upkeep and an RFM snapshot (issue 19). Measured on the 2,000,000-sale shop,
 * the per-sale summary triggers cost more than the rows of the sale themselves; most of it is
 * B-tree pages touched at random (each one read, dirtied, written to the WAL, checkpointed).
 *
 * - member_stats_on_sale: the one upsert of migration 004 assigned all four columns, and SQLite
 *   rewrites the entry of every index on a column named in SET, changed or not: three index
 *   deletes and inserts (first sale, last sale, spend) per sale. Now the totals are one upsert
 *   naming only sales_count and spend_fen, and each date moves in its own UPDATE whose WHERE
 *   is false unless the date really moves (the first sale of a day, a member's first sale).
 * - visit links (migration 009): a new visit looked up its previous and next visit twice (once
 *   to link itself, again to find the neighbours to relink). Now the neighbours are found
 *   through the links the visit has just been given: one primary-key read instead of two
 *   index searches.
 * - rfm_window / rfm_members: each member's last visit, completed sales and net spend over the
 *   365 days ending rfm_window.as_of, so RFM "as of today" sorts 60,000 members instead of
 *   grouping a year of member-days. Kept by no trigger (a sale pays nothing for it):
 *   stats/rfm-snapshot.ts brings it forward when RFM is asked — the sales added since
 *   `watermark` (the largest sales.id it has seen) and the days entering and leaving the
 *   window. A member merge moves old sales between members, which the watermark cannot see:
 *   the trigger below marks the snapshot stale, and the next read rebuilds it.
 */
const LINK_IN = `
  UPDATE member_daily SET
    prev_day = (SELECT max(day) FROM member_daily WHERE member_id = NEW.member_id AND day < NEW.day AND sales > 0),
    next_day = (SELECT min(day) FROM member_daily WHERE member_id = NEW.member_id AND day > NEW.day AND sales > 0)
    WHERE day = NEW.day AND member_id = NEW.member_id;
  UPDATE member_daily SET next_day = NEW.day WHERE member_id = NEW.member_id
    AND day = (SELECT prev_day FROM member_daily WHERE day = NEW.day AND member_id = NEW.member_id);
  UPDATE member_daily SET prev_day = NEW.day WHERE member_id = NEW.member_id
    AND day = (SELECT next_day FROM member_daily WHERE day = NEW.day AND member_id = NEW.member_id);`;

export const m023CheaperSummaries: Migration = {
  version: 23,
  name: 'cheaper-summaries',
  up(db: Database) {
    db.exec(`
      DROP TRIGGER member_stats_on_sale;
      CREATE TRIGGER member_stats_on_sale AFTER INSERT ON sales WHEN NEW.member_id IS NOT NULL
      BEGIN
        INSERT INTO member_stats (member_id, sales_count, spend_fen) VALUES (NEW.member_id, NEW.kind = 'sale', NEW.total_fen)
        ON CONFLICT(member_id) DO UPDATE SET sales_count = sales_count + excluded.sales_count, spend_fen = spend_fen + excluded.spend_fen;
        UPDATE member_stats SET last_sale_on = NEW.business_date
          WHERE NEW.kind = 'sale' AND member_id = NEW.member_id AND (last_sale_on IS NULL OR last_sale_on < NEW.business_date);
        UPDATE member_stats SET first_sale_on = NEW.business_date
          WHERE NEW.kind = 'sale' AND member_id = NEW.member_id AND (first_sale_on IS NULL OR first_sale_on > NEW.business_date);
      END;

      DROP TRIGGER visit_link_new;
      DROP TRIGGER visit_link_became;
      CREATE TRIGGER visit_link_new AFTER INSERT ON member_daily WHEN NEW.sales > 0 BEGIN ${LINK_IN} END;
      CREATE TRIGGER visit_link_became AFTER UPDATE OF sales ON member_daily WHEN OLD.sales = 0 AND NEW.sales > 0 BEGIN ${LINK_IN} END;

      CREATE TABLE rfm_window (
        one       INTEGER PRIMARY KEY CHECK (one = 1),
        as_of     TEXT NOT NULL,      -- the window is the 365 days ending here
        watermark INTEGER NOT NULL,   -- every sale with id <= this is in rfm_members (if its day is in the window)
        stale     INTEGER NOT NULL DEFAULT 0   -- 1: sales moved between members; rebuild before reading
      ) STRICT;
      CREATE TABLE rfm_members (
        member_id INTEGER PRIMARY KEY,
        last_day  TEXT,               -- their latest visit in the window (read only while freq > 0)
        freq      INTEGER NOT NULL,   -- completed sales in the window
        spend     INTEGER NOT NULL    -- net spend in the window
      ) STRICT;
      CREATE TRIGGER rfm_stale_on_move AFTER UPDATE OF member_id ON sales WHEN OLD.member_id IS NOT NEW.member_id BEGIN
        UPDATE rfm_window SET stale = 1 WHERE stale = 0;
      END;
    `);
  },
};
