import type { Db } from '../db/pool.js';
import type { Headline } from '../../shared/contract/stats.js';
import { addDays } from '../../shared/dates.js';
import { divideRounded, hoursBetween, median, previousPeriod, type Period } from '../../shared/stats/periods.js';
import { pointsFlow } from '../../shared/stats/points-flow.js';
import type { HeadlineRules } from '../../shared/stats/rules.js';
import { pointsToFen } from '../../shared/pricing.js';
import { CHAIN_SCOPE } from '../db/migrations/005-chain-stats.js';

/**
 * The till's headline figures (electron/core/stats/headline.ts: the same definitions, the same
 * Headline shape, the same pure helpers) for one scope — the chain or a branch — read from the
 * head-office summaries (migration 005) on PostgreSQL. Distinct-member counts group the scope's
 * member-days of the periods asked, never the sales.
 */
export interface ActivePeriod { active: number; repeaters: number; retained: number; prevActive: number }

const n = (v: unknown) => Number(v ?? 0);
/** The branch condition on a table with a branch_id column (every row for the chain). */
const inScope = (col: string) => `($1::uuid = '${CHAIN_SCOPE}' OR ${col} = $1::uuid)`;

/**
 * Active, repeat, retained and previous-active counts for consecutive periods of equal length,
 * oldest first, from ONE grouping of member-days over all of them: for each member the periods
 * they visited, and their completed sales in each.
 */
export async function activeCounts(db: Db, scope: string, periods: Period[]): Promise<ActivePeriod[]> {
  const from = periods[0]!.from;
  const to = periods.at(-1)!.to;
  // Each period's bounds are parameters $4, $5 …, never text in the SQL.
  const bounds = periods.flatMap((p) => [p.from, p.to]);
  const cols = periods.map((_, i) => `sum(sales) FILTER (WHERE day BETWEEN $${4 + 2 * i} AND $${5 + 2 * i}) AS s${i}`).join(', ');
  const counts = periods.map((_, i) => {
    const prev = i > 0 ? `count(*) FILTER (WHERE s${i - 1} > 0)` : '0';
    const retained = i > 0 ? `count(*) FILTER (WHERE s${i - 1} > 0 AND s${i} > 0)` : '0';
    return `count(*) FILTER (WHERE s${i} > 0) AS a${i}, count(*) FILTER (WHERE s${i} >= 2) AS r${i}, ${prev} AS p${i}, ${retained} AS k${i}`;
  }).join(', ');
  const { rows } = await db.query<Record<string, string>>(
    `SELECT ${counts} FROM (SELECT member, ${cols} FROM hq_member_days WHERE scope = $1 AND day BETWEEN $2 AND $3 AND sales > 0 GROUP BY member) x`,
    [scope, from, to, ...bounds]);
  const r = rows[0]!;
  return periods.map((_, i) => ({ active: n(r[`a${i}`]), repeaters: n(r[`r${i}`]), retained: n(r[`k${i}`]), prevActive: n(r[`p${i}`]) }));
}

/** Lapsed and at-risk members as of `to` (the till's lapse(): last visit more than N days before / more than N/2 and at most N). */
export async function lapse(db: Db, scope: string, to: string, days: number): Promise<{ lapsed: number; atRisk: number }> {
  const recentFrom = addDays(to, -days);
  const edge = addDays(to, -days - 1);
  const riskEdge = addDays(to, -Math.floor(days / 2) - 1);
  const last = (await db.query<{ day: string | null }>('SELECT max(day) AS day FROM hq_days WHERE scope = $1', [scope])).rows[0]?.day ?? null;
  if (last === null || last <= to) {
    // Nothing after `to`: each member's last visit is their span's end, an index range.
    const { rows } = await db.query<{ lapsed: string; at_risk: string }>(
      `SELECT (SELECT count(*) FROM hq_member_span WHERE scope = $1 AND last_day <= $2) AS lapsed,
              (SELECT count(*) FROM hq_member_span WHERE scope = $1 AND last_day BETWEEN $3 AND $4) AS at_risk`,
      [scope, edge, recentFrom, riskEdge]);
    return { lapsed: n(rows[0]!.lapsed), atRisk: n(rows[0]!.at_risk) };
  }
  // A past `to`: members first seen by the edge, minus those of them seen within N days of `to`;
  // at risk: seen in the window, last seen by the risk edge.
  const { rows } = await db.query<{ lapsed: string; at_risk: string }>(
    `WITH recent AS (SELECT member, max(day) AS last FROM hq_member_days WHERE scope = $1 AND day BETWEEN $3 AND $4 AND sales > 0 GROUP BY member)
     SELECT (SELECT count(*) FROM hq_member_span WHERE scope = $1 AND first_day <= $2)
          - (SELECT count(*) FROM recent r JOIN hq_member_span s ON s.scope = $1 AND s.member = r.member WHERE s.first_day <= $2) AS lapsed,
            (SELECT count(*) FROM recent WHERE last <= $5) AS at_risk`,
    [scope, edge, recentFrom, to, riskEdge]);
  return { lapsed: n(rows[0]!.lapsed), atRisk: n(rows[0]!.at_risk) };
}

