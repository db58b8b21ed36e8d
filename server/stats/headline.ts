import type { Db } from '../db/pool.js';
import type { Headline } from '../../shared/contract/stats.js';
import { addDays } from '../../shared/dates.js';
import { divideRounded, hoursBetween, median, previousPeriod, type Period } from '../../shared/stats/periods.js';
import { pointsFlow } from '../../shared/stats/points-flow.js';
import type { HeadlineRules } from '../../shared/stats/rules.js';
import { pointsToFen } from '../../shared/pricing.js';
import { CHAIN_SCOPE } from '../db/migrations/005-chain-stats.js';
import { activeFromGaps, type ActivePeriod } from './active-days.js';

export type { ActivePeriod };

/**
 * The till's headline figures (electron/core/stats/headline.ts: the same definitions, the same
 * Headline shape, the same pure helpers) for one scope — the chain or a branch — read from the
 * head-office summaries (migration 005) on PostgreSQL. Distinct-member counts group the scope's
 * member-days of the periods asked, never the sales.
 */

const n = (v: unknown) => Number(v ?? 0);
/** The branch condition on a table with a branch_id column (every row for the chain). */
const inScope = (col: string) => `($1::uuid = '${CHAIN_SCOPE}' OR ${col} = $1::uuid)`;

/**
 * Active, repeat, retained and previous-active counts for consecutive periods of equal length,
 * oldest first, as the till counts them (electron/core/stats/headline.ts, ACTIVE_SQL): each
 * member's first visit in a period (its previous visit before the period, or none) stands for
 * them; they repeat if that visit had two sales or their next visit is in the period too, and
 * were retained if that previous visit falls in the preceding period. One range read of the
 * periods' member-days with a count per period — no grouping of members.
 */
export async function activeCounts(db: Db, scope: string, periods: Period[]): Promise<ActivePeriod[]> {
  // Periods of up to a month (the dashboard's): sums of the day's gap cells (migration 006).
  const fromGaps = await activeFromGaps(db, scope, periods);
  if (fromGaps) return fromGaps;
  // Each period's bounds are parameters $4, $5 …, never text in the SQL; $3 + 2i + 1 = from, + 2 = to.
  const bounds = periods.flatMap((p) => [p.from, p.to]);
  const f = (i: number) => `$${4 + 2 * i}`;
  const t = (i: number) => `$${5 + 2 * i}`;
  const first = (i: number) => `day BETWEEN ${f(i)} AND ${t(i)} AND (prev_day IS NULL OR prev_day < ${f(i)})`;
  const counts = periods.map((_, i) => `count(*) FILTER (WHERE ${first(i)}) AS a${i},
      count(*) FILTER (WHERE ${first(i)} AND (sales >= 2 OR next_day <= ${t(i)})) AS r${i},
      ${i > 0 ? `count(*) FILTER (WHERE ${first(i)} AND prev_day >= ${f(i - 1)})` : '0'} AS k${i}`).join(', ');
  const { rows } = await db.query<Record<string, string>>(
    `SELECT ${counts} FROM hq_member_days WHERE scope = $1 AND day BETWEEN $2 AND $3 AND sales > 0`,
    [scope, periods[0]!.from, periods.at(-1)!.to, ...bounds]);
  const r = rows[0]!;
  return periods.map((_, i) => ({ active: n(r[`a${i}`]), repeaters: n(r[`r${i}`]), retained: n(r[`k${i}`]), prevActive: i > 0 ? n(r[`a${i - 1}`]) : NaN }));
}

/** Lapsed and at-risk members as of `to` (the till's lapse(): last visit more than N days before / more than N/2 and at most N). */
export async function lapse(db: Db, scope: string, to: string, days: number): Promise<{ lapsed: number; atRisk: number }> {
  const recentFrom = addDays(to, -days);
  const edge = addDays(to, -days - 1);
  const riskEdge = addDays(to, -Math.floor(days / 2) - 1);
  const last = (await db.query<{ day: string | null }>('SELECT max(day) AS day FROM hq_days WHERE scope = $1', [scope])).rows[0]?.day ?? null;
  if (last === null || last <= to) {
    // Nothing after `to`: each member's last visit is their span's end. Lapsed = all the scope's
    // customers minus those last seen after the edge, summed by day (hq_span_days, migration 006).
    const { rows } = await db.query<{ lapsed: string; at_risk: string }>(
      `SELECT coalesce((SELECT customers FROM hq_scope_customers WHERE scope = $1), 0)
                - (SELECT coalesce(sum(lasts), 0) FROM hq_span_days WHERE scope = $1 AND day > $2) AS lapsed,
              (SELECT coalesce(sum(lasts), 0) FROM hq_span_days WHERE scope = $1 AND day BETWEEN $3 AND $4) AS at_risk`,
      [scope, edge, recentFrom, riskEdge]);
    return { lapsed: n(rows[0]!.lapsed), atRisk: n(rows[0]!.at_risk) };
  }
  // A past `to`: members first seen by the edge, minus those of them seen again within N days
  // (their first visit in the window has an earlier one); at risk: their last visit as of `to`
  // (no next visit, or one after `to`) falls in the risk window. Range counts, as on the till.
  const { rows } = await db.query<{ lapsed: string; at_risk: string }>(
    `SELECT (SELECT count(*) FROM hq_member_span WHERE scope = $1 AND first_day <= $2)
          - (SELECT count(*) FROM hq_member_days WHERE scope = $1 AND day BETWEEN $3 AND $4 AND sales > 0 AND prev_day < $3) AS lapsed,
            (SELECT count(*) FROM hq_member_days WHERE scope = $1 AND day BETWEEN $3 AND $5 AND sales > 0 AND (next_day IS NULL OR next_day > $4)) AS at_risk`,
    [scope, edge, recentFrom, to, riskEdge]);
  return { lapsed: n(rows[0]!.lapsed), atRisk: n(rows[0]!.at_risk) };
}

