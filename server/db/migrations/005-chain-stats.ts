import type { ServerMigration } from './types.js';

/**
 * Head-office figures (issue 15): summaries of the pushed facts, kept by server/stats/keep.ts in
 * the push's transaction, so the chain's dashboard reads days and member-days, never every sale.
 *
 * Every summary has a `scope`: a branch's id, or CHAIN_SCOPE (the all-zero uuid) for the whole
 * chain — and for hq_days also a till's id (the per-till lines). The chain's member-days are
 * their own rows (not a sum of the branches'), so a member who shops in three branches on one
 * day is one chain member-day, and every distinct-member figure (active, repeat, retention,
 * lapse, cohorts, RFM) is over sets of members.
 *
 * - hq_days: per scope and business date, completed sales, refunds, revenue net of refunds, and
 *   the members' part (the till's sales_daily).
 * - hq_member_days: per scope, date and member, completed sales and net spend (member_daily);
 *   a "visit" is a row with sales > 0, linked to the member's previous and next visit in the
 *   scope (the till's migration 009), so active, repeat, retained, lapsed and at-risk members
 *   are range counts of one period's member-days (a member's first visit in it stands for
 *   them), not a grouping of members.
 * - hq_visits_days: per scope and date, the visits and how many of them bought twice (the
 *   till's visits_daily): the daily chart's active and repeat members.
 * - hq_member_span: per scope and member, the first and last visit (member_stats' dates);
 *   hq_scope_customers: how many members each scope has seen.
 * - hq_member_months / hq_cohorts: the months a member visited in a scope, and per enrolment
 *   month and calendar month the members of that cohort who visited (cohort_monthly). A
 *   branch's cohorts are the members enrolled at that branch, seen at that branch.
 * - hq_members: each member's enrolment (branch, time) and status, last writer wins by hlc as
 *   on the tills.
 * - hq_points_days: per scope, date and ledger reason, the points entries' sum (points_daily);
 *   a branch's are the entries its tills made.
 * - hq_complaints: each complaint's branch, logging and resolution times (last writer wins).
 * - hq_feedback_days: per scope and date, NPS answers, promoters (9–10) and detractors (0–6).
 *
 * - hq_owner / hq_sessions: the owner's head-office password (scrypt, set with `server
 *   owner-password`) with the tills' PIN lockout counts, and the browser sessions it opened
 *   (only a SHA-256 of each session token is kept).
 *
 * Known gap: a member merge on a till moves that member's sales (sales.member_id updates);
 * these summaries keep a sale under the member it was made for.
 */
export const CHAIN_SCOPE = '00000000-0000-0000-0000-000000000000';

/** Every summary table, in the order the rebuild writes them. */
export const HQ_TABLES = ['hq_members', 'hq_days', 'hq_member_days', 'hq_visits_days', 'hq_member_span', 'hq_scope_customers', 'hq_member_months', 'hq_cohorts', 'hq_points_days', 'hq_complaints', 'hq_feedback_days'] as const;

/**
 * The summaries from scratch, from facts: the migration's backfill, the bench's bulk path, and
 * the tests' check of what ingest kept. Each field's value is the one of its latest writer by
 * hlc (an insert carries every field, an update only those it changed).
 */
