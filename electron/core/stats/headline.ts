import type { Database } from '../db/open.js';
import type { Headline } from '../../../shared/contract/stats.js';
import { addDays } from '../lib/dates.js';
import { divideRounded, hoursBetween, median, previousPeriod, type Period } from './periods.js';
import { pointsFlow } from './points-flow.js';
import { pointsToFen } from '../../../shared/pricing.js';

export interface HeadlineRules {
  /** N: lapsed = last sale more than N days before the period end; at risk = more than N/2, at most N. */
  lapseDays: number;
  /** Cash value of points: this many points make ¥1. */
  redeemPointsPerYuan: number;
}

/**
 * The headline figures of one period, each read from a summary or an indexed range — never
 * a scan of all sales. Definitions: the brief's "Retention statistics" (see README).
 */
export function createHeadline(db: Database) {
  const salesSum = db.prepare<{ from: string; to: string }, { sales: number; refunds: number; revenue: number; member_revenue: number }>(
    `SELECT coalesce(sum(sales), 0) AS sales, coalesce(sum(refunds), 0) AS refunds, coalesce(sum(revenue_fen), 0) AS revenue,
            coalesce(sum(member_revenue_fen), 0) AS member_revenue
     FROM sales_daily WHERE day BETWEEN @from AND @to`);
  const active = db.prepare<{ from: string; to: string }, { active: number; repeaters: number }>(
    `SELECT count(*) AS active, coalesce(sum(n >= 2), 0) AS repeaters
     FROM (SELECT sum(sales) AS n FROM member_daily WHERE day BETWEEN @from AND @to AND sales > 0 GROUP BY member_id)`);
  const retained = db.prepare<{ prevFrom: string; prevTo: string; from: string; to: string }, { n: number }>(
    `SELECT count(*) AS n FROM (
       SELECT member_id FROM member_daily WHERE day BETWEEN @prevFrom AND @to AND sales > 0
       GROUP BY member_id HAVING min(day) <= @prevTo AND max(day) >= @from)`);
  const newMembers = db.prepare<{ from: string; toNext: string }, { n: number }>(
    "SELECT count(*) AS n FROM members WHERE enrolled_at >= @from AND enrolled_at < @toNext AND status <> 'merged'");
  // Lapsed = customers before the lapse edge minus those of them seen again within N days.
  const customersBy = db.prepare<{ edge: string }, { n: number }>('SELECT count(*) AS n FROM member_stats WHERE first_sale_on <= @edge');
  const seenAgain = db.prepare<{ recentFrom: string; to: string; edge: string }, { n: number }>(
    `SELECT count(*) AS n FROM (SELECT member_id FROM member_daily WHERE day BETWEEN @recentFrom AND @to AND sales > 0 GROUP BY member_id) a
     JOIN member_stats s ON s.member_id = a.member_id WHERE s.first_sale_on <= @edge`);
  const atRisk = db.prepare<{ recentFrom: string; to: string; riskEdge: string }, { n: number }>(
    `SELECT count(*) AS n FROM (SELECT max(day) AS last FROM member_daily WHERE day BETWEEN @recentFrom AND @to AND sales > 0 GROUP BY member_id)
     WHERE last <= @riskEdge`);
  const complaints = db.prepare<{ from: string; toNext: string }, { n: number }>(
    'SELECT count(*) AS n FROM complaints WHERE logged_at >= @from AND logged_at < @toNext');
  const resolutions = db.prepare<{ from: string; toNext: string }, { logged_at: string; resolved_at: string }>(
    'SELECT logged_at, resolved_at FROM complaints WHERE logged_at >= @from AND logged_at < @toNext AND resolved_at IS NOT NULL');
  const nps = db.prepare<{ from: string; toNext: string }, { n: number; promoters: number; detractors: number }>(
    `SELECT count(*) AS n, coalesce(sum(score >= 9), 0) AS promoters, coalesce(sum(score <= 6), 0) AS detractors
     FROM feedback WHERE answered_at >= @from AND answered_at < @toNext`);
  const pointsByReason = db.prepare<{ from: string; to: string }, { reason: string; points: number }>(
    'SELECT reason, sum(points) AS points FROM points_daily WHERE day BETWEEN @from AND @to GROUP BY reason');
  const pointsOutstanding = db.prepare<{ to: string }, { n: number }>('SELECT coalesce(sum(points), 0) AS n FROM points_daily WHERE day <= @to');

  function activeIn(p: Period) {
    return active.get(p)!;
  }

  return {
    compute(p: Period, rules: HeadlineRules): Headline {
      const toNext = addDays(p.to, 1);
      const s = salesSum.get(p)!;
      const a = activeIn(p);
      const prev = previousPeriod(p);
      const prevActive = activeIn(prev).active;
      const n = rules.lapseDays;
      const recentFrom = addDays(p.to, -n);
      const edge = addDays(p.to, -n - 1);
      const lapsed = customersBy.get({ edge })!.n - seenAgain.get({ recentFrom, to: p.to, edge })!.n;
      const riskEdge = addDays(p.to, -Math.floor(n / 2) - 1);
      const complaintCount = complaints.get({ from: p.from, toNext })!.n;
      const hours = resolutions.all({ from: p.from, toNext }).map((r) => hoursBetween(r.logged_at, r.resolved_at));
      const f = nps.get({ from: p.from, toNext })!;
      const flow = pointsFlow(pointsByReason.all(p));
      const outstanding = pointsOutstanding.get({ to: p.to })!.n;
      return {
        from: p.from,
        to: p.to,
        revenueFen: s.revenue,
        sales: s.sales,
        refunds: s.refunds,
        averageTicketFen: s.sales ? divideRounded(s.revenue, s.sales) : null,
        memberRevenueFen: s.member_revenue,
        memberShare: s.revenue ? s.member_revenue / s.revenue : null,
        activeMembers: a.active,
        newMembers: newMembers.get({ from: p.from, toNext })!.n,
        repeatRate: a.active ? a.repeaters / a.active : null,
        retentionRate: prevActive ? retained.get({ prevFrom: prev.from, prevTo: prev.to, from: p.from, to: p.to })!.n / prevActive : null,
        lapsedMembers: lapsed,
        atRiskMembers: atRisk.get({ recentFrom, to: p.to, riskEdge })!.n,
        complaints: complaintCount,
        complaintRate: s.sales ? complaintCount / s.sales : null,
        medianResolutionHours: median(hours),
        nps: f.n ? divideRounded(100 * (f.promoters - f.detractors), f.n) : null,
        npsResponses: f.n,
        pointsEarned: flow.earned,
        pointsRedeemed: flow.redeemed,
        pointsExpired: flow.expired,
        redemptionRate: flow.earned > 0 ? flow.redeemed / flow.earned : null,
        pointsOutstanding: outstanding,
        pointsLiabilityFen: pointsToFen(Math.max(0, outstanding), rules.redeemPointsPerYuan),
      };
    },
  };
}
