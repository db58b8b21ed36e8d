import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';

/**
 * visits_weekly / visits_monthly (issue 19): per week (keyed by its Monday) and per month (keyed
 * YYYY-MM-01), the members with a completed sale in it and those of them with two or more. The
 * dashboard's year chart has one point per week; it read each week's member-days (ACTIVE_SQL),
 * a year of them per call. Now a whole week is one summary row.
 *
 * Kept without knowing the order triggers run in: a member-day counts for its week when it is
 * the member's first visit there (sales > 0 and the previous visit, prev_day of migration 009,
 * is before the week's Monday) and repeats when it had two sales or the next visit is still in
 * the week. Both depend only on the row's own columns, so each insert, update (sales or links)
 * and delete adds "counts now" minus "counted before" — the sum is right whatever the order of
 * the link triggers and these.
 */
const WEEK = (r: string) => `date(${r}.day, 'weekday 0', '-6 days')`;
const MONTH = (r: string) => `substr(${r}.day, 1, 7) || '-01'`;
const firstIn = (r: string, start: string) => `(${r}.sales > 0 AND (${r}.prev_day IS NULL OR ${r}.prev_day < ${start}))`;
const weekFirst = (r: string) => firstIn(r, WEEK(r));
const monthFirst = (r: string) => firstIn(r, MONTH(r));
const weekRepeat = (r: string) => `(${weekFirst(r)} AND (${r}.sales >= 2 OR ifnull(${r}.next_day <= date(${r}.day, 'weekday 0'), 0)))`;
const monthRepeat = (r: string) => `(${monthFirst(r)} AND (${r}.sales >= 2 OR ifnull(${r}.next_day < date(${r}.day, 'start of month', '+1 month'), 0)))`;

/** Adds `sign` × the row's counts to its week and month. */
const add = (r: string, sign: '+' | '-') => `
  INSERT INTO visits_weekly (week, active, repeaters) VALUES (${WEEK(r)}, ${sign}${weekFirst(r)}, ${sign}${weekRepeat(r)})
    ON CONFLICT (week) DO UPDATE SET active = active + excluded.active, repeaters = repeaters + excluded.repeaters;
  INSERT INTO visits_monthly (month, active, repeaters) VALUES (${MONTH(r)}, ${sign}${monthFirst(r)}, ${sign}${monthRepeat(r)})
    ON CONFLICT (month) DO UPDATE SET active = active + excluded.active, repeaters = repeaters + excluded.repeaters;`;

const counts = (r: string) => `${weekFirst(r)}, ${weekRepeat(r)}, ${monthFirst(r)}, ${monthRepeat(r)}, ${r}.day`;

export const REBUILD_VISITS_WEEKLY_SQL = `
  DELETE FROM visits_weekly;
  INSERT INTO visits_weekly (week, active, repeaters)
    SELECT ${WEEK('d')} AS k, sum(${weekFirst('d')}), sum(${weekRepeat('d')}) FROM member_daily d WHERE d.sales > 0 GROUP BY k HAVING sum(${weekFirst('d')}) > 0;
  DELETE FROM visits_monthly;
  INSERT INTO visits_monthly (month, active, repeaters)
    SELECT ${MONTH('d')} AS k, sum(${monthFirst('d')}), sum(${monthRepeat('d')}) FROM member_daily d WHERE d.sales > 0 GROUP BY k HAVING sum(${monthFirst('d')}) > 0;
`;

export const m025VisitsWeekly: Migration = {
  version: 25,
  name: 'visits-weekly',
  up(db: Database) {
    db.exec(`
      CREATE TABLE visits_weekly (
        week      TEXT PRIMARY KEY,   -- the week's Monday, YYYY-MM-DD
        active    INTEGER NOT NULL,   -- members with a completed sale in the week
        repeaters INTEGER NOT NULL    -- of them, members with two or more
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE visits_monthly (
        month     TEXT PRIMARY KEY,   -- YYYY-MM-01
        active    INTEGER NOT NULL,
        repeaters INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER visits_weekly_new AFTER INSERT ON member_daily WHEN ${weekFirst('NEW')} OR ${monthFirst('NEW')} BEGIN ${add('NEW', '+')} END;
      CREATE TRIGGER visits_weekly_changed AFTER UPDATE ON member_daily
        WHEN (${counts('OLD')}) IS NOT (${counts('NEW')}) BEGIN ${add('OLD', '-')} ${add('NEW', '+')} END;
      CREATE TRIGGER visits_weekly_gone AFTER DELETE ON member_daily WHEN ${weekFirst('OLD')} OR ${monthFirst('OLD')} BEGIN ${add('OLD', '-')} END;
    `);
    db.exec(REBUILD_VISITS_WEEKLY_SQL);
  },
};
