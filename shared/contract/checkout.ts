import { z } from 'zod';
import { call } from './define.js';
import { ClientRef, Id, Line, PageInput, Text, page, LocalDate } from './common.js';
import { PaymentMethod, ShiftReport, PaperWidth } from './receipt.js';
import { CouponCode } from './coupons.js';
import { WeighedLineInput, WeighedLine } from './weighing.js';

const Fen = z.number().int();
const PositiveFen = z.number().int().min(0).max(100_000_000);

export const LineDiscount = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), pricePct: z.number().int().min(0).max(100) }).strict(),
  z.object({ kind: z.literal('amount'), fen: PositiveFen }).strict(),
]);

export const CartLineInput = z.object({
  productId: Id,
  qty: z.number().int().min(1).max(9999),
  priceOverrideFen: PositiveFen.nullable().default(null),
  discount: LineDiscount.nullable().default(null),
  /** Pay this line with uses of the member's count card (次卡) instead of money. */
  countCardId: Id.nullable().default(null),
  /** A weighed product's line (称重): its label or the grams the till's scale read; qty is then 1. */
  weighed: WeighedLineInput.nullable().default(null),
}).strict();
export type CartLineInput = z.infer<typeof CartLineInput>;

export const PaymentInput = z.object({
  method: PaymentMethod,
  amountFen: z.number().int().min(1).max(100_000_000),
  /** Cash handed over; the change is computed, never typed. */
  tenderedFen: PositiveFen.nullable().default(null),
  /** The customer's payment code (付款码) scanned for this payment (WeChat Pay or Alipay only). */
  code: z.string().regex(/^\d{16,24}$/).nullable().default(null),
}).strict();

/** A manager's PIN typed at the till to allow what a cashier may not do alone. */
export const Approval = z.object({ staffId: Id, pin: z.string().max(16) }).strict();

export const CheckoutRules = z.object({
  rounding: z.enum(['none', 'jiao', 'yuan']),
  /** A cashier may mark a line down by up to this percent without a manager. */
  maxCashierDiscountPct: z.number().int().min(0).max(100),
  pointsPerYuan: z.number().int().min(0).max(100),
});
export type CheckoutRules = z.infer<typeof CheckoutRules>;

export const SaleLine = z.object({
  id: Id,
  lineNo: z.number().int(),
  productId: z.number().int().nullable(),
  name: z.string(),
  barcode: z.string().nullable(),
  qty: z.number().int(),
  unitPriceFen: Fen,
  discountFen: Fen,
  totalFen: Fen,
  /** For sales: how many may still be refunded. */
  refundableQty: z.number().int(),
  /** A weighed line: its weight and what of it may still be refunded (refunds go by weight). */
  weighed: WeighedLine.extend({ refundableGrams: z.number().int() }).nullable().default(null),
});

export const Sale = z.object({
  id: Id,
  receiptNo: z.string(),
  kind: z.enum(['sale', 'refund']),
  refundOf: z.string().nullable(),
  soldAt: z.string(),
  businessDate: z.string(),
  staffName: z.string().nullable(),
  memberId: z.number().int().nullable(),
  subtotalFen: Fen,
  discountFen: Fen,
  roundingFen: Fen,
  totalFen: Fen,
  /** For sales: the total of refunds so far (≤ total). */
  refundedFen: Fen,
  pointsEarned: z.number().int(),
  lines: z.array(SaleLine),
  payments: z.array(z.object({ method: PaymentMethod, amountFen: Fen, tenderedFen: Fen.nullable(), changeFen: Fen.nullable() })),
});
export type Sale = z.infer<typeof Sale>;

