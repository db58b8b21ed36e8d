import type { ServerMigration } from './types.js';
import { CHAIN_SCOPE } from './005-chain-stats.js';

/**
 * Head-office day counts (issue 15): the whole chain's 30-day dashboard read 90 days of the
 * chain's member-days (one row per member per day) to count active, repeat and retained
 * members. These tables make those counts — and lapsed / at-risk / new customers — range sums
 * over a few rows per day, kept from the member-days and spans of migration 005 by
 * statement-level triggers (one grouped delta per statement, from its transition tables), so
 * ingest (server/stats/keep.ts), the rebuild (REBUILD_HQ_SQL, which truncates and refills
 * those tables) and this migration's backfill all keep them without code of their own.
 *
 * - hq_visit_gaps: per scope, day and (back, fwd) cell, how many visits (member-days with
 *   sales > 0) have that cell. back = days since the member's previous visit in the scope,
 *   capped at BACK_CAP (and BACK_CAP for a first visit); fwd = 0 when the visit had two or
 *   more sales, else days to the next visit capped at FWD_CAP (FWD_CAP for none yet). For a
 *   period [f, t] of at most FWD_CAP days, with the period before it starting at f' (t − f' <
 *   BACK_CAP), a visit on day d is the member's first in the period iff back > d − f, was
 *   retained iff also back ≤ d − f', and repeats iff also fwd ≤ t − d: the till's ACTIVE_SQL
 *   as sums over at most a few hundred cells a day (server/stats/active-days.ts).
 * - hq_span_days: per scope and day, how many members' first and last visit in the scope
 *   are that day (hq_member_span by day): lapsed, at-risk and new customers as range sums.
 *
 * - hq_rfm_members / hq_rfm_window: per scope and member, their last visit, completed sales and
 *   net spend over the 365 days ending `as_of` (the latest business day pushed): RFM "as of
 *   today" is then the two quintile sorts over this, not a grouping of a year of member-days.
 *   The same trigger adds what each statement changes inside the window; keep.ts first rolls
 *   the window forward (hq_rfm_roll: the days leaving it subtracted, those entering added) to
 *   the push's latest day. A rebuild (table truncated, then one insert) starts it afresh.
 *
 * Cells a later push empties stay, at 0 (as hq_cohorts'): the sums do not care.
 */
export const BACK_CAP = 62;
export const FWD_CAP = 31;

/** RFM's window: 365 days ending as_of (shared/stats/rfm-segments.ts rfmWindow). */
export const RFM_DAYS = 365;
const windowFrom = (asOf: string) => `to_char(${asOf}::date - ${RFM_DAYS - 1}, 'YYYY-MM-DD')`;

/** Adds (sign 1) or subtracts (-1) a set of member-day rows (SQL `rows`, alias r) to the RFM sums. */
const rfmAdd = (rows: string, sign: string) => `
  INSERT INTO hq_rfm_members (scope, member, last_day, freq, spend)
  SELECT r.scope, r.member, max(CASE WHEN r.sales > 0 AND ${sign} > 0 THEN r.day END), ${sign} * sum(r.sales), ${sign} * sum(r.revenue_fen) FROM ${rows} GROUP BY 1, 2
  ON CONFLICT (scope, member) DO UPDATE SET last_day = greatest(hq_rfm_members.last_day, excluded.last_day),
    freq = hq_rfm_members.freq + excluded.freq, spend = hq_rfm_members.spend + excluded.spend`;

const cell = (t: string) => `${t}.scope, ${t}.day,
  CASE WHEN ${t}.prev_day IS NULL THEN ${BACK_CAP} ELSE least(${BACK_CAP}, ${t}.day::date - ${t}.prev_day::date) END AS back,
  CASE WHEN ${t}.sales >= 2 THEN 0 WHEN ${t}.next_day IS NULL THEN ${FWD_CAP} ELSE least(${FWD_CAP}, ${t}.next_day::date - ${t}.day::date) END AS fwd`;

