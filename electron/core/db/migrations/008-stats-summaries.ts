import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';

/**
 * Summaries behind the owner's dashboard, kept by triggers in the same transaction as every
 * write to the raw rows (till, import, demo, bench generator, member merge), so no view ever
 * scans all sales. Each summary is a pure function of raw rows; `REBUILD_STATS_SQL` recomputes
 * them from scratch (used here to backfill, and by stats/summaries.ts when one is missing or a
 * check finds it off).
 *
 * - sales_daily: per business date, sales and refunds, revenue net of refunds, the member part.
 * - member_daily: per member and business date, completed sales and net spend. Distinct counts
 *   (active, repeat, retention, lapse) come from a range of this table, never from sales.
 * - cohort_monthly: per enrolment month and calendar month, members of that cohort with a sale
 *   in that month (the cohort retention table).
 * - points_daily: per date and ledger reason, the sum of points entries.
 */
export const STATS_TABLES = ['sales_daily', 'member_daily', 'cohort_monthly', 'points_daily'] as const;

export const REBUILD_STATS_SQL = `
  DELETE FROM sales_daily;
  DELETE FROM member_daily;
  DELETE FROM cohort_monthly;
  DELETE FROM points_daily;
  INSERT INTO sales_daily (day, sales, refunds, revenue_fen, member_sales, member_revenue_fen)
    SELECT business_date, sum(kind = 'sale'), sum(kind = 'refund'), sum(total_fen),
           sum(kind = 'sale' AND member_id IS NOT NULL), sum(CASE WHEN member_id IS NOT NULL THEN total_fen ELSE 0 END)
    FROM sales GROUP BY business_date;
  INSERT INTO member_daily (day, member_id, sales, revenue_fen)
    SELECT business_date, member_id, sum(kind = 'sale'), sum(total_fen)
    FROM sales WHERE member_id IS NOT NULL GROUP BY business_date, member_id;
  INSERT INTO cohort_monthly (cohort, month, members)
    SELECT substr(m.enrolled_at, 1, 7), a.month, count(*)
    FROM (SELECT DISTINCT member_id, substr(day, 1, 7) AS month FROM member_daily WHERE sales > 0) a
    JOIN members m ON m.id = a.member_id
    GROUP BY 1, 2;
  INSERT INTO points_daily (day, reason, points)
    SELECT substr(at, 1, 10), reason, sum(delta) FROM points_ledger GROUP BY 1, 2;
`;

