/** The shop's rules the headline figures depend on (the till's and head office's alike). */
export interface HeadlineRules {
  /** N: lapsed = last sale more than N days before the period end; at risk = more than N/2, at most N. */
  lapseDays: number;
  /** Cash value of points: this many points make ¥1. */
  redeemPointsPerYuan: number;
}
