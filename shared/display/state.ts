import { z } from 'zod';
import { Line } from '../contract/common.js';

/**
 * What the customer display (客显 / 副屏) may show, and nothing else. Every object is
 * `.strict()`: the core refuses a state carrying any field not named here, so a staff name,
 * a cost or another member's card number cannot reach the customer's screen even by mistake
 * in the till's code. Built by projectDisplay (projection.ts) from the till's cart and sale.
 */
const Fen = z.number().int().min(-100_000_000).max(100_000_000);
/** Names are one clean line (no hidden characters reach the customer's screen). */
const Name = Line(80);

export const DisplayLine = z.object({
  name: Name,
  qty: z.number().int().min(0).max(9999),
  unitPriceFen: Fen,
  /** Unit price × qty before anything. */
  listFen: Fen,
  /** Everything taken off this line (mark-down, member price, promotions). */
  discountFen: Fen,
  totalFen: Fen,
  /** A weighed line: its weight and price per kg, shown instead of the quantity. */
  measure: z.object({ grams: z.number().int().min(0).max(1_000_000), perKgFen: Fen }).strict().nullable(),
  /** Paid by the member's count card (次卡): free at the till. */
  countCard: z.boolean(),
}).strict();
export type DisplayLine = z.infer<typeof DisplayLine>;

export const DisplayMember = z.object({
  /** 张*明: never the whole name, phone or card number ('' when the member gave no name). */
  maskedName: Name,
  /** The phone's last four digits (尾号5678), shown when there is no name. */
  phoneTail: z.string().regex(/^\d{0,4}$/),
  tier: Name,
  points: z.number().int(),
  storedValueFen: Fen,
}).strict();
export type DisplayMember = z.infer<typeof DisplayMember>;

export const DisplayCart = z.object({
  lines: z.array(DisplayLine).max(500),
  /** Each promotion that gave something (满减, 第二件半价…), with what it took off. */
  promotions: z.array(z.object({ name: Name, discountFen: Fen }).strict()).max(50),
  itemCount: z.number().int().min(0),
  subtotalFen: Fen,
  /** All that is taken off: lines, promotions, member price, coupons, points. */
  discountFen: Fen,
  couponFen: Fen,
  pointsDeductionFen: Fen,
  totalFen: Fen,
  member: DisplayMember.nullable(),
  pointsToEarn: z.number().int().min(0),
  /** The member's points after this sale as it stands: balance − redeemed + to earn. */
  pointsAfter: z.number().int().nullable(),
}).strict();
export type DisplayCart = z.infer<typeof DisplayCart>;

/** 充500送50 shown at the moment of paying: what paying this sale from a top-up would save. */
export const TopUpOffer = z.object({ topUpFen: Fen, bonusFen: Fen, saveFen: Fen }).strict();
export type TopUpOffer = z.infer<typeof TopUpOffer>;

export const DisplayPaid = z.object({
  totalFen: Fen,
  /** Cash handed over plus the other payments: what the customer gave. */
  receivedFen: Fen,
  changeFen: Fen,
  pointsEarned: z.number().int(),
  /** The member's balances after the sale, as the core booked them. */
  member: DisplayMember.nullable(),
}).strict();
export type DisplayPaid = z.infer<typeof DisplayPaid>;

export const DisplayState = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('idle') }).strict(),
  z.object({ stage: z.literal('cart'), cart: DisplayCart }).strict(),
  z.object({ stage: z.literal('paying'), cart: DisplayCart, offer: TopUpOffer.nullable() }).strict(),
  z.object({ stage: z.literal('paid'), paid: DisplayPaid }).strict(),
]);
export type DisplayState = z.infer<typeof DisplayState>;
export type DisplayStage = DisplayState['stage'];

/**
 * What the display page receives: the state, numbered within the core's run (`epoch`: when it
 * started, ms). Within one run a higher number wins; a new run (the core restarted or reopened
 * its database) starts again from 1 and wins over the old one.
 */
export const DisplayFrame = z.object({ epoch: z.number().int().min(0), seq: z.number().int().min(0), state: DisplayState }).strict();
export type DisplayFrame = z.infer<typeof DisplayFrame>;
