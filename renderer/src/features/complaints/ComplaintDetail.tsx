import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail as Detail, ComplaintEvent, Compensation } from '../../../../shared/contract/complaints.js';
import type { CouponTemplate } from '../../../../shared/contract/coupons.js';
import type { StaffSummary } from '../../../../shared/contract/staff.js';
import type { Input } from '../../../../shared/contract/index.js';
import { TRANSITIONS, type ComplaintStatus } from '../../../../shared/complaint-workflow.js';
import { roleAllows } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { focusLater } from '../../components/focus.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { formatDateTime, formatMoney } from '../../i18n/format.js';
import { notifySuccess } from '../../stores/notices.js';
import { useSession } from '../../stores/session.js';
import { formatDate, intInput, yuanInput } from '../members/format.js';
import { goToProfile } from '../members/members-store.js';
import { useComplaints } from './complaints-store.js';
import { complaintRowId } from './ComplaintList.js';
import { useComplaintLabels } from './labels.js';

export const DETAIL_HEADING_ID = 'complaint-detail-title';

/** One timeline entry as a sentence: "status: open → in progress", "compensation: 100 points". */
function useEventText() {
  const { t, i18n } = useTranslation();
  const tt = t as unknown as (k: string, v?: Record<string, unknown>) => string;
  const labels = useComplaintLabels();
  return (e: ComplaintEvent): string => {
    switch (e.kind) {
      case 'status':
        return tt('complaints.event.status', { from: e.from ? labels.status(e.from) : '—', to: e.to ? labels.status(e.to) : '—' });
      case 'compensation': {
        const [kind, amount] = (e.to ?? '').split(':');
        const what = kind === 'points' ? tt('complaints.compensation.pointsValue', { points: amount })
          : kind === 'stored_value' ? formatMoney(Number(amount), i18n.language)
          : tt('complaints.compensation.couponValue', { id: amount });
        return `${tt('complaints.event.compensation')}：${what}${e.note ? `（${e.note}）` : ''}`;
      }
      case 'note': {
        const call = /^follow_up_call:(\w+)$/.exec(e.note);
        return call ? tt('complaints.event.followUpCall', { outcome: tt(`care.outcome.${call[1]}`) }) : `${tt('complaints.event.note')}：${e.note}`;
      }
      case 'follow_up':
        return `${tt('complaints.event.follow_up')}：${e.to ? formatDate(e.to, i18n.language) : '—'}`;
      case 'satisfaction':
        return `${tt('complaints.event.satisfaction')}：${e.to ?? '—'}`;
      default:
        return `${tt(`complaints.event.${e.kind}`)}${e.to && e.kind !== 'logged' && e.kind !== 'imported' ? `：${e.to}` : ''}`;
    }
  };
}

type Update = Omit<Input<'complaints.update'>, 'id'>;

