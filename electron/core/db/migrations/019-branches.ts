import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';
import { BRANCHES_MIGRATION, SYNC_TABLE_BY_NAME } from '../../../../shared/sync/tables.js';
import { installSyncTriggers } from '../sync-triggers.js';

/**
 * A till as one branch of a chain of shops (issue 15; README "A chain of shops").
 *
 * - sync_state.branch_*: the branch the shop server put this till in (told at pairing and with
 *   every feed page): its code and name, whether it is head office (which sets the catalogue
 *   and rules for the chain) and whether it may add products of its own. A till with no server
 *   is its own head office and may do everything, as before.
 * - staff.branch_code: the branch a staff member works in (NULL: not tied to one — owners, and
 *   a single shop's staff). A till lets in its own branch's staff and the owners. Staff made at
 *   a branch till take its branch (trigger below). Staff are shared, so their triggers are made
 *   again to carry the column.
 * - products.branch_code: NULL for head office's products (the chain's); a branch's code for a
 *   product that branch added for itself (when head office allows it), which only it sees.
 * - product_branch_prices: a branch's own price for a product (shared, set at head office).
 *   Not unique per product and branch (two head-office tills offline could each set one; a
 *   unique key would stop the feed): the latest one counts.
 * - sync_member_fetches: the on-demand member lookups not answered yet (this till's own, not shared).
 * - coupon_uses.sale_id may be NULL: a coupon used in another branch arrives without that
 *   branch's sale (sales stay in their branch). Rebuilt the SQLite way (new table, copy,
 *   swap), keeping its rowids (= coupon_id, the gid's row) and re-making its triggers.
 */
export const m019Branches: Migration = {
  version: BRANCHES_MIGRATION,
  name: 'branches',
  up(db: Database) {
    db.exec(`
      ALTER TABLE sync_state ADD COLUMN branch_code TEXT NOT NULL DEFAULT '';
      ALTER TABLE sync_state ADD COLUMN branch_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE sync_state ADD COLUMN branch_head_office INTEGER NOT NULL DEFAULT 1 CHECK (branch_head_office IN (0,1));
      ALTER TABLE sync_state ADD COLUMN branch_local_products INTEGER NOT NULL DEFAULT 1 CHECK (branch_local_products IN (0,1));

      ALTER TABLE staff ADD COLUMN branch_code TEXT;
      ALTER TABLE products ADD COLUMN branch_code TEXT;

      CREATE TABLE product_branch_prices (
        id          INTEGER PRIMARY KEY,
        product_id  INTEGER NOT NULL REFERENCES products(id),
        branch_code TEXT NOT NULL CHECK (branch_code GLOB 'B[0-9]*'),
        price_fen   INTEGER CHECK (price_fen IS NULL OR price_fen >= 0), -- NULL: the override was taken back
        updated_at  TEXT NOT NULL,
        updated_by  INTEGER REFERENCES staff(id)
      ) STRICT;
      CREATE INDEX product_branch_prices_product ON product_branch_prices(product_id, branch_code, updated_at);

      -- Members asked for at the server (member-fetch.ts), until their answer is applied: one
      -- whose answer was lost after the server made the member this branch's is asked again.
      CREATE TABLE sync_member_fetches (
        id          INTEGER PRIMARY KEY,
        by          TEXT NOT NULL CHECK (by IN ('phone','card','last4')),
        value       TEXT NOT NULL,
        asked_at    TEXT NOT NULL,
        answered_at TEXT
      ) STRICT;
      CREATE INDEX sync_member_fetches_open ON sync_member_fetches(id) WHERE answered_at IS NULL;

      CREATE TRIGGER staff_branch AFTER INSERT ON staff
        WHEN NEW.branch_code IS NULL AND NEW.role <> 'owner' AND (SELECT applying FROM sync_state) = 0 AND (SELECT branch_code FROM sync_state) <> ''
      BEGIN
        UPDATE staff SET branch_code = (SELECT branch_code FROM sync_state) WHERE id = NEW.id;
      END;
      CREATE TRIGGER products_branch AFTER INSERT ON products
        WHEN NEW.branch_code IS NULL AND (SELECT applying FROM sync_state) = 0 AND (SELECT branch_code <> '' AND branch_head_office = 0 FROM sync_state)
      BEGIN
        UPDATE products SET branch_code = (SELECT branch_code FROM sync_state) WHERE id = NEW.id;
      END;
    `);
    relaxNotNull(db, 'coupon_uses', 'sale_id');
    installSyncTriggers(db, SYNC_TABLE_BY_NAME.get('staff')!);
    installSyncTriggers(db, SYNC_TABLE_BY_NAME.get('products')!);
    installSyncTriggers(db, SYNC_TABLE_BY_NAME.get('coupon_uses')!);
    installSyncTriggers(db, SYNC_TABLE_BY_NAME.get('product_branch_prices')!);
  },
};

/** Makes one NOT NULL column nullable: a copy of the table without the constraint takes its place (rowids, indexes and triggers kept). */
function relaxNotNull(db: Database, table: string, column: string): void {
  const { sql } = db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)!;
  const pattern = new RegExp(`(\\b${column}\\s+INTEGER)\\s+NOT NULL`);
  if (!pattern.test(sql)) throw new Error(`migration 019: ${table}.${column} is not the NOT NULL column it expects`);
  const others = db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL").all(table);
  const temp = `${table}_019`;
  db.exec(sql.replace(pattern, '$1').replace(new RegExp(`CREATE TABLE\\s+"?${table}"?`), `CREATE TABLE ${temp}`));
  // coupon_uses' rowid is its coupon_id (INTEGER PRIMARY KEY), so the copy keeps every row's rid in sync_rows.
  db.exec(`INSERT INTO ${temp} SELECT * FROM ${table}`);
  db.exec(`DROP TABLE ${table}; ALTER TABLE ${temp} RENAME TO ${table};`);
  for (const o of others) db.exec(o.sql);
}
