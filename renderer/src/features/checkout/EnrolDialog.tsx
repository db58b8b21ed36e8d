import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberCard } from '../../../../shared/contract/members.js';
import { normalizeMobile } from '../../../../shared/phone.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusLater } from '../../components/focus.js';
import { notifySuccess } from '../../stores/notices.js';

const PHONE_ID = 'enrol-phone';
const BIRTHDAY_ID = 'enrol-birthday';
const REFERRER_ID = 'enrol-referrer';

type Errors = Partial<Record<'phone' | 'birthday' | 'referrer', string>>;

/**
 * 快速开卡 at the counter: the phone is all that is needed; name, birthday (MM-DD) and the
 * referring member are optional. The new member is attached to the sale at once.
 */
export function EnrolDialog({ phone: initialPhone, onEnrolled, onClose }: { phone: string; onEnrolled: (m: MemberCard) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState(initialPhone);
  const [name, setName] = useState('');
  const [birthday, setBirthday] = useState('');
  const [referrer, setReferrer] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const next: Errors = {};
    const normal = normalizeMobile(phone);
    if (!normal) next.phone = t('checkout.enrol.phoneInvalid');
    const bday = birthday.trim();
    if (bday && !/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(bday)) next.birthday = t('checkout.enrol.birthdayInvalid');
    setErrors(next);
    const first = next.phone ? PHONE_ID : next.birthday ? BIRTHDAY_ID : null;
    if (first) return focusLater(first);
    setBusy(true);
    let referrerId: number | null = null;
    const ref = referrer.trim();
    if (ref) {
      const r = await invoke('members.find', { query: ref, limit: 2 }, { quiet: true });
      const one = r.ok && r.value.members.length === 1 && r.value.by !== 'name' && r.value.by !== 'last4' ? r.value.members[0] : undefined;
      if (!one) {
        setBusy(false);
        setErrors({ referrer: t('checkout.enrol.referrerNotFound') });
        return focusLater(REFERRER_ID);
      }
      referrerId = one.id;
    }
    const r = await invoke('members.enrol', { phone: normal!, name: name.trim(), birthday: bday || null, referrerId });
    setBusy(false);
    if (!r.ok) {
      const field = r.error.details?.field;
      if (field === 'phone') {
        setErrors({ phone: r.error.code === 'conflict' ? t('checkout.enrol.phoneTaken') : t('checkout.enrol.phoneInvalid') });
        focusLater(PHONE_ID);
      } else if (field === 'birthday') {
        setErrors({ birthday: t('checkout.enrol.birthdayInvalid') });
        focusLater(BIRTHDAY_ID);
      } else if (field === 'referrerId') {
        setErrors({ referrer: t('checkout.enrol.referrerNotFound') });
        focusLater(REFERRER_ID);
      }
      return;
    }
    notifySuccess('checkout.enrol.done', { name: r.value.name || r.value.maskedPhone, cardNo: r.value.cardNo });
    onEnrolled(r.value);
  };

  return (
    <Modal title={t('checkout.enrol.title')} onClose={onClose} initialFocusId={PHONE_ID}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Field id={PHONE_ID} label={t('checkout.enrol.phone')} error={errors.phone}>
          {(p) => <input {...p} type="tel" inputMode="tel" autoComplete="off" maxLength={20} value={phone} onChange={(e) => setPhone(e.target.value)} />}
        </Field>
        <Field label={t('checkout.enrol.name')} optional={t('common.optional')}>
          {(p) => <input {...p} autoComplete="off" maxLength={20} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <div className="field-pair">
          <Field id={BIRTHDAY_ID} label={t('checkout.enrol.birthday')} optional={t('common.optional')} hint={t('checkout.enrol.birthdayHint')} error={errors.birthday}>
            {(p) => <input {...p} inputMode="numeric" autoComplete="off" maxLength={10} placeholder="MM-DD" value={birthday} onChange={(e) => setBirthday(e.target.value)} />}
          </Field>
          <Field id={REFERRER_ID} label={t('checkout.enrol.referrer')} optional={t('common.optional')} hint={t('checkout.enrol.referrerHint')} error={errors.referrer}>
            {(p) => <input {...p} autoComplete="off" maxLength={40} value={referrer} onChange={(e) => setReferrer(e.target.value)} />}
          </Field>
        </div>
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <SubmitButton busy={busy} className="btn btn-primary">
            {t('checkout.enrol.submit')}
          </SubmitButton>
        </div>
      </form>
    </Modal>
  );
}