/** The one statement's row: counts and sums come back as text (bigint, numeric), the lists as JSON. */
interface HeadlineRow {
  sales: string; refunds: string; revenue: string; member_revenue: string; responses: string; promoters: string; detractors: string;
  new_members: string; complaints: string; outstanding: string;
  resolved: Array<[string, string]>;
  by_reason: Array<[string, string | number]>;
}

export async function headline(db: Db, scope: string, p: Period, rules: HeadlineRules, o: { withLapse?: boolean; active?: ActivePeriod } = {}): Promise<Headline> {
  const toNext = addDays(p.to, 1);
  // The period's sums in ONE statement (each part a range read of its summary's key): the
  // dashboard reads two periods, and eight round trips each were most of its time.
  const [one, active, l] = await Promise.all([
    db.query<HeadlineRow>(
      `SELECT s.sales, s.refunds, s.revenue, s.member_revenue, f.responses, f.promoters, f.detractors,
         (SELECT count(*) FROM hq_members WHERE enrolled_at >= $2 AND enrolled_at < $4 AND status <> 'merged' AND ${inScope('branch_id')}) AS new_members,
         (SELECT count(*) FROM hq_complaints WHERE logged_at >= $2 AND logged_at < $4 AND ${inScope('branch_id')}) AS complaints,
         (SELECT coalesce(json_agg(json_build_array(logged_at, resolved_at)), '[]') FROM hq_complaints
           WHERE logged_at >= $2 AND logged_at < $4 AND resolved_at IS NOT NULL AND ${inScope('branch_id')}) AS resolved,
         (SELECT coalesce(json_agg(json_build_array(reason, points)), '[]') FROM (
           SELECT reason, sum(points) AS points FROM hq_points_days WHERE scope = $1 AND day BETWEEN $2 AND $3 GROUP BY reason) r) AS by_reason,
         (SELECT coalesce(sum(points), 0) FROM hq_points_days WHERE scope = $1 AND day <= $3) AS outstanding
       FROM (SELECT coalesce(sum(sales), 0) AS sales, coalesce(sum(refunds), 0) AS refunds, coalesce(sum(revenue_fen), 0) AS revenue,
                    coalesce(sum(member_revenue_fen), 0) AS member_revenue FROM hq_days WHERE scope = $1 AND day BETWEEN $2 AND $3) s,
            (SELECT coalesce(sum(responses), 0) AS responses, coalesce(sum(promoters), 0) AS promoters, coalesce(sum(detractors), 0) AS detractors
               FROM hq_feedback_days WHERE scope = $1 AND day BETWEEN $2 AND $3) f`,
      [scope, p.from, p.to, toNext]),
    o.active ?? activeCounts(db, scope, [previousPeriod(p), p]).then((a) => a[1]!),
    o.withLapse === false ? null : lapse(db, scope, p.to, rules.lapseDays),
  ]);
  const r = one.rows[0]!;
  const sales = n(r.sales);
  const revenue = n(r.revenue);
  const memberRevenue = n(r.member_revenue);
  const complaintCount = n(r.complaints);
  const responses = n(r.responses);
  const flow = pointsFlow(r.by_reason.map(([reason, points]) => ({ reason, points: n(points) })));
  const points = n(r.outstanding);
  return {
    from: p.from,
    to: p.to,
    revenueFen: revenue,
    sales,
    refunds: n(r.refunds),
    averageTicketFen: sales ? divideRounded(revenue, sales) : null,
    memberRevenueFen: memberRevenue,
    memberShare: revenue ? memberRevenue / revenue : null,
    activeMembers: active.active,
    newMembers: n(r.new_members),
    repeatRate: active.active ? active.repeaters / active.active : null,
    retentionRate: active.prevActive ? active.retained / active.prevActive : null,
    lapsedMembers: l?.lapsed ?? null,
    atRiskMembers: l?.atRisk ?? null,
    complaints: complaintCount,
    complaintRate: sales ? complaintCount / sales : null,
    medianResolutionHours: median(r.resolved.map(([logged, done]) => hoursBetween(logged, done))),
    nps: responses ? divideRounded(100 * (n(r.promoters) - n(r.detractors)), responses) : null,
    npsResponses: responses,
    pointsEarned: flow.earned,
    pointsRedeemed: flow.redeemed,
    pointsExpired: flow.expired,
    redemptionRate: flow.earned > 0 ? flow.redeemed / flow.earned : null,
    pointsOutstanding: points,
    pointsLiabilityFen: pointsToFen(Math.max(0, points), rules.redeemPointsPerYuan),
  };
}
