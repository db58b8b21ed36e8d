import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';
import { SYNC_TABLE_BY_NAME } from '../../../../shared/sync/tables.js';
import { installSyncTriggers } from '../sync-triggers.js';

/**
 * Promotions (促销, issue 17): the rules are rows, not code, so the shop server can hand them
 * down like products and tiers (authority tables, server-authoritative in a shop with one).
 *
 * - promotions: one row per promotion; `rule` holds only numbers (N, percentages, amounts,
 *   steps), never ids, because ids are local to each till.
 * - promotion_targets: every product, category and tier a promotion names (its scope, its gift
 *   products, its bundle items, its tiers), each a reference the sync maps to each till's ids.
 *   Saving a promotion replaces its targets.
 * - sale_promotions: the fact of which promotion gave what to which line of a sale, append-only,
 *   synced with the sale. `applications` (sets, repeats, gift units, bundles) sits on the
 *   promotion's first line of the sale and counts toward the per-member daily limit.
 *
 * Kept in one file so it can be renumbered at merge.
 */
export const m016Promotions: Migration = {
  version: 16,
  name: 'promotions',
  up(db: Database) {
    db.exec(`
      CREATE TABLE promotions (
        id                   INTEGER PRIMARY KEY,
        name                 TEXT NOT NULL,
        kind                 TEXT NOT NULL CHECK (kind IN ('nth', 'threshold', 'gift', 'special', 'bundle')),
        rule                 TEXT NOT NULL CHECK (json_valid(rule)),
        priority             INTEGER NOT NULL DEFAULT 0,
        start_date           TEXT NOT NULL,
        end_date             TEXT CHECK (end_date IS NULL OR end_date >= start_date),
        weekdays             TEXT NOT NULL DEFAULT '',
        from_time            TEXT,
        to_time              TEXT,
        all_tiers            INTEGER NOT NULL DEFAULT 1 CHECK (all_tiers IN (0, 1)),
        per_sale_limit       INTEGER CHECK (per_sale_limit IS NULL OR per_sale_limit > 0),
        per_member_day_limit INTEGER CHECK (per_member_day_limit IS NULL OR per_member_day_limit > 0),
        stacks_others        INTEGER NOT NULL CHECK (stacks_others IN (0, 1)),
        stacks_coupons       INTEGER NOT NULL CHECK (stacks_coupons IN (0, 1)),
        stacks_points        INTEGER NOT NULL CHECK (stacks_points IN (0, 1)),
        stacks_tier          INTEGER NOT NULL CHECK (stacks_tier IN (0, 1)),
        scope_all            INTEGER NOT NULL CHECK (scope_all IN (0, 1)),
        active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        updated_at           TEXT NOT NULL,
        updated_by           INTEGER REFERENCES staff(id)
      ) STRICT;
      CREATE INDEX promotions_live ON promotions(active, end_date);

      CREATE TABLE promotion_targets (
        id           INTEGER PRIMARY KEY,
        promotion_id INTEGER NOT NULL REFERENCES promotions(id) ON DELETE CASCADE,
        role         TEXT NOT NULL CHECK (role IN ('scope', 'gift', 'bundle', 'tier')),
        product_id   INTEGER REFERENCES products(id),
        category_id  INTEGER REFERENCES categories(id),
        tier_id      INTEGER REFERENCES tiers(id),
        qty          INTEGER NOT NULL DEFAULT 1 CHECK (qty > 0),
        CHECK ((product_id IS NOT NULL) + (category_id IS NOT NULL) + (tier_id IS NOT NULL) = 1)
      ) STRICT;
      CREATE INDEX promotion_targets_promotion ON promotion_targets(promotion_id);

      CREATE TABLE sale_promotions (
        id            INTEGER PRIMARY KEY,
        sale_id       INTEGER NOT NULL REFERENCES sales(id),
        line_id       INTEGER NOT NULL REFERENCES sale_lines(id),
        promotion_id  INTEGER REFERENCES promotions(id),
        name          TEXT NOT NULL,
        kind          TEXT NOT NULL,
        units         INTEGER NOT NULL CHECK (units > 0),
        applications  INTEGER NOT NULL DEFAULT 0 CHECK (applications >= 0),
        discount_fen  INTEGER NOT NULL CHECK (discount_fen >= 0)
      ) STRICT;
      CREATE INDEX sale_promotions_sale ON sale_promotions(sale_id);
      CREATE INDEX sale_promotions_promotion ON sale_promotions(promotion_id, sale_id);
      CREATE TRIGGER sale_promotions_no_update BEFORE UPDATE ON sale_promotions WHEN (SELECT applying FROM sync_state) = 0
      BEGIN SELECT RAISE(ABORT, 'sale promotions are append-only'); END;
      CREATE TRIGGER sale_promotions_no_delete BEFORE DELETE ON sale_promotions WHEN (SELECT applying FROM sync_state) = 0
      BEGIN SELECT RAISE(ABORT, 'sale promotions are append-only'); END;
    `);
    for (const name of ['promotions', 'promotion_targets', 'sale_promotions']) installSyncTriggers(db, SYNC_TABLE_BY_NAME.get(name)!);
  },
};
