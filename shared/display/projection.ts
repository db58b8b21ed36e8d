import type { DisplayCart, DisplayLine, DisplayMember, DisplayState, TopUpOffer } from './state.js';

/**
 * The one way the till's state becomes what the customer display shows: a pure projection
 * that copies named, customer-facing fields and nothing else. Its inputs are the till's own
 * objects (priced lines, the member card, the completed sale) described by the few fields
 * read here, so whatever else they carry — the cashier's name, a cost, the card number, the
 * phone — is never looked at and cannot come out.
 */

/** A priced cart line (shared/pricing's PricedLine) and what the till knows of it. */
export interface TillLineView {
  name: string;
  qty: number;
  unitPriceFen: number;
  listFen: number;
  totalFen: number;
  /** Paid by a count card (次卡). */
  countCardId?: number | null;
  /** A weighed line's weight and price per kg, when the line carries them. */
  measure?: { grams: number; perKgFen: number } | null;
}

/** The member as the till holds them (MemberCard): only these fields are read. */
export interface TillMemberView {
  name: string;
  maskedPhone: string;
  tier: { name: string };
  points: number;
  storedValueFen: number;
}

export interface TillSaleView {
  totalFen: number;
  pointsEarned: number;
  payments: ReadonlyArray<{ amountFen: number; tenderedFen: number | null }>;
}

export interface TillView {
  lines: readonly TillLineView[];
  cart: {
    subtotalFen: number;
    discountFen: number;
    couponFen: number;
    pointsDeductionFen: number;
    totalFen: number;
    pointsToEarn: number;
    promotions: ReadonlyArray<{ name: string; discountFen: number }>;
  } | null;
  /** Points the sale redeems (積分抵扣). */
  redeemPoints: number;
  member: TillMemberView | null;
  /** The payment dialog is open. */
  paying: boolean;
  offer: TopUpOffer | null;
  /** The sale just completed, and its member's card read again after it (balances as booked). */
  lastSale: { sale: TillSaleView; changeFen: number; memberAfter: TillMemberView | null } | null;
}

/** 张三 → 张*, 李小明 → 李*明, 欧阳娜娜 → 欧**娜: the first and (from three) the last character. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(Math.min(3, chars.length - 2))}${chars.at(-1)}`;
}

function member(m: TillMemberView): DisplayMember {
  const digits = m.maskedPhone.replace(/\D/g, '');
  return { maskedName: maskName(m.name), phoneTail: digits.slice(-4), tier: m.tier.name.slice(0, 80), points: m.points, storedValueFen: m.storedValueFen };
}

function line(l: TillLineView): DisplayLine {
  return {
    name: l.name.slice(0, 80),
    qty: l.qty,
    unitPriceFen: l.unitPriceFen,
    listFen: l.listFen,
    discountFen: l.listFen - l.totalFen,
    totalFen: l.totalFen,
    measure: l.measure ? { grams: l.measure.grams, perKgFen: l.measure.perKgFen } : null,
    countCard: (l.countCardId ?? null) !== null,
  };
}

function cart(view: TillView, c: NonNullable<TillView['cart']>): DisplayCart {
  const m = view.member ? member(view.member) : null;
  return {
    lines: view.lines.map(line),
    promotions: c.promotions.filter((p) => p.discountFen !== 0).map((p) => ({ name: p.name.slice(0, 80), discountFen: p.discountFen })),
    itemCount: view.lines.reduce((n, l) => n + l.qty, 0),
    subtotalFen: c.subtotalFen,
    discountFen: c.discountFen,
    couponFen: c.couponFen,
    pointsDeductionFen: c.pointsDeductionFen,
    totalFen: c.totalFen,
    member: m,
    pointsToEarn: m ? c.pointsToEarn : 0,
    pointsAfter: m ? m.points - view.redeemPoints + c.pointsToEarn : null,
  };
}

export function projectDisplay(view: TillView): DisplayState {
  if (view.lines.length === 0 || !view.cart) {
    if (!view.lastSale) return { stage: 'idle' };
    const { sale, changeFen, memberAfter } = view.lastSale;
    const received = sale.payments.reduce((n, p) => n + (p.tenderedFen ?? p.amountFen), 0);
    return {
      stage: 'paid',
      paid: { totalFen: sale.totalFen, receivedFen: received, changeFen, pointsEarned: memberAfter ? sale.pointsEarned : 0, member: memberAfter ? member(memberAfter) : null },
    };
  }
  const c = cart(view, view.cart);
  return view.paying ? { stage: 'paying', cart: c, offer: view.offer } : { stage: 'cart', cart: c };
}
