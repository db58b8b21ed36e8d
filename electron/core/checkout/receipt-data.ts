import type { Database } from '../db/open.js';
import type { ShopService } from '../shop/shop-service.js';
import type { SaleViews } from './sale-view.js';
import type { ReceiptData } from '../../../shared/contract/receipt.js';
import { maskPhone } from '../../../shared/phone.js';


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
  'zh-CN': { cardLeft: (n: string, r: number) => `${n} 剩余 ${r} 次`, expiring: (p: number, by: string) => `${p} 积分将于 ${by} 前过期` },
  en: { cardLeft: (n: string, r: number) => `${n}: ${r} uses left`, expiring: (p: number, by: string) => `${p} points expire by ${by}` },
} as const;

export function createReceiptData(db: Database, shop: ShopService, sales: SaleViews, extras?: ReceiptExtras) {
  const member = db.prepare<[number], { phone: string | null; name: string; tier: string }>(
    'SELECT m.phone, m.name, t.name AS tier FROM members m JOIN tiers t ON t.id = m.tier_id WHERE m.id = ?');
  const upgrade = db.prepare<[number], { name: string }>(
    "SELECT t.name FROM member_tier_history h JOIN tiers t ON t.id = h.to_tier WHERE h.sale_id = ? AND h.reason = 'upgrade' ORDER BY h.id DESC LIMIT 1");
  function notesFor(saleId: number, memberId: number, locale: 'zh-CN' | 'en'): string[] {
    const words = NOTES[locale];
    const notes = extras!.countCards(saleId).map((c) => words.cardLeft(c.name, c.remaining));
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
      lines: s.lines.map((l) => ({ name: l.name, qty: l.qty, unitPriceFen: l.unitPriceFen, discountFen: l.discountFen, totalFen: l.totalFen })),
      subtotalFen: s.subtotalFen,
      discountFen: s.discountFen,
      roundingFen: s.roundingFen,
      totalFen: s.totalFen,
      payments: s.payments,
      member: m ? { maskedPhone: maskPhone(m.phone), name: m.name, tier: m.tier, upgradedTo: upgrade.get(s.id)?.name ?? null, pointsEarned: s.memberId ? s.pointsEarned : null,
        pointsBalance: extras && s.memberId ? extras.points(s.memberId).balance : null,
        notes: extras && s.memberId ? notesFor(s.id, s.memberId, settings.locale) : [] } : null,
      reprint,
    };
  };
}
