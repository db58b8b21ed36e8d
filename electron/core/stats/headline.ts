import type { Database } from '../db/open.js';
import type { Headline } from '../../../shared/contract/stats.js';
import { addDays } from '../lib/dates.js';
import { divideRounded, hoursBetween, median, previousPeriod, type Period } from './periods.js';
import { pointsFlow } from './points-flow.js';
import type { HeadlineRules } from '../../../shared/stats/rules.js';
import { pointsToFen } from '../../../shared/pricing.js';

/**
 * Active and repeat members of [from, to] as range counts: each member's first visit in the
 * range stands for them (its previous visit is before the range or there is none, migration
 * 009); they repeat if that visit had two sales or their next visit is still in the range, and
 * were retained if that previous visit falls on or after `prevFrom` (the preceding period).
 */
export const ACTIVE_SQL = `SELECT count(*) AS active, coalesce(sum(sales >= 2 OR next_day <= @to), 0) AS repeaters,
    coalesce(sum(prev_day >= @prevFrom), 0) AS retained
  FROM member_daily WHERE day BETWEEN @from AND @to AND sales > 0 AND (prev_day IS NULL OR prev_day < @from)`;

/**
 * ACTIVE_SQL and, of the same first visits, those whose previous visit is on or after
 * @reachFrom (the start of the period two before): the overview's third period from it.
 */
const ACTIVE_REACH_SQL = ACTIVE_SQL.replace(' AS retained', ' AS retained, coalesce(sum(prev_day >= @reachFrom), 0) AS reached');

/** One period's distinct-member counts (ACTIVE_SQL). */
export interface ActiveCounts { active: number; repeaters: number; retained: number }
type Active = ActiveCounts;

export type { HeadlineRules };

/**
 * The headline figures of one period, each read from a summary or an indexed range — never
 * a scan of all sales. Definitions: the brief's "Retention statistics" (see README).
 */
