import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';

/**
 * Each member-day with a sale (a "visit") learns the member's previous and next visit days.
 * Distinct-member figures then become plain range counts over member_daily, with no grouping:
 * a member is active in P exactly once as the first visit in P (prev_day before P or none),
 * repeats if that visit has two sales or a next visit within P, is retained if that visit's
 * previous visit falls in the preceding period, and is at risk if their last visit as of a
 * date (next_day after it or none) lies in the risk window. Kept by triggers whenever a visit
 * appears or goes (sales, refund-only days gaining a sale, sales moved by a member merge).
 */
export const REBUILD_VISIT_LINKS_SQL = `
  WITH v AS (
    SELECT day, member_id, lag(day) OVER w AS p, lead(day) OVER w AS n
    FROM member_daily WHERE sales > 0 WINDOW w AS (PARTITION BY member_id ORDER BY day))
  UPDATE member_daily SET prev_day = v.p, next_day = v.n FROM v
  WHERE member_daily.day = v.day AND member_daily.member_id = v.member_id
    AND (member_daily.prev_day IS NOT v.p OR member_daily.next_day IS NOT v.n);
  UPDATE member_daily SET prev_day = NULL, next_day = NULL WHERE sales = 0 AND (prev_day IS NOT NULL OR next_day IS NOT NULL);
`;

const LINK_IN = (row: 'NEW') => `
  UPDATE member_daily SET
    prev_day = (SELECT max(day) FROM member_daily WHERE member_id = ${row}.member_id AND day < ${row}.day AND sales > 0),
    next_day = (SELECT min(day) FROM member_daily WHERE member_id = ${row}.member_id AND day > ${row}.day AND sales > 0)
    WHERE day = ${row}.day AND member_id = ${row}.member_id;
  UPDATE member_daily SET next_day = ${row}.day WHERE member_id = ${row}.member_id
    AND day = (SELECT max(day) FROM member_daily WHERE member_id = ${row}.member_id AND day < ${row}.day AND sales > 0);
  UPDATE member_daily SET prev_day = ${row}.day WHERE member_id = ${row}.member_id
    AND day = (SELECT min(day) FROM member_daily WHERE member_id = ${row}.member_id AND day > ${row}.day AND sales > 0);`;

const LINK_OUT = `
  UPDATE member_daily SET next_day = OLD.next_day WHERE member_id = OLD.member_id AND day = OLD.prev_day;
  UPDATE member_daily SET prev_day = OLD.prev_day WHERE member_id = OLD.member_id AND day = OLD.next_day;`;

export const m009VisitLinks: Migration = {
  version: 9,
  name: 'visit-links',
  up(db: Database) {
    db.exec(`
      ALTER TABLE member_daily ADD COLUMN prev_day TEXT;   -- the member's previous visit day (NULL: first visit, or no sale that day)
      ALTER TABLE member_daily ADD COLUMN next_day TEXT;   -- the member's next visit day (NULL: latest visit so far)

      CREATE TRIGGER visit_link_new AFTER INSERT ON member_daily WHEN NEW.sales > 0 BEGIN ${LINK_IN('NEW')} END;
      CREATE TRIGGER visit_link_became AFTER UPDATE OF sales ON member_daily WHEN OLD.sales = 0 AND NEW.sales > 0 BEGIN ${LINK_IN('NEW')} END;
      CREATE TRIGGER visit_link_ended AFTER UPDATE OF sales ON member_daily WHEN OLD.sales > 0 AND NEW.sales = 0 BEGIN
        UPDATE member_daily SET prev_day = NULL, next_day = NULL WHERE day = NEW.day AND member_id = NEW.member_id;
        ${LINK_OUT}
      END;
      CREATE TRIGGER visit_link_gone AFTER DELETE ON member_daily WHEN OLD.sales > 0 BEGIN ${LINK_OUT} END;
    `);
    db.exec(REBUILD_VISIT_LINKS_SQL);
  },
};
