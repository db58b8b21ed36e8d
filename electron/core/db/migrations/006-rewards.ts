import type { Migration } from './types.js';

/**
 * Stored-value top-ups, coupons and count cards (次卡), each with its own append-only
 * record. Print jobs gain the top-up receipt (SQLite cannot widen a CHECK in place, so the
 * small print_jobs table is rebuilt with its rows).
 */
export const m006Rewards: Migration = {
  version: 6,
  name: 'rewards',
  up(db) {
    db.exec(`
      CREATE TABLE topups (
        id            INTEGER PRIMARY KEY,
        receipt_no    TEXT NOT NULL UNIQUE,
        member_id     INTEGER NOT NULL REFERENCES members(id),
        business_date TEXT NOT NULL,
        at            TEXT NOT NULL,
        amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),   -- principal paid in
        bonus_fen     INTEGER NOT NULL DEFAULT 0 CHECK (bonus_fen >= 0),
        method        TEXT NOT NULL CHECK (method IN ('cash','card','wechat','alipay')),
        tendered_fen  INTEGER,
        change_fen    INTEGER,
        staff_id      INTEGER REFERENCES staff(id),
        shift_id      INTEGER REFERENCES shifts(id),
        client_ref    TEXT UNIQUE
      ) STRICT;
      CREATE INDEX topups_shift ON topups(shift_id);
      CREATE INDEX topups_date ON topups(business_date);
      CREATE TRIGGER topups_no_update BEFORE UPDATE ON topups BEGIN SELECT RAISE(ABORT, 'topups are append-only'); END;
      CREATE TRIGGER topups_no_delete BEFORE DELETE ON topups BEGIN SELECT RAISE(ABORT, 'topups are append-only'); END;
      ALTER TABLE stored_value_ledger ADD COLUMN topup_id INTEGER REFERENCES topups(id);

      CREATE TABLE coupon_templates (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('amount','percent')),
        value         INTEGER NOT NULL CHECK (value > 0),          -- fen off, or percent off
        min_spend_fen INTEGER NOT NULL DEFAULT 0 CHECK (min_spend_fen >= 0),
        valid_days    INTEGER NOT NULL CHECK (valid_days > 0),
        active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
        CHECK (kind = 'amount' OR value <= 100)
      ) STRICT;

      CREATE TABLE coupons (
        id          INTEGER PRIMARY KEY,
        code        TEXT NOT NULL UNIQUE,
        template_id INTEGER NOT NULL REFERENCES coupon_templates(id),
        member_id   INTEGER REFERENCES members(id),
        reason      TEXT NOT NULL,            -- manual | birthday | complaint | win_back | referral
        issued_at   TEXT NOT NULL,
        valid_from  TEXT NOT NULL,            -- business dates, inclusive
        valid_to    TEXT NOT NULL,
        issued_by   INTEGER REFERENCES staff(id),
        note        TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX coupons_member ON coupons(member_id);
      CREATE TRIGGER coupons_no_delete BEFORE DELETE ON coupons BEGIN SELECT RAISE(ABORT, 'coupons are kept'); END;

      -- A coupon is used once: the use is its own row, so "used" is a fact, never a flag flipped back.
      CREATE TABLE coupon_uses (
        coupon_id    INTEGER PRIMARY KEY REFERENCES coupons(id),
        sale_id      INTEGER NOT NULL REFERENCES sales(id),
        discount_fen INTEGER NOT NULL,
        at           TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER coupon_uses_no_update BEFORE UPDATE ON coupon_uses BEGIN SELECT RAISE(ABORT, 'coupon uses are append-only'); END;
      CREATE TRIGGER coupon_uses_no_delete BEFORE DELETE ON coupon_uses BEGIN SELECT RAISE(ABORT, 'coupon uses are append-only'); END;

      CREATE TABLE count_card_types (
        id                 INTEGER PRIMARY KEY,
        name               TEXT NOT NULL UNIQUE,
        package_product_id INTEGER NOT NULL UNIQUE REFERENCES products(id), -- what is sold (e.g. 剪发10次卡)
        service_product_id INTEGER NOT NULL REFERENCES products(id),        -- what one use covers (e.g. 剪发)
        uses               INTEGER NOT NULL CHECK (uses > 0),
        valid_months       INTEGER CHECK (valid_months IS NULL OR valid_months > 0),
        active             INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))
      ) STRICT;

      CREATE TABLE member_count_cards (
        id         INTEGER PRIMARY KEY,
        member_id  INTEGER NOT NULL REFERENCES members(id),
        type_id    INTEGER NOT NULL REFERENCES count_card_types(id),
        sale_id    INTEGER REFERENCES sales(id),
        line_id    INTEGER REFERENCES sale_lines(id),
        bought_at  TEXT NOT NULL,
        expires_on TEXT
      ) STRICT;
      CREATE INDEX member_count_cards_member ON member_count_cards(member_id);

      CREATE TABLE count_card_ledger (
        id       INTEGER PRIMARY KEY,
        card_id  INTEGER NOT NULL REFERENCES member_count_cards(id),
        at       TEXT NOT NULL,
        delta    INTEGER NOT NULL CHECK (delta <> 0),
        reason   TEXT NOT NULL,               -- purchase | use | refund | expire | merge
        sale_id  INTEGER REFERENCES sales(id),
        staff_id INTEGER REFERENCES staff(id)
      ) STRICT;
      CREATE INDEX count_card_ledger_card ON count_card_ledger(card_id);
      CREATE INDEX count_card_ledger_sale ON count_card_ledger(sale_id) WHERE sale_id IS NOT NULL;
      CREATE TRIGGER count_card_ledger_no_update BEFORE UPDATE ON count_card_ledger BEGIN SELECT RAISE(ABORT, 'count_card_ledger is append-only'); END;
      CREATE TRIGGER count_card_ledger_no_delete BEFORE DELETE ON count_card_ledger BEGIN SELECT RAISE(ABORT, 'count_card_ledger is append-only'); END;

      ALTER TABLE sale_lines ADD COLUMN count_card_id INTEGER REFERENCES member_count_cards(id); -- a line paid by one use of a card

      CREATE TABLE print_jobs_new (
        id         INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('receipt','shift_report','drawer','document','topup','member_card')),
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
