import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SEVERITIES } from '../../../../shared/contract/complaints.js';

type Severity = (typeof SEVERITIES)[number];
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { focusLater } from '../../components/focus.js';
import { Modal } from '../../components/Modal.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { notifySuccess } from '../../stores/notices.js';
import { MemberLookup } from '../members/MemberLookup.js';
import { loadComplaintLists, useComplaints, type LogPrefill } from './complaints-store.js';
import { useComplaintLabels } from './labels.js';
import { useLogComplaintShortcut } from './shortcut.js';
import '../members/members.css';
import './complaints.css';

const CATEGORY_ID = 'complaint-log-category';
const DESCRIPTION_ID = 'complaint-log-description';

/**
 * 登记投诉 in seconds, all by keyboard: focus starts on the category (↑/↓ or the first letter
 * choose), Tab to severity (arrow keys), Tab to the description, Enter logs it. Channel
 * defaults to in store; the member and the sale come pre-filled from the checkout and can be
 * dropped. Ctrl+Enter logs from any field.
 */
export function ComplaintLogDialog({ prefill }: { prefill: LogPrefill }) {
  const { t } = useTranslation();
  const close = useComplaints((s) => s.closeLog);
  const changed = useComplaints((s) => s.changed);
  const labels = useComplaintLabels();
  const channels = labels.lists?.channels.filter((c) => c.active) ?? [];
  const categories = labels.lists?.categories.filter((c) => c.active) ?? [];
  const [channel, setChannel] = useState('in_store');
  const [category, setCategory] = useState('');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [description, setDescription] = useState('');
  const [member, setMember] = useState(prefill.member);
  const [sale, setSale] = useState(prefill.sale);
  const [errors, setErrors] = useState<{ category?: string; description?: string }>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadComplaintLists();
  }, []);
  useEffect(() => {
    if (channels.length > 0 && !channels.some((c) => c.code === channel)) setChannel(channels[0]!.code);
  }, [channels, channel]);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    const errs: typeof errors = {};
    if (!category) errs.category = t('validation.required');
    if (!description.trim()) errs.description = t('validation.required');
    setErrors(errs);
    if (errs.category) return focusLater(CATEGORY_ID);
    if (errs.description) return focusLater(DESCRIPTION_ID);
    setBusy(true);
    const r = await invoke('complaints.log', {
      channel, category, severity, description: description.trim(), memberId: member?.id ?? null, saleId: sale?.id ?? null,
    });
    setBusy(false);
    if (!r.ok) return;
    notifySuccess('complaints.log.done', { id: r.value.id });
    changed();
    close();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <Modal title={t('complaints.log.title')} onClose={close} initialFocusId={CATEGORY_ID} wide>
      <form className="complaint-log" noValidate onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown}>
        <div className="complaint-log-grid">
          <Field label={t('complaints.field.channel')}>
            {(p) => (
              <select {...p} value={channel} onChange={(e) => setChannel(e.target.value)}>
                {channels.map((c) => <option key={c.code} value={c.code}>{labels.channel(c.code)}</option>)}
              </select>
            )}
          </Field>
          <Field id={CATEGORY_ID} label={t('complaints.field.category')} error={errors.category}>
            {(p) => (
              <select {...p} value={category} onChange={(e) => { setCategory(e.target.value); setErrors((o) => ({ ...o, category: undefined })); }}>
                <option value="">{t('complaints.log.choose')}</option>
                {categories.map((c) => <option key={c.code} value={c.code}>{labels.category(c.code)}</option>)}
              </select>
            )}
          </Field>
        </div>
        <fieldset className="radio-row">
          <legend>{t('complaints.field.severity')}</legend>
          {SEVERITIES.map((s) => (
            <label key={s} className="radio-pill">
              <input type="radio" name="complaint-severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} />
              {labels.severity(s)}
            </label>
          ))}
        </fieldset>
        <Field id={DESCRIPTION_ID} label={t('complaints.field.description')} error={errors.description} hint={t('complaints.log.enterHint')}>
          {(p) => (
            <input {...p} type="text" autoComplete="off" maxLength={500} value={description}
              onChange={(e) => { setDescription(e.target.value); setErrors((o) => ({ ...o, description: undefined })); }} />
          )}
        </Field>
        <div className="complaint-log-links">
          {member ? (
            <p className="complaint-link" role="group" aria-label={t('complaints.log.memberLinked', { name: member.name || t('complaints.noName') })}>
              <span>{t('complaints.field.member')}：<strong>{member.name || t('complaints.noName')}</strong>{member.maskedPhone ? <span className="mono"> {member.maskedPhone}</span> : null}</span>
              <button type="button" className="btn btn-sm btn-ghost" onClick={() => { setMember(null); setSale(null); }}>
                {t('complaints.log.unlink')}
              </button>
            </p>
          ) : (
            <MemberLookup variant="compact" label={t('complaints.log.findMember')} autoPickExact onPick={(m) => setMember({ id: m.id, name: m.name, maskedPhone: m.maskedPhone })} />
          )}
          {sale ? (
            <p className="complaint-link" role="group" aria-label={t('complaints.log.saleLinked', { receiptNo: sale.receiptNo })}>
              <span>{t('complaints.field.sale')}：<strong className="mono">{sale.receiptNo}</strong></span>
              <button type="button" className="btn btn-sm btn-ghost" onClick={() => setSale(null)}>
                {t('complaints.log.unlink')}
              </button>
            </p>
          ) : null}
        </div>
        <div className="modal-actions">
          <button type="button" className="btn btn-outline" onClick={close}>{t('common.cancel')}</button>
          <SubmitButton busy={busy} className="btn btn-primary">
            {busy ? t('common.saving') : t('complaints.log.submit')}
          </SubmitButton>
        </div>
      </form>
    </Modal>
  );
}

/**
 * Mounted once in the shell: the Shift+F5 key, the dialog while logging, and a clean slate
 * (no open complaint, no member filter) for each person who signs in.
 */
export function ComplaintLogHost({ staffId }: { staffId: number }) {
  const logging = useComplaints((s) => s.logging);
  useLogComplaintShortcut();
  useEffect(() => {
    useComplaints.setState({ logging: null, openId: null, memberFilter: null, tab: 'list' });
  }, [staffId]);
  return logging ? <ComplaintLogDialog prefill={logging} /> : null;
}
