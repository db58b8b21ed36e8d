import { memo, useEffect, useMemo, useRef } from 'react';
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

/** What a row does when clicked; one object for the table's life, so rows can skip re-rendering. */
interface RowActions {
  select(key: string): void;
  edit(key: string): void;
  bump(key: string, delta: number): void;
  remove(key: string): void;
}

interface RowProps {
  line: CartLine;
  priced: PricedLine | undefined;
  index: number;
  current: boolean;
  cardLabel: string | null;
  actions: RowActions;
}

/** Only what a row shows of its priced line: a new pricing of the cart gives new objects for every line. */
const samePriced = (a: PricedLine | undefined, b: PricedLine | undefined) =>
  a === b || (!!a && !!b && a.effectiveUnitFen === b.effectiveUnitFen && a.unitPriceFen === b.unitPriceFen && a.totalFen === b.totalFen && a.memberDiscountFen === b.memberDiscountFen);

/**
 * One cart line. Memoised: a scan adds a row and re-renders the table, and without this every
 * earlier row would render again (a dozen translations each) — work that grew with the cart.
 */
const CartRow = memo(function CartRow({ line: l, priced: p, index: i, current, cardLabel, actions }: RowProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const pctLabel = usePctLabel();
  const name = l.product.name;
  const notes: string[] = [];
  if (l.weighed) notes.push(weighedNote(t, money, l.weighed));
  if (l.countCardId) notes.push(t('checkout.cart.byCard', { card: cardLabel ?? '' }));
  if (l.priceOverrideFen !== null) notes.push(t('checkout.cart.override', { price: money(l.priceOverrideFen) }));
  if (l.discount?.kind === 'percent') notes.push(t('checkout.cart.percent', { label: pctLabel(l.discount.pricePct) }));
  if (l.discount?.kind === 'amount') notes.push(t('checkout.cart.amountOff', { amount: money(l.discount.fen) }));
  if (p && p.memberDiscountFen > 0) notes.push(t('checkout.cart.memberOff', { amount: money(p.memberDiscountFen) }));
  return (
    <tr data-key={l.key} className={current ? 'co-row-current' : undefined} aria-current={current ? 'true' : undefined} onClick={() => actions.select(l.key)}>
      <td className="co-col-no">{i + 1}</td>
      <th scope="row" className="co-name">
        <span>{name}</span>
        {notes.length > 0 ? <span className="co-line-note">{notes.join(' · ')}</span> : null}
      </th>
      <td className="co-col-qty">
        {l.weighed ? <span className="co-qty-value">{formatKg(l.weighed.grams)} kg</span> : <span className="co-qty">
          <button type="button" className="co-qty-btn" tabIndex={-1} aria-label={t('checkout.cart.less', { name })} disabled={l.qty <= 1} onClick={() => actions.bump(l.key, -1)}>
            −
          </button>
          <span className="co-qty-value">{l.qty}</span>
          <button type="button" className="co-qty-btn" tabIndex={-1} aria-label={t('checkout.cart.more', { name })} onClick={() => actions.bump(l.key, 1)}>
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
        <button type="button" className="btn btn-sm btn-ghost" aria-label={t('checkout.cart.editOf', { name })} onClick={() => actions.edit(l.key)}>
          {t('checkout.cart.edit')}
        </button>
        <button type="button" className="btn btn-sm btn-ghost co-remove" aria-label={t('checkout.cart.removeOf', { name })} onClick={() => actions.remove(l.key)}>
          ×
        </button>
      </td>
    </tr>
  );
}, (a, b) => a.line === b.line && a.index === b.index && a.current === b.current && a.cardLabel === b.cardLabel && a.actions === b.actions && samePriced(a.priced, b.priced));

/** The cart: one row per product, the current line marked; buttons for mouse and Tab users. */
export function CartTable({ lines, priced, currentKey, onSelect, onEdit, onBump, onRemove, cardName }: Props) {
  const { t } = useTranslation();
  const wrapRef = useRef<HTMLDivElement>(null);
  // The page passes new handlers on every render; the rows get one stable object that calls the latest.
  const latest = useRef({ onSelect, onEdit, onBump, onRemove });
  latest.current = { onSelect, onEdit, onBump, onRemove };
  const actions = useMemo<RowActions>(() => ({
    select: (key) => latest.current.onSelect(key),
    edit: (key) => latest.current.onEdit(key),
    bump: (key, delta) => latest.current.onBump(key, delta),
    remove: (key) => latest.current.onRemove(key),
  }), []);

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
          {lines.map((l, i) => (
            <CartRow
              key={l.key}
              line={l}
              priced={priced[i]}
              index={i}
              current={l.key === currentKey}
              cardLabel={l.countCardId ? (cardName?.(l.countCardId) ?? null) : null}
              actions={actions}
            />
          ))}
        </tbody>
      </table>
      {lines.length === 0 ? <p className="co-cart-empty">{t('checkout.cart.empty')}</p> : null}
    </div>
  );
}
