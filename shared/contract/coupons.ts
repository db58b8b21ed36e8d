import { z } from 'zod';
import { call } from './define.js';
import { Id, Label, Line, LocalDate, Text } from './common.js';

export const CouponTemplate = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(['amount', 'percent']),
  /** Fen off (amount) or percent off (percent: 10 = 10% off = 9折). */
  value: z.number().int(),
  minSpendFen: z.number().int(),
  validDays: z.number().int(),
  active: z.boolean(),
});
export type CouponTemplate = z.infer<typeof CouponTemplate>;

export const Coupon = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  kind: z.enum(['amount', 'percent']),
  value: z.number().int(),
  minSpendFen: z.number().int(),
  memberId: z.number().int().nullable(),
  reason: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  status: z.enum(['valid', 'used', 'expired', 'not_yet_valid']),
  usedReceiptNo: z.string().nullable(),
});
export type Coupon = z.infer<typeof Coupon>;

/** Scanned or typed to find a coupon: a lookup, so cleaned rather than refused. */
export const CouponCode = Line(32).min(4);

export const couponsContract = {
  'coupons.templates': call({ access: 'cashier', input: z.object({}).strict(), output: z.array(CouponTemplate) }),
  'coupons.saveTemplate': call({
    access: 'owner',
    input: z.object({
      id: Id.optional(),
      name: Label(30),
      kind: z.enum(['amount', 'percent']),
      value: z.number().int().min(1).max(100_000_000),
      minSpendFen: z.number().int().min(0).max(100_000_000).default(0),
      validDays: z.number().int().min(1).max(3650),
      active: z.boolean().default(true),
    }).strict().refine((t) => t.kind === 'amount' || t.value <= 100, { message: 'percent_over_100', path: ['value'] }),
    output: CouponTemplate,
  }),
  /** Issue a coupon to members (by hand, win-back lists, complaint compensation). */
  'coupons.issue': call({
    access: 'manager',
    input: z.object({
      templateId: Id,
      memberIds: z.array(Id).min(1).max(10_000),
      reason: z.enum(['manual', 'birthday', 'complaint', 'win_back', 'referral']).default('manual'),
      validFrom: LocalDate.optional(),
      note: Text(100).default(''),
    }).strict(),
    output: z.object({ issued: z.number().int(), codes: z.array(z.string()) }),
  }),
  'coupons.forMember': call({ access: 'cashier', input: z.object({ memberId: Id, includeSpent: z.boolean().default(false) }).strict(), output: z.array(Coupon) }),
  /** What a coupon takes off this cart, or why it cannot be used (expired, used, minimum spend…). */
  'coupons.check': call({
    access: 'cashier',
    input: z.object({ code: CouponCode, memberId: Id.nullable().default(null), linesTotalFen: z.number().int().min(0).max(1_000_000_000) }).strict(),
    output: z.object({ coupon: Coupon, discountFen: z.number().int() }),
  }),
};
