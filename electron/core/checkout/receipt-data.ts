import type { Database } from '../db/open.js';
import type { ShopService } from '../shop/shop-service.js';
import type { SaleViews } from './sale-view.js';
import type { ReceiptData } from '../../../shared/contract/receipt.js';
import { maskPhone } from '../../../shared/phone.js';
import { yuan } from '../receipts/markup.js';


/**
 * Builds what a receipt shows from the committed rows (never from what the till sent),
 * so a reprint years later prints the same thing.
 */
export interface ReceiptExtras {
  /** The member's points balance now, and what expires within a month. */
  points(memberId: number): { balance: number; expiringSoon: number; expiringBy: string };
  /** Count cards this sale used or sold, with the uses left. */
  countCards(saleId: number): Array<{ name: string; remaining: number }>;
}

const NOTES = {
  'zh-CN': {
    cardLeft: (n: string, r: number) => `${n} 剩余 ${r} 次`, expiring: (p: number, by: string) => `${p} 积分将于 ${by} 前过期`,
    storedValue: (total: number) => `储值余额 ${yuan(total)}`,
  },
  en: {
    cardLeft: (n: string, r: number) => `${n}: ${r} uses left`, expiring: (p: number, by: string) => `${p} points expire by ${by}`,
    storedValue: (total: number) => `Stored value balance ${yuan(total)}`,
  },
} as const;

export function createReceiptData(db: Database, shop: ShopService, sales: SaleViews, extras?: ReceiptExtras) {
  const member = db.prepare<[number], { phone: string | null; name: string; tier: string }>(
    'SELECT m.phone, m.name, t.name AS tier FROM members m JOIN tiers t ON t.id = m.tier_id WHERE m.id = ?');
  const upgrade = db.prepare<[number], { name: string }>(
    "SELECT t.name FROM member_tier_history h JOIN tiers t ON t.id = h.to_tier WHERE h.sale_id = ? AND h.reason = 'upgrade' ORDER BY h.id DESC LIMIT 1");
  const couponUses = db.prepare<[number], { name: string; discount_fen: number }>(
    'SELECT t.name, u.discount_fen FROM coupon_uses u JOIN coupons c ON c.id = u.coupon_id JOIN coupon_templates t ON t.id = c.template_id WHERE u.sale_id = ? ORDER BY u.rowid');
  // Each promotion by name, in the order the sale recorded it (already inside the lines' discounts).
  const promotionUses = db.prepare<[number], { name: string; fen: number }>(
    'SELECT name, sum(discount_fen) AS fen FROM sale_promotions WHERE sale_id = ? GROUP BY coalesce(promotion_id, name) ORDER BY min(id)');
  const pointsSpent = db.prepare<[number], { n: number }>("SELECT coalesce(-sum(delta), 0) AS n FROM points_ledger WHERE sale_id = ? AND reason = 'redeem'");
  // The stored-value balance right after this sale's own entries (so a reprint prints the same).
  const storedValueAfter = db.prepare<[number, number], { total: number | null }>(`SELECT sum(principal_delta + bonus_delta) AS total FROM stored_value_ledger
    WHERE member_id = ? AND id <= (SELECT max(id) FROM stored_value_ledger WHERE sale_id = ?)`);

  /**
   * The coupons and the points deduction inside the sale's discount. The points' cash value is
   * what is left of the discount after the lines' own discounts and the coupons.
   */
  function deductionsOf(s: ReturnType<SaleViews['get']>): NonNullable<ReceiptData['deductions']> {
    if (s.kind !== 'sale') return [];
    const coupons = couponUses.all(s.id).map((c) => ({ kind: 'coupon' as const, name: c.name, points: null, amountFen: c.discount_fen }));
    const points = s.memberId === null ? 0 : pointsSpent.get(s.id)!.n;
    const out: NonNullable<ReceiptData['deductions']> = [
      ...promotionUses.all(s.id).filter((p) => p.fen > 0).map((p) => ({ kind: 'promotion' as const, name: p.name, points: null, amountFen: p.fen })),
      ...coupons,
    ];
    if (points > 0) {
      const linesOff = s.lines.reduce((sum, l) => sum + l.discountFen, 0);
      const couponsOff = coupons.reduce((sum, c) => sum + c.amountFen, 0);
      out.push({ kind: 'points', name: '', points, amountFen: s.discountFen - linesOff - couponsOff });
    }
    return out;
  }

  function notesFor(saleId: number, memberId: number, locale: 'zh-CN' | 'en'): string[] {
    const words = NOTES[locale];
    const notes = extras!.countCards(saleId).map((c) => words.cardLeft(c.name, c.remaining));
    const sv = storedValueAfter.get(memberId, saleId)?.total;
    if (sv !== null && sv !== undefined) notes.push(words.storedValue(sv));
    const p = extras!.points(memberId);
    if (p.expiringSoon > 0) notes.push(words.expiring(p.expiringSoon, p.expiringBy));
    return notes;
  }

  return (saleId: number, reprint: boolean): ReceiptData => {
    const s = sales.get(saleId);
    const settings = shop.settings();
    const m = s.memberId ? member.get(s.memberId) : undefined;
    return {
      shop: { name: settings.shopName, header: settings.receiptHeader, footer: settings.receiptFooter },
      receiptNo: s.receiptNo,
      kind: s.kind,
      refundOf: s.refundOf,
      soldAt: s.soldAt,
      cashier: s.staffName ?? '',
      lines: s.lines.map((l) => ({
        name: l.name, qty: l.qty, unitPriceFen: l.unitPriceFen, discountFen: l.discountFen, totalFen: l.totalFen,
        weight: l.weighed ? { grams: l.weighed.grams, unitPriceFen: l.weighed.unitPriceFen, per: l.weighed.per } : null,
      })),
      subtotalFen: s.subtotalFen,
      discountFen: s.discountFen,
      roundingFen: s.roundingFen,
      deductions: deductionsOf(s),
      totalFen: s.totalFen,
      payments: s.payments,
      member: m ? { maskedPhone: maskPhone(m.phone), name: m.name, tier: m.tier, upgradedTo: upgrade.get(s.id)?.name ?? null, pointsEarned: s.memberId ? s.pointsEarned : null,
        pointsBalance: extras && s.memberId ? extras.points(s.memberId).balance : null,
        notes: extras && s.memberId ? notesFor(s.id, s.memberId, settings.locale) : [] } : null,
      reprint,
    };
  };
}
