import type { Cohort, Headline, TillFigures } from '../contract/stats.js';

/**
 * The `pos stats --json` object: exactly these keys, in this order (owners' scripts and the
 * checks read them). Money in fen, ratios unrounded, null where a ratio has no denominator.
 * `tills` (last, when given: `pos stats` always gives it) is the period per till, stats/tills.ts.
 */
export function statsJson(h: Headline, cohorts: Cohort[], tills?: TillFigures[]) {
  return {
    from: h.from,
    to: h.to,
    revenue: h.revenueFen,
    sales: h.sales,
    average_ticket: h.averageTicketFen,
    member_revenue: h.memberRevenueFen,
    member_share: h.memberShare,
    active_members: h.activeMembers,
    new_members: h.newMembers,
    repeat_rate: h.repeatRate,
    retention_rate: h.retentionRate,
    lapsed_members: h.lapsedMembers,
    at_risk_members: h.atRiskMembers,
    complaints: h.complaints,
    complaint_rate: h.complaintRate,
    median_resolution_hours: h.medianResolutionHours,
    nps: h.nps,
    nps_responses: h.npsResponses,
    points_earned: h.pointsEarned,
    points_redeemed: h.pointsRedeemed,
    points_expired: h.pointsExpired,
    points_outstanding: h.pointsOutstanding,
    cohorts: cohorts.map((c) => ({ cohort: c.cohort, size: c.size, retention: c.retention })),
    ...(tills ? {
      tills: tills.map((t) => ({ till: t.till, this_till: t.thisTill, revenue: t.revenueFen, sales: t.sales, refunds: t.refunds, average_ticket: t.averageTicketFen })),
    } : {}),
  };
}
