import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberCard, MemberProfile } from '../../../../shared/contract/members.js';
import type { AppError } from '../../../../shared/errors.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusLater, focusSelectorLater } from '../../components/focus.js';
import { notifySuccess } from '../../stores/notices.js';
import { birthdayProblem } from './format.js';
import { MemberLookup } from './MemberLookup.js';
import { TagInput, useShopTags } from './TagInput.js';
import { fieldText, serverFieldErrors } from './field-errors.js';

type Gender = 'male' | 'female' | '';

interface Values {
  phone: string;
  name: string;
  birthday: string;
  gender: Gender;
  tags: string[];
  note: string;
  consent: boolean;
}

type Errors = Partial<Record<'phone' | 'name' | 'birthday' | 'note' | 'referrerId', string>>;

const FIELD_ORDER: Array<keyof Errors> = ['phone', 'name', 'birthday', 'note', 'referrerId'];
const REFERRER_ID = 'enrol-referrer';

/** The checks the till can make before asking the core (which validates again). An empty phone is fine when editing. */
export function validateEnrol(v: Pick<Values, 'phone' | 'name' | 'birthday' | 'note'>, phoneRequired = true): Errors {
  const e: Errors = {};
  const digits = v.phone.replace(/[\s-]/g, '');
  if (!digits) {
    if (phoneRequired) e.phone = 'validation.required';
  }
  else if (!/^(\+?86)?1\d{10}$/.test(digits)) e.phone = 'errors.phone_invalid';
  if (v.name.trim().length > 20) e.name = 'validation.tooLong|{"max":20}';
  const b = birthdayProblem(v.birthday);
  if (b === 'format') e.birthday = 'members.enrol.birthdayFormat';
  else if (b === 'date') e.birthday = 'errors.birthday_invalid';
  if (v.note.trim().length > 200) e.note = 'validation.tooLong|{"max":200}';
  return e;
}

/**
 * 快速开卡: the phone is all that is needed; the rest is optional and quick to skip with Tab.
 * Opens with the phone typed into a lookup that found nobody.
 */
export function EnrolDialog({ initialPhone = '', onClose, onEnrolled }: { initialPhone?: string; onClose: () => void; onEnrolled: (m: MemberProfile) => void }) {
  const { t } = useTranslation();
  const shopTags = useShopTags();
  const [v, setV] = useState<Values>({ phone: initialPhone, name: '', birthday: '', gender: '', tags: [], note: '', consent: false });
  const [referrer, setReferrer] = useState<MemberCard | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    // A corrected field stops saying it is wrong.
    setErrors((old) => (k in old ? Object.fromEntries(Object.entries(old).filter(([key]) => key !== k)) : old));
  };

  const showErrors = (e: Errors) => {
    setErrors(e);
    const first = FIELD_ORDER.find((k) => e[k]);
    if (first === 'referrerId') focusLater(referrer ? REFERRER_ID : 'enrol-referrer-lookup');
    else if (first) focusSelectorLater(`#enrol-form [name="${first}"]`);
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    const e = validateEnrol(v);
    if (Object.keys(e).length) {
      showErrors(e);
      return;
    }
    setBusy(true);
    const r = await invoke('members.enrol', {
      phone: v.phone.trim(),
      name: v.name.trim(),
      birthday: v.birthday.trim() || null,
      gender: v.gender || null,
      tags: v.tags,
      note: v.note.trim(),
      consent: v.consent,
      referrerId: referrer?.id ?? null,
    });
    setBusy(false);
    if (!r.ok) {
      showErrors(serverFieldErrors(r.error as AppError, ['phone', 'name', 'birthday', 'note', 'referrerId']));
      return;
    }
    notifySuccess('members.enrol.done', { card: r.value.cardNo });
    onEnrolled(r.value);
  };

  const err = (k: keyof Errors) => fieldText(t, errors[k]);

  return (
    <Modal title={t('members.enrol.title')} onClose={onClose} wide>
      <form id="enrol-form" className="enrol-form" noValidate onSubmit={(e) => void submit(e)} aria-label={t('members.enrol.title')}>
        <div className="field-pair">
          <Field label={t('members.field.phone')} error={err('phone')} hint={t('members.enrol.phoneHint')}>
            {(p) => (
              <input {...p} name="phone" type="tel" inputMode="tel" autoComplete="off" maxLength={20} value={v.phone} onChange={(e) => set('phone', e.target.value)} />
            )}
          </Field>
          <Field label={t('members.field.name')} optional={t('common.optional')} error={err('name')}>
            {(p) => <input {...p} name="name" autoComplete="off" maxLength={30} value={v.name} onChange={(e) => set('name', e.target.value)} />}
          </Field>
        </div>
        <div className="field-pair">
          <Field label={t('members.field.birthday')} optional={t('common.optional')} error={err('birthday')} hint={t('members.enrol.birthdayHint')}>
            {(p) => (
              <input {...p} name="birthday" autoComplete="off" inputMode="numeric" maxLength={10} placeholder="MM-DD" value={v.birthday} onChange={(e) => set('birthday', e.target.value)} />
            )}
          </Field>
          <fieldset className="radio-row gender-row">
            <legend>{t('members.field.gender')}</legend>
            {(['', 'female', 'male'] as const).map((g) => (
              <label key={g || 'none'} className="radio-pill">
                <input type="radio" name="enrol-gender" value={g} checked={v.gender === g} onChange={() => set('gender', g)} />
                {t(`members.gender.${g || 'unset'}`)}
              </label>
            ))}
          </fieldset>
        </div>
        <div className="field-pair">
          <Field label={t('members.field.tags')} optional={t('common.optional')} hint={t('members.tags.hint')}>
            {(p) => <TagInput control={p} value={v.tags} onChange={(tags) => set('tags', tags)} suggestions={shopTags.map((x) => x.tag)} />}
          </Field>
          <Field label={t('members.field.note')} optional={t('common.optional')} error={err('note')}>
            {(p) => <textarea {...p} name="note" rows={2} maxLength={250} value={v.note} onChange={(e) => set('note', e.target.value)} />}
          </Field>
        </div>
        <div className="referrer-box">
          {referrer ? (
            <div className="referrer-picked" id={REFERRER_ID} tabIndex={-1}>
              <span>
                {t('members.enrol.referrerIs')}<strong>{referrer.name || t('members.noName')}</strong> <span className="mono">{referrer.maskedPhone}</span>
              </span>
              <button
                type="button"
                className="btn btn-ghost btn-sm"
                onClick={() => {
                  setReferrer(null);
                  focusLater('enrol-referrer-lookup');
                }}
              >
                {t('members.enrol.clearReferrer')}
              </button>
            </div>
          ) : (
            <MemberLookup
              variant="compact"
              inputId="enrol-referrer-lookup"
              label={t('members.enrol.referrerLookup')}
              onPick={(m) => {
                setReferrer(m);
                focusLater(REFERRER_ID);
              }}
            />
          )}
          {errors.referrerId ? <p className="field-error">{err('referrerId')}</p> : null}
        </div>
        <label className="check-row">
          <input type="checkbox" checked={v.consent} onChange={(e) => set('consent', e.target.checked)} />
          {t('members.field.consent')}
        </label>
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <SubmitButton busy={busy}>{busy ? t('members.enrol.submitting') : t('members.enrol.submit')}</SubmitButton>
        </div>
      </form>
    </Modal>
  );
}