export const PrintJob = z.object({
  id: Id,
  kind: z.enum(['receipt', 'shift_report', 'drawer', 'document', 'topup', 'member_card', 'daily_report', 'gift_redemption']),
  refId: z.number().int().nullable(),
  status: z.enum(['pending', 'printing', 'done', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type PrintJob = z.infer<typeof PrintJob>;

export const Shift = z.object({
  id: Id,
  staffName: z.string(),
  openedAt: z.string(),
  openingFloatFen: Fen,
  closedAt: z.string().nullable(),
});

export const HeldOrder = z.object({
  id: Id,
  label: z.string(),
  memberId: z.number().int().nullable(),
  totalFen: Fen,
  heldAt: z.string(),
  staffName: z.string().nullable(),
  lineCount: z.number().int(),
});

/** What the till keeps of a held cart: enough to rebuild it, re-priced on resume. */
export const HeldCart = z.object({
  lines: z.array(CartLineInput).min(1).max(500),
  memberId: Id.nullable().default(null),
  /** Coupons on the cart: checked again on resume (one may have expired or been used meanwhile). */
  coupons: z.array(CouponCode).max(5).default([]),
  /** Points the cashier chose to redeem; capped again by the rules and the balance on resume. */
  redeemPoints: z.number().int().min(0).max(100_000_000).default(0),
}).strict();

/** A line to refund: a quantity, or for a weighed line the grams given back (qty is then 1). */
const RefundLineInput = z.object({ lineId: Id, qty: z.number().int().min(1).max(9999), grams: z.number().int().min(1).max(1_000_000).nullable().default(null) }).strict();

export const checkoutContract = {
  'checkout.rules': call({ access: 'cashier', input: z.object({}).strict(), output: CheckoutRules }),
  'checkout.setRules': call({ access: 'owner', input: CheckoutRules.partial().strict(), output: CheckoutRules }),

  'shifts.current': call({ access: 'cashier', input: z.object({}).strict(), output: Shift.nullable() }),
  'shifts.open': call({ access: 'cashier', input: z.object({ openingFloatFen: PositiveFen }).strict(), output: Shift }),
  'shifts.close': call({
    access: 'cashier',
    input: z.object({ countedCashFen: PositiveFen, print: z.boolean().default(true) }).strict(),
    output: ShiftReport,
  }),
  'shifts.report': call({ access: 'cashier', input: z.object({ shiftId: Id.optional() }).strict(), output: ShiftReport }),

  /**
   * Commits a sale: re-prices the cart, checks payments, writes sale + lines + payments +
   * print job in one transaction. `expectedTotalFen` is what the till showed: if prices
   * changed meanwhile the sale is refused rather than charging something else.
   */
  'sales.commit': call({
    access: 'cashier',
    input: z.object({
      clientRef: ClientRef,
      lines: z.array(CartLineInput).min(1).max(500),
      memberId: Id.nullable().default(null),
      // Empty only when nothing is left to pay (points or coupons covered it all).
      payments: z.array(PaymentInput).max(6),
      expectedTotalFen: PositiveFen,
      approval: Approval.nullable().default(null),
      print: z.boolean().default(true),
      /** 积分抵扣: points to spend; needs a member, capped by the shop's rules. */
      redeemPoints: z.number().int().min(0).max(100_000_000).default(0),
      /** 优惠券 scanned or picked for this sale; each is checked and used once. */
      couponCodes: z.array(CouponCode).max(5).default([]),
    }).strict(),
    /** belowZero: products this sale took below zero stock (allowed, flagged: the till says so). */
    output: z.object({ sale: Sale, changeFen: Fen, printJobId: z.number().int().nullable(), upgradedTo: z.string().nullable(), belowZero: z.array(Id) }),
  }),
  'sales.get': call({
    access: 'cashier',
    // By clientRef: the till asks whether a sale whose answer it never got (or got as a
    // storage error) was recorded after all; not_found means it was not.
    input: z.union([
      z.object({ id: Id }).strict(),
      z.object({ receiptNo: Line(40).min(1) }).strict(),
      z.object({ clientRef: ClientRef }).strict(),
    ]),
    output: Sale,
  }),
  /** Newest first; `date` one business day, or `from`–`to` (inclusive) a period; `kind` only sales or only refunds. */
  'sales.list': call({
    access: 'cashier',
    input: PageInput.extend({ date: LocalDate.optional(), from: LocalDate.optional(), to: LocalDate.optional(), kind: z.enum(['sale', 'refund']).optional() }).strict(),
    output: page(Sale.omit({ lines: true, payments: true })),
  }),
  /** Refund some or all lines of a sale to chosen methods; never more than was paid. */
  'sales.refund': call({
    access: 'manager',
    input: z.object({
      saleId: Id,
      clientRef: ClientRef,
      lines: z.array(RefundLineInput).min(1).max(500),
      // Empty when nothing is paid back (a count-card use, a sale paid entirely with points).
      payments: z.array(z.object({ method: PaymentMethod, amountFen: z.number().int().min(1).max(100_000_000) }).strict()).max(6),
      reason: Text(200).default(''),
      print: z.boolean().default(true),
    }).strict(),
    output: z.object({ refund: Sale, printJobId: z.number().int().nullable() }),
  }),
  /** What refunding these lines would pay back, before choosing methods. */
  'sales.refundQuote': call({
    access: 'manager',
    input: z.object({ saleId: Id, lines: z.array(RefundLineInput).min(1).max(500) }).strict(),
    output: z.object({ amountFen: Fen }),
  }),

  'held.list': call({ access: 'cashier', input: z.object({}).strict(), output: z.array(HeldOrder) }),
  'held.hold': call({
    access: 'cashier',
    input: z.object({ label: Line(40).default(''), cart: HeldCart }).strict(),
    output: HeldOrder,
  }),
  /** Takes the order off hold and returns its cart (re-priced by the till). */
  'held.resume': call({ access: 'cashier', input: z.object({ id: Id }).strict(), output: HeldCart }),
  'held.discard': call({ access: 'cashier', input: z.object({ id: Id }).strict(), output: z.object({}) }),

  'print.receipt': call({ access: 'cashier', input: z.object({ saleId: Id }).strict(), output: PrintJob }),
  'print.retry': call({ access: 'cashier', input: z.object({ jobId: Id }).strict(), output: PrintJob }),
  'print.jobs': call({
    access: 'cashier',
    input: z.object({ status: z.enum(['pending', 'printing', 'done', 'failed']).optional(), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    output: z.array(PrintJob),
  }),
  /** On-screen preview (and the browser host's in-page printing) of a receipt. */
  'receipts.preview': call({
    access: 'cashier',
    input: z.object({ saleId: Id, paperWidth: PaperWidth.optional() }).strict(),
    output: z.object({ svg: z.string(), text: z.string() }),
  }),
};
