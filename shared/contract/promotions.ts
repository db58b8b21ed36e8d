import { z } from 'zod';
import { call } from './define.js';
import { Id, Line, LocalDate } from './common.js';
import type { Promotion as EnginePromotion } from '../promotions/types.js';

/**
 * 促销: the owner's promotions (Settings › 促销) and what the till prices a sale with. Ranges
 * are loose here on purpose: shared/promotions/validate.ts refuses a percentage over 100, a
 * threshold without an amount or an end before a start with a message for that field.
 */
const Int = z.number().int().min(0).max(100_000_000);
const Time = z.string().max(5);
const Rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('nth'), n: Int, pricePct: Int }).strict(),
  z.object({ kind: z.literal('threshold'), repeat: z.boolean(), steps: z.array(z.object({ minFen: Int, offFen: Int.nullable(), pricePct: Int.nullable() }).strict()).max(10) }).strict(),
  z.object({ kind: z.literal('gift'), buyQty: Int, giftQty: Int, giftProductIds: z.array(Id).max(50), giftPriceFen: Int }).strict(),
  z.object({ kind: z.literal('special'), priceFen: Int.nullable(), pricePct: Int.nullable() }).strict(),
  z.object({ kind: z.literal('bundle'), items: z.array(z.object({ productId: Id, qty: Int }).strict()).max(20), priceFen: Int }).strict(),
]);

const Fields = {
  name: Line(40),
  rule: Rule,
  priority: z.number().int().min(-100).max(100),
  startDate: LocalDate,
  endDate: LocalDate.nullable(),
  weekdays: z.array(z.number().int()).max(7),
  fromTime: Time.nullable(),
  toTime: Time.nullable(),
  tierIds: z.array(Id).max(20).nullable(),
  perSaleLimit: z.number().int().nullable(),
  perMemberDayLimit: z.number().int().nullable(),
  stacks: z.object({ others: z.boolean(), coupons: z.boolean(), points: z.boolean(), tier: z.boolean() }).strict(),
  scope: z.object({ all: z.boolean(), productIds: z.array(Id).max(500), categoryIds: z.array(Id).max(100) }).strict(),
};

/** As the pricing engine takes it: `id` is the promotion's global id. */
export const PricingPromotion = z.object({ id: z.string(), ...Fields });
export const PromotionInput = z.object({ localId: Id.nullable(), active: z.boolean().default(true), ...Fields }).strict();
export type PromotionInput = z.infer<typeof PromotionInput>;
export const PromotionRow = PricingPromotion.extend({ localId: Id, active: z.boolean(), updatedAt: z.string() });
export type PromotionRow = z.infer<typeof PromotionRow>;

// The contract's shape and the engine's type are one: a change to either fails to compile.
const sameShape: EnginePromotion = {} as z.infer<typeof PricingPromotion>;
void sameShape;

export const promotionsContract = {
  'promotions.list': call({ access: 'manager', input: z.object({}).strict(), output: z.array(PromotionRow) }),
  'promotions.save': call({ access: 'owner', input: PromotionInput, output: PromotionRow }),
  'promotions.setActive': call({ access: 'owner', input: z.object({ localId: Id, active: z.boolean() }).strict(), output: PromotionRow }),
  /**
   * What the till prices a sale with: the promotions that can apply today, the attached
   * member's uses of them today, and the shop's clock (the page prices at the core's time).
   */
  'promotions.forSale': call({
    access: 'cashier',
    input: z.object({ memberId: Id.nullable().default(null) }).strict(),
    output: z.object({ promotions: z.array(PricingPromotion), usedToday: z.record(z.string(), z.number().int()), now: z.string() }),
  }),
};
