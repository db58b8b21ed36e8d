import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RewardsRules } from '../../../../shared/contract/rewards.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusSelectorLater } from '../../components/focus.js';
import { notifySuccess } from '../../stores/notices.js';
import { intInput, multiplierLabel, weekdayName } from '../members/format.js';
import '../members/members.css';

interface Draft {
  redeemPointsPerYuan: string;
  redeemMaxSharePct: string;
  expiryMode: RewardsRules['expiry']['mode'];
  expiryMonths: string;
  memberDayKind: 'none' | 'weekday' | 'monthday';
  weekday: string;
  monthday: string;
  memberDayPointsPct: string;
  enrolBonus: string;
  birthdayBonus: string;
  birthdayWindow: RewardsRules['birthdayWindow'];
  referralBonus: string;
  /** '' = no birthday coupon. */
  birthdayCoupon: string;
}

/** The rules this form edits (any rule added to the contract later is left as it is). */
type EditableRules = Pick<
  RewardsRules,
  'redeemPointsPerYuan' | 'redeemMaxSharePct' | 'expiry' | 'memberDay' | 'memberDayPointsPct' | 'enrolBonus' | 'birthdayBonus' | 'birthdayWindow' | 'referralBonus' | 'birthdayCouponTemplateId'
>;

type NumberField = 'redeemPointsPerYuan' | 'redeemMaxSharePct' | 'expiryMonths' | 'monthday' | 'memberDayPointsPct' | 'enrolBonus' | 'birthdayBonus' | 'referralBonus';
type Errors = Partial<Record<NumberField, string>>;

/** Allowed ranges, mirroring the contract (shared/contract/rewards.ts). */
const RANGES: Record<NumberField, [number, number]> = {
  redeemPointsPerYuan: [1, 10_000],
  redeemMaxSharePct: [0, 100],
  expiryMonths: [1, 120],
  monthday: [1, 31],
  memberDayPointsPct: [100, 1000],
  enrolBonus: [0, 100_000],
  birthdayBonus: [0, 100_000],
  referralBonus: [0, 100_000],
};

function draftOf(r: RewardsRules): Draft {
  return {
    redeemPointsPerYuan: String(r.redeemPointsPerYuan),
    redeemMaxSharePct: String(r.redeemMaxSharePct),
    expiryMode: r.expiry.mode,
    expiryMonths: String(r.expiry.mode === 'months' ? r.expiry.months : 12),
    memberDayKind: r.memberDay ? r.memberDay.kind : 'none',
    weekday: String(r.memberDay?.kind === 'weekday' ? r.memberDay.weekday : 6),
    monthday: String(r.memberDay?.kind === 'monthday' ? r.memberDay.day : 8),
    memberDayPointsPct: String(r.memberDayPointsPct),
    enrolBonus: String(r.enrolBonus),
    birthdayBonus: String(r.birthdayBonus),
    birthdayWindow: r.birthdayWindow,
    referralBonus: String(r.referralBonus),
    birthdayCoupon: r.birthdayCouponTemplateId ? String(r.birthdayCouponTemplateId) : '',
  };
}

/** The draft as rewards.setRules input, or the fields that are out of range. */
export function rulesFrom(d: Draft): { ok: true; value: EditableRules } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const num = (k: NumberField, needed = true): number => {
    const n = intInput(d[k], RANGES[k][0], RANGES[k][1]);
    if (needed && n == null) errors[k] = `members.rules.range|${JSON.stringify({ min: RANGES[k][0], max: RANGES[k][1] })}`;
    return n ?? 0;
  };
  const value: EditableRules = {
    redeemPointsPerYuan: num('redeemPointsPerYuan'),
    redeemMaxSharePct: num('redeemMaxSharePct'),
    expiry: d.expiryMode === 'months' ? { mode: 'months', months: num('expiryMonths') } : { mode: d.expiryMode },
    memberDay:
      d.memberDayKind === 'weekday' ? { kind: 'weekday', weekday: Number(d.weekday) } : d.memberDayKind === 'monthday' ? { kind: 'monthday', day: num('monthday') } : null,
    memberDayPointsPct: num('memberDayPointsPct'),
    enrolBonus: num('enrolBonus'),
    birthdayBonus: num('birthdayBonus'),
    birthdayWindow: d.birthdayWindow,
    referralBonus: num('referralBonus'),
    birthdayCouponTemplateId: d.birthdayCoupon ? Number(d.birthdayCoupon) : null,
  };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/** Settings → 积分规则 (owner): redemption, expiry, member day, bonuses; and the daily jobs on demand. */
