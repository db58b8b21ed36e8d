import { z } from 'zod';
import { call } from './define.js';
import { Base64File, Id } from './common.js';

/** Payment codes (付款码): see shared/payment-codes.ts and README › Payment codes. */

export const PaymentCodeRow = z.object({
  id: Id,
  saleId: Id,
  receiptNo: z.string(),
  method: z.enum(['wechat', 'alipay']),
  amountFen: z.number().int(),
  codeTail: z.string(),
  scannedAt: z.string(),
  /** unchecked = 待核对; matched = 已核对 against the platform's statement. */
  status: z.enum(['unchecked', 'matched']),
  statementRef: z.string().nullable(),
});
export type PaymentCodeRow = z.infer<typeof PaymentCodeRow>;

export const StatementRow = z.object({ line: z.number().int(), at: z.string(), amountFen: z.number().int(), ref: z.string(), method: z.enum(['wechat', 'alipay']).nullable() });

export const paymentCodesContract = {
  /** The code-paid payments of a shift (the open one by default), for checking at 交班. */
  'paymentCodes.list': call({ access: 'cashier', input: z.object({ shiftId: Id.optional() }).strict(), output: z.array(PaymentCodeRow) }),
  /**
   * Imports the platform's statement CSV (WeChat Pay or Alipay, UTF-8 or GBK) and matches it
   * with the shift's unchecked payments by amount and time; a match is recorded, the rest listed.
   */
  'paymentCodes.importStatement': call({
    access: 'cashier',
    input: z.object({ fileBase64: Base64File(20_000_000), shiftId: Id.optional() }).strict(),
    output: z.object({
      matched: z.array(PaymentCodeRow),
      unmatchedTill: z.array(PaymentCodeRow),
      unmatchedStatement: z.array(StatementRow),
      skippedLines: z.number().int(),
    }),
  }),
};
