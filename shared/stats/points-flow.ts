/**
 * How points ledger reasons count on the dashboard:
 * - earned: points granted to members — for purchases (earn, net of refund reversals) and as
 *   bonuses (enrolment, birthday, referral) or complaint compensation;
 * - redeemed: points spent as a deduction or on gifts and services from the catalogue, net of
 *   points given back by refunds and by cancelled gift redemptions;
 * - expired: points written off by the expiry job.
 * Manual adjustments, opening balances and merges move balances but are none of the three.
 */
export const EARNED_REASONS = ['earn', 'refund_reverse', 'enrol', 'birthday', 'referral', 'compensation'] as const;
export const REDEEMED_REASONS = ['redeem', 'refund_return', 'gift', 'gift_cancel'] as const;
export const EXPIRED_REASONS = ['expire'] as const;

export interface PointsFlow { earned: number; redeemed: number; expired: number }

export function pointsFlow(byReason: Iterable<{ reason: string; points: number }>): PointsFlow {
  const flow = { earned: 0, redeemed: 0, expired: 0 };
  for (const { reason, points } of byReason) {
    if ((EARNED_REASONS as readonly string[]).includes(reason)) flow.earned += points;
    else if ((REDEEMED_REASONS as readonly string[]).includes(reason)) flow.redeemed -= points;
    else if ((EXPIRED_REASONS as readonly string[]).includes(reason)) flow.expired -= points;
  }
  return flow;
}
