import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client.js';
import { useApp } from '../../stores/app.js';

/**
 * A new shop's till has nothing to sell: until the catalogue holds a product (on sale or not),
 * say where products come from — 设置 › 商品管理, by hand or by importing a CSV — with a button
 * that goes there for whoever may add them, and who to ask for a cashier. It sits in the page
 * above the cart (never over a control), and is gone once a product exists.
 */
export function FirstRunHint({ canAdd }: { canAdd: boolean }) {
  const { t } = useTranslation();
  const [empty, setEmpty] = useState(false);
  const navigate = useApp((s) => s.navigate);
  const setSettingsTab = useApp((s) => s.setSettingsTab);

  useEffect(() => {
    let cancelled = false;
    void invoke('products.list', { limit: 1, offset: 0, includeInactive: true }, { quiet: true }).then((r) => {
      if (!cancelled && r.ok) setEmpty(r.value.total === 0);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (!empty) return null;
  const goToProducts = () => {
    setSettingsTab('products');
    navigate('settings');
  };
  return (
    <section className="co-first-run" aria-labelledby="co-first-run-title">
      <h2 id="co-first-run-title">{t('checkout.firstRun.title')}</h2>
      {canAdd ? (
        <>
          <p>{t('checkout.firstRun.where')}</p>
          <ul>
            <li>{t('checkout.firstRun.byHand')}</li>
            <li>{t('checkout.firstRun.byCsv')}</li>
          </ul>
          <button type="button" className="btn btn-sm btn-primary" onClick={goToProducts}>
            {t('checkout.firstRun.go')}
          </button>
        </>
      ) : (
        <p>{t('checkout.firstRun.askManager')}</p>
      )}
    </section>
  );
}