export const REBUILD_HQ_SQL = `
  -- Big groupings: room to hash and sort in memory, for this transaction only.
  SET LOCAL work_mem = '256MB';
  TRUNCATE ${HQ_TABLES.join(', ')};

  INSERT INTO hq_members (member, branch_id, enrolled_at, status, enrolled_hlc, status_hlc)
  SELECT i.row_gid, i.branch_id, e.v, s.v, e.hlc, s.hlc
  FROM facts i
  JOIN LATERAL (SELECT f.row->>'enrolled_at' AS v, f.hlc FROM facts f WHERE f.row_gid = i.row_gid AND f.tbl = 'members' AND f.row->>'enrolled_at' IS NOT NULL
                ORDER BY f.hlc DESC LIMIT 1) e ON true
  JOIN LATERAL (SELECT f.row->>'status' AS v, f.hlc FROM facts f WHERE f.row_gid = i.row_gid AND f.tbl = 'members' AND f.row->>'status' IS NOT NULL
                ORDER BY f.hlc DESC LIMIT 1) s ON true
  WHERE i.tbl = 'members' AND i.op = 'insert';

  CREATE TEMP TABLE hq_sales ON COMMIT DROP AS
    SELECT branch_id, till_id, row->>'business_date' AS day, row->>'kind' = 'sale' AS is_sale, (row->>'total_fen')::bigint AS total,
           (row->>'member_id')::uuid AS member
    FROM facts WHERE tbl = 'sales' AND op = 'insert' AND row->>'business_date' IS NOT NULL;

  INSERT INTO hq_days (scope, day, sales, refunds, revenue_fen, member_sales, member_revenue_fen)
  SELECT coalesce(till_id, branch_id, '${CHAIN_SCOPE}'), day, count(*) FILTER (WHERE is_sale), count(*) FILTER (WHERE NOT is_sale), sum(total),
         count(*) FILTER (WHERE is_sale AND member IS NOT NULL), coalesce(sum(total) FILTER (WHERE member IS NOT NULL), 0)
  FROM hq_sales GROUP BY GROUPING SETS ((till_id, day), (branch_id, day), (day));

  INSERT INTO hq_member_days (scope, day, member, sales, revenue_fen, prev_day, next_day)
  SELECT scope, day, member, sales, revenue,
         CASE WHEN sales > 0 THEN lag(day) OVER w END, CASE WHEN sales > 0 THEN lead(day) OVER w END
  FROM (SELECT coalesce(branch_id, '${CHAIN_SCOPE}') AS scope, day, member, count(*) FILTER (WHERE is_sale) AS sales, sum(total) AS revenue
        FROM hq_sales WHERE member IS NOT NULL GROUP BY GROUPING SETS ((branch_id, day, member), (day, member))) g
  WINDOW w AS (PARTITION BY scope, member, sales > 0 ORDER BY day);

  INSERT INTO hq_visits_days (scope, day, visits, repeat_visits)
  SELECT scope, day, count(*), count(*) FILTER (WHERE sales >= 2) FROM hq_member_days WHERE sales > 0 GROUP BY scope, day;

  INSERT INTO hq_member_span (scope, member, first_day, last_day)
  SELECT scope, member, min(day), max(day) FROM hq_member_days WHERE sales > 0 GROUP BY scope, member;

  INSERT INTO hq_scope_customers (scope, customers) SELECT scope, count(*) FROM hq_member_span GROUP BY scope;

  INSERT INTO hq_member_months (scope, member, month)
  SELECT DISTINCT scope, member, substr(day, 1, 7) FROM hq_member_days WHERE sales > 0;

  INSERT INTO hq_cohorts (scope, cohort, month, members)
  SELECT mm.scope, substr(m.enrolled_at, 1, 7), mm.month, count(*)
  FROM hq_member_months mm JOIN hq_members m ON m.member = mm.member
  WHERE mm.scope = '${CHAIN_SCOPE}' OR m.branch_id = mm.scope
  GROUP BY 1, 2, 3;

  INSERT INTO hq_points_days (scope, day, reason, points)
  SELECT coalesce(branch_id, '${CHAIN_SCOPE}'), substr(row->>'at', 1, 10), row->>'reason', sum((row->>'delta')::bigint)
  FROM facts WHERE tbl = 'points_ledger' AND op = 'insert' AND row->>'at' IS NOT NULL
  GROUP BY GROUPING SETS ((branch_id, substr(row->>'at', 1, 10), row->>'reason'), (substr(row->>'at', 1, 10), row->>'reason'));

  INSERT INTO hq_complaints (complaint, branch_id, logged_at, resolved_at, resolved_hlc)
  SELECT i.row_gid, i.branch_id, i.row->>'logged_at', r.v, r.hlc
  FROM facts i
  LEFT JOIN LATERAL (SELECT f.row->>'resolved_at' AS v, f.hlc FROM facts f WHERE f.row_gid = i.row_gid AND f.tbl = 'complaints' AND f.row ? 'resolved_at'
                     ORDER BY f.hlc DESC LIMIT 1) r ON true
  WHERE i.tbl = 'complaints' AND i.op = 'insert' AND i.row->>'logged_at' IS NOT NULL;

  INSERT INTO hq_feedback_days (scope, day, responses, promoters, detractors)
  SELECT coalesce(branch_id, '${CHAIN_SCOPE}'), substr(row->>'answered_at', 1, 10), count(*),
         count(*) FILTER (WHERE (row->>'score')::int >= 9), count(*) FILTER (WHERE (row->>'score')::int <= 6)
  FROM facts WHERE tbl = 'feedback' AND op = 'insert' AND row->>'answered_at' IS NOT NULL
  GROUP BY GROUPING SETS ((branch_id, substr(row->>'answered_at', 1, 10)), (substr(row->>'answered_at', 1, 10)));
`;