export function createHeadline(db: Database) {
  const salesSum = db.prepare<{ from: string; to: string }, { sales: number; refunds: number; revenue: number; member_revenue: number }>(
    `SELECT coalesce(sum(sales), 0) AS sales, coalesce(sum(refunds), 0) AS refunds, coalesce(sum(revenue_fen), 0) AS revenue,
            coalesce(sum(member_revenue_fen), 0) AS member_revenue
     FROM sales_daily WHERE day BETWEEN @from AND @to`);
  const active = db.prepare<{ from: string; to: string; prevFrom: string }, Active>(ACTIVE_SQL);
  const newMembers = db.prepare<{ from: string; toNext: string }, { n: number }>(
    "SELECT count(*) AS n FROM members WHERE enrolled_at >= @from AND enrolled_at < @toNext AND status <> 'merged'");
  // Lapsed = customers before the lapse edge minus those of them seen again within N days.
  // Counted as "all minus those after the edge": the recent end of an index is the short one.
  const customersBy = db.prepare<{ edge: string }, { n: number }>(
    `SELECT (SELECT count(*) FROM member_stats) - (SELECT count(*) FROM member_stats WHERE first_sale_on > @edge)
            - (SELECT count(*) FROM member_stats WHERE first_sale_on IS NULL) AS n`);
  // Of the members seen within N days of `to`, those who had come before (their first visit in the window has a previous one).
  const seenAgain = db.prepare<{ recentFrom: string; to: string }, { n: number }>(
    'SELECT count(*) AS n FROM member_daily WHERE day BETWEEN @recentFrom AND @to AND sales > 0 AND prev_day < @recentFrom');
  // Members whose last visit as of `to` falls in the risk window.
  const atRisk = db.prepare<{ recentFrom: string; to: string; riskEdge: string }, { n: number }>(
    `SELECT count(*) AS n FROM member_daily WHERE day BETWEEN @recentFrom AND @riskEdge AND sales > 0 AND (next_day IS NULL OR next_day > @to)`);
  // When no sale is booked after `to` (the period ends today), each member's last sale is in member_stats.
  const lastDay = db.prepare<[], { day: string | null }>('SELECT max(day) AS day FROM sales_daily');
  const lastSaleBefore = db.prepare<{ edge: string }, { n: number }>(
    `SELECT (SELECT count(*) FROM member_stats) - (SELECT count(*) FROM member_stats WHERE last_sale_on > @edge)
            - (SELECT count(*) FROM member_stats WHERE last_sale_on IS NULL) AS n`);
  const lastSaleBetween = db.prepare<{ from: string; to: string }, { n: number }>('SELECT count(*) AS n FROM member_stats WHERE last_sale_on BETWEEN @from AND @to');
  const activeReach = db.prepare<{ from: string; to: string; prevFrom: string; reachFrom: string }, Active & { reached: number }>(ACTIVE_REACH_SQL);
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

  /** Lapsed and at-risk members as of `to`: last sale more than N days before it / more than N/2 and at most N. */
  function lapse(to: string, n: number): { lapsed: number; atRisk: number } {
    const recentFrom = addDays(to, -n);
    const edge = addDays(to, -n - 1);
    const riskEdge = addDays(to, -Math.floor(n / 2) - 1);
    const last = lastDay.get()?.day ?? null;
    if (last === null || last <= to) {
      return { lapsed: lastSaleBefore.get({ edge })!.n, atRisk: lastSaleBetween.get({ from: recentFrom, to: riskEdge })!.n };
    }
    // A past `to`: customers before the edge minus those of them seen again within N days.
    return {
      lapsed: customersBy.get({ edge })!.n - seenAgain.get({ recentFrom, to })!.n,
      atRisk: atRisk.get({ recentFrom, to, riskEdge })!.n,
    };
  }

  /**
   * The overview's counts for P, its previous period Q and the one before, R, reading only
   * P's and Q's member-days — when no sale is booked after P (the period ends today), else
   * null. A member active in R either has no visit after R (their last sale, member_stats,
   * falls in R) or has one, and the first such visit's previous visit lies in R: it is a
   * first visit of Q retained from R, or — with no visit in Q — a first visit of P whose
   * previous visit is in R (those reaching back to R's start, minus those retained from Q).
   */
  function overviewCounts(p: Period): { p: Active; q: Active; rActive: number } | null {
    const last = lastDay.get()?.day ?? null;
    if (last !== null && last > p.to) return null;
    const q = previousPeriod(p);
    const r = previousPeriod(q);
    const pc = activeReach.get({ ...p, prevFrom: q.from, reachFrom: r.from })!;
    const qc = active.get({ ...q, prevFrom: r.from })!;
    const rActive = lastSaleBetween.get(r)!.n + qc.retained + pc.reached - pc.retained;
    return { p: { active: pc.active, repeaters: pc.repeaters, retained: pc.retained }, q: qc, rActive };
  }

  return {
    overviewCounts,
    /**
     * `activeCache` lets an overview reuse the active-member count of a period it already
     * computed (the current period is the previous period's "next"); `withLapse` false skips
     * the lapse counts, which an overview's comparison period does not show.
     */
    compute(p: Period, rules: HeadlineRules, o: { withLapse?: boolean; activeCache?: Map<string, Active> } = {}): Headline {
      const cache = o.activeCache ?? new Map<string, Active>();
      const activeIn = (q: Period) => {
        const key = `${q.from}|${q.to}`;
        if (!cache.has(key)) cache.set(key, active.get({ ...q, prevFrom: previousPeriod(q).from })!);
        return cache.get(key)!;
      };
      const toNext = addDays(p.to, 1);
      const s = salesSum.get(p)!;
      const a = activeIn(p);
      const prev = previousPeriod(p);
      const prevActive = activeIn(prev).active;
      const l = o.withLapse === false ? null : lapse(p.to, rules.lapseDays);
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
        retentionRate: prevActive ? a.retained / prevActive : null,
        lapsedMembers: l?.lapsed ?? null,
        atRiskMembers: l?.atRisk ?? null,
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
