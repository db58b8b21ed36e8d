import type { Migration } from './types.js';

/**
 * Members and tiers. Phone is the shop's key for a member (unique, normalised to digits);
 * the last four digits are a generated, indexed column so 手机尾号 lookups never scan.
 * Erased members keep their row (sales still point at it) with personal fields cleared.
 */
export const m002Members: Migration = {
  version: 2,
  name: 'members',
  up(db) {
    db.exec(`
      CREATE TABLE tiers (
        id             INTEGER PRIMARY KEY,
        name           TEXT NOT NULL UNIQUE,
        rank           INTEGER NOT NULL UNIQUE,          -- 0 = entry tier
        min_spend_fen  INTEGER NOT NULL DEFAULT 0 CHECK (min_spend_fen >= 0),
        min_sales      INTEGER NOT NULL DEFAULT 0 CHECK (min_sales >= 0),
        window_months  INTEGER CHECK (window_months IS NULL OR window_months > 0), -- NULL: lifetime
        price_pct      INTEGER NOT NULL DEFAULT 100 CHECK (price_pct BETWEEN 1 AND 100), -- 95 = 95折
        points_pct     INTEGER NOT NULL DEFAULT 100 CHECK (points_pct >= 0),           -- 150 = 1.5x
        birthday_perk  TEXT NOT NULL DEFAULT '',
        active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))
      ) STRICT;

      CREATE TABLE members (
        id            INTEGER PRIMARY KEY,
        card_no       TEXT NOT NULL UNIQUE,
        phone         TEXT UNIQUE,                        -- digits only; NULL once erased
        phone_last4   TEXT GENERATED ALWAYS AS (substr(phone, -4)) VIRTUAL,
        name          TEXT NOT NULL DEFAULT '',
        birthday_md   TEXT CHECK (birthday_md IS NULL OR birthday_md GLOB '[0-1][0-9]-[0-3][0-9]'),
        birth_year    INTEGER,
        gender        TEXT CHECK (gender IS NULL OR gender IN ('male','female')),
        note          TEXT NOT NULL DEFAULT '',
        referrer_id   INTEGER REFERENCES members(id),
        consent       INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0,1)),
        tier_id       INTEGER NOT NULL REFERENCES tiers(id),
        status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','frozen','erased','merged')),
        merged_into   INTEGER REFERENCES members(id),
        enrolled_at   TEXT NOT NULL,                      -- shop-local YYYY-MM-DDTHH:mm:ss
        created_by    INTEGER REFERENCES staff(id),
        updated_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX members_phone_last4 ON members(phone_last4);
      CREATE INDEX members_name ON members(name) WHERE name <> '';
      CREATE INDEX members_enrolled ON members(enrolled_at);
      CREATE INDEX members_tier ON members(tier_id);

      CREATE TABLE member_tags (
        tag       TEXT NOT NULL,
        member_id INTEGER NOT NULL REFERENCES members(id),
        PRIMARY KEY (tag, member_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX member_tags_member ON member_tags(member_id);

      -- Every tier change with its reason; the member's tier_id is the latest row here.
      CREATE TABLE member_tier_history (
        id         INTEGER PRIMARY KEY,
        member_id  INTEGER NOT NULL REFERENCES members(id),
        from_tier  INTEGER REFERENCES tiers(id),
        to_tier    INTEGER NOT NULL REFERENCES tiers(id),
        reason     TEXT NOT NULL,     -- enrol | upgrade | downgrade | purchase | expiry | manual | import
        at         TEXT NOT NULL,
        expires_at TEXT,              -- for bought tiers (会费)
        staff_id   INTEGER REFERENCES staff(id)
      ) STRICT;
      CREATE INDEX member_tier_history_member ON member_tier_history(member_id, id);

      INSERT INTO tiers (name, rank, min_spend_fen, min_sales, window_months, price_pct, points_pct, birthday_perk)
      VALUES ('普通会员', 0, 0, 0, NULL, 100, 100, ''),
             ('银卡会员', 1, 100000, 0, 12, 98, 120, '生日双倍积分'),
             ('金卡会员', 2, 500000, 0, 12, 95, 150, '生日双倍积分');
    `);
  },
};