/** The manager's handling form: status, assignee, resolution, follow-up date, satisfaction and a note, saved in one go. */
function HandlingForm({ c, onSaved }: { c: Detail; onSaved: (d: Detail) => void }) {
  const { t } = useTranslation();
  const labels = useComplaintLabels();
  const [staff, setStaff] = useState<StaffSummary[]>([]);
  const [status, setStatus] = useState<ComplaintStatus>(c.status);
  const [assignee, setAssignee] = useState(c.assigneeId === null ? '' : String(c.assigneeId));
  const [resolution, setResolution] = useState(c.resolution);
  const [followUp, setFollowUp] = useState(c.followUpOn ?? '');
  const [satisfaction, setSatisfaction] = useState(c.satisfaction === null ? '' : String(c.satisfaction));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void invoke('auth.staffList', {}, { quiet: true }).then((r) => r.ok && setStaff(r.value));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const input: Update = {};
    if (status !== c.status) input.status = status;
    const a = assignee === '' ? null : Number(assignee);
    if (a !== c.assigneeId) input.assigneeId = a;
    if (resolution.trim() !== c.resolution) input.resolution = resolution.trim();
    if ((followUp || null) !== c.followUpOn) input.followUpOn = followUp || null;
    const s = satisfaction === '' ? null : Number(satisfaction);
    if (s !== c.satisfaction) input.satisfaction = s;
    if (note.trim()) input.note = note.trim();
    if (Object.keys(input).length === 0) return;
    setBusy(true);
    const r = await invoke('complaints.update', { id: c.id, ...input });
    setBusy(false);
    if (!r.ok) return;
    setNote('');
    notifySuccess('complaints.detail.saved');
    onSaved(r.value);
  };

  const moves = [c.status, ...TRANSITIONS[c.status]];
  return (
    <form className="complaint-handle" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="complaint-handle-title">
      <h3 id="complaint-handle-title">{t('complaints.detail.handle')}</h3>
      <div className="complaint-handle-grid">
        <Field label={t('complaints.field.status')}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => setStatus(e.target.value as ComplaintStatus)}>
              {moves.map((s) => (
                <option key={s} value={s}>
                  {s === c.status ? labels.status(s) : t(s === 'in_progress' && c.status !== 'open' ? 'complaints.detail.reopen' : 'complaints.detail.moveTo', { status: labels.status(s) })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('complaints.field.assignee')}>
          {(p) => (
            <select {...p} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">{t('complaints.detail.nobody')}</option>
              {staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('complaints.field.followUpOn')} optional={t('complaints.optional')}>
          {(p) => <input {...p} type="date" value={followUp} onChange={(e) => setFollowUp(e.target.value)} />}
        </Field>
        <Field label={t('complaints.field.satisfaction')} optional={t('complaints.optional')}>
          {(p) => (
            <select {...p} value={satisfaction} onChange={(e) => setSatisfaction(e.target.value)}>
              <option value="">—</option>
              {[5, 4, 3, 2, 1].map((n) => <option key={n} value={n}>{t(`complaints.satisfaction.${n as 1 | 2 | 3 | 4 | 5}`)}</option>)}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('complaints.field.resolution')} hint={t('complaints.detail.resolutionHint')}>
        {(p) => <textarea {...p} rows={2} maxLength={500} value={resolution} onChange={(e) => setResolution(e.target.value)} />}
      </Field>
      <Field label={t('complaints.field.note')} optional={t('complaints.optional')}>
        {(p) => <input {...p} type="text" autoComplete="off" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <SubmitButton busy={busy} className="btn btn-primary">{busy ? t('common.saving') : t('common.save')}</SubmitButton>
      </div>
    </form>
  );
}

/** Points, stored value (as bonus) or a coupon for the complaint's member, through their ledgers. */
function CompensationForm({ c, onSaved }: { c: Detail; onSaved: (d: Detail) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Compensation['kind']>('points');
  const [amount, setAmount] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [templates, setTemplates] = useState<CouponTemplate[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void invoke('coupons.templates', {}, { quiet: true }).then((r) => r.ok && setTemplates(r.value.filter((x) => x.active)));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    let compensation: Compensation | null = null;
    if (kind === 'points') {
      const n = intInput(amount, 1, 1_000_000);
      if (n) compensation = { kind, points: n };
    } else if (kind === 'stored_value') {
      const fen = yuanInput(amount);
      if (fen) compensation = { kind, fen };
    } else if (templateId) compensation = { kind, templateId: Number(templateId) };
    if (!compensation) {
      setError(t(kind === 'coupon' ? 'complaints.compensation.chooseCoupon' : 'complaints.compensation.badAmount'));
      return focusLater('compensation-amount');
    }
    setError(undefined);
    setBusy(true);
    const r = await invoke('complaints.compensate', { id: c.id, compensation, reason: reason.trim() });
    setBusy(false);
    if (!r.ok) return;
    setAmount('');
    setReason('');
    notifySuccess('complaints.compensation.done');
    onSaved(r.value);
  };

  return (
    <form className="complaint-compensate" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="complaint-compensate-title">
      <h3 id="complaint-compensate-title">{t('complaints.compensation.title')}</h3>
      <fieldset className="radio-row">
        <legend>{t('complaints.compensation.kind')}</legend>
        {(['points', 'stored_value', 'coupon'] as const).map((k) => (
          <label key={k} className="radio-pill">
            <input type="radio" name="compensation-kind" checked={kind === k} onChange={() => { setKind(k); setError(undefined); }} />
            {t(`complaints.compensation.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'coupon' ? (
        <Field id="compensation-amount" label={t('complaints.compensation.coupon')} error={error} hint={templates.length === 0 ? t('complaints.compensation.noTemplates') : undefined}>
          {(p) => (
            <select {...p} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
              <option value="">{t('complaints.log.choose')}</option>
              {templates.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
            </select>
          )}
        </Field>
      ) : (
        <Field id="compensation-amount" label={t(kind === 'points' ? 'complaints.compensation.pointsAmount' : 'complaints.compensation.yuan')} error={error}>
          {(p) => <input {...p} inputMode={kind === 'points' ? 'numeric' : 'decimal'} autoComplete="off" maxLength={10} value={amount} onChange={(e) => { setAmount(e.target.value); setError(undefined); }} />}
        </Field>
      )}
      <Field label={t('complaints.compensation.reason')} optional={t('complaints.optional')}>
        {(p) => <input {...p} type="text" autoComplete="off" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <SubmitButton busy={busy} className="btn btn-primary">{busy ? t('common.saving') : t('complaints.compensation.submit')}</SubmitButton>
      </div>
    </form>
  );
}

/**
 * One complaint: what was logged, the handling (managers), compensation (managers, when a
 * member is attached and it is not closed) and the timeline with who and when.
 */
export function ComplaintDetailView({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const role = useSession((s) => s.staff?.role ?? 'cashier');
  const isManager = roleAllows(role, 'manager');
  const labels = useComplaintLabels();
  const eventText = useEventText();
  const open = useComplaints((s) => s.open);
  const changed = useComplaints((s) => s.changed);
  const [c, setC] = useState<Detail | null>(null);

  useEffect(() => {
    let cancelled = false;
    void invoke('complaints.get', { id }).then((r) => {
      if (cancelled) return;
      if (r.ok) {
        setC(r.value);
        focusLater(DETAIL_HEADING_ID);
      } else open(null);
    });
    return () => { cancelled = true; };
  }, [id, open]);

  const back = () => {
    open(null);
    focusLater(complaintRowId(id));
  };
  const saved = (d: Detail) => {
    setC(d);
    changed();
  };

  if (!c) return <p role="status">{t('common.loading')}</p>;
  return (
    <article className="complaint-detail" aria-labelledby={DETAIL_HEADING_ID}>
      <div className="complaint-detail-head">
        <h2 id={DETAIL_HEADING_ID} tabIndex={-1}>{t('complaints.detail.title', { id: c.id })}</h2>
        <span className={`badge complaint-status complaint-status-${c.status}`}>{labels.status(c.status)}</span>
        {c.overdue ? <span className="badge badge-warn">{t('complaints.overdue')}</span> : null}
        <button type="button" className="btn btn-outline" onClick={back}>{t('complaints.detail.back')}</button>
      </div>
      <dl className="complaint-facts">
        <div><dt>{t('complaints.field.loggedAt')}</dt><dd>{formatDateTime(c.loggedAt, locale)}{c.createdByName ? ` · ${c.createdByName}` : ''}</dd></div>
        <div><dt>{t('complaints.field.channel')}</dt><dd>{labels.channel(c.channel)}</dd></div>
        <div><dt>{t('complaints.field.category')}</dt><dd>{labels.category(c.category)}</dd></div>
        <div><dt>{t('complaints.field.severity')}</dt><dd>{labels.severity(c.severity)}</dd></div>
        <div className="wide"><dt>{t('complaints.field.description')}</dt><dd>{c.description}</dd></div>
        <div>
          <dt>{t('complaints.field.member')}</dt>
          <dd>
            {c.memberId !== null ? (
              <button type="button" className="link-button" onClick={() => goToProfile(c.memberId!)}>
                {c.memberName || t('complaints.noName')} {c.maskedPhone ?? ''}
              </button>
            ) : '—'}
          </dd>
        </div>
        <div><dt>{t('complaints.field.sale')}</dt><dd className="mono">{c.receiptNo ?? '—'}</dd></div>
        <div><dt>{t('complaints.field.assignee')}</dt><dd>{c.assigneeName ?? '—'}</dd></div>
        <div><dt>{t('complaints.field.followUpOn')}</dt><dd>{c.followUpOn ? formatDate(c.followUpOn, locale) : '—'}</dd></div>
        <div className="wide"><dt>{t('complaints.field.resolution')}</dt><dd>{c.resolution || '—'}</dd></div>
        <div><dt>{t('complaints.field.satisfaction')}</dt><dd>{c.satisfaction !== null ? t(`complaints.satisfaction.${c.satisfaction as 1 | 2 | 3 | 4 | 5}`) : '—'}</dd></div>
      </dl>
      {isManager ? (
        <div className="complaint-work">
          <HandlingForm key={`${c.id}-${c.timeline.length}`} c={c} onSaved={saved} />
          {c.memberId !== null && c.status !== 'closed' ? <CompensationForm c={c} onSaved={saved} /> : null}
        </div>
      ) : (
        <p className="muted small">{t('complaints.detail.managerHandles')}</p>
      )}
      <section aria-labelledby="complaint-timeline-title">
        <h3 id="complaint-timeline-title">{t('complaints.detail.timeline')}</h3>
        <ol className="complaint-timeline">
          {c.timeline.map((e) => (
            <li key={e.id}>
              <span className="nowrap muted">{formatDateTime(e.at, locale)}</span>
              <span className="nowrap">{e.staffName ?? t('complaints.detail.system')}</span>
              <span>{eventText(e)}</span>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
