import type { Migration } from './types.js';

/**
 * The points gift catalogue (积分兑换礼品 / 服务). Like the other ledgers, nothing is edited
 * in place:
 * - `gifts` is the catalogue (the one table that is edited: name, cost, active);
 * - `gift_stock_ledger` holds every stock move (restock, redeem, cancel, correction); a
 *   gift's stock is the sum of its moves, only for gifts that track stock;
 * - `gift_redemptions` is one row per redemption, with the points it cost and the points
 *   ledger entry that spent them (the points themselves live in `points_ledger`);
 * - `gift_redemption_cancels` records a cancellation as its own row, keyed by the
 *   redemption, so a redemption is cancelled at most once and "cancelled" is a fact.
 * Print jobs gain the redemption slip (兑换单); SQLite cannot widen a CHECK in place, so the
 * small print_jobs table is rebuilt with its rows (as in 006 and 008).
 */
export const m010Gifts: Migration = {
  version: 10,
  name: 'gifts',
  up(db) {
    db.exec(`
      CREATE TABLE gifts (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        kind        TEXT NOT NULL CHECK (kind IN ('gift','service')),
        points_cost INTEGER NOT NULL CHECK (points_cost > 0),
        track_stock INTEGER NOT NULL DEFAULT 1 CHECK (track_stock IN (0,1)),
        active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER gifts_no_delete BEFORE DELETE ON gifts BEGIN SELECT RAISE(ABORT, 'gifts are kept: deactivate instead'); END;

      CREATE TABLE gift_redemptions (
        id              INTEGER PRIMARY KEY,
        member_id       INTEGER NOT NULL REFERENCES members(id),
        gift_id         INTEGER NOT NULL REFERENCES gifts(id),
        gift_name       TEXT NOT NULL,             -- as it was called when redeemed
        qty             INTEGER NOT NULL CHECK (qty > 0),
        points          INTEGER NOT NULL CHECK (points > 0),
        points_entry_id INTEGER NOT NULL UNIQUE REFERENCES points_ledger(id),
        staff_id        INTEGER REFERENCES staff(id),
        at              TEXT NOT NULL,
        client_ref      TEXT UNIQUE
      ) STRICT;
      CREATE INDEX gift_redemptions_member ON gift_redemptions(member_id, id);
      CREATE TRIGGER gift_redemptions_no_update BEFORE UPDATE ON gift_redemptions BEGIN SELECT RAISE(ABORT, 'gift_redemptions are append-only'); END;
      CREATE TRIGGER gift_redemptions_no_delete BEFORE DELETE ON gift_redemptions BEGIN SELECT RAISE(ABORT, 'gift_redemptions are append-only'); END;

      CREATE TABLE gift_redemption_cancels (
        redemption_id INTEGER PRIMARY KEY REFERENCES gift_redemptions(id),
        at            TEXT NOT NULL,
        staff_id      INTEGER REFERENCES staff(id),
        reason        TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER gift_redemption_cancels_no_update BEFORE UPDATE ON gift_redemption_cancels BEGIN SELECT RAISE(ABORT, 'gift_redemption_cancels are append-only'); END;
      CREATE TRIGGER gift_redemption_cancels_no_delete BEFORE DELETE ON gift_redemption_cancels BEGIN SELECT RAISE(ABORT, 'gift_redemption_cancels are append-only'); END;

      CREATE TABLE gift_stock_ledger (
        id            INTEGER PRIMARY KEY,
        gift_id       INTEGER NOT NULL REFERENCES gifts(id),
        at            TEXT NOT NULL,
        delta         INTEGER NOT NULL CHECK (delta <> 0),
        reason        TEXT NOT NULL CHECK (reason IN ('restock','redeem','cancel','correction')),
        redemption_id INTEGER REFERENCES gift_redemptions(id),
        staff_id      INTEGER REFERENCES staff(id),
        note          TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX gift_stock_ledger_gift ON gift_stock_ledger(gift_id);
      CREATE INDEX gift_stock_ledger_redemption ON gift_stock_ledger(redemption_id) WHERE redemption_id IS NOT NULL;
      CREATE TRIGGER gift_stock_ledger_no_update BEFORE UPDATE ON gift_stock_ledger BEGIN SELECT RAISE(ABORT, 'gift_stock_ledger is append-only'); END;
      CREATE TRIGGER gift_stock_ledger_no_delete BEFORE DELETE ON gift_stock_ledger BEGIN SELECT RAISE(ABORT, 'gift_stock_ledger is append-only'); END;

      CREATE TABLE print_jobs_new (
        id         INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('receipt','shift_report','drawer','document','topup','member_card','daily_report','gift_redemption')),
        ref_id     INTEGER,
        status     TEXT NOT NULL CHECK (status IN ('pending','printing','done','failed')),
        attempts   INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        reprint    INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO print_jobs_new SELECT id, kind, ref_id, status, attempts, last_error, reprint, created_at, updated_at FROM print_jobs;
      DROP TABLE print_jobs;
      ALTER TABLE print_jobs_new RENAME TO print_jobs;
      CREATE INDEX print_jobs_status ON print_jobs(status, id);
    `);
  },
};