export function RewardsSettings() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [d, setD] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [running, setRunning] = useState(false);
  const [coupons, setCoupons] = useState<Array<{ id: number; name: string; active: boolean }>>([]);

  useEffect(() => {
    let cancelled = false;
    void invoke('rewards.rules', {}).then((r) => {
      if (!cancelled && r.ok) setD(draftOf(r.value));
    });
    void invoke('coupons.templates', {}, { quiet: true }).then((r) => {
      if (!cancelled && r.ok) setCoupons(r.value);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (!d) return <p role="status">{t('common.loading')}</p>;
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((old) => (old ? { ...old, [k]: v } : old));
  const err = (k: NumberField) => {
    const m = errors[k];
    if (!m) return undefined;
    const [key, values] = m.split('|') as [string, string | undefined];
    return (t as unknown as (k: string, v?: Record<string, unknown>) => string)(key, values ? (JSON.parse(values) as Record<string, unknown>) : undefined);
  };
  const invalid = (k: NumberField) => !!errors[k];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const parsed = rulesFrom(d);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      const first = Object.keys(parsed.errors)[0];
      if (first) focusSelectorLater(`#rules-form [name="${first}"]`);
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await invoke('rewards.setRules', parsed.value);
    setBusy(false);
    if (!r.ok) return;
    setD(draftOf(r.value));
    notifySuccess('members.rules.saved');
  };

  const runDaily = async () => {
    if (running) return;
    setRunning(true);
    const r = await invoke('rewards.runDaily', {});
    setRunning(false);
    if (r.ok) notifySuccess(r.value.memberJobs === 'server' ? 'members.rules.dailyOnServer' : 'members.rules.dailyDone', r.value);
  };

  const rate = intInput(d.redeemPointsPerYuan, 1, 10_000);
  const mdPct = intInput(d.memberDayPointsPct, 100, 1000);
  return (
    <form id="rules-form" className="rules-form" noValidate onSubmit={(e) => void submit(e)} aria-label={t('members.rules.title')}>
      <fieldset>
        <legend>{t('members.rules.redeem')}</legend>
        <div className="field-pair">
          <Field label={t('members.rules.rate')} hint={rate != null ? t('members.rules.rateHint', { points: rate }) : undefined} error={err('redeemPointsPerYuan')}>
            {(p) => <input {...p} name="redeemPointsPerYuan" inputMode="numeric" maxLength={6} value={d.redeemPointsPerYuan} onChange={(e) => set('redeemPointsPerYuan', e.target.value)} />}
          </Field>
          <Field label={t('members.rules.cap')} hint={t('members.rules.capHint')} error={err('redeemMaxSharePct')}>
            {(p) => <input {...p} name="redeemMaxSharePct" inputMode="numeric" maxLength={3} value={d.redeemMaxSharePct} onChange={(e) => set('redeemMaxSharePct', e.target.value)} />}
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('members.rules.expiry')}</legend>
        <div className="radio-stack">
          <label>
            <input type="radio" name="expiryMode" checked={d.expiryMode === 'months'} onChange={() => set('expiryMode', 'months')} />
            {t('members.rules.expiryMonthsBefore')}
            <input
              name="expiryMonths"
              inputMode="numeric"
              maxLength={3}
              aria-label={t('members.rules.expiryMonths')}
              aria-invalid={invalid('expiryMonths')}
              disabled={d.expiryMode !== 'months'}
              value={d.expiryMonths}
              onChange={(e) => set('expiryMonths', e.target.value)}
            />
            {t('members.rules.expiryMonthsAfter')}
          </label>
          {errors.expiryMonths ? <p className="field-error">{err('expiryMonths')}</p> : null}
          <label>
            <input type="radio" name="expiryMode" checked={d.expiryMode === 'end_of_next_year'} onChange={() => set('expiryMode', 'end_of_next_year')} />
            {t('members.rules.expiryEndOfNextYear')}
          </label>
          <label>
            <input type="radio" name="expiryMode" checked={d.expiryMode === 'never'} onChange={() => set('expiryMode', 'never')} />
            {t('members.rules.expiryNever')}
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('members.rules.memberDay')}</legend>
        <div className="radio-stack">
          <label>
            <input type="radio" name="memberDayKind" checked={d.memberDayKind === 'none'} onChange={() => set('memberDayKind', 'none')} />
            {t('members.rules.memberDayNone')}
          </label>
          <label>
            <input type="radio" name="memberDayKind" checked={d.memberDayKind === 'weekday'} onChange={() => set('memberDayKind', 'weekday')} />
            {t('members.rules.memberDayWeekday')}
            <select aria-label={t('members.rules.weekday')} disabled={d.memberDayKind !== 'weekday'} value={d.weekday} onChange={(e) => set('weekday', e.target.value)}>
              {[1, 2, 3, 4, 5, 6, 0].map((w) => (
                <option key={w} value={w}>
                  {weekdayName(w, locale)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="radio" name="memberDayKind" checked={d.memberDayKind === 'monthday'} onChange={() => set('memberDayKind', 'monthday')} />
            {t('members.rules.memberDayMonthdayBefore')}
            <input
              name="monthday"
              inputMode="numeric"
              maxLength={2}
              aria-label={t('members.rules.monthday')}
              aria-invalid={invalid('monthday')}
              disabled={d.memberDayKind !== 'monthday'}
              value={d.monthday}
              onChange={(e) => set('monthday', e.target.value)}
            />
            {t('members.rules.memberDayMonthdayAfter')}
          </label>
          {errors.monthday ? <p className="field-error">{err('monthday')}</p> : null}
        </div>
        <Field label={t('members.rules.memberDayPct')} hint={mdPct != null ? t('members.rules.memberDayPctHint', { label: multiplierLabel(mdPct) }) : undefined} error={err('memberDayPointsPct')}>
          {(p) => <input {...p} name="memberDayPointsPct" inputMode="numeric" maxLength={4} disabled={d.memberDayKind === 'none'} value={d.memberDayPointsPct} onChange={(e) => set('memberDayPointsPct', e.target.value)} />}
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('members.rules.bonuses')}</legend>
        <div className="field-triple">
          <Field label={t('members.rules.enrolBonus')} error={err('enrolBonus')}>
            {(p) => <input {...p} name="enrolBonus" inputMode="numeric" maxLength={6} value={d.enrolBonus} onChange={(e) => set('enrolBonus', e.target.value)} />}
          </Field>
          <Field label={t('members.rules.birthdayBonus')} error={err('birthdayBonus')}>
            {(p) => <input {...p} name="birthdayBonus" inputMode="numeric" maxLength={6} value={d.birthdayBonus} onChange={(e) => set('birthdayBonus', e.target.value)} />}
          </Field>
          <Field label={t('members.rules.referralBonus')} hint={t('members.rules.referralHint')} error={err('referralBonus')}>
            {(p) => <input {...p} name="referralBonus" inputMode="numeric" maxLength={6} value={d.referralBonus} onChange={(e) => set('referralBonus', e.target.value)} />}
          </Field>
        </div>
        <div className="field-pair">
          <Field label={t('members.rules.birthdayWindow')}>
            {(p) => (
              <select {...p} value={d.birthdayWindow} onChange={(e) => set('birthdayWindow', e.target.value as Draft['birthdayWindow'])}>
                {(['day', 'week', 'month'] as const).map((w) => (
                  <option key={w} value={w}>
                    {t(`members.rules.window.${w}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('members.rules.birthdayCoupon')} hint={coupons.length ? undefined : t('members.rules.noCouponTemplates')}>
            {(p) => (
              <select {...p} value={d.birthdayCoupon} onChange={(e) => set('birthdayCoupon', e.target.value)}>
                <option value="">{t('members.rules.noBirthdayCoupon')}</option>
                {coupons
                  .filter((c) => c.active || String(c.id) === d.birthdayCoupon)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <div className="form-actions">
        <button type="button" className="btn btn-ghost" aria-disabled={running} onClick={() => void runDaily()}>
          {running ? t('members.rules.dailyRunning') : t('members.rules.runDaily')}
        </button>
        <SubmitButton busy={busy}>{busy ? t('common.saving') : t('common.save')}</SubmitButton>
      </div>
    </form>
  );
}
