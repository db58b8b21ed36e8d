import { useTranslation } from 'react-i18next';
import type { PricedCart } from '../../../../shared/pricing.js';
import type { CouponOnCart } from './model/coupons.js';
import { useMoney } from './format.js';
import { GiftReminders, PromotionRows } from '../promotions/PromotionRows.js';
import '../promotions/promotions.css';

/** Subtotal, every deduction on its own line (each coupon with a button to take it off), and 应收 in large type. */
export function TotalsPanel({ cart, itemCount, redeemPoints, memberTier, hasMember, coupons, onRemoveCoupon }: {
  cart: PricedCart; itemCount: number; redeemPoints: number; memberTier: string | null; hasMember: boolean;
  coupons: readonly CouponOnCart[]; onRemoveCoupon: (code: string) => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const rows: Array<{ key: string; label: string; value: string; minus?: boolean; coupon?: CouponOnCart }> = [
    { key: 'subtotal', label: t('checkout.totals.subtotal', { n: itemCount }), value: money(cart.subtotalFen) },
  ];
  if (cart.lineDiscountFen !== 0) rows.push({ key: 'line', label: t('checkout.totals.lineDiscount'), value: money(-cart.lineDiscountFen), minus: true });
  if (cart.memberDiscountFen !== 0) rows.push({ key: 'member', label: t('checkout.totals.memberDiscount', { tier: memberTier ?? '' }), value: money(-cart.memberDiscountFen), minus: true });
  for (const c of coupons) {
    rows.push({
      key: `coupon-${c.coupon.code}`,
      label: c.short ? t('checkout.totals.couponShort', { name: c.coupon.name, min: money(c.coupon.minSpendFen) }) : t('checkout.totals.coupon', { name: c.coupon.name }),
      value: money(-c.discountFen),
      minus: true,
      coupon: c,
    });
  }
  if (cart.pointsDeductionFen !== 0) rows.push({ key: 'points', label: t('checkout.totals.points', { points: redeemPoints }), value: money(-cart.pointsDeductionFen), minus: true });
  if (cart.roundingFen !== 0) rows.push({ key: 'rounding', label: t('checkout.totals.rounding'), value: money(-cart.roundingFen), minus: true });
  return (
    <section className="co-totals" aria-labelledby="co-totals-title">
      <h2 id="co-totals-title" className="sr-only">
        {t('checkout.totals.title')}
      </h2>
      <dl className="co-totals-list">
        {rows.map((r) => (
          <div key={r.key} className={[r.minus ? 'co-minus' : '', r.coupon?.short ? 'co-coupon-short' : ''].filter(Boolean).join(' ') || undefined}>
            <dt>
              {r.label}
              {r.coupon ? (
                <button
                  type="button"
                  className="co-coupon-remove"
                  aria-label={t('checkout.totals.removeCoupon', { name: r.coupon.coupon.name })}
                  title={t('checkout.totals.removeCoupon', { name: r.coupon.coupon.name })}
                  onClick={() => onRemoveCoupon(r.coupon!.coupon.code)}
                >
                  ×
                </button>
              ) : null}
            </dt>
            <dd>{r.value}</dd>
          </div>
        ))}
        <PromotionRows cart={cart} money={money} />
      </dl>
      <GiftReminders cart={cart} />
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
