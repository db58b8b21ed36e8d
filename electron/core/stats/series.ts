import type { Database } from '../db/open.js';
import type { SeriesPoint } from '../../../shared/contract/stats.js';
import { addDays } from '../lib/dates.js';
import { bucketFor, bucketSql, bucketStart, bucketsOf, type Bucket, type Period } from './periods.js';
import { pointsFlow } from './points-flow.js';
import { ACTIVE_SQL } from './headline.js';

/**
 * Figures over time for the charts, one point per day, week or month (by the period's
 * length), each read by one grouped query over a summary or an indexed range.
 */
export function createSeries(db: Database) {
  // Active and repeat members of one bucket: range counts of first visits (migration 009), one
  // indexed range per bucket — cheaper than computing a bucket key for every member-day.
  const active = db.prepare<Period & { prevFrom: string }, { active: number; repeaters: number }>(ACTIVE_SQL);
  // A one-day bucket's active and repeat members are that day's visits (migration 011): a
  // member's first visit in a single day is their only one, so no range read is needed.
  const visits = db.prepare<Period, { k: string; active: number; repeaters: number }>(
    'SELECT day AS k, visits AS active, repeat_visits AS repeaters FROM visits_daily WHERE day BETWEEN @from AND @to');
  // A whole week or month is one row of its summary (migration 025); only the period's clamped
  // first and last buckets are still range reads.
  const wholeBuckets = {
    week: db.prepare<Period, { k: string; active: number; repeaters: number }>(
      'SELECT week AS k, active, repeaters FROM visits_weekly WHERE week BETWEEN @from AND @to'),
    month: db.prepare<Period, { k: string; active: number; repeaters: number }>(
      'SELECT month AS k, active, repeaters FROM visits_monthly WHERE month BETWEEN @from AND @to'),
  };
  const cache = new Map<Bucket, ReturnType<typeof statements>>();
  function statements(b: Bucket) {
    return {
      sales: db.prepare<Period, { k: string; sales: number; revenue: number }>(
        `SELECT ${bucketSql('day', b)} AS k, sum(sales) AS sales, sum(revenue_fen) AS revenue FROM sales_daily WHERE day BETWEEN @from AND @to GROUP BY k`),
      // Row tables (one row per member, complaint, answer) are grouped by day and folded into
      // weeks or months here: a year of them is a few hundred days, where a date() per row in
      // SQL cost 13 ms for the first visits alone on the 200,000-member shop.
      firstVisits: db.prepare<Period, { k: string; n: number }>(
        'SELECT first_sale_on AS k, count(*) AS n FROM member_stats WHERE first_sale_on BETWEEN @from AND @to GROUP BY k'),
      complaints: db.prepare<{ from: string; toNext: string }, { k: string; n: number }>(
        'SELECT substr(logged_at, 1, 10) AS k, count(*) AS n FROM complaints WHERE logged_at >= @from AND logged_at < @toNext GROUP BY k'),
      nps: db.prepare<{ from: string; toNext: string }, { k: string; n: number; promoters: number; detractors: number }>(
        `SELECT substr(answered_at, 1, 10) AS k, count(*) AS n, sum(score >= 9) AS promoters, sum(score <= 6) AS detractors
         FROM feedback WHERE answered_at >= @from AND answered_at < @toNext GROUP BY k`),
      points: db.prepare<Period, { k: string; reason: string; points: number }>(
        `SELECT ${bucketSql('day', b)} AS k, reason, sum(points) AS points FROM points_daily WHERE day BETWEEN @from AND @to GROUP BY k, reason`),
    };
  }

  return {
    compute(p: Period): { bucket: Bucket; points: SeriesPoint[] } {
      const bucket = bucketFor(p);
      if (!cache.has(bucket)) cache.set(bucket, statements(bucket));
      const q = cache.get(bucket)!;
      const range = { from: p.from, toNext: addDays(p.to, 1) };
      const byKey = <T extends { k: string }>(rows: T[]) => new Map(rows.map((r) => [r.k, r]));
      // Day rows summed into their bucket (every field but the key is a count).
      const fold = <T extends { k: string }>(rows: T[]): Map<string, T> => {
        if (bucket === 'day') return byKey(rows);
        const out = new Map<string, T>();
        for (const r of rows) {
          const k = bucketStart(r.k, bucket);
          const acc = out.get(k) as Record<string, unknown> | undefined;
          if (!acc) { out.set(k, { ...r, k }); continue; }
          for (const [f, v] of Object.entries(r)) if (f !== 'k') acc[f] = Number(acc[f]) + Number(v);
        }
        return out;
      };
      const sales = byKey(q.sales.all(p));
      const first = fold(q.firstVisits.all(p));
      const complaints = fold(q.complaints.all(range));
      const nps = fold(q.nps.all(range));
      const daily = byKey(bucket === 'day' ? visits.all(p) : wholeBuckets[bucket].all(p));
      // Whole: the bucket is not clamped by the period (it starts on its first day and the next day starts another).
      const whole = (key: string, start: string, end: string) =>
        bucket === 'day' || (start === key && bucketStart(addDays(end, 1), bucket) === addDays(end, 1));
      const points = new Map<string, Array<{ reason: string; points: number }>>();
      for (const r of q.points.all(p)) points.set(r.k, [...(points.get(r.k) ?? []), r]);
      return {
        bucket,
        points: bucketsOf(p, bucket).map(({ key, start, end }) => {
          const a = whole(key, start, end) ? (daily.get(key) ?? { active: 0, repeaters: 0 }) : active.get({ from: start, to: end, prevFrom: start });
          const newCustomers = first.get(key)?.n ?? 0;
          const flow = pointsFlow(points.get(key) ?? []);
          const n = nps.get(key);
          return {
            start, end,
            revenueFen: sales.get(key)?.revenue ?? 0,
            sales: sales.get(key)?.sales ?? 0,
            newCustomers,
            returningCustomers: Math.max(0, (a?.active ?? 0) - newCustomers),
            activeMembers: a?.active ?? 0,
            repeatMembers: a?.repeaters ?? 0,
            complaints: complaints.get(key)?.n ?? 0,
            npsResponses: n?.n ?? 0,
            npsPromoters: n?.promoters ?? 0,
            npsDetractors: n?.detractors ?? 0,
            pointsEarned: flow.earned,
            pointsRedeemed: flow.redeemed,
            pointsExpired: flow.expired,
          };
        }),
      };
    },
  };
}
