import { useTranslation } from 'react-i18next';
import type { PricedCart } from '../../../../shared/pricing.js';

/**
 * Each promotion on the cart as its own row of the totals, naming it and the units it priced
 * down (the cheaper unit of each pair, the gift), and a reminder when the customer has earned
 * a gift that is not on the cart. Rendered inside the totals' <dl>.
 */
export function PromotionRows({ cart, money }: { cart: PricedCart; money: (fen: number) => string }) {
  const { t } = useTranslation();
  return (
    <>
      {cart.promotions.map((p) => (
        <div key={p.promotionId} className="co-minus co-promo">
          <dt>
            {t('promotions.checkout.line', { name: p.name })}
            {p.discounted.length > 0 ? (
              <span className="co-promo-detail">{t('promotions.checkout.discounted', { items: p.discounted.map((d) => `${d.name} ×${d.units}`).join('、') })}</span>
            ) : null}
          </dt>
          <dd>{money(-p.discountFen)}</dd>
        </div>
      ))}
    </>
  );
}

export function GiftReminders({ cart }: { cart: PricedCart }) {
  const { t } = useTranslation();
  if (cart.giftReminders.length === 0) return null;
  return (
    <div role="status" aria-label={t('promotions.checkout.reminders')}>
      {cart.giftReminders.map((r) => <p key={r.promotionId} className="co-gift-reminder">{t('promotions.checkout.reminder', { qty: r.missingQty, name: r.name })}</p>)}
    </div>
  );
}
