import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberCard, MemberProfile } from '../../../../shared/contract/members.js';
import type { AppError } from '../../../../shared/errors.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { DialogActions, SubmitButton } from '../../components/SubmitButton.js';
import { focusSelectorLater } from '../../components/focus.js';
import { formatMoney } from '../../i18n/format.js';
import { notifySuccess } from '../../stores/notices.js';
import { validateEnrol } from './EnrolForm.js';
import { fieldText, serverFieldErrors } from './field-errors.js';
import { MemberLookup } from './MemberLookup.js';
import { TagInput, useShopTags } from './TagInput.js';

type Gender = 'male' | 'female' | '';
type EditErrors = Partial<Record<'phone' | 'name' | 'birthday' | 'note', string>>;

/**
 * Edit a profile. Everyone at the till can fix the name, birthday, tags and note; changing
 * the phone (the member's key) is a manager's.
 */
export function EditMemberDialog({ profile, canChangePhone, onClose, onSaved }: { profile: MemberProfile; canChangePhone: boolean; onClose: () => void; onSaved: (p: MemberProfile) => void }) {
  const { t } = useTranslation();
  const shopTags = useShopTags();
  const [phone, setPhone] = useState('');
  const [name, setName] = useState(profile.name);
  const [birthday, setBirthday] = useState(profile.birthday ?? '');
  const [gender, setGender] = useState<Gender>(profile.gender ?? '');
  const [tags, setTags] = useState(profile.tags);
  const [note, setNote] = useState(profile.note);
  const [consent, setConsent] = useState(profile.consent);
  const [errors, setErrors] = useState<EditErrors>({});
  const [busy, setBusy] = useState(false);

  const show = (e: EditErrors) => {
    setErrors(e);
    const first = (['phone', 'name', 'birthday', 'note'] as const).find((k) => e[k]);
    if (first) focusSelectorLater(`#edit-member-form [name="${first}"]`);
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    const e: EditErrors = validateEnrol({ phone, name, birthday, note }, false);
    if (Object.keys(e).length) return show(e);
    setBusy(true);
    const r = await invoke('members.update', {
      id: profile.id,
      ...(canChangePhone && phone.trim() ? { phone: phone.trim() } : {}),
      name: name.trim(),
      birthday: birthday.trim() || null,
      gender: gender || null,
      tags,
      note: note.trim(),
      consent,
    });
    setBusy(false);
    if (!r.ok) return show(serverFieldErrors(r.error as AppError, ['phone', 'name', 'birthday', 'note']));
    notifySuccess('members.edit.saved');
    onSaved(r.value);
  };

  const err = (k: keyof EditErrors) => fieldText(t, errors[k]);
  return (
    <Modal title={t('members.edit.title')} onClose={onClose} wide>
      <form id="edit-member-form" noValidate onSubmit={(e) => void submit(e)} aria-label={t('members.edit.title')}>
        <div className="field-pair">
          <Field label={t('members.field.name')} optional={t('common.optional')} error={err('name')}>
            {(p) => <input {...p} name="name" autoComplete="off" maxLength={30} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          {canChangePhone ? (
            <Field label={t('members.edit.newPhone')} optional={t('common.optional')} hint={t('members.edit.newPhoneHint', { phone: profile.maskedPhone })} error={err('phone')}>
              {(p) => <input {...p} name="phone" type="tel" inputMode="tel" autoComplete="off" maxLength={20} value={phone} onChange={(e) => setPhone(e.target.value)} />}
            </Field>
          ) : (
            <p className="field-hint phone-note">{t('members.edit.phoneManagerOnly')}</p>
          )}
        </div>
        <div className="field-pair">
          <Field label={t('members.field.birthday')} optional={t('common.optional')} hint={t('members.enrol.birthdayHint')} error={err('birthday')}>
            {(p) => <input {...p} name="birthday" autoComplete="off" maxLength={10} placeholder="MM-DD" value={birthday} onChange={(e) => setBirthday(e.target.value)} />}
          </Field>
          <fieldset className="radio-row gender-row">
            <legend>{t('members.field.gender')}</legend>
            {(['', 'female', 'male'] as const).map((g) => (
              <label key={g || 'none'} className="radio-pill">
                <input type="radio" name="edit-gender" value={g} checked={gender === g} onChange={() => setGender(g)} />
                {t(`members.gender.${g || 'unset'}`)}
              </label>
            ))}
          </fieldset>
        </div>
        <Field label={t('members.field.tags')} optional={t('common.optional')} hint={t('members.tags.hint')}>
          {(p) => <TagInput control={p} value={tags} onChange={setTags} suggestions={shopTags.map((x) => x.tag)} />}
        </Field>
        <Field label={t('members.field.note')} optional={t('common.optional')} error={err('note')}>
          {(p) => <textarea {...p} name="note" rows={2} maxLength={250} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <label className="check-row">
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
          {t('members.field.consent')}
        </label>
        <DialogActions busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** Freeze (the card cannot be used at checkout) or unfreeze, with a reason for the audit log. */
export function StatusDialog({ profile, onClose, onDone }: { profile: MemberProfile; onClose: () => void; onDone: (p: MemberProfile) => void }) {
  const { t } = useTranslation();
  const freezing = profile.status === 'active';
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    if (freezing && !reason.trim()) {
      setError('validation.required');
      focusSelectorLater('#status-form textarea');
      return;
    }
    setBusy(true);
    const r = await invoke('members.setStatus', { id: profile.id, status: freezing ? 'frozen' : 'active', reason: reason.trim() });
    setBusy(false);
    if (!r.ok) return;
    notifySuccess(freezing ? 'members.freeze.frozen' : 'members.freeze.unfrozen');
    onDone(r.value);
  };

  const title = freezing ? t('members.freeze.freezeTitle') : t('members.freeze.unfreezeTitle');
  return (
    <Modal title={title} onClose={onClose}>
      <form id="status-form" noValidate onSubmit={(e) => void submit(e)} aria-label={title}>
        <p className="lead">{freezing ? t('members.freeze.freezeBody') : t('members.freeze.unfreezeBody')}</p>
        <Field label={t('members.freeze.reason')} optional={freezing ? undefined : t('common.optional')} error={fieldText(t, error)}>
          {(p) => <textarea {...p} rows={2} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <SubmitButton busy={busy} className={freezing ? 'btn btn-danger' : 'btn btn-primary'}>
            {freezing ? t('members.freeze.freeze') : t('members.freeze.unfreeze')}
          </SubmitButton>
        </div>
      </form>
    </Modal>
  );
}

function MemberSummary({ m, heading }: { m: MemberCard; heading: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="merge-card">
      <h3>{heading}</h3>
      <dl className="facts facts-compact">
        <dt>{t('members.field.name')}</dt>
        <dd>{m.name || t('members.noName')}</dd>
        <dt>{t('members.field.phone')}</dt>
        <dd className="mono">{m.maskedPhone || '—'}</dd>
        <dt>{t('members.field.cardNo')}</dt>
        <dd className="mono">{m.cardNo}</dd>
        <dt>{t('members.field.tier')}</dt>
        <dd>{m.tier.name}</dd>
        <dt>{t('members.field.points')}</dt>
        <dd>{m.points}</dd>
        <dt>{t('members.field.storedValue')}</dt>
        <dd>{formatMoney(m.storedValueFen, i18n.language)}</dd>
        <dt>{t('members.field.spend')}</dt>
        <dd>
          {formatMoney(m.spendFen, i18n.language)} · {t('members.visitsCount', { count: m.visits })}
        </dd>
      </dl>
    </div>
  );
}

/**
 * Merge a duplicate into this member: find the other card, check both side by side, confirm.
 * Its purchases, points, stored value, tags and referrals move here; the duplicate closes.
 */
export function MergeDialog({ profile, onClose, onMerged }: { profile: MemberProfile; onClose: () => void; onMerged: (p: MemberProfile) => void }) {
  const { t } = useTranslation();
  const [other, setOther] = useState<MemberCard | null>(null);
  const [busy, setBusy] = useState(false);

  const merge = async () => {
    if (!other || busy) return;
    setBusy(true);
    const r = await invoke('members.merge', { keepId: profile.id, mergeId: other.id });
    setBusy(false);
    if (!r.ok) return;
    notifySuccess('members.merge.done', { card: other.cardNo });
    onMerged(r.value);
  };

  return (
    <Modal title={t('members.merge.title')} onClose={onClose} wide>
      {other === null ? (
        <>
          <p className="lead">{t('members.merge.intro')}</p>
          <MemberLookup autoFocus excludeId={profile.id} label={t('members.merge.find')} onPick={(m) => { setOther(m); focusSelectorLater('#merge-confirm'); }} />
          <div className="modal-actions">
            <button type="button" className="btn btn-ghost" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      ) : (
        <>
          <div className="merge-pair">
            <MemberSummary m={profile} heading={t('members.merge.keep')} />
            <span className="merge-arrow" aria-hidden="true">
              ←
            </span>
            <MemberSummary m={other} heading={t('members.merge.remove')} />
          </div>
          <p className="warning-box">{t('members.merge.explain', { card: other.cardNo, keep: profile.cardNo })}</p>
          <div className="modal-actions">
            <button type="button" className="btn btn-ghost" onClick={() => { setOther(null); focusSelectorLater('.modal .lookup-input'); }}>
              {t('members.merge.back')}
            </button>
            <button id="merge-confirm" type="button" className="btn btn-danger" aria-disabled={busy} onClick={() => void merge()}>
              {t('members.merge.confirm')}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}

/**
 * Erase on request (删除个人信息): name, phone, birthday, tags and note are removed for good;
 * the sales stay, anonymous, for the books. Owner only, with a reason and an explicit confirmation.
 */
export function EraseDialog({ profile, onClose, onErased }: { profile: MemberProfile; onClose: () => void; onErased: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [sure, setSure] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    if (!reason.trim()) {
      setError('validation.required');
      focusSelectorLater('#erase-form textarea');
      return;
    }
    if (!sure) {
      focusSelectorLater('#erase-form input[type="checkbox"]');
      return;
    }
    setBusy(true);
    const r = await invoke('members.erase', { id: profile.id, reason: reason.trim() });
    setBusy(false);
    if (!r.ok) return;
    notifySuccess('members.erase.done');
    onErased();
  };

  return (
    <Modal title={t('members.erase.title')} onClose={onClose} role="alertdialog" initialFocusId="erase-cancel">
      <form id="erase-form" noValidate onSubmit={(e) => void submit(e)} aria-label={t('members.erase.title')}>
        <p className="warning-box">{t('members.erase.explain', { card: profile.cardNo })}</p>
        <Field label={t('members.erase.reason')} error={fieldText(t, error)} hint={t('members.erase.reasonHint')}>
          {(p) => <textarea {...p} rows={2} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <label className="check-row">
          <input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} />
          {t('members.erase.confirmCheck')}
        </label>
        <div className="modal-actions">
          <button id="erase-cancel" type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <SubmitButton busy={busy || !sure} className="btn btn-danger">
            {t('members.erase.confirm')}
          </SubmitButton>
        </div>
      </form>
    </Modal>
  );
}
