import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors.js';
import type { Sale } from '../../../../shared/contract/checkout.js';
import { errorMessage } from '../../i18n/errors.js';
import { notifyError, notifySuccess } from '../../stores/notices.js';
import { useMoney } from './format.js';
import { pendingSale, reconcile } from './pending-sale.js';

export type TroubleState = 'checking' | 'recorded' | 'not_recorded' | 'unknown';
export interface Trouble { error: AppError; state: TroubleState; sale?: Sale }

/**
 * What the till does when saving a sale met a storage fault (full disk, failing drive):
 * it says so in large type, and — unless the core said nothing was written — asks the core
 * (once it has reopened the database) whether the sale was recorded after all, so the
 * cashier knows whether to charge again. A sale left unconfirmed by a crash or restart is
 * checked the same way when the till opens. `onRecorded` completes a sale found recorded.
 */
export function useSaleSafety(onRecorded: (sale: Sale) => void) {
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const money = useMoney();

  const report = useCallback(async (error: AppError) => {
    const p = pendingSale.get();
    if (error.details?.recorded === false || !p) {
      pendingSale.clear();
      setTrouble({ error, state: 'not_recorded' });
      return;
    }
    setTrouble({ error, state: 'checking' });
    const r = await reconcile(p);
    if (r.kind === 'recorded') onRecorded(r.sale);
    setTrouble({ error, state: r.kind, ...(r.kind === 'recorded' ? { sale: r.sale } : {}) });
  }, [onRecorded]);

  // A sale from before this start that never had a clear answer.
  useEffect(() => {
    const p = pendingSale.get();
    if (!p) return;
    void reconcile(p).then((r) => {
      if (r.kind === 'recorded') notifySuccess('checkout.storage.lastRecorded', { receiptNo: r.sale.receiptNo, amount: money(r.sale.totalFen) });
      else if (r.kind === 'not_recorded') notifyError({ code: 'not_found', messageKey: 'checkout.storage.lastNotRecorded', details: { amount: money(p.totalFen) } });
    });
  }, []); // once per mount of the checkout page

  return { trouble, report, dismiss: useCallback(() => setTrouble(null), []) };
}

/** The large storage alert above the cart: never a modal, so the till's keys keep working. */
export function StorageAlert({ trouble, onDismiss }: { trouble: Trouble; onDismiss: () => void }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const line = {
    checking: t('checkout.storage.checking'),
    recorded: trouble.sale ? t('checkout.storage.recorded', { receiptNo: trouble.sale.receiptNo, amount: money(trouble.sale.totalFen) }) : '',
    not_recorded: t('checkout.storage.notRecorded'),
    unknown: t('checkout.storage.unknown'),
  }[trouble.state];
  return (
    <section className="storage-alert" role="alert" aria-labelledby="storage-alert-title" data-state={trouble.state}>
      <h2 id="storage-alert-title">
        {trouble.state === 'recorded' ? t('checkout.storage.titleRecorded') : trouble.state === 'not_recorded' ? t('checkout.storage.titleNotRecorded') : t('checkout.storage.title')}
      </h2>
      <p className="storage-alert-error">{errorMessage(t, i18n, trouble.error, i18n.language)}</p>
      <p className="storage-alert-state" aria-live="polite">{line}</p>
      <button type="button" className="btn" onClick={onDismiss}>{t('checkout.storage.dismiss')}</button>
    </section>
  );
}
