import type { Db } from '../db/pool.js';
import type { SeriesPoint, TillFigures } from '../../shared/contract/stats.js';
import { bucketFor, bucketsOf, divideRounded, type Bucket, type Period } from '../../shared/stats/periods.js';
import { pointsFlow } from '../../shared/stats/points-flow.js';
import { CHAIN_SCOPE } from '../db/migrations/005-chain-stats.js';

const n = (v: unknown) => Number(v ?? 0);

/** The bucket start of a 'YYYY-MM-DD' text column, as the till's bucketSql (weeks from Monday). */
function bucketPg(expr: string, b: Bucket): string {
  if (b === 'day') return expr;
  if (b === 'month') return `substr(${expr}, 1, 7) || '-01'`;
  return `to_char(date_trunc('week', (${expr})::date), 'YYYY-MM-DD')`;
}

/**
 * The dashboard's charts (electron/core/stats/series.ts) for a scope: one point per day, week or
 * month, each figure one grouped read of a summary over the period.
 */
export async function series(db: Db, scope: string, p: Period): Promise<{ bucket: Bucket; points: SeriesPoint[] }> {
  const b = bucketFor(p);
  const k = (col: string) => bucketPg(col, b);
  const args = [scope, p.from, p.to];
  const branch = `($1::uuid = '${CHAIN_SCOPE}' OR branch_id = $1::uuid)`;
  // One statement for the summaries' parts (each a grouped range read of its key, as JSON) and
  // the active members beside it: round trips, not the reads, were most of the charts' time.
  const agg = (sql: string) => `(SELECT coalesce(json_agg(x), '[]') FROM (${sql}) x)`;
  const [parts, active] = await Promise.all([
    db.query<{
      sales: Array<{ k: string; sales: number; revenue: number }>; first: Array<{ k: string; n: number }>; complaints: Array<{ k: string; n: number }>;
      nps: Array<{ k: string; n: number; promoters: number; detractors: number }>; points: Array<{ k: string; reason: string; points: number }>;
    }>(`SELECT
      ${agg(`SELECT ${k('day')} AS k, sum(sales) AS sales, sum(revenue_fen) AS revenue FROM hq_days WHERE scope = $1 AND day BETWEEN $2 AND $3 GROUP BY 1`)} AS sales,
      ${agg(`SELECT ${k('day')} AS k, sum(firsts) AS n FROM hq_span_days WHERE scope = $1 AND day BETWEEN $2 AND $3 GROUP BY 1`)} AS first,
      ${agg(`SELECT ${k('substr(logged_at, 1, 10)')} AS k, count(*) AS n FROM hq_complaints WHERE logged_at >= $2 AND substr(logged_at, 1, 10) <= $3 AND ${branch} GROUP BY 1`)} AS complaints,
      ${agg(`SELECT ${k('day')} AS k, sum(responses) AS n, sum(promoters) AS promoters, sum(detractors) AS detractors FROM hq_feedback_days WHERE scope = $1 AND day BETWEEN $2 AND $3 GROUP BY 1`)} AS nps,
      ${agg(`SELECT ${k('day')} AS k, reason, sum(points) AS points FROM hq_points_days WHERE scope = $1 AND day BETWEEN $2 AND $3 GROUP BY 1, 2`)} AS points`, args),
    activeByBucket(db, b, args),
  ]);
  const { sales, first, complaints, nps, points } = parts.rows[0]!;
  const byKey = <T extends { k: string }>(rows: T[]) => new Map(rows.map((r) => [r.k, r]));
  const s = byKey(sales);
  const a = byKey(active.rows);
  const f = byKey(first);
  const c = byKey(complaints);
  const q = byKey(nps);
  const pts = new Map<string, Array<{ reason: string; points: number }>>();
  for (const r of points) pts.set(r.k, [...(pts.get(r.k) ?? []), { reason: r.reason, points: n(r.points) }]);
  return {
    bucket: b,
    points: bucketsOf(p, b).map(({ key, start, end }) => {
      const activeMembers = n(a.get(key)?.active);
      const newCustomers = n(f.get(key)?.n);
      const flow = pointsFlow(pts.get(key) ?? []);
      return {
        start, end,
        revenueFen: n(s.get(key)?.revenue),
        sales: n(s.get(key)?.sales),
        newCustomers,
        returningCustomers: Math.max(0, activeMembers - newCustomers),
        activeMembers,
        repeatMembers: n(a.get(key)?.repeaters),
        complaints: n(c.get(key)?.n),
        npsResponses: n(q.get(key)?.n),
        npsPromoters: n(q.get(key)?.promoters),
        npsDetractors: n(q.get(key)?.detractors),
        pointsEarned: flow.earned,
        pointsRedeemed: flow.redeemed,
        pointsExpired: flow.expired,
      };
    }),
  };
}

