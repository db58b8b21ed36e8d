import { useTranslation } from 'react-i18next';
import type { PricedCart } from '../../../../shared/pricing.js';
import { useMoney } from './format.js';

/** Subtotal, every deduction on its own line, and 应收 in large type. */
export function TotalsPanel({ cart, itemCount, redeemPoints, memberTier, hasMember }: {
  cart: PricedCart; itemCount: number; redeemPoints: number; memberTier: string | null; hasMember: boolean;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const rows: Array<{ key: string; label: string; value: string; minus?: boolean }> = [
    { key: 'subtotal', label: t('checkout.totals.subtotal', { n: itemCount }), value: money(cart.subtotalFen) },
  ];
  if (cart.lineDiscountFen !== 0) rows.push({ key: 'line', label: t('checkout.totals.lineDiscount'), value: money(-cart.lineDiscountFen), minus: true });
  if (cart.memberDiscountFen !== 0) rows.push({ key: 'member', label: t('checkout.totals.memberDiscount', { tier: memberTier ?? '' }), value: money(-cart.memberDiscountFen), minus: true });
  if (cart.pointsDeductionFen !== 0) rows.push({ key: 'points', label: t('checkout.totals.points', { points: redeemPoints }), value: money(-cart.pointsDeductionFen), minus: true });
  if (cart.roundingFen !== 0) rows.push({ key: 'rounding', label: t('checkout.totals.rounding'), value: money(-cart.roundingFen), minus: true });
  return (
    <section className="co-totals" aria-labelledby="co-totals-title">
      <h2 id="co-totals-title" className="sr-only">
        {t('checkout.totals.title')}
      </h2>
      <dl className="co-totals-list">
        {rows.map((r) => (
          <div key={r.key} className={r.minus ? 'co-minus' : undefined}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
      <div className="co-due">
        <span className="co-due-label">{t('checkout.totals.due')}</span>
        <output className="co-due-amount" aria-label={t('checkout.totals.dueLabel', { amount: money(cart.totalFen) })}>
          {money(cart.totalFen)}
        </output>
      </div>
      {hasMember ? <p className="co-earn small">{t('checkout.totals.earn', { points: cart.pointsToEarn })}</p> : null}
    </section>
  );
}
