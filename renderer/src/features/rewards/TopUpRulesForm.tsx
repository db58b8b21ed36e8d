import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tier } from '../../../../shared/contract/members.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusSelectorLater } from '../../components/focus.js';
import { formatMoney } from '../../i18n/format.js';
import { notifySuccess } from '../../stores/notices.js';
import { MAX_BONUS_ROWS, MAX_GRANT_ROWS, rowKey, topUpDraft, topUpRulesFrom, yuanField, type RowErrors, type TopUpDraft } from './offers-forms.js';
import { offerText } from './offer-text.js';

const FORM = '#topup-rules-form';
const fieldAt = (name: string) => `${FORM} [name="${name}"]`;

/**
 * 储值规则 (owner): the top-up bonus tiers (充100送20; the best tier the amount reaches gives
 * its bonus) and the tier grants (充值升级: a top-up of at least X moves the member up to a
 * tier). Amounts are typed in yuan; each wrong value is named next to its field.
 */
export function TopUpRulesForm() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const money = (fen: number) => formatMoney(fen, locale);
  const [d, setD] = useState<TopUpDraft | null>(null);
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [errors, setErrors] = useState<RowErrors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void invoke('storedValue.rules', {}).then((r) => {
      if (!cancelled && r.ok) setD(topUpDraft(r.value));
    });
    void invoke('tiers.list', {}, { quiet: true }).then((r) => {
      if (!cancelled && r.ok) setTiers(r.value);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (!d) return <p role="status">{t('common.loading')}</p>;

  const err = (name: string) => offerText(t, locale, errors[name]);
  /** Rows are renumbered on removal, so a removal clears every message (they are shown again on save). */
  const update = (next: TopUpDraft, changed?: string) => {
    setD(next);
    setErrors((old) => (changed ? Object.fromEntries(Object.entries(old).filter(([k]) => k !== changed)) : {}));
  };
  const setBonus = (i: number, field: 'min' | 'bonus', value: string) =>
    update({ ...d, bonuses: d.bonuses.map((r, j) => (j === i ? { ...r, [field]: value } : r)) }, `bonuses.${i}.${field}`);
  const setGrant = (i: number, field: 'min' | 'tierId', value: string) =>
    update({ ...d, grants: d.grants.map((r, j) => (j === i ? { ...r, [field]: value } : r)) }, `grants.${i}.${field}`);

  const addBonus = () => {
    update({ ...d, bonuses: [...d.bonuses, { key: rowKey(), min: '', bonus: '' }] });
    focusSelectorLater(fieldAt(`bonuses.${d.bonuses.length}.min`));
  };
  const removeBonus = (i: number) => {
    const bonuses = d.bonuses.filter((_, j) => j !== i);
    update({ ...d, bonuses });
    // Focus goes to the row that took this one's place, else to the add button.
    focusSelectorLater(bonuses.length ? fieldAt(`bonuses.${Math.min(i, bonuses.length - 1)}.min`) : '#topup-add-bonus');
  };
  const addGrant = () => {
    update({ ...d, grants: [...d.grants, { key: rowKey(), min: '', tierId: '' }] });
    focusSelectorLater(fieldAt(`grants.${d.grants.length}.min`));
  };
  const removeGrant = (i: number) => {
    const grants = d.grants.filter((_, j) => j !== i);
    update({ ...d, grants });
    focusSelectorLater(grants.length ? fieldAt(`grants.${Math.min(i, grants.length - 1)}.min`) : '#topup-add-grant');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const parsed = topUpRulesFrom(d);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      const first = Object.keys(parsed.errors)[0];
      if (first) focusSelectorLater(fieldAt(first));
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await invoke('storedValue.setRules', parsed.value);
    setBusy(false);
    if (!r.ok) return;
    setD(topUpDraft(r.value));
    notifySuccess('offers.topUp.saved');
  };

  const fen = (text: string) => {
    const v = yuanField(text, 1);
    return 'fen' in v ? v.fen : null;
  };
  const tierName = (id: string) => tiers.find((x) => String(x.id) === id)?.name ?? '';
  const offeredTiers = (selected: string) => tiers.filter((x) => x.active || String(x.id) === selected);

  return (
    <section className="settings-block offers-block" aria-labelledby="topup-rules-title">
      <h2 id="topup-rules-title">{t('offers.topUp.title')}</h2>
      <p className="muted">{t('offers.topUp.intro')}</p>
      <form id="topup-rules-form" className="offers-form" noValidate aria-labelledby="topup-rules-title" onSubmit={(e) => void submit(e)}>
        <fieldset className="offers-rows">
          <legend>{t('offers.topUp.bonuses')}</legend>
          {d.bonuses.length === 0 ? <p className="muted small">{t('offers.topUp.noBonuses')}</p> : null}
          {d.bonuses.map((row, i) => {
            const min = fen(row.min);
            const bonus = fen(row.bonus);
            return (
              <fieldset key={row.key} className="offers-row">
                <legend className="sr-only">{t('offers.topUp.bonusRow', { n: i + 1 })}</legend>
                <Field label={t('offers.topUp.min')} error={err(`bonuses.${i}.min`)}>
                  {(p) => <input {...p} name={`bonuses.${i}.min`} inputMode="decimal" autoComplete="off" maxLength={12} value={row.min} onChange={(e) => setBonus(i, 'min', e.target.value)} />}
                </Field>
                <Field label={t('offers.topUp.bonus')} error={err(`bonuses.${i}.bonus`)}>
                  {(p) => <input {...p} name={`bonuses.${i}.bonus`} inputMode="decimal" autoComplete="off" maxLength={12} value={row.bonus} onChange={(e) => setBonus(i, 'bonus', e.target.value)} />}
                </Field>
                <span className="offers-row-preview">{min !== null && bonus !== null ? t('offers.topUp.bonusPreview', { min: money(min), bonus: money(bonus) }) : ''}</span>
                <button type="button" className="btn btn-ghost btn-sm" aria-label={t('offers.topUp.removeBonus', { n: i + 1 })} onClick={() => removeBonus(i)}>
                  {t('offers.remove')}
                </button>
              </fieldset>
            );
          })}
          {d.bonuses.length < MAX_BONUS_ROWS ? (
            <button id="topup-add-bonus" type="button" className="btn btn-outline btn-sm" onClick={addBonus}>
              + {t('offers.topUp.addBonus')}
            </button>
          ) : null}
        </fieldset>

        <fieldset className="offers-rows">
          <legend>{t('offers.topUp.grants')}</legend>
          {d.grants.length === 0 ? <p className="muted small">{t('offers.topUp.noGrants')}</p> : null}
          {d.grants.map((row, i) => {
            const min = fen(row.min);
            return (
              <fieldset key={row.key} className="offers-row">
                <legend className="sr-only">{t('offers.topUp.grantRow', { n: i + 1 })}</legend>
                <Field label={t('offers.topUp.grantMin')} error={err(`grants.${i}.min`)}>
                  {(p) => <input {...p} name={`grants.${i}.min`} inputMode="decimal" autoComplete="off" maxLength={12} value={row.min} onChange={(e) => setGrant(i, 'min', e.target.value)} />}
                </Field>
                <Field label={t('offers.topUp.grantTier')} error={err(`grants.${i}.tierId`)}>
                  {(p) => (
                    <select {...p} name={`grants.${i}.tierId`} value={row.tierId} onChange={(e) => setGrant(i, 'tierId', e.target.value)}>
                      <option value="">{t('offers.topUp.pickTier')}</option>
                      {offeredTiers(row.tierId).map((x) => (
                        <option key={x.id} value={x.id}>
                          {x.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <span className="offers-row-preview">{min !== null && row.tierId ? t('offers.topUp.grantPreview', { min: money(min), tier: tierName(row.tierId) }) : ''}</span>
                <button type="button" className="btn btn-ghost btn-sm" aria-label={t('offers.topUp.removeGrant', { n: i + 1 })} onClick={() => removeGrant(i)}>
                  {t('offers.remove')}
                </button>
              </fieldset>
            );
          })}
          {d.grants.length < MAX_GRANT_ROWS ? (
            <button id="topup-add-grant" type="button" className="btn btn-outline btn-sm" onClick={addGrant}>
              + {t('offers.topUp.addGrant')}
            </button>
          ) : null}
        </fieldset>

        <div className="form-actions">
          <SubmitButton busy={busy}>{busy ? t('common.saving') : t('common.save')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