export const m005ChainStats: ServerMigration = {
  version: 5,
  name: 'chain-stats',
  async up(c) {
    await c.query(`
      CREATE TABLE hq_members (
        member uuid PRIMARY KEY,
        branch_id uuid NOT NULL,          -- where the member was enrolled (the till that pushed the insert)
        enrolled_at text NOT NULL,        -- shop-local YYYY-MM-DDTHH:mm:ss
        status text NOT NULL,
        enrolled_hlc text NOT NULL,
        status_hlc text NOT NULL
      );
      CREATE INDEX hq_members_enrolled ON hq_members (enrolled_at);
      CREATE INDEX hq_members_branch_enrolled ON hq_members (branch_id, enrolled_at);

      CREATE TABLE hq_days (
        scope uuid NOT NULL, day text NOT NULL,
        sales integer NOT NULL DEFAULT 0, refunds integer NOT NULL DEFAULT 0, revenue_fen bigint NOT NULL DEFAULT 0,
        member_sales integer NOT NULL DEFAULT 0, member_revenue_fen bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (scope, day)
      );
      CREATE TABLE hq_member_days (
        scope uuid NOT NULL, day text NOT NULL, member uuid NOT NULL,
        sales integer NOT NULL, revenue_fen bigint NOT NULL,
        prev_day text,                    -- the member's previous visit in the scope (NULL: first, or not a visit)
        next_day text,                    -- their next visit (NULL: the latest so far)
        -- A period's counts read the index alone (no row fetches once the pages are vacuumed).
        PRIMARY KEY (scope, day, member) INCLUDE (sales, revenue_fen, prev_day, next_day)
      );
      -- A member's visits in a scope, for relinking them when a push adds one.
      CREATE INDEX hq_member_days_member ON hq_member_days (scope, member, day);
      CREATE TABLE hq_visits_days (
        scope uuid NOT NULL, day text NOT NULL,
        visits integer NOT NULL,          -- members with a completed sale that day
        repeat_visits integer NOT NULL,   -- of them, members with two or more
        PRIMARY KEY (scope, day)
      );
      CREATE TABLE hq_member_span (
        scope uuid NOT NULL, member uuid NOT NULL, first_day text NOT NULL, last_day text NOT NULL,
        PRIMARY KEY (scope, member)
      );
      CREATE INDEX hq_member_span_first ON hq_member_span (scope, first_day);
      -- How many members ever visited each scope: lapsed = these minus those seen after the edge.
      CREATE TABLE hq_scope_customers (scope uuid PRIMARY KEY, customers bigint NOT NULL);
      CREATE INDEX hq_member_span_last ON hq_member_span (scope, last_day);
      CREATE TABLE hq_member_months (
        scope uuid NOT NULL, member uuid NOT NULL, month text NOT NULL,
        PRIMARY KEY (scope, member, month)
      );
      CREATE TABLE hq_cohorts (
        scope uuid NOT NULL, cohort text NOT NULL, month text NOT NULL, members integer NOT NULL,
        PRIMARY KEY (scope, cohort, month)
      );
      CREATE TABLE hq_points_days (
        scope uuid NOT NULL, day text NOT NULL, reason text NOT NULL, points bigint NOT NULL,
        PRIMARY KEY (scope, day, reason)
      );
      CREATE TABLE hq_complaints (
        complaint uuid PRIMARY KEY,
        branch_id uuid NOT NULL,
        logged_at text NOT NULL,
        resolved_at text,
        resolved_hlc text
      );
      CREATE INDEX hq_complaints_logged ON hq_complaints (logged_at);
      CREATE INDEX hq_complaints_branch_logged ON hq_complaints (branch_id, logged_at);
      CREATE TABLE hq_feedback_days (
        scope uuid NOT NULL, day text NOT NULL,
        responses integer NOT NULL, promoters integer NOT NULL, detractors integer NOT NULL,
        PRIMARY KEY (scope, day)
      );

      CREATE TABLE hq_owner (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        password_hash text NOT NULL,
        failed_attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        lockouts integer NOT NULL DEFAULT 0
      );
      CREATE TABLE hq_sessions (
        token_sha256 bytea PRIMARY KEY CHECK (length(token_sha256) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
    `);
    await c.query(REBUILD_HQ_SQL);
  },
};
