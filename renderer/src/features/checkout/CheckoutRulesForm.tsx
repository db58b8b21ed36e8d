import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { notifySuccess } from '../../stores/notices.js';
import type { CheckoutRules } from '../../../../shared/contract/checkout.js';

/**
 * 收银规则 (owner): rounding-off of the total (抹零), how far a cashier may mark a line down
 * without a manager, and points per yuan. Shown under the shop settings.
 */
export function CheckoutRulesForm() {
  const { t } = useTranslation();
  const [rules, setRules] = useState<CheckoutRules | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void invoke('checkout.rules', {}).then((r) => { if (!cancelled && r.ok) setRules(r.value); });
    return () => { cancelled = true; };
  }, []);

  if (!rules) return <p role="status">{t('common.loading')}</p>;
  const save = async () => {
    setBusy(true);
    const r = await invoke('checkout.setRules', rules);
    setBusy(false);
    if (r.ok) {
      setRules(r.value);
      notifySuccess('checkout.rules.saved');
    }
  };
  return (
    <form className="form-narrow" noValidate aria-labelledby="checkout-rules-title" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <h2 id="checkout-rules-title">{t('checkout.rules.title')}</h2>
      <Field label={t('checkout.rules.rounding')}>
        {(p) => (
          <select {...p} value={rules.rounding} onChange={(e) => setRules({ ...rules, rounding: e.target.value as CheckoutRules['rounding'] })}>
            {(['none', 'jiao', 'yuan'] as const).map((m) => <option key={m} value={m}>{t(`checkout.rules.roundingMode.${m}`)}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('checkout.rules.maxDiscount')} hint={t('checkout.rules.maxDiscountHint')}>
        {(p) => <input {...p} type="number" min={0} max={100} value={rules.maxCashierDiscountPct} onChange={(e) => setRules({ ...rules, maxCashierDiscountPct: Math.max(0, Math.min(100, Math.trunc(Number(e.target.value) || 0))) })} />}
      </Field>
      <Field label={t('checkout.rules.pointsPerYuan')}>
        {(p) => <input {...p} type="number" min={0} max={100} value={rules.pointsPerYuan} onChange={(e) => setRules({ ...rules, pointsPerYuan: Math.max(0, Math.min(100, Math.trunc(Number(e.target.value) || 0))) })} />}
      </Field>
      <div className="form-actions">
        <SubmitButton busy={busy}>{busy ? t('common.saving') : t('checkout.rules.save')}</SubmitButton>
      </div>
    </form>
  );
}
