import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PricedLine } from '../../../../shared/pricing.js';
import type { CartLine } from './model/cart.js';
import { formatKg, weighedNote } from '../weighing/format.js';
import { useMoney, usePctLabel } from './format.js';

interface Props {
  lines: CartLine[];
  priced: PricedLine[];
  currentKey: string | null;
  onSelect: (key: string) => void;
  onEdit: (key: string) => void;
  onBump: (key: string, delta: number) => void;
  onRemove: (key: string) => void;
  /** The name of a count card paying a line (次卡抵扣). */
  cardName?: (countCardId: number) => string | null;
}

/** The cart: one row per product, the current line marked; buttons for mouse and Tab users. */
export function CartTable({ lines, priced, currentKey, onSelect, onEdit, onBump, onRemove, cardName }: Props) {
  const { t } = useTranslation();
  const money = useMoney();
  const pctLabel = usePctLabel();
  const wrapRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!currentKey) return;
    const row = wrapRef.current?.querySelector<HTMLElement>(`[data-key="${currentKey}"]`);
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [currentKey, lines.length]);

  const count = lines.reduce((n, l) => n + l.qty, 0);
  return (
    <div className="co-cart" ref={wrapRef}>
      <table className="table co-cart-table">
        <caption className="sr-only">{t('checkout.cart.caption', { lines: lines.length, n: count })}</caption>
        <thead>
          <tr>
            <th scope="col" className="co-col-no">
              #
            </th>
            <th scope="col">{t('checkout.cart.product')}</th>
            <th scope="col" className="co-col-qty">
              {t('checkout.cart.qty')}
            </th>
            <th scope="col" className="co-col-num">
              {t('checkout.cart.unitPrice')}
            </th>
            <th scope="col" className="co-col-num">
              {t('checkout.cart.lineTotal')}
            </th>
            <th scope="col" className="co-col-actions">
              <span className="sr-only">{t('checkout.cart.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => {
            const p = priced[i];
            const current = l.key === currentKey;
            const name = l.product.name;
            const notes: string[] = [];
            if (l.weighed) notes.push(weighedNote(t, money, l.weighed));
            if (l.countCardId) notes.push(t('checkout.cart.byCard', { card: cardName?.(l.countCardId) ?? '' }));
            if (l.priceOverrideFen !== null) notes.push(t('checkout.cart.override', { price: money(l.priceOverrideFen) }));
            if (l.discount?.kind === 'percent') notes.push(t('checkout.cart.percent', { label: pctLabel(l.discount.pricePct) }));
            if (l.discount?.kind === 'amount') notes.push(t('checkout.cart.amountOff', { amount: money(l.discount.fen) }));
            if (p && p.memberDiscountFen > 0) notes.push(t('checkout.cart.memberOff', { amount: money(p.memberDiscountFen) }));
            return (
              <tr key={l.key} data-key={l.key} className={current ? 'co-row-current' : undefined} aria-current={current ? 'true' : undefined} onClick={() => onSelect(l.key)}>
                <td className="co-col-no">{i + 1}</td>
                <th scope="row" className="co-name">
                  <span>{name}</span>
                  {notes.length > 0 ? <span className="co-line-note">{notes.join(' · ')}</span> : null}
                </th>
                <td className="co-col-qty">
                  {l.weighed ? <span className="co-qty-value">{formatKg(l.weighed.grams)} kg</span> : <span className="co-qty">
                    <button type="button" className="co-qty-btn" tabIndex={-1} aria-label={t('checkout.cart.less', { name })} disabled={l.qty <= 1} onClick={() => onBump(l.key, -1)}>
                      −
                    </button>
                    <span className="co-qty-value">{l.qty}</span>
                    <button type="button" className="co-qty-btn" tabIndex={-1} aria-label={t('checkout.cart.more', { name })} onClick={() => onBump(l.key, 1)}>
                      +
                    </button>
                  </span>}
                </td>
                <td className="co-col-num">
                  {l.countCardId ? (
                    <>
                      <s className="muted small">{money(l.product.priceFen)}</s> {money(p?.effectiveUnitFen ?? 0)}
                    </>
                  ) : p && p.effectiveUnitFen !== p.unitPriceFen ? (
                    <>
                      <s className="muted small">{money(p.unitPriceFen)}</s> {money(p.effectiveUnitFen)}
                    </>
                  ) : (
                    money(l.product.priceFen)
                  )}
                </td>
                <td className="co-col-num co-line-total">{p ? money(p.totalFen) : ''}</td>
                <td className="co-col-actions">
                  <button type="button" className="btn btn-sm btn-ghost" aria-label={t('checkout.cart.editOf', { name })} onClick={() => onEdit(l.key)}>
                    {t('checkout.cart.edit')}
                  </button>
                  <button type="button" className="btn btn-sm btn-ghost co-remove" aria-label={t('checkout.cart.removeOf', { name })} onClick={() => onRemove(l.key)}>
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {lines.length === 0 ? <p className="co-cart-empty">{t('checkout.cart.empty')}</p> : null}
    </div>
  );
}