export const m006ChainDayCounts: ServerMigration = {
  version: 6,
  name: 'chain-day-counts',
  async up(c) {
    await c.query(`
      CREATE TABLE hq_visit_gaps (
        scope uuid NOT NULL, day text NOT NULL, back smallint NOT NULL, fwd smallint NOT NULL, n integer NOT NULL,
        PRIMARY KEY (scope, day, back, fwd) INCLUDE (n)
      );
      CREATE TABLE hq_span_days (
        scope uuid NOT NULL, day text NOT NULL, firsts integer NOT NULL, lasts integer NOT NULL,
        PRIMARY KEY (scope, day) INCLUDE (firsts, lasts)
      );
      CREATE TABLE hq_rfm_window (one boolean PRIMARY KEY DEFAULT true CHECK (one), as_of text NOT NULL);
      CREATE TABLE hq_rfm_members (
        scope uuid NOT NULL, member uuid NOT NULL,
        last_day text,                    -- their latest visit in the window (NULL: none there, only refunds)
        freq integer NOT NULL,            -- completed sales in the window
        spend bigint NOT NULL,            -- net spend in the window
        PRIMARY KEY (scope, member) INCLUDE (last_day, freq, spend)
      );

      CREATE FUNCTION hq_visit_gaps_keep() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE w text; f text;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO hq_visit_gaps (scope, day, back, fwd, n)
          SELECT scope, day, back, fwd, count(*) FROM (SELECT ${cell('r')} FROM new_rows r WHERE r.sales > 0) x GROUP BY 1, 2, 3, 4
          ON CONFLICT (scope, day, back, fwd) DO UPDATE SET n = hq_visit_gaps.n + excluded.n;
        ELSE
          INSERT INTO hq_visit_gaps (scope, day, back, fwd, n)
          SELECT scope, day, back, fwd, sum(k) FROM (
            SELECT ${cell('r')}, 1 AS k FROM new_rows r WHERE r.sales > 0
            UNION ALL SELECT ${cell('o')}, -1 FROM old_rows o WHERE o.sales > 0) x
          GROUP BY 1, 2, 3, 4 HAVING sum(k) <> 0
          ON CONFLICT (scope, day, back, fwd) DO UPDATE SET n = hq_visit_gaps.n + excluded.n;
        END IF;
        -- RFM: the statement's changes inside the window (a rebuild's one insert sets the window).
        SELECT as_of INTO w FROM hq_rfm_window;
        IF w IS NULL THEN
          SELECT max(day) INTO w FROM new_rows;
          IF w IS NULL THEN RETURN NULL; END IF;
          INSERT INTO hq_rfm_window (as_of) VALUES (w);
        END IF;
        f := ${windowFrom('w')};
        IF TG_OP = 'INSERT' THEN
          ${rfmAdd('new_rows r WHERE r.day BETWEEN f AND w', '1')};
        ELSE
          ${rfmAdd('new_rows r WHERE r.day BETWEEN f AND w', '1')};
          ${rfmAdd('old_rows r WHERE r.day BETWEEN f AND w', '-1')};
          UPDATE hq_rfm_members m SET last_day = NULL FROM new_rows r WHERE m.scope = r.scope AND m.member = r.member AND m.freq = 0 AND m.last_day IS NOT NULL;
        END IF;
        RETURN NULL;
      END $$;
      -- The window moved forward to a new latest day: the days leaving it out, those entering in.
      CREATE FUNCTION hq_rfm_roll(latest text) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE w text; f text; nf text; sc uuid[];
      BEGIN
        SELECT as_of INTO w FROM hq_rfm_window;
        IF w IS NULL THEN
          INSERT INTO hq_rfm_window (as_of) VALUES (latest);
          nf := ${windowFrom('latest')};
          ${rfmAdd('hq_member_days r WHERE r.day BETWEEN nf AND latest', '1')};
          RETURN;
        END IF;
        IF latest <= w THEN RETURN; END IF;
        f := ${windowFrom('w')};
        nf := ${windowFrom('latest')};
        -- Every scope (the branches and the chain) named, so each reads its own range of the (scope, day, member) index.
        sc := ARRAY(SELECT branch_id FROM branches) || '${CHAIN_SCOPE}'::uuid;
        ${rfmAdd('hq_member_days r WHERE r.scope = ANY(sc) AND r.day >= f AND r.day < nf', '-1')};
        ${rfmAdd('hq_member_days r WHERE r.scope = ANY(sc) AND r.day > w AND r.day <= latest AND r.day >= nf', '1')};
        -- A member with no visit left in the window has no last visit in it.
        UPDATE hq_rfm_members m SET last_day = NULL FROM hq_member_days r
        WHERE r.scope = ANY(sc) AND r.day >= f AND r.day < nf AND m.scope = r.scope AND m.member = r.member AND m.freq = 0 AND m.last_day IS NOT NULL;
        UPDATE hq_rfm_window SET as_of = latest;
      END $$;
      CREATE FUNCTION hq_span_days_keep() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO hq_span_days (scope, day, firsts, lasts)
          SELECT scope, day, sum(f), sum(l) FROM (
            SELECT scope, first_day AS day, 1 AS f, 0 AS l FROM new_rows UNION ALL SELECT scope, last_day, 0, 1 FROM new_rows) x
          GROUP BY 1, 2
          ON CONFLICT (scope, day) DO UPDATE SET firsts = hq_span_days.firsts + excluded.firsts, lasts = hq_span_days.lasts + excluded.lasts;
        ELSE
          INSERT INTO hq_span_days (scope, day, firsts, lasts)
          SELECT scope, day, sum(f), sum(l) FROM (
            SELECT scope, first_day AS day, 1 AS f, 0 AS l FROM new_rows UNION ALL SELECT scope, last_day, 0, 1 FROM new_rows
            UNION ALL SELECT scope, first_day, -1, 0 FROM old_rows UNION ALL SELECT scope, last_day, 0, -1 FROM old_rows) x
          GROUP BY 1, 2 HAVING sum(f) <> 0 OR sum(l) <> 0
          ON CONFLICT (scope, day) DO UPDATE SET firsts = hq_span_days.firsts + excluded.firsts, lasts = hq_span_days.lasts + excluded.lasts;
        END IF;
        RETURN NULL;
      END $$;
      -- The rebuild truncates the member-days and spans before refilling them: these follow.
      CREATE FUNCTION hq_day_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'hq_member_days' THEN TRUNCATE hq_visit_gaps, hq_rfm_members, hq_rfm_window; ELSE TRUNCATE hq_span_days; END IF;
        RETURN NULL;
      END $$;

      INSERT INTO hq_visit_gaps (scope, day, back, fwd, n)
      SELECT scope, day, back, fwd, count(*) FROM (SELECT ${cell('d')} FROM hq_member_days d WHERE d.sales > 0) x GROUP BY 1, 2, 3, 4;
      INSERT INTO hq_span_days (scope, day, firsts, lasts)
      SELECT scope, day, sum(f), sum(l) FROM (
        SELECT scope, first_day AS day, 1 AS f, 0 AS l FROM hq_member_span UNION ALL SELECT scope, last_day, 0, 1 FROM hq_member_span) x
      GROUP BY 1, 2;
      SELECT hq_rfm_roll(max(day)) FROM hq_member_days HAVING max(day) IS NOT NULL;

      -- Transition tables allow one event per trigger: insert and update each have their own.
      CREATE TRIGGER hq_visit_gaps_ins AFTER INSERT ON hq_member_days REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION hq_visit_gaps_keep();
      CREATE TRIGGER hq_visit_gaps_upd AFTER UPDATE ON hq_member_days REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION hq_visit_gaps_keep();
      CREATE TRIGGER hq_visit_gaps_trunc AFTER TRUNCATE ON hq_member_days FOR EACH STATEMENT EXECUTE FUNCTION hq_day_counts_truncate();
      CREATE TRIGGER hq_span_days_ins AFTER INSERT ON hq_member_span REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION hq_span_days_keep();
      CREATE TRIGGER hq_span_days_upd AFTER UPDATE ON hq_member_span REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION hq_span_days_keep();
      CREATE TRIGGER hq_span_days_trunc AFTER TRUNCATE ON hq_member_span FOR EACH STATEMENT EXECUTE FUNCTION hq_day_counts_truncate();
    `);
  },
};

/** The tables this migration keeps (for tests comparing what ingest kept with a rebuild). */
export const HQ_DAY_COUNT_TABLES = ['hq_visit_gaps', 'hq_span_days', 'hq_rfm_members', 'hq_rfm_window'] as const;
