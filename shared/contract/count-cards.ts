import { z } from 'zod';
import { call } from './define.js';
import { Id, Label } from './common.js';

export const CountCardType = z.object({
  id: Id,
  name: z.string(),
  packageProductId: Id,
  serviceProductId: Id,
  serviceName: z.string(),
  uses: z.number().int(),
  validMonths: z.number().int().nullable(),
  active: z.boolean(),
});

export const MemberCountCard = z.object({
  id: Id,
  typeId: Id,
  name: z.string(),
  serviceProductId: Id,
  serviceName: z.string(),
  remaining: z.number().int(),
  uses: z.number().int(),
  boughtAt: z.string(),
  expiresOn: z.string().nullable(),
  expired: z.boolean(),
});
export type MemberCountCard = z.infer<typeof MemberCountCard>;

export const countCardsContract = {
  'countCards.types': call({ access: 'cashier', input: z.object({}).strict(), output: z.array(CountCardType) }),
  /**
   * 次卡: selling the package product to a member creates the card; each use is a line of
   * the service product paid by the card (`countCardId` on the cart line).
   */
  'countCards.saveType': call({
    access: 'owner',
    input: z.object({
      id: Id.optional(),
      name: Label(30),
      packageProductId: Id,
      serviceProductId: Id,
      uses: z.number().int().min(1).max(1000),
      validMonths: z.number().int().min(1).max(120).nullable().default(null),
      active: z.boolean().default(true),
    }).strict(),
    output: CountCardType,
  }),
  'countCards.forMember': call({ access: 'cashier', input: z.object({ memberId: Id, includeSpent: z.boolean().default(false) }).strict(), output: z.array(MemberCountCard) }),
};
