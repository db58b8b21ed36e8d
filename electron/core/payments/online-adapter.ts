/**
 * The seam for a real online payment provider (微信支付 / 支付宝 服务商 APIs, or an aggregator
 * such as 收钱吧 / 拉卡拉). None ships: the till records a scanned code as a payment to check
 * later (待核对, payment-codes.ts) and the shift close matches it with the platform's statement.
 *
 * An adapter would be given the code at the payment step (`charge`), and `query` / `cancel`
 * cover the two things every provider needs a till to do: ask what became of a payment whose
 * answer never came (the network dropped), and cancel (撤销) one the customer walked away from.
 * Amounts are integer fen; `outTradeNo` is the till's own reference (the sale's clientRef).
 */
export type OnlinePaymentStatus = 'paid' | 'waiting_for_customer' | 'failed' | 'cancelled' | 'unknown';

export interface OnlinePaymentResult {
  status: OnlinePaymentStatus;
  /** The platform's transaction number (微信订单号 / 支付宝交易号) once it has one. */
  transactionId: string | null;
  amountFen: number;
}

export interface OnlinePaymentAdapter {
  readonly name: string;
  charge(input: { outTradeNo: string; method: 'wechat' | 'alipay'; code: string; amountFen: number; description: string }): Promise<OnlinePaymentResult>;
  query(outTradeNo: string): Promise<OnlinePaymentResult>;
  cancel(outTradeNo: string): Promise<{ cancelled: boolean }>;
}

/** No adapter: every code-paid payment is 待核对 until the statement import matches it. */
export const NO_ONLINE_PAYMENTS: OnlinePaymentAdapter | null = null;
