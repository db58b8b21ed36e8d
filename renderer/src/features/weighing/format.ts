import type { WeighedLine } from '../../../../shared/contract/weighing.js';
import { formatKg } from '../../../../shared/scale/weigh-price.js';

import type { TFunction } from 'i18next';
import { loose } from './loose-t.js';

/** "1.250 kg × ¥12.80/kg", or for a price label "秤签价 · 1.250 kg（¥12.80/kg）". */
export function weighedNote(typed: TFunction<'translation'>, money: (fen: number) => string, w: WeighedLine): string {
  const t = loose(typed);
  const unit = t(`weighing.per.${w.per}`);
  return w.source === 'price_label'
    ? t('weighing.note.priceLabel', { kg: formatKg(w.grams), price: money(w.unitPriceFen), unit })
    : t('weighing.note.weight', { kg: formatKg(w.grams), price: money(w.unitPriceFen), unit });
}

export { formatKg };
