import type { Migration } from './types.js';

/**
 * Per-member running totals (spend, visits, first and last sale) kept by triggers in the
 * same transaction as every sale insert, whatever path wrote it (till, import, demo,
 * generator), so profiles, lapse lists and RFM never scan all sales. Also: tiers bought
 * for a fee (付费会员) and the qualification mode of a tier (spend and/or visits).
 */
export const m004MemberStats: Migration = {
  version: 4,
  name: 'member-stats',
  up(db) {
    db.exec(`
      CREATE TABLE member_stats (
        member_id     INTEGER PRIMARY KEY REFERENCES members(id),
        sales_count   INTEGER NOT NULL DEFAULT 0,   -- completed sales (refunds do not uncount a visit)
        spend_fen     INTEGER NOT NULL DEFAULT 0,   -- net of refunds
        first_sale_on TEXT,                         -- business dates
        last_sale_on  TEXT
      ) STRICT;
      CREATE INDEX member_stats_last_sale ON member_stats(last_sale_on);
      CREATE INDEX member_stats_spend ON member_stats(spend_fen);

      CREATE TRIGGER member_stats_on_sale AFTER INSERT ON sales WHEN NEW.member_id IS NOT NULL
      BEGIN
        INSERT INTO member_stats (member_id, sales_count, spend_fen, first_sale_on, last_sale_on)
        VALUES (NEW.member_id, NEW.kind = 'sale', NEW.total_fen,
                CASE WHEN NEW.kind = 'sale' THEN NEW.business_date END, CASE WHEN NEW.kind = 'sale' THEN NEW.business_date END)
        ON CONFLICT(member_id) DO UPDATE SET
          sales_count = sales_count + (NEW.kind = 'sale'),
          spend_fen = spend_fen + NEW.total_fen,
          first_sale_on = CASE WHEN NEW.kind = 'sale' AND (first_sale_on IS NULL OR NEW.business_date < first_sale_on) THEN NEW.business_date ELSE first_sale_on END,
          last_sale_on = CASE WHEN NEW.kind = 'sale' AND (last_sale_on IS NULL OR NEW.business_date > last_sale_on) THEN NEW.business_date ELSE last_sale_on END;
      END;

      ALTER TABLE tiers ADD COLUMN qualify_mode TEXT NOT NULL DEFAULT 'all' CHECK (qualify_mode IN ('all','any'));
      ALTER TABLE tiers ADD COLUMN fee_fen INTEGER CHECK (fee_fen IS NULL OR fee_fen >= 0);   -- price to buy the tier
      ALTER TABLE tiers ADD COLUMN fee_months INTEGER CHECK (fee_months IS NULL OR fee_months > 0);
      ALTER TABLE members ADD COLUMN paid_tier_id INTEGER REFERENCES tiers(id);
      ALTER TABLE members ADD COLUMN paid_until TEXT;                                     -- business date, inclusive
      ALTER TABLE member_tier_history ADD COLUMN sale_id INTEGER REFERENCES sales(id);
      CREATE INDEX member_tier_history_sale ON member_tier_history(sale_id) WHERE sale_id IS NOT NULL;
      CREATE INDEX members_paid_until ON members(paid_until) WHERE paid_until IS NOT NULL;
      CREATE INDEX members_birthday ON members(birthday_md) WHERE birthday_md IS NOT NULL;

      INSERT INTO member_stats (member_id, sales_count, spend_fen, first_sale_on, last_sale_on)
      SELECT member_id, sum(kind = 'sale'), sum(total_fen),
             min(CASE WHEN kind = 'sale' THEN business_date END), max(CASE WHEN kind = 'sale' THEN business_date END)
      FROM sales WHERE member_id IS NOT NULL GROUP BY member_id;
    `);
  },
};
