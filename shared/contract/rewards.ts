import { z } from 'zod';
import { call } from './define.js';
import { Id, PageInput, Text, page } from './common.js';

export const MemberDay = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('weekday'), weekday: z.number().int().min(0).max(6) }).strict(), // 0 = Sunday
  z.object({ kind: z.literal('monthday'), day: z.number().int().min(1).max(31) }).strict(),
]);

export const RewardsRules = z.object({
  /** 100 = 100 points are worth ¥1 at checkout (积分抵现). */
  redeemPointsPerYuan: z.number().int().min(1).max(10_000),
  /** Points may pay at most this share of an order. */
  redeemMaxSharePct: z.number().int().min(0).max(100),
  expiry: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('months'), months: z.number().int().min(1).max(120) }).strict(),
    z.object({ mode: z.literal('end_of_next_year') }).strict(),
    z.object({ mode: z.literal('never') }).strict(),
  ]),
  /** 会员日: double points (or any multiplier) on a weekday or a date each month. */
  memberDay: MemberDay.nullable(),
  memberDayPointsPct: z.number().int().min(100).max(1000),
  enrolBonus: z.number().int().min(0).max(100_000),
  birthdayBonus: z.number().int().min(0).max(100_000),
  birthdayWindow: z.enum(['day', 'week', 'month']),
  referralBonus: z.number().int().min(0).max(100_000),
  /** 生日券: issued automatically on the first day of the birthday window, once a year. */
  birthdayCouponTemplateId: z.number().int().positive().nullable(),
});
export type RewardsRules = z.infer<typeof RewardsRules>;

export const PointsEntry = z.object({
  id: Id,
  at: z.string(),
  delta: z.number().int(),
  reason: z.string(),
  receiptNo: z.string().nullable(),
  staffName: z.string().nullable(),
  expiresOn: z.string().nullable(),
  note: z.string(),
  /** Balance after this entry. */
  balance: z.number().int(),
});

export const rewardsContract = {
  'rewards.rules': call({ access: 'cashier', input: z.object({}).strict(), output: RewardsRules }),
  'rewards.setRules': call({ access: 'owner', input: RewardsRules.partial().strict(), output: RewardsRules }),
  /** 积分明细: every entry, newest first, with the running balance. */
  'points.statement': call({ access: 'cashier', input: PageInput.extend({ memberId: Id }).strict(), output: page(PointsEntry) }),
  'points.summary': call({
    access: 'cashier',
    input: z.object({ memberId: Id }).strict(),
    output: z.object({ balance: z.number().int(), usable: z.number().int(), expiringSoon: z.number().int(), expiringBy: z.string() }),
  }),
  /** Manual adjustment by a manager, with a reason (audited). */
  'points.adjust': call({
    access: 'manager',
    input: z.object({ memberId: Id, delta: z.number().int().min(-1_000_000).max(1_000_000).refine((n) => n !== 0), reason: Text(200).min(1) }).strict(),
    output: z.object({ balance: z.number().int() }),
  }),
  /**
   * Runs the daily jobs now (expiry, birthday bonuses, tier re-evaluation); they also run at the
   * first start of each day. A till paired with a shop server leaves the member jobs to the
   * server (memberJobs 'server', the counts 0): members are the chain's, so they run once there.
   */
  'rewards.runDaily': call({
    access: 'owner',
    input: z.object({}).strict(),
    output: z.object({
      expiredPoints: z.number().int(), membersExpired: z.number().int(), birthdayBonuses: z.number().int(), birthdayCoupons: z.number().int(),
      memberJobs: z.enum(['this_till', 'server']),
    }),
  }),
};
