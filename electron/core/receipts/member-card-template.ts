import type { Locale } from '../../../shared/contract/common.js';
import type { PaperWidth } from '../../../shared/contract/receipt.js';
import { RULE, esc } from './markup.js';

export interface MemberCardPrint {
  shopName: string;
  cardNo: string;
  name: string;
  maskedPhone: string;
  tier: string;
}

/** 会员卡: a slip the member keeps; the till scans its barcode to find them. */
export function memberCardMarkup(c: MemberCardPrint, o: { paperWidth: PaperWidth; locale: Locale }): string {
  void o.paperWidth;
  const title = o.locale === 'en' ? 'Member card' : '会员卡';
  return [
    `^^^${esc(c.shopName)}`, `"^^${esc(title)}`, RULE,
    `^${esc(c.name || c.maskedPhone)}`, esc(`${c.tier}  ${c.maskedPhone}`), '',
    `{code:${c.cardNo}; option:code128,2,72,hri}`, RULE, '',
  ].join('\n');
}
