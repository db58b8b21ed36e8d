import type { Migration } from './types.js';

/**
 * The members' ledgers. A balance is never stored on its own: it is the sum of append-only
 * entries, each with a reason. `member_balances` is a cache of those sums kept by triggers
 * in the same transaction as each entry, so the till reads a balance without summing.
 *
 * Points: earned entries carry `expires_on` (the last day they can be used); spending and
 * expiry consume the oldest first (see the rewards module). Stored value keeps principal
 * (本金, refundable) and bonus (赠送金额) apart.
 */
export const m005Ledgers: Migration = {
  version: 5,
  name: 'ledgers',
  up(db) {
    db.exec(`
      CREATE TABLE points_ledger (
        id         INTEGER PRIMARY KEY,
        member_id  INTEGER NOT NULL REFERENCES members(id),
        at         TEXT NOT NULL,
        delta      INTEGER NOT NULL CHECK (delta <> 0),
        reason     TEXT NOT NULL,
        sale_id    INTEGER REFERENCES sales(id),
        staff_id   INTEGER REFERENCES staff(id),
        expires_on TEXT,
        note       TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX points_ledger_member ON points_ledger(member_id, id);
      CREATE INDEX points_ledger_sale ON points_ledger(sale_id) WHERE sale_id IS NOT NULL;
      CREATE INDEX points_ledger_expiry ON points_ledger(expires_on) WHERE expires_on IS NOT NULL;

      CREATE TABLE stored_value_ledger (
        id              INTEGER PRIMARY KEY,
        member_id       INTEGER NOT NULL REFERENCES members(id),
        at              TEXT NOT NULL,
        principal_delta INTEGER NOT NULL,
        bonus_delta     INTEGER NOT NULL,
        reason          TEXT NOT NULL,
        sale_id         INTEGER REFERENCES sales(id),
        method          TEXT,             -- how a top-up was paid
        staff_id        INTEGER REFERENCES staff(id),
        note            TEXT NOT NULL DEFAULT '',
        CHECK (principal_delta <> 0 OR bonus_delta <> 0)
      ) STRICT;
      CREATE INDEX stored_value_ledger_member ON stored_value_ledger(member_id, id);

      CREATE TABLE member_balances (
        member_id     INTEGER PRIMARY KEY REFERENCES members(id),
        points        INTEGER NOT NULL DEFAULT 0,
        principal_fen INTEGER NOT NULL DEFAULT 0,
        bonus_fen     INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TRIGGER points_ledger_balance AFTER INSERT ON points_ledger BEGIN
        INSERT INTO member_balances (member_id, points) VALUES (NEW.member_id, NEW.delta)
        ON CONFLICT(member_id) DO UPDATE SET points = points + NEW.delta;
      END;
      CREATE TRIGGER stored_value_ledger_balance AFTER INSERT ON stored_value_ledger BEGIN
        INSERT INTO member_balances (member_id, principal_fen, bonus_fen) VALUES (NEW.member_id, NEW.principal_delta, NEW.bonus_delta)
        ON CONFLICT(member_id) DO UPDATE SET principal_fen = principal_fen + NEW.principal_delta, bonus_fen = bonus_fen + NEW.bonus_delta;
      END;

      CREATE TRIGGER points_ledger_no_update BEFORE UPDATE ON points_ledger BEGIN SELECT RAISE(ABORT, 'points_ledger is append-only'); END;
      CREATE TRIGGER points_ledger_no_delete BEFORE DELETE ON points_ledger BEGIN SELECT RAISE(ABORT, 'points_ledger is append-only'); END;
      CREATE TRIGGER stored_value_ledger_no_update BEFORE UPDATE ON stored_value_ledger BEGIN SELECT RAISE(ABORT, 'stored_value_ledger is append-only'); END;
      CREATE TRIGGER stored_value_ledger_no_delete BEFORE DELETE ON stored_value_ledger BEGIN SELECT RAISE(ABORT, 'stored_value_ledger is append-only'); END;
    `);
  },
};
