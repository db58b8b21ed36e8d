import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';

/**
 * visits_daily: per business date, the members with a completed sale that day (a "visit",
 * a member_daily row with sales > 0) and how many of them bought twice or more. A day's
 * active and repeat members are then one summary row instead of a range read of
 * member_daily — the dashboard's daily chart asks this for every day of its period. Kept by
 * triggers on member_daily, which the sale, refund and merge triggers of migration 008 write.
 */
export const REBUILD_VISITS_DAILY_SQL = `
  DELETE FROM visits_daily;
  INSERT INTO visits_daily (day, visits, repeat_visits)
    SELECT day, count(*), sum(sales >= 2) FROM member_daily WHERE sales > 0 GROUP BY day;
`;

export const m011VisitsDaily: Migration = {
  version: 11,
  name: 'visits-daily',
  up(db: Database) {
    db.exec(`
      CREATE TABLE visits_daily (
        day           TEXT PRIMARY KEY,          -- business date YYYY-MM-DD
        visits        INTEGER NOT NULL,          -- members with a completed sale that day
        repeat_visits INTEGER NOT NULL           -- of them, members with two or more
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER visits_daily_new AFTER INSERT ON member_daily WHEN NEW.sales > 0 BEGIN
        INSERT INTO visits_daily (day, visits, repeat_visits) VALUES (NEW.day, 1, NEW.sales >= 2)
          ON CONFLICT (day) DO UPDATE SET visits = visits + 1, repeat_visits = repeat_visits + excluded.repeat_visits;
      END;
      -- A day's sales count moving across 0 or 2 (a second sale, a merge moving a sale in or out).
      CREATE TRIGGER visits_daily_changed AFTER UPDATE OF sales ON member_daily
        WHEN (OLD.sales > 0) <> (NEW.sales > 0) OR (OLD.sales >= 2) <> (NEW.sales >= 2) BEGIN
        INSERT INTO visits_daily (day, visits, repeat_visits) VALUES (NEW.day, (NEW.sales > 0) - (OLD.sales > 0), (NEW.sales >= 2) - (OLD.sales >= 2))
          ON CONFLICT (day) DO UPDATE SET visits = visits + excluded.visits, repeat_visits = repeat_visits + excluded.repeat_visits;
        DELETE FROM visits_daily WHERE day = NEW.day AND visits = 0;
      END;
      CREATE TRIGGER visits_daily_gone AFTER DELETE ON member_daily WHEN OLD.sales > 0 BEGIN
        UPDATE visits_daily SET visits = visits - 1, repeat_visits = repeat_visits - (OLD.sales >= 2) WHERE day = OLD.day;
        DELETE FROM visits_daily WHERE day = OLD.day AND visits = 0;
      END;
    `);
    db.exec(REBUILD_VISITS_DAILY_SQL);
  },
};