/** The bucket's last day (clamped to the period by the caller's bounds), for a bucket start expression. */
function bucketEndPg(start: string, b: Bucket): string {
  if (b === 'month') return `to_char((${start})::date + interval '1 month' - interval '1 day', 'YYYY-MM-DD')`;
  return `to_char((${start})::date + 6, 'YYYY-MM-DD')`;
}

/**
 * Active and repeat members per bucket: for one-day buckets the day's visits (hq_visits_days);
 * else, as the till does per bucket, the first visits in the bucket (previous visit before the
 * bucket's start, clamped to the period) and of them those with two sales or a next visit by the
 * bucket's end — one range read of the period's member-days, grouped by bucket only.
 */
async function activeByBucket(db: Db, b: Bucket, args: unknown[]) {
  if (b === 'day') {
    return db.query<{ k: string; active: string; repeaters: string }>(
      'SELECT day AS k, visits AS active, repeat_visits AS repeaters FROM hq_visits_days WHERE scope = $1 AND day BETWEEN $2 AND $3', args);
  }
  const start = `greatest(${bucketPg('day', b)}, $2)`;
  const end = `least(${bucketEndPg(bucketPg('day', b), b)}, $3)`;
  return db.query<{ k: string; active: string; repeaters: string }>(
    `SELECT k, count(*) AS active, count(*) FILTER (WHERE sales >= 2 OR next_day <= e) AS repeaters
     FROM (SELECT ${bucketPg('day', b)} AS k, ${start} AS s, ${end} AS e, sales, prev_day, next_day
           FROM hq_member_days WHERE scope = $1 AND day BETWEEN $2 AND $3 AND sales > 0) x
     WHERE prev_day IS NULL OR prev_day < s GROUP BY k`, args);
}

/** Till codes in their natural order: T1, T2 … T10. */
const tillOrder = (a: string, b: string) => (Number(a.slice(1)) || 0) - (Number(b.slice(1)) || 0) || a.localeCompare(b);

/**
 * The period per till of the scope (every till of the branch, or of the chain, with zeros where
 * one sold nothing): a sale is the till's that pushed it — at head office that is the till that
 * rang it up, as on the till a sale is its shift's till. No till answers here: thisTill is false.
 */
export async function tills(db: Db, scope: string, p: Period): Promise<TillFigures[]> {
  const { rows } = await db.query<{ code: string; sales: string | null; refunds: string | null; revenue: string | null }>(
    // Per till a range read of its own days (hq_days' key): a join over the period let the
    // planner scan every scope's days instead (66 ms of the chain's 30-day dashboard at scale 0.1).
    `SELECT t.code, d.sales, d.refunds, d.revenue
     FROM tills t CROSS JOIN LATERAL (
       SELECT sum(sales) AS sales, sum(refunds) AS refunds, sum(revenue_fen) AS revenue FROM hq_days WHERE scope = t.till_id AND day BETWEEN $2 AND $3) d
     WHERE NOT t.member_jobs AND ($1::uuid = '${CHAIN_SCOPE}' OR t.branch_id = $1::uuid)`, [scope, p.from, p.to]);
  return rows.sort((x, y) => tillOrder(x.code, y.code)).map((r) => ({
    till: r.code, thisTill: false, revenueFen: n(r.revenue), sales: n(r.sales), refunds: n(r.refunds),
    averageTicketFen: n(r.sales) ? divideRounded(n(r.revenue), n(r.sales)) : null,
  }));
}
