import type { Db } from '../db/pool.js';
import type { Cohort } from '../../shared/contract/stats.js';
import { addDays } from '../../shared/dates.js';
import { addMonthsToMonth, firstOfMonth, monthOf, monthsBetween, type Period } from '../../shared/stats/periods.js';
import { rfmReport, rfmWindow } from '../../shared/stats/rfm-segments.js';
import { CHAIN_SCOPE } from '../db/migrations/005-chain-stats.js';
import { grouped } from './grouped.js';
import { rfmLatestCells } from './rfm-latest.js';

const n = (v: unknown) => Number(v ?? 0);
const inScope = (col: string) => `($1::uuid = '${CHAIN_SCOPE}' OR ${col} = $1::uuid)`;

/**
 * Cohort retention, the till's definition (electron/core/stats/cohorts.ts): cohort = enrolment
 * month, cell (cohort, k) = share of the cohort with a visit in month cohort + k, on or before
 * `to`. Whole months from hq_cohorts, `to`'s own month from its member-days. For a branch the
 * cohort is the members enrolled there and the visits are that branch's.
 */
export async function cohorts(db: Db, scope: string, p: Period): Promise<Cohort[]> {
  const first = monthOf(p.from);
  const last = monthOf(p.to);
  const toNext = addDays(p.to, 1);
  const [sizes, full, lastMonth] = await Promise.all([
    db.query<{ cohort: string; n: string }>(
      `SELECT substr(enrolled_at, 1, 7) AS cohort, count(*) AS n FROM hq_members
       WHERE enrolled_at >= $2 AND enrolled_at < $3 AND status <> 'merged' AND ${inScope('branch_id')} GROUP BY 1`, [scope, firstOfMonth(first), toNext]),
    db.query<{ cohort: string; month: string; members: number }>(
      'SELECT cohort, month, members FROM hq_cohorts WHERE scope = $1 AND cohort BETWEEN $2 AND $3 AND month >= cohort AND month < $3', [scope, first, last]),
    db.query<{ cohort: string; n: string }>(
      `SELECT substr(m.enrolled_at, 1, 7) AS cohort, count(*) AS n
       FROM (SELECT DISTINCT member FROM hq_member_days WHERE scope = $1 AND day BETWEEN $2 AND $3 AND sales > 0) a
       JOIN hq_members m ON m.member = a.member
       WHERE m.enrolled_at >= $4 AND m.enrolled_at < $5 AND ${inScope('m.branch_id')} GROUP BY 1`,
      [scope, firstOfMonth(last), p.to, firstOfMonth(first), toNext]),
  ]);
  const size = new Map(sizes.rows.map((r) => [r.cohort, n(r.n)]));
  const cells = new Map<string, number>();
  for (const r of full.rows) cells.set(`${r.cohort}|${r.month}`, n(r.members));
  for (const r of lastMonth.rows) cells.set(`${r.cohort}|${last}`, n(r.n));
  const out: Cohort[] = [];
  for (let c = first; c <= last; c = addMonthsToMonth(c, 1)) {
    const count = size.get(c) ?? 0;
    if (count === 0) continue;
    const retention: number[] = [];
    for (let k = 0; k <= monthsBetween(c, last); k++) retention.push((cells.get(`${c}|${addMonthsToMonth(c, k)}`) ?? 0) / count);
    out.push({ cohort: c, size: count, retention });
  }
  return out;
}

/**
 * RFM over the 365 days ending `asOf`, the till's definition (electron/core/stats/rfm.ts):
 * quintiles of recency, frequency and spend over the scope's members with a sale in the window,
 * ties broken by member id (here the member's gid), segments named from R and F.
 */
export async function rfm(db: Db, scope: string, asOf: string) {
  const w = rfmWindow(asOf);
  // As of the latest day pushed (the report's default): the members' rolling sums (migration
  // 006), cut into quintiles without a sort (rfm-latest.ts), in one snapshot with the window's
  // day (an ingest may roll it forward meanwhile). Another day: its member-days.
  const latestCells = await db.tx(async (c) => {
    const day = (await c.query<{ as_of: string }>('SELECT as_of FROM hq_rfm_window')).rows[0]?.as_of;
    return day === asOf ? rfmLatestCells(c, scope) : null;
  }, { isolation: 'repeatable read', readOnly: true });
  const rows = latestCells ?? (await grouped<{ r: number; f: number; members: string; revenue: string }>(db,
      `WITH base AS (
         SELECT member, max(CASE WHEN sales > 0 THEN day END) AS last, sum(sales) AS freq, sum(revenue_fen) AS spend
         FROM hq_member_days WHERE scope = $1 AND day BETWEEN $2 AND $3 GROUP BY member HAVING sum(sales) > 0),
       scored AS (
         SELECT spend, ntile(5) OVER (ORDER BY last, member) AS r, ntile(5) OVER (ORDER BY freq, member) AS f FROM base)
       SELECT r, f, count(*) AS members, sum(spend) AS revenue FROM scored GROUP BY r, f ORDER BY r, f`,
      [scope, w.from, w.to])).rows;
  return rfmReport(w, rows.map((c) => ({ r: n(c.r), f: n(c.f), members: n(c.members), revenueFen: n(c.revenue) })));
}
