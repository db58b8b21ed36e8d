import { z } from 'zod';
import { call } from './define.js';
import { ClientRef, Id, PageInput, Text, page } from './common.js';

export const TopUpRules = z.object({
  /** 充100送20: the best rule whose minimum the top-up reaches gives its bonus. */
  bonuses: z.array(z.object({ minFen: z.number().int().min(1), bonusFen: z.number().int().min(0) }).strict()).max(20),
  /** 充值升级: a top-up of at least minFen moves the member to the tier (never down). */
  tierGrants: z.array(z.object({ minFen: z.number().int().min(1), tierId: Id }).strict()).max(10),
}).strict();
export type TopUpRules = z.infer<typeof TopUpRules>;

export const StoredValueEntry = z.object({
  id: Id,
  at: z.string(),
  principalDelta: z.number().int(),
  bonusDelta: z.number().int(),
  reason: z.string(),
  receiptNo: z.string().nullable(),
  staffName: z.string().nullable(),
  note: z.string(),
  principalBalance: z.number().int(),
  bonusBalance: z.number().int(),
});

export const storedValueContract = {
  'storedValue.rules': call({ access: 'cashier', input: z.object({}).strict(), output: TopUpRules }),
  'storedValue.setRules': call({ access: 'owner', input: TopUpRules, output: TopUpRules }),
  /** What a top-up of this amount would add (bonus) and grant (tier), before taking the money. */
  'storedValue.quote': call({
    access: 'cashier',
    input: z.object({ amountFen: z.number().int().min(1).max(100_000_000) }).strict(),
    output: z.object({ bonusFen: z.number().int(), tierName: z.string().nullable() }),
  }),
  /** 充值: principal paid by cash/card/WeChat/Alipay, plus the bonus the rules give. Prints a top-up receipt. */
  'storedValue.topUp': call({
    access: 'cashier',
    input: z.object({
      memberId: Id,
      amountFen: z.number().int().min(1).max(100_000_000),
      method: z.enum(['cash', 'card', 'wechat', 'alipay']),
      tenderedFen: z.number().int().min(0).max(100_000_000).nullable().default(null),
      clientRef: ClientRef,
      print: z.boolean().default(true),
    }).strict(),
    output: z.object({
      receiptNo: z.string(), bonusFen: z.number().int(), changeFen: z.number().int(), principalFen: z.number().int(), bonusBalanceFen: z.number().int(),
      tierName: z.string().nullable(), printJobId: z.number().int().nullable(),
    }),
  }),
  'storedValue.balance': call({
    access: 'cashier',
    input: z.object({ memberId: Id }).strict(),
    output: z.object({ principalFen: z.number().int(), bonusFen: z.number().int(), totalFen: z.number().int() }),
  }),
  'storedValue.statement': call({ access: 'cashier', input: PageInput.extend({ memberId: Id }).strict(), output: page(StoredValueEntry) }),
  /** Manager-only correction with a reason (audited). */
  'storedValue.adjust': call({
    access: 'manager',
    input: z.object({
      memberId: Id,
      principalDelta: z.number().int().min(-100_000_000).max(100_000_000),
      bonusDelta: z.number().int().min(-100_000_000).max(100_000_000),
      reason: Text(200).min(1),
    }).strict().refine((v) => v.principalDelta !== 0 || v.bonusDelta !== 0),
    output: z.object({ principalFen: z.number().int(), bonusFen: z.number().int(), totalFen: z.number().int() }),
  }),
};
