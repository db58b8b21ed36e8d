import { z } from 'zod';

export const PaymentMethod = z.enum(['cash', 'card', 'wechat', 'alipay', 'stored_value']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const PaperWidth = z.union([z.literal(58), z.literal(80)]);
export type PaperWidth = z.infer<typeof PaperWidth>;

/**
 * Everything a printed receipt shows, already computed and translated-neutral (the
 * template translates labels). Built by the checkout service from the committed sale.
 */
export const ReceiptData = z.object({
  shop: z.object({ name: z.string(), header: z.string(), footer: z.string() }),
  receiptNo: z.string(),
  kind: z.enum(['sale', 'refund']),
  /** Receipt number of the sale a refund refers to. */
  refundOf: z.string().nullable(),
  soldAt: z.string(), // shop-local YYYY-MM-DDTHH:mm:ss
  cashier: z.string(),
  lines: z.array(z.object({
    name: z.string(),
    qty: z.number().int(),
    unitPriceFen: z.number().int(),
    discountFen: z.number().int(), // line + member discount on this line, ≥ 0 for sales
    totalFen: z.number().int(),
    /** 称重: a weighed line prints its weight and unit price instead of "1 × price" (grams negative on a refund). */
    weight: z.object({ grams: z.number().int(), unitPriceFen: z.number().int(), per: z.enum(['kg', '100g']) }).nullable().optional(),
  })),
  subtotalFen: z.number().int(),
  discountFen: z.number().int(),
  roundingFen: z.number().int(), // 抹零: amount given away by rounding the total down
  /** Parts of discountFen worth naming: each coupon used and the points deduction (积分抵扣). */
  deductions: z.array(z.object({
    kind: z.enum(['coupon', 'points', 'promotion']),
    /** The coupon's or promotion's name; '' for points. */
    name: z.string(),
    /** Points spent (points deduction only). */
    points: z.number().int().nullable(),
    amountFen: z.number().int(),
  })).optional(),
  totalFen: z.number().int(),
  payments: z.array(z.object({
    method: PaymentMethod,
    amountFen: z.number().int(),
    tenderedFen: z.number().int().nullable(),
    changeFen: z.number().int().nullable(),
  })),
  member: z.object({
    maskedPhone: z.string(),
    name: z.string(),
    tier: z.string(),
    /** Set when this sale moved the member up a tier. */
    upgradedTo: z.string().nullable(),
    pointsEarned: z.number().int().nullable(),
    pointsBalance: z.number().int().nullable(),
    /** Other lines the rewards programme wants printed (points expiring, visits left, ...). */
    notes: z.array(z.string()),
  }).nullable(),
  reprint: z.boolean(),
});
export type ReceiptData = z.infer<typeof ReceiptData>;

/** A shift's close-out (交班) report, printable. */
export const ShiftReport = z.object({
  shiftId: z.number().int(),
  shopName: z.string(),
  staffName: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  openingFloatFen: z.number().int(),
  salesCount: z.number().int(),
  refundsCount: z.number().int(),
  /** Top-ups (储值充值) bring money into the drawer too, though they are not sales. */
  byMethod: z.array(z.object({ method: PaymentMethod, salesFen: z.number().int(), refundsFen: z.number().int(), topUpsFen: z.number().int().default(0) })),
  expectedCashFen: z.number().int(),
  countedCashFen: z.number().int().nullable(),
  differenceFen: z.number().int().nullable(), // counted − expected
});
export type ShiftReport = z.infer<typeof ShiftReport>;
