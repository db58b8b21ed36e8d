import type { Locale } from '../../../shared/contract/common.js';
import type { PaperWidth } from '../../../shared/contract/receipt.js';
import { printLabels } from './labels.js';
import { RULE, esc, field, pair, printTime, yuan } from './markup.js';

export interface TopUpReceipt {
  shopName: string;
  receiptNo: string;
  at: string;
  cashier: string;
  maskedPhone: string;
  memberName: string;
  method: 'cash' | 'card' | 'wechat' | 'alipay';
  amountFen: number;
  bonusFen: number;
  tenderedFen: number | null;
  changeFen: number | null;
  principalBalanceFen: number;
  bonusBalanceFen: number;
  tierName: string | null;
}

const WORDS = {
  'zh-CN': { title: '储值充值', amount: '充值金额', bonus: '赠送金额', balance: '储值余额', principal: '本金', bonusBalance: '赠送', tier: '会员等级升级为' },
  en: { title: 'Stored-value top-up', amount: 'Top-up', bonus: 'Bonus', balance: 'Balance', principal: 'Principal', bonusBalance: 'Bonus', tier: 'Tier upgraded to' },
} as const;

/** 充值小票: what was paid, the bonus, and the balance after, principal and bonus apart. */
export function topUpMarkup(r: TopUpReceipt, o: { paperWidth: PaperWidth; locale: Locale }): string {
  void o.paperWidth;
  const t = printLabels(o.locale);
  const w = WORDS[o.locale];
  const out = [
    `^^^${esc(r.shopName)}`, `"^^${esc(w.title)}`, RULE,
    field(t.receiptNo, r.receiptNo, t.sep), field(t.time, printTime(r.at), t.sep), field(t.cashier, r.cashier, t.sep),
    field(t.member, `${r.memberName} ${r.maskedPhone}`.trim(), t.sep), RULE,
    pair(esc(w.amount), yuan(r.amountFen)),
  ];
  if (r.bonusFen > 0) out.push(pair(esc(w.bonus), yuan(r.bonusFen)));
  out.push(pair(esc(t.methods[r.method]), yuan(r.amountFen)));
  if (r.tenderedFen !== null) out.push(pair(esc(t.tendered), yuan(r.tenderedFen)), pair(esc(t.change), yuan(r.changeFen ?? 0)));
  out.push(RULE, `"${pair(esc(w.balance), yuan(r.principalBalanceFen + r.bonusBalanceFen))}`);
  out.push(pair(esc(w.principal), yuan(r.principalBalanceFen)), pair(esc(w.bonusBalance), yuan(r.bonusBalanceFen)));
  if (r.tierName) out.push(field(w.tier, r.tierName, t.sep));
  out.push(RULE, `{code:${r.receiptNo}; option:code128,2,72,hri}`, '');
  return out.join('\n');
}