export async function headline(db: Db, scope: string, p: Period, rules: HeadlineRules, o: { withLapse?: boolean; active?: ActivePeriod } = {}): Promise<Headline> {
  const toNext = addDays(p.to, 1);
  const [sums, active, members, l, complaints, resolved, nps, byReason, outstanding] = await Promise.all([
    db.query<Record<string, string>>(
      `SELECT coalesce(sum(sales), 0) AS sales, coalesce(sum(refunds), 0) AS refunds, coalesce(sum(revenue_fen), 0) AS revenue,
              coalesce(sum(member_revenue_fen), 0) AS member_revenue FROM hq_days WHERE scope = $1 AND day BETWEEN $2 AND $3`, [scope, p.from, p.to]),
    o.active ?? activeCounts(db, scope, [previousPeriod(p), p]).then((a) => a[1]!),
    db.query<{ n: string }>(
      `SELECT count(*) AS n FROM hq_members WHERE enrolled_at >= $2 AND enrolled_at < $3 AND status <> 'merged' AND ${inScope('branch_id')}`, [scope, p.from, toNext]),
    o.withLapse === false ? null : lapse(db, scope, p.to, rules.lapseDays),
    db.query<{ n: string }>(`SELECT count(*) AS n FROM hq_complaints WHERE logged_at >= $2 AND logged_at < $3 AND ${inScope('branch_id')}`, [scope, p.from, toNext]),
    db.query<{ logged_at: string; resolved_at: string }>(
      `SELECT logged_at, resolved_at FROM hq_complaints WHERE logged_at >= $2 AND logged_at < $3 AND resolved_at IS NOT NULL AND ${inScope('branch_id')}`, [scope, p.from, toNext]),
    db.query<Record<string, string>>(
      `SELECT coalesce(sum(responses), 0) AS n, coalesce(sum(promoters), 0) AS promoters, coalesce(sum(detractors), 0) AS detractors
       FROM hq_feedback_days WHERE scope = $1 AND day BETWEEN $2 AND $3`, [scope, p.from, p.to]),
    db.query<{ reason: string; points: string }>('SELECT reason, sum(points) AS points FROM hq_points_days WHERE scope = $1 AND day BETWEEN $2 AND $3 GROUP BY reason', [scope, p.from, p.to]),
    db.query<{ n: string }>('SELECT coalesce(sum(points), 0) AS n FROM hq_points_days WHERE scope = $1 AND day <= $2', [scope, p.to]),
  ]);
  const s = sums.rows[0]!;
  const sales = n(s.sales);
  const revenue = n(s.revenue);
  const memberRevenue = n(s.member_revenue);
  const complaintCount = n(complaints.rows[0]!.n);
  const f = nps.rows[0]!;
  const responses = n(f.n);
  const flow = pointsFlow(byReason.rows.map((r) => ({ reason: r.reason, points: n(r.points) })));
  const points = n(outstanding.rows[0]!.n);
  return {
    from: p.from,
    to: p.to,
    revenueFen: revenue,
    sales,
    refunds: n(s.refunds),
    averageTicketFen: sales ? divideRounded(revenue, sales) : null,
    memberRevenueFen: memberRevenue,
    memberShare: revenue ? memberRevenue / revenue : null,
    activeMembers: active.active,
    newMembers: n(members.rows[0]!.n),
    repeatRate: active.active ? active.repeaters / active.active : null,
    retentionRate: active.prevActive ? active.retained / active.prevActive : null,
    lapsedMembers: l?.lapsed ?? null,
    atRiskMembers: l?.atRisk ?? null,
    complaints: complaintCount,
    complaintRate: sales ? complaintCount / sales : null,
    medianResolutionHours: median(resolved.rows.map((r) => hoursBetween(r.logged_at, r.resolved_at))),
    nps: responses ? divideRounded(100 * (n(f.promoters) - n(f.detractors)), responses) : null,
    npsResponses: responses,
    pointsEarned: flow.earned,
    pointsRedeemed: flow.redeemed,
    pointsExpired: flow.expired,
    redemptionRate: flow.earned > 0 ? flow.redeemed / flow.earned : null,
    pointsOutstanding: points,
    pointsLiabilityFen: pointsToFen(Math.max(0, points), rules.redeemPointsPerYuan),
  };
}
