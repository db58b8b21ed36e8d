import { z } from 'zod';
import { OfflineExposure } from './sync.js';
import { call } from './define.js';
import { Id, LocalDate, PageInput, page } from './common.js';
import { MemberListRow } from './members.js';

/**
 * The owner's retention dashboard (issue 7). Every definition is the brief's "Retention
 * statistics", written out in the README; periods are inclusive shop-local dates.
 */

/** A period of whole days, `from` ≤ `to`, at most ten years (the cohort table's reach). */
export const Period = z.object({ from: LocalDate, to: LocalDate }).strict()
  .refine((p) => p.from <= p.to, { message: 'from_after_to', path: ['to'] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 3660 * 86_400_000, { message: 'period_too_long', path: ['from'] });

const ratio = z.number().nullable();
const count = z.number().int();

/** The headline figures for one period. Ratios are unrounded 0–1 fractions; null when undefined. */
export const Headline = z.object({
  from: LocalDate,
  to: LocalDate,
  revenueFen: count,
  sales: count,
  refunds: count,
  averageTicketFen: count.nullable(),
  memberRevenueFen: count,
  memberShare: ratio,
  activeMembers: count,
  newMembers: count,
  repeatRate: ratio,
  retentionRate: ratio,
  /** As of `to`; null in an overview's previous period (a comparison the dashboard does not show). */
  lapsedMembers: count.nullable(),
  atRiskMembers: count.nullable(),
  complaints: count,
  complaintRate: ratio,
  medianResolutionHours: z.number().nullable(),
  nps: count.nullable(),
  npsResponses: count,
  pointsEarned: count,
  pointsRedeemed: count,
  pointsExpired: count,
  redemptionRate: ratio,
  /** Outstanding (unexpired) points at the end of `to`, and their cash value. */
  pointsOutstanding: count,
  pointsLiabilityFen: count,
});
export type Headline = z.infer<typeof Headline>;

export const Cohort = z.object({ cohort: z.string(), size: count, retention: z.array(z.number().nullable()) });
export type Cohort = z.infer<typeof Cohort>;

export const SeriesBucket = z.enum(['day', 'week', 'month']);
export const SeriesPoint = z.object({
  start: LocalDate,
  end: LocalDate,
  revenueFen: count,
  sales: count,
  /** Members whose first ever sale falls in the bucket, and the other active members. */
  newCustomers: count,
  returningCustomers: count,
  activeMembers: count,
  repeatMembers: count,
  complaints: count,
  npsResponses: count,
  npsPromoters: count,
  npsDetractors: count,
  pointsEarned: count,
  pointsRedeemed: count,
  pointsExpired: count,
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const RFM_SEGMENTS = ['champions', 'loyal', 'potential', 'new', 'promising', 'need_attention', 'about_to_sleep', 'at_risk', 'cannot_lose', 'hibernating', 'lost'] as const;
export const RfmSegment = z.enum(RFM_SEGMENTS);
export type RfmSegment = z.infer<typeof RfmSegment>;

/** The lists behind figures: each opens the members a figure counts. */
export const MEMBER_FIGURES = ['active', 'new', 'repeat', 'retained', 'lapsed', 'at_risk', 'lapsed_high_value', 'top', 'birthdays_week', 'rfm'] as const;
export const MemberFigure = z.enum(MEMBER_FIGURES);
export type MemberFigure = z.infer<typeof MemberFigure>;

export const StatsMemberRow = MemberListRow.extend({ periodSales: count.nullable(), periodSpendFen: count.nullable() });

export const DailyReport = z.object({
  day: LocalDate,
  shopName: z.string(),
  headline: Headline,
  payments: z.array(z.object({ method: z.string(), amountFen: count, count })),
  topups: z.object({ count, principalFen: count, bonusFen: count }),
  byStaff: z.array(z.object({ staff: z.string(), sales: count, revenueFen: count })),
  topProducts: z.array(z.object({ name: z.string(), qty: count, revenueFen: count })),
  complaintsByCategory: z.record(z.string(), count),
  /**
   * With a shop server: stored value, points, coupons and count-card uses this till let
   * members spend while offline — on that day, and all not yet confirmed by the server (the
   * exposure) — and the overdrafts the server flagged that nobody has resolved yet.
   */
  offline: z.object({ thatDay: OfflineExposure, unconfirmed: OfflineExposure, openOverdrafts: count }).nullable().default(null),
});
export type DailyReport = z.infer<typeof DailyReport>;

/**
 * One till's part of a period (issue 14): a sale belongs to the till whose shift took it
 * (shifts.till_code); a refund to the till that paid it back. `till` is the till's code
 * (T1, T2 …; '' for a till without a shop server) or null for sales that no till's shift
 * took (imported or demo history). Same definitions as the headline's revenue and sales.
 */
export const TillFigures = z.object({
  till: z.string().nullable(),
  /** The till answering. */
  thisTill: z.boolean(),
  revenueFen: count,
  sales: count,
  refunds: count,
  averageTicketFen: count.nullable(),
});
export type TillFigures = z.infer<typeof TillFigures>;

export const statsContract = {
  /** Headline figures for the period and for the preceding period of equal length. */
  'stats.overview': call({
    access: 'manager',
    input: Period,
    output: z.object({ current: Headline, previous: Headline }),
  }),
  /** Figures over time, in days up to 62 days, weeks (from Monday) up to a year, else months. */
  'stats.series': call({
    access: 'manager',
    input: Period,
    output: z.object({ bucket: SeriesBucket, points: z.array(SeriesPoint) }),
  }),
  /**
   * The period per till, every till the shop's shifts know (with zeros where one sold nothing),
   * then the sales no till took. One row for a shop with a single till.
   */
  'stats.tills': call({ access: 'manager', input: Period, output: z.object({ tills: z.array(TillFigures) }) }),
  /** Cohort retention by enrolment month, for the enrolment months that overlap the period. */
  'stats.cohorts': call({ access: 'manager', input: Period, output: z.array(Cohort) }),
  /** RFM over the 365 days ending `asOf`: the 5×5 recency × frequency grid and the named segments. */
  'stats.rfm': call({
    access: 'manager',
    input: z.object({ asOf: LocalDate }).strict(),
    output: z.object({
      from: LocalDate,
      to: LocalDate,
      members: count,
      cells: z.array(z.object({ r: count, f: count, members: count, revenueFen: count, segment: RfmSegment })),
      segments: z.array(z.object({ segment: RfmSegment, members: count, revenueFen: count })),
    }),
  }),
  /** Members with a sale in the period, per current tier (the tier mix). */
  'stats.tierMix': call({
    access: 'manager',
    input: Period,
    output: z.array(z.object({ tierId: Id, tier: z.string(), activeMembers: count, members: count })),
  }),
  /** The members behind a figure, paged. `segment` only for `rfm` (as of `to`). */
  'stats.members': call({
    access: 'manager',
    input: PageInput.extend({ figure: MemberFigure, from: LocalDate, to: LocalDate, segment: RfmSegment.optional() }).strict(),
    output: page(StatsMemberRow),
  }),
  /** 日结: the day's figures with payments, top-ups, staff and best sellers. */
  'stats.dailyReport': call({ access: 'manager', input: z.object({ day: LocalDate }).strict(), output: DailyReport }),
  'stats.printDailyReport': call({ access: 'manager', input: z.object({ day: LocalDate }).strict(), output: z.object({ jobId: Id }) }),
  'stats.exportDailyReport': call({
    access: 'manager',
    input: z.object({ day: LocalDate, format: z.enum(['csv', 'pdf']) }).strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }),
  }),
};
