import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';
import { SYNC_TABLE_BY_NAME } from '../../../../shared/sync/tables.js';
import { installSyncTriggers, ridSql, sharedRowsSql, UUID7_SQL } from '../sync-triggers.js';
import { BUILTIN_TEMPLATES } from '../../../../shared/scale/template.js';

/** The shared tables this migration makes (shared/sync/tables.ts lists them with `since: 20`). */
const WEIGHED_SYNC_TABLES = ['scale_templates', 'weighed_products', 'sale_line_weights'] as const;

/**
 * Weighed goods and label scales (称重商品, 条码秤; issue 16).
 *
 * - scale_templates: how a label scale lays out its code (shared/scale/template.ts), the
 *   shop's set-up (authority). The shipped layouts are seeded with the same gids on every
 *   till, as 013 does for the seeded tiers, so a till joining a shop takes the shop's edits.
 * - weighed_products: a product sold by weight: its PLU (the scale's item number), whether
 *   its catalogue price is per kg or per 100 g, and the label template its scale prints.
 *   Its own table (not columns on products) so products and their sync triggers stay as 017
 *   left them; one row per product at most.
 * - sale_line_weights: the fact of a weighed line — its grams, the unit price it was sold at,
 *   where the weight came from (a price label, a weight label, the serial scale) and the label
 *   scanned. The sale line itself is quantity 1 at the line's price. On a refund line, grams
 *   is negative: the weight given back (refunds by weight, cumulative, see shared/refunds.ts).
 * - plu_state: a counter that triggers bump whenever what the PLU file says may have changed
 *   (a weighed product's name, price or status, a PLU, a layout), whoever wrote it — a form, an
 *   import, the shop server's feed — so the core rewrites the file after a call only when it
 *   must, with a one-row read. This till's own (not synced: each till keeps it from the rows).
 */
export const m020WeighedGoods: Migration = {
  version: 20,
  name: 'weighed-goods',
  up(db: Database) {
    db.exec(`
      CREATE TABLE scale_templates (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        length        INTEGER NOT NULL CHECK (length BETWEEN 8 AND 24),
        prefix        TEXT NOT NULL CHECK (prefix GLOB '2[0-7]*' AND length(prefix) BETWEEN 2 AND 4),
        plu_digits    INTEGER NOT NULL CHECK (plu_digits BETWEEN 1 AND 8),
        kind          TEXT NOT NULL CHECK (kind IN ('price','weight','price_weight')),
        price_digits  INTEGER NOT NULL CHECK (price_digits BETWEEN 0 AND 7),
        price_unit    TEXT NOT NULL CHECK (price_unit IN ('fen','jiao')),
        weight_digits INTEGER NOT NULL CHECK (weight_digits BETWEEN 0 AND 7),
        weight_unit   TEXT NOT NULL CHECK (weight_unit IN ('g','10g')),
        value_check   INTEGER NOT NULL CHECK (value_check IN (0,1)),
        max_grams     INTEGER NOT NULL CHECK (max_grams > 0),
        active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
        updated_at    TEXT NOT NULL,
        updated_by    INTEGER REFERENCES staff(id)
      ) STRICT;

      CREATE TABLE weighed_products (
        id          INTEGER PRIMARY KEY,
        product_id  INTEGER NOT NULL UNIQUE REFERENCES products(id),
        plu         INTEGER NOT NULL UNIQUE CHECK (plu >= 0),
        per         TEXT NOT NULL CHECK (per IN ('kg','100g')),
        template_id INTEGER REFERENCES scale_templates(id),
        updated_at  TEXT NOT NULL,
        updated_by  INTEGER REFERENCES staff(id)
      ) STRICT;

      CREATE TABLE sale_line_weights (
        id             INTEGER PRIMARY KEY,
        line_id        INTEGER NOT NULL UNIQUE REFERENCES sale_lines(id),
        grams          INTEGER NOT NULL CHECK (grams <> 0),   -- negative on a refund line
        unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
        per            TEXT NOT NULL CHECK (per IN ('kg','100g')),
        source         TEXT NOT NULL CHECK (source IN ('price_label','weight_label','scale')),
        label          TEXT                                    -- the code scanned (NULL: weighed at the till)
      ) STRICT;
      CREATE TRIGGER sale_line_weights_no_update BEFORE UPDATE ON sale_line_weights WHEN (SELECT applying FROM sync_state) = 0
      BEGIN SELECT RAISE(ABORT, 'sale_line_weights is append-only'); END;
      CREATE TRIGGER sale_line_weights_no_delete BEFORE DELETE ON sale_line_weights BEGIN SELECT RAISE(ABORT, 'sale_line_weights is append-only'); END;

      CREATE TABLE plu_state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL) STRICT;
      INSERT INTO plu_state (id, version) VALUES (1, 0);
      CREATE TRIGGER plu_products AFTER UPDATE OF name, price_fen, active ON products
        WHEN EXISTS (SELECT 1 FROM weighed_products WHERE product_id = NEW.id)
        BEGIN UPDATE plu_state SET version = version + 1; END;
    `);
    for (const t of ['weighed_products', 'scale_templates']) {
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        db.exec(`CREATE TRIGGER plu_${t}_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN UPDATE plu_state SET version = version + 1; END;`);
      }
    }
    const seed = db.prepare(`INSERT INTO scale_templates (id, name, length, prefix, plu_digits, kind, price_digits, price_unit, weight_digits, weight_unit, value_check, max_grams, active, updated_at)
      VALUES (@id, @name, @length, @prefix, @pluDigits, @kind, @priceDigits, @priceUnit, @weightDigits, @weightUnit, @valueCheck, @maxGrams, @active, '2026-01-01T00:00:00')`);
    BUILTIN_TEMPLATES.forEach((t, i) => seed.run({ ...t, id: i + 1, valueCheck: t.valueCheck ? 1 : 0, active: t.active ? 1 : 0 }));
    for (const name of WEIGHED_SYNC_TABLES) {
      const table = SYNC_TABLE_BY_NAME.get(name)!;
      db.exec(`INSERT INTO sync_rows (tbl, rid, gid) SELECT '${name}', ${ridSql(table, 'NEW').replaceAll('NEW.', '')}, ${UUID7_SQL} FROM ${name} WHERE ${sharedRowsSql(table)}`);
      installSyncTriggers(db, table);
    }
    // The shipped layouts are the same rows on every till: the same gids everywhere.
    db.exec(`UPDATE sync_rows SET gid = '00000000-0000-7000-8000-0000000180' || printf('%02d', CAST(rid AS INTEGER)) WHERE tbl = 'scale_templates'`);
  },
};
