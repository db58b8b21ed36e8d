import { parseYuan } from '../../../../../shared/money.js';
import type { PaymentMethod } from '../../../../../shared/contract/receipt.js';

/**
 * Splitting an amount across payment methods (组合支付), for sales and refunds.
 * One method — the "absorber" — takes whatever the others leave, so the common cases
 * need one keystroke: all cash (default), all WeChat (make WeChat the absorber), or part
 * WeChat part cash (type the WeChat part; cash takes the rest). Cash alone may be
 * over-tendered; the change is computed, never typed. Stored value (储值) is offered only
 * with a member attached and is capped at their balance.
 */
export type PayMethod = PaymentMethod;
export type TillMethod = Exclude<PaymentMethod, 'stored_value'>;
export const TILL_METHODS: readonly TillMethod[] = ['cash', 'card', 'wechat', 'alipay'];

export interface SplitInput {
  dueFen: number;
  /** The methods offered, in order (default: cash, card, WeChat, Alipay). */
  methods?: readonly PayMethod[];
  absorber: PayMethod;
  /** What the cashier typed for each method other than the absorber (yuan text; '' = none). */
  amounts: Partial<Record<PayMethod, string>>;
  /** Cash handed over (yuan text; '' = exactly the cash part). Ignored for refunds. */
  tendered?: string;
  /** Most a method may take (a member's stored-value balance). */
  limits?: Partial<Record<PayMethod, number>>;
}

export type SplitProblem = 'amount_invalid' | 'over_due' | 'over_limit' | 'tendered_invalid' | 'tendered_short';

export interface SplitPlan {
  /** Each method's share, fen (0 for unused). */
  byMethod: Record<PayMethod, number>;
  /** `code`: the customer's payment code (付款码) scanned for that payment, if any. */
  payments: Array<{ method: PayMethod; amountFen: number; tenderedFen: number | null; code?: string | null }>;
  cashFen: number;
  tenderedFen: number | null;
  changeFen: number;
  /** Which field is wrong, for the message next to it. */
  problem: SplitProblem | null;
  problemMethod: PayMethod | null;
}

export function planSplit(input: SplitInput): SplitPlan {
  const methods = input.methods ?? TILL_METHODS;
  const byMethod: Record<PayMethod, number> = { cash: 0, card: 0, wechat: 0, alipay: 0, stored_value: 0 };
  // Nothing due (points or coupons covered it all) is no problem: no payments at all.
  let problem: SplitProblem | null = null;
  let problemMethod: PayMethod | null = null;
  const fail = (p: SplitProblem, m: PayMethod | null) => {
    if (problem) return;
    problem = p;
    problemMethod = m;
  };
  let others = 0;
  for (const m of methods) {
    if (m === input.absorber) continue;
    const text = (input.amounts[m] ?? '').trim();
    if (text === '') continue;
    const fen = parseYuan(text);
    if (fen === null || fen < 0) {
      fail('amount_invalid', m);
      continue;
    }
    byMethod[m] = fen;
    others += fen;
  }
  const rest = input.dueFen - others;
  if (rest < 0) fail('over_due', null);
  byMethod[input.absorber] = Math.max(0, rest);
  for (const m of methods) {
    const limit = input.limits?.[m];
    if (limit !== undefined && byMethod[m] > limit) fail('over_limit', m);
  }
  const cashFen = byMethod.cash;

  let tenderedFen: number | null = null;
  let changeFen = 0;
  const tenderedText = (input.tendered ?? '').trim();
  if (tenderedText !== '' && cashFen > 0) {
    const fen = parseYuan(tenderedText);
    if (fen === null || fen < 0) fail('tendered_invalid', 'cash');
    else if (fen < cashFen) fail('tendered_short', 'cash');
    else {
      tenderedFen = fen;
      changeFen = fen - cashFen;
    }
  }
  const payments = methods.filter((m) => byMethod[m] > 0).map((m) => ({
    method: m,
    amountFen: byMethod[m],
    tenderedFen: m === 'cash' ? tenderedFen : null,
  }));
  return { byMethod, payments, cashFen, tenderedFen, changeFen, problem, problemMethod };
}
