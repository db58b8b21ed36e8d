import type { TFunction } from 'i18next';
import { fenToYuanString } from '../../../../shared/money.js';
import type { Promotion } from '../../../../shared/promotions/index.js';

/** One line for the settings list: 每2件第2件50%, 满100减10, 买2送1 … */
export function describeRule(t: TFunction<'translation'>, p: Pick<Promotion, 'rule'>): string {
  const r = p.rule;
  const y = (fen: number) => fenToYuanString(fen);
  switch (r.kind) {
    case 'nth': return t('promotions.describe.nth', { n: r.n, pct: r.pricePct });
    case 'threshold': return r.steps.map((s) => (s.offFen !== null ? t(r.repeat ? 'promotions.describe.every' : 'promotions.describe.off', { min: y(s.minFen), off: y(s.offFen) }) : t('promotions.describe.pct', { min: y(s.minFen), pct: s.pricePct }))).join('；');
    case 'gift': return t('promotions.describe.gift', { buy: r.buyQty, gift: r.giftQty, price: y(r.giftPriceFen) });
    case 'special': return r.priceFen !== null ? t('promotions.describe.special', { price: y(r.priceFen) }) : t('promotions.describe.specialPct', { pct: r.pricePct });
    case 'bundle': return t('promotions.describe.bundle', { n: r.items.reduce((s, i) => s + i.qty, 0), price: y(r.priceFen) });
  }
}
