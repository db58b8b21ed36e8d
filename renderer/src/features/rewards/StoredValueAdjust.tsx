import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberCard } from '../../../../shared/contract/members.js';
import { roleAllows } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusSelectorLater } from '../../components/focus.js';
import { formatMoney } from '../../i18n/format.js';
import { notifySuccess } from '../../stores/notices.js';
import { useSession } from '../../stores/session.js';
import { svAdjustFrom, type SvAdjustDraft, type SvAdjustField } from './offers-forms.js';
import { offerText } from './offer-text.js';
import './offers.css';

const EMPTY: SvAdjustDraft = { direction: 'add', part: 'principal', amount: '', reason: '' };
const field = (name: SvAdjustField) => `#sv-adjust-form [name="${name}"]`;

/**
 * 调整储值 (managers): a correction of the member's stored value with a reason (audited, a
 * ledger entry like any other). Principal (本金) and bonus (赠送金额) are adjusted apart, as the
 * shop owes them differently; a deduction never takes either below zero. A cashier sees why
 * the form is not there.
 */
export function StoredValueAdjust({ member, balance, onDone }: {
  member: MemberCard;
  /** The balance as the page last read it; null while it loads. */
  balance: { principalFen: number; bonusFen: number } | null;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const role = useSession((s) => s.staff?.role ?? 'cashier');
  const [d, setD] = useState<SvAdjustDraft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<SvAdjustField, string>>>({});
  const [busy, setBusy] = useState(false);

  if (member.status !== 'active' && member.status !== 'frozen') return null;
  if (!roleAllows(role, 'manager')) return <p className="muted small">{t('offers.adjust.managerOnly')}</p>;

  const has = balance ?? { principalFen: 0, bonusFen: 0 };
  const set = <K extends keyof SvAdjustDraft>(k: K, v: SvAdjustDraft[K]) => {
    setD((old) => ({ ...old, [k]: v }));
    // Changing direction or part changes what the amount is checked against.
    setErrors((old) => (k === 'reason' ? { ...old, reason: undefined } : { ...old, amount: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !balance) return;
    const parsed = svAdjustFrom(d, balance);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return focusSelectorLater(field(parsed.errors.amount ? 'amount' : 'reason'));
    }
    setBusy(true);
    const r = await invoke('storedValue.adjust', { memberId: member.id, ...parsed.value });
    setBusy(false);
    if (!r.ok) return;
    const delta = parsed.value.principalDelta + parsed.value.bonusDelta;
    notifySuccess('offers.adjust.done', {
      part: t(`offers.adjust.part.${d.part}`),
      delta: `${delta > 0 ? '+' : '−'}${formatMoney(Math.abs(delta), locale)}`,
      balance: formatMoney(r.value.totalFen, locale),
    });
    setD({ ...EMPTY, direction: d.direction, part: d.part });
    setErrors({});
    onDone();
    focusSelectorLater(field('amount'));
  };

  return (
    <section className="profile-section" aria-labelledby="sv-adjust-title">
      <h2 id="sv-adjust-title" className="section-title">
        {t('offers.adjust.title')}
      </h2>
      <form id="sv-adjust-form" className="sv-adjust-form" noValidate aria-labelledby="sv-adjust-title" onSubmit={(e) => void submit(e)}>
        <div className="field-pair">
          <fieldset className="radio-row">
            <legend>{t('offers.adjust.direction')}</legend>
            {(['add', 'deduct'] as const).map((v) => (
              <label key={v} className="radio-pill">
                <input type="radio" name="sv-direction" checked={d.direction === v} onChange={() => set('direction', v)} />
                {t(`offers.adjust.${v}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="radio-row">
            <legend>{t('offers.adjust.partLabel')}</legend>
            {(['principal', 'bonus'] as const).map((v) => (
              <label key={v} className="radio-pill">
                <input type="radio" name="sv-part" checked={d.part === v} onChange={() => set('part', v)} />
                {t(`offers.adjust.part.${v}`)}
              </label>
            ))}
          </fieldset>
        </div>
        <div className="field-pair">
          <Field
            label={t('offers.adjust.amount')}
            hint={t('offers.adjust.has', { principal: formatMoney(has.principalFen, locale), bonus: formatMoney(has.bonusFen, locale) })}
            error={offerText(t, locale, errors.amount)}
          >
            {(p) => <input {...p} name="amount" inputMode="decimal" autoComplete="off" maxLength={12} value={d.amount} onChange={(e) => set('amount', e.target.value)} />}
          </Field>
          <Field label={t('offers.adjust.reason')} error={offerText(t, locale, errors.reason)}>
            {(p) => <input {...p} name="reason" autoComplete="off" maxLength={200} value={d.reason} onChange={(e) => set('reason', e.target.value)} />}
          </Field>
        </div>
        <div className="form-actions">
          <SubmitButton busy={busy || !balance} className="btn btn-primary">
            {busy ? t('common.saving') : t('offers.adjust.submit')}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
