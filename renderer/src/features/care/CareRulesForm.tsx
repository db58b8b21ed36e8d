import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CareRules } from '../../../../shared/contract/complaints.js';
import { fenToYuanString } from '../../../../shared/money.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { notifySuccess } from '../../stores/notices.js';
import { intInput, yuanInput } from '../members/format.js';

const KINDS = ['birthday', 'win_back', 'at_risk', 'complaint_follow_up', 'welcome_back'] as const;
type NumberKey = 'lapseDays' | 'winBackMaxDays' | 'birthdayDaysAhead' | 'welcomeBackDays';
const LIMITS: Record<NumberKey, [number, number]> = { lapseDays: [2, 3650], winBackMaxDays: [2, 3650], birthdayDaysAhead: [0, 31], welcomeBackDays: [1, 90] };

/**
 * 关怀规则 (owner): when a member counts as lapsed (流失) — the N the dashboard's lapse and
 * at-risk figures use too — and which follow-ups the daily care list generates.
 */
export function CareRulesForm() {
  const { t } = useTranslation();
  const [rules, setRules] = useState<CareRules | null>(null);
  const [draft, setDraft] = useState<Record<NumberKey | 'minSpend', string>>({ lapseDays: '', winBackMaxDays: '', birthdayDaysAhead: '', welcomeBackDays: '', minSpend: '' });
  const [enabled, setEnabled] = useState<CareRules['enabled'] | null>(null);
  const [errors, setErrors] = useState<Partial<Record<NumberKey | 'minSpend', string>>>({});
  const [busy, setBusy] = useState(false);

  const load = (r: CareRules) => {
    setRules(r);
    setEnabled(r.enabled);
    setDraft({
      lapseDays: String(r.lapseDays), winBackMaxDays: String(r.winBackMaxDays), birthdayDaysAhead: String(r.birthdayDaysAhead),
      welcomeBackDays: String(r.welcomeBackDays), minSpend: r.winBackMinSpendFen === null ? '' : fenToYuanString(r.winBackMinSpendFen),
    });
  };
  useEffect(() => { void invoke('care.settings', {}).then((r) => r.ok && load(r.value)); }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !rules || !enabled) return;
    const next: Partial<Record<NumberKey | 'minSpend', string>> = {};
    const values = {} as Record<NumberKey, number>;
    for (const k of Object.keys(LIMITS) as NumberKey[]) {
      const [min, max] = LIMITS[k];
      const n = intInput(draft[k], min, max);
      if (n === null || n === undefined) next[k] = t('care.rules.range', { min, max });
      else values[k] = n;
    }
    const spend = yuanInput(draft.minSpend); // '' = the top quartile of spend
    if (spend === undefined) next.minSpend = t('care.rules.money');
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    const r = await invoke('care.setSettings', { ...values, winBackMinSpendFen: spend ?? null, enabled });
    setBusy(false);
    if (!r.ok) return;
    load(r.value);
    notifySuccess('care.rules.saved');
  };

  if (!rules || !enabled) return <p role="status">{t('common.loading')}</p>;
  const number = (k: NumberKey) => (
    <Field label={t(`care.rules.${k}`)} hint={t(`care.rules.${k}Hint`)} error={errors[k]}>
      {(p) => <input {...p} type="text" inputMode="numeric" value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />}
    </Field>
  );
  return (
    <form className="settings-block" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="care-rules-title">
      <h2 id="care-rules-title">{t('care.rules.title')}</h2>
      {number('lapseDays')}
      {number('winBackMaxDays')}
      <Field label={t('care.rules.minSpend')} hint={t('care.rules.minSpendHint')} error={errors.minSpend} optional={t('common.optional')}>
        {(p) => <input {...p} type="text" inputMode="decimal" value={draft.minSpend} onChange={(e) => setDraft({ ...draft, minSpend: e.target.value })} />}
      </Field>
      {number('birthdayDaysAhead')}
      {number('welcomeBackDays')}
      <fieldset>
        <legend>{t('care.rules.kinds')}</legend>
        {KINDS.map((k) => (
          <label key={k} className="checkbox-row">
            <input type="checkbox" checked={enabled[k]} onChange={(e) => setEnabled({ ...enabled, [k]: e.target.checked })} />
            {t(`care.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <SubmitButton busy={busy} className="btn btn-primary">{busy ? t('common.saving') : t('common.save')}</SubmitButton>
      </div>
    </form>
  );
}
