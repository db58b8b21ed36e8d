import { z } from 'zod';
import { call } from './define.js';
import { ClientRef, Id, Label, PageInput, Text, page } from './common.js';

export const GIFT_KINDS = ['gift', 'service'] as const;
export const GiftKind = z.enum(GIFT_KINDS);

/** One entry of the points gift catalogue (积分礼品), with its stock when it tracks stock. */
export const Gift = z.object({
  id: Id,
  name: z.string(),
  kind: GiftKind,
  pointsCost: z.number().int(),
  trackStock: z.boolean(),
  /** Sum of the stock ledger; null for gifts that do not track stock (services, unlimited gifts). */
  stock: z.number().int().nullable(),
  active: z.boolean(),
});
export type Gift = z.infer<typeof Gift>;

export const GiftRedemption = z.object({
  id: Id,
  at: z.string(),
  memberId: Id,
  giftId: Id,
  giftName: z.string(),
  kind: GiftKind,
  qty: z.number().int(),
  points: z.number().int(),
  staffName: z.string().nullable(),
  /** Whether it took stock (a gift that tracks stock): a cancellation puts that back. */
  tookStock: z.boolean(),
  cancelled: z.object({ at: z.string(), staffName: z.string().nullable(), reason: z.string() }).nullable(),
});
export type GiftRedemption = z.infer<typeof GiftRedemption>;

const Reason = Text(200).min(1);

export const giftsContract = {
  /** The catalogue: active gifts for the counter; the owner's settings ask for the inactive ones too. */
  'gifts.list': call({ access: 'cashier', input: z.object({ includeInactive: z.boolean().default(false) }).strict(), output: z.array(Gift) }),
  /** Create (no id, optional opening stock) or edit a gift: name, kind, points cost, stock tracking, active. */
  'gifts.save': call({
    access: 'owner',
    input: z.object({
      id: Id.optional(),
      name: Label(40),
      kind: GiftKind,
      pointsCost: z.number().int().min(1).max(10_000_000),
      trackStock: z.boolean().default(true),
      active: z.boolean().default(true),
      /** Only when creating a gift that tracks stock: the stock it starts with. */
      initialStock: z.number().int().min(0).max(1_000_000).optional(),
    }).strict(),
    output: Gift,
  }),
  /** 补货 (+) or a correction (−) of a gift's stock, with a reason; never below zero. */
  'gifts.restock': call({
    access: 'manager',
    input: z.object({ giftId: Id, delta: z.number().int().min(-1_000_000).max(1_000_000).refine((n) => n !== 0), reason: Reason }).strict(),
    output: Gift,
  }),
  /**
   * 积分兑换 at the counter: spends qty × the gift's cost from the member's usable points
   * (oldest first) and takes the stock, in one transaction. `expectedPoints` is what the
   * till showed: a cost changed since is refused. A repeated `clientRef` answers the first result.
   */
  'gifts.redeem': call({
    access: 'cashier',
    input: z.object({
      memberId: Id,
      giftId: Id,
      qty: z.number().int().min(1).max(999),
      expectedPoints: z.number().int().min(1).optional(),
      clientRef: ClientRef,
      print: z.boolean().default(true),
    }).strict(),
    output: z.object({ redemption: GiftRedemption, balance: z.number().int(), usable: z.number().int(), stock: z.number().int().nullable(), printJobId: z.number().int().nullable() }),
  }),
  /** A member's redemptions, newest first, with their cancellations. */
  'gifts.redemptions': call({ access: 'cashier', input: PageInput.extend({ memberId: Id }).strict(), output: page(GiftRedemption) }),
  /** 撤销兑换 (manager, with a reason): the points go back with their expiry and the stock comes back; once only. */
  'gifts.cancel': call({
    access: 'manager',
    input: z.object({ redemptionId: Id, reason: Reason }).strict(),
    output: z.object({ redemption: GiftRedemption, balance: z.number().int(), usable: z.number().int() }),
  }),
};