export const m008StatsSummaries: Migration = {
  version: 8,
  name: 'stats-summaries',
  up(db: Database) {
    db.exec(`
      CREATE TABLE sales_daily (
        day                TEXT PRIMARY KEY,               -- business date YYYY-MM-DD
        sales              INTEGER NOT NULL DEFAULT 0,     -- completed sales
        refunds            INTEGER NOT NULL DEFAULT 0,
        revenue_fen        INTEGER NOT NULL DEFAULT 0,     -- sales minus refunds booked that day
        member_sales       INTEGER NOT NULL DEFAULT 0,
        member_revenue_fen INTEGER NOT NULL DEFAULT 0
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE member_daily (
        day         TEXT NOT NULL,
        member_id   INTEGER NOT NULL,
        sales       INTEGER NOT NULL,   -- completed sales (0 on a day with only refunds)
        revenue_fen INTEGER NOT NULL,   -- net of refunds booked that day
        PRIMARY KEY (day, member_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX member_daily_member ON member_daily(member_id, day);

      CREATE TABLE cohort_monthly (
        cohort  TEXT NOT NULL,          -- enrolment month YYYY-MM
        month   TEXT NOT NULL,          -- calendar month YYYY-MM
        members INTEGER NOT NULL,
        PRIMARY KEY (cohort, month)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE points_daily (
        day    TEXT NOT NULL,
        reason TEXT NOT NULL,
        points INTEGER NOT NULL,
        PRIMARY KEY (day, reason)
      ) STRICT, WITHOUT ROWID;

      -- First-visit counts per day (new vs returning customers) read this range.
      CREATE INDEX member_stats_first_sale ON member_stats(first_sale_on);

      CREATE TRIGGER stats_sales_daily AFTER INSERT ON sales BEGIN
        INSERT INTO sales_daily (day, sales, refunds, revenue_fen, member_sales, member_revenue_fen)
        VALUES (NEW.business_date, NEW.kind = 'sale', NEW.kind = 'refund', NEW.total_fen,
                NEW.kind = 'sale' AND NEW.member_id IS NOT NULL, CASE WHEN NEW.member_id IS NOT NULL THEN NEW.total_fen ELSE 0 END)
        ON CONFLICT(day) DO UPDATE SET
          sales = sales + excluded.sales, refunds = refunds + excluded.refunds, revenue_fen = revenue_fen + excluded.revenue_fen,
          member_sales = member_sales + excluded.member_sales, member_revenue_fen = member_revenue_fen + excluded.member_revenue_fen;
      END;

      -- A member's first sale in a calendar month adds them to their cohort's cell for that month.
      -- The cohort row is written before member_daily so "first in the month" can be asked of it.
      CREATE TRIGGER stats_member_sale AFTER INSERT ON sales WHEN NEW.member_id IS NOT NULL BEGIN
        INSERT INTO cohort_monthly (cohort, month, members)
          SELECT substr(m.enrolled_at, 1, 7), substr(NEW.business_date, 1, 7), 1 FROM members m
          WHERE m.id = NEW.member_id AND NEW.kind = 'sale' AND NOT EXISTS (
            SELECT 1 FROM member_daily d WHERE d.member_id = NEW.member_id AND d.sales > 0
              AND d.day BETWEEN substr(NEW.business_date, 1, 7) || '-01' AND substr(NEW.business_date, 1, 7) || '-31')
        ON CONFLICT(cohort, month) DO UPDATE SET members = members + 1;
        INSERT INTO member_daily (day, member_id, sales, revenue_fen)
        VALUES (NEW.business_date, NEW.member_id, NEW.kind = 'sale', NEW.total_fen)
        ON CONFLICT(day, member_id) DO UPDATE SET sales = sales + excluded.sales, revenue_fen = revenue_fen + excluded.revenue_fen;
      END;

      -- Merging members moves sales from one member to another: move their summaries with them.
      CREATE TRIGGER stats_sale_member_moved AFTER UPDATE OF member_id ON sales
        WHEN OLD.member_id IS NOT NEW.member_id BEGIN
        UPDATE sales_daily SET
          member_sales = member_sales - (OLD.kind = 'sale' AND OLD.member_id IS NOT NULL) + (NEW.kind = 'sale' AND NEW.member_id IS NOT NULL),
          member_revenue_fen = member_revenue_fen - CASE WHEN OLD.member_id IS NOT NULL THEN OLD.total_fen ELSE 0 END
                                                  + CASE WHEN NEW.member_id IS NOT NULL THEN NEW.total_fen ELSE 0 END
          WHERE day = OLD.business_date;
        -- out of the old member
        UPDATE member_daily SET sales = sales - (OLD.kind = 'sale'), revenue_fen = revenue_fen - OLD.total_fen
          WHERE day = OLD.business_date AND member_id = OLD.member_id;
        DELETE FROM member_daily WHERE day = OLD.business_date AND member_id = OLD.member_id AND sales = 0 AND revenue_fen = 0;
        UPDATE cohort_monthly SET members = members - 1
          WHERE OLD.kind = 'sale' AND OLD.member_id IS NOT NULL
            AND cohort = (SELECT substr(enrolled_at, 1, 7) FROM members WHERE id = OLD.member_id)
            AND month = substr(OLD.business_date, 1, 7)
            AND NOT EXISTS (SELECT 1 FROM member_daily d WHERE d.member_id = OLD.member_id AND d.sales > 0
              AND d.day BETWEEN substr(OLD.business_date, 1, 7) || '-01' AND substr(OLD.business_date, 1, 7) || '-31');
        DELETE FROM cohort_monthly WHERE members = 0;
        -- into the new one
        INSERT INTO cohort_monthly (cohort, month, members)
          SELECT substr(m.enrolled_at, 1, 7), substr(NEW.business_date, 1, 7), 1 FROM members m
          WHERE m.id = NEW.member_id AND NEW.kind = 'sale' AND NOT EXISTS (
            SELECT 1 FROM member_daily d WHERE d.member_id = NEW.member_id AND d.sales > 0
              AND d.day BETWEEN substr(NEW.business_date, 1, 7) || '-01' AND substr(NEW.business_date, 1, 7) || '-31')
        ON CONFLICT(cohort, month) DO UPDATE SET members = members + 1;
        INSERT INTO member_daily (day, member_id, sales, revenue_fen)
          SELECT NEW.business_date, NEW.member_id, NEW.kind = 'sale', NEW.total_fen WHERE NEW.member_id IS NOT NULL
        ON CONFLICT(day, member_id) DO UPDATE SET sales = sales + excluded.sales, revenue_fen = revenue_fen + excluded.revenue_fen;
      END;

      -- Re-importing a member may correct their enrolment date: their cohort cells move along.
      CREATE TRIGGER stats_member_cohort_moved AFTER UPDATE OF enrolled_at ON members
        WHEN substr(OLD.enrolled_at, 1, 7) <> substr(NEW.enrolled_at, 1, 7) BEGIN
        UPDATE cohort_monthly SET members = members - 1
          WHERE cohort = substr(OLD.enrolled_at, 1, 7)
            AND month IN (SELECT DISTINCT substr(day, 1, 7) FROM member_daily WHERE member_id = OLD.id AND sales > 0);
        DELETE FROM cohort_monthly WHERE members = 0;
        INSERT INTO cohort_monthly (cohort, month, members)
          SELECT substr(NEW.enrolled_at, 1, 7), month, 1
          FROM (SELECT DISTINCT substr(day, 1, 7) AS month FROM member_daily WHERE member_id = NEW.id AND sales > 0) WHERE true
        ON CONFLICT(cohort, month) DO UPDATE SET members = members + 1;
      END;

      -- The daily report (日结) prints from the queue like receipts; ref_id is the day as YYYYMMDD.
      CREATE TABLE print_jobs_new (
        id         INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('receipt','shift_report','drawer','document','topup','member_card','daily_report')),
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

      CREATE TRIGGER stats_points_daily AFTER INSERT ON points_ledger BEGIN
        INSERT INTO points_daily (day, reason, points) VALUES (substr(NEW.at, 1, 10), NEW.reason, NEW.delta)
        ON CONFLICT(day, reason) DO UPDATE SET points = points + excluded.points;
      END;
    `);
    db.exec(REBUILD_STATS_SQL);
  },
};
