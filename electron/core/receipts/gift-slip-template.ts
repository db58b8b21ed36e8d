import type { Locale } from '../../../shared/contract/common.js';
import type { PaperWidth } from '../../../shared/contract/receipt.js';
import { printLabels } from './labels.js';
import { RULE, esc, field, pair, printTime } from './markup.js';

export interface GiftSlip {
  shopName: string;
  redemptionId: number;
  at: string;
  cashier: string;
  maskedPhone: string;
  memberName: string;
  giftName: string;
  kind: 'gift' | 'service';
  qty: number;
  points: number;
  /** The member's points balance right after the redemption. */
  balanceAfter: number;
}

const WORDS = {
  'zh-CN': { title: '积分兑换单', no: '兑换单号', gift: '礼品', service: '服务', points: '兑换所需积分', balance: '积分余额', sign: '顾客签字' },
  en: { title: 'Points redemption', no: 'Redemption no.', gift: 'Gift', service: 'Service', points: 'Points used', balance: 'Points balance', sign: 'Customer signature' },
} as const;

/** 兑换单: what the member took for their points and the balance after, with a line to sign. */
export function giftSlipMarkup(s: GiftSlip, o: { paperWidth: PaperWidth; locale: Locale }): string {
  void o.paperWidth;
  const t = printLabels(o.locale);
  const w = WORDS[o.locale];
  return [
    `^^^${esc(s.shopName)}`, `"^^${esc(w.title)}`, RULE,
    field(w.no, String(s.redemptionId), t.sep), field(t.time, printTime(s.at), t.sep), field(t.cashier, s.cashier, t.sep),
    field(t.member, `${s.memberName} ${s.maskedPhone}`.trim(), t.sep), RULE,
    field(s.kind === 'gift' ? w.gift : w.service, `${s.giftName} ×${s.qty}`, t.sep),
    pair(esc(w.points), String(s.points)),
    RULE, `"${pair(esc(w.balance), String(s.balanceAfter))}`,
    '', `${esc(w.sign)}${t.sep}`, '', '',
  ].join('\n');
}
