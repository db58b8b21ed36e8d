import type { MemberCard } from '../../../../shared/contract/members.js';
import type { TillView } from '../../../../shared/display/projection.js';
import type { PricedSale } from '../checkout/model/cart.js';
import type { CartLine } from '../checkout/model/cart.js';
import type { CompletedSale } from '../checkout/store.js';

/**
 * The till's cart as projectDisplay reads it: each priced line beside its cart line (for the
 * count card, and a weighed line's weight when the line carries one). Only a shape: the
 * projection picks the fields.
 */
export function tillView(d: {
  lines: readonly CartLine[];
  sale: PricedSale | null;
  member: MemberCard | null;
  paying: boolean;
  lastSale: CompletedSale | null;
  memberAfter: MemberCard | null;
}): TillView {
  const byKey = new Map(d.lines.map((l) => [l.key, l]));
  const priced = d.sale?.cart.lines ?? [];
  return {
    lines: priced.map((p) => {
      const line = byKey.get(p.key);
      // A weighed line shows its weight and the price per kg (the shop may price per 100 g).
      const w = line?.weighed;
      const measure = w ? { grams: w.grams, perKgFen: w.per === 'kg' ? w.unitPriceFen : w.unitPriceFen * 10 } : null;
      return { ...p, countCardId: line?.countCardId ?? null, measure };
    }),
    cart: d.sale ? d.sale.cart : null,
    redeemPoints: d.sale?.redeemPoints ?? 0,
    member: d.member,
    paying: d.paying,
    offer: null, // the core adds it (from the shop's rules, if the owner turned it on)
    lastSale: d.lastSale ? { sale: d.lastSale.sale, changeFen: d.lastSale.changeFen, memberAfter: d.memberAfter } : null,
  };
}
