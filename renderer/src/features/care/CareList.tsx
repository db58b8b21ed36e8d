import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CARE_KINDS, CARE_OUTCOMES, type CareTask } from '../../../../shared/contract/complaints.js';

type CareKind = (typeof CARE_KINDS)[number];
type CareOutcome = (typeof CARE_OUTCOMES)[number];
import type { CouponTemplate } from '../../../../shared/contract/coupons.js';
import { roleAllows } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { focusLater } from '../../components/focus.js';
import { Modal } from '../../components/Modal.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { usePagedCall } from '../../hooks/usePagedCall.js';
import { formatMoney } from '../../i18n/format.js';
import { notifySuccess } from '../../stores/notices.js';
import { useSession } from '../../stores/session.js';
import { downloadText } from '../../components/download.js';
import { formatDate } from '../members/format.js';
import { Pager } from '../members/Pager.js';
import { useComplaints } from '../complaints/complaints-store.js';

export const CARE_PAGE_SIZE = 20;
const taskButtonId = (id: number) => `care-task-${id}`;

/** Why a task is on the list, from its details (last visit, spend, birthday, complaint). */
function useReason() {
  const { t, i18n } = useTranslation();
  const tt = t as unknown as (k: string, v?: Record<string, unknown>) => string;
  const locale = i18n.language;
  return (task: CareTask): string => {
    const d = task.details;
    const date = (v: unknown) => (typeof v === 'string' ? formatDate(v, locale) : '—');
    switch (task.kind) {
      case 'birthday':
        return tt('care.reason.birthday', { birthday: String(d.birthday ?? '') });
      case 'win_back':
        return tt('care.reason.winBack', { date: date(d.lastSaleOn), spend: formatMoney(Number(d.spendFen ?? 0), locale) });
      case 'at_risk':
        return tt('care.reason.atRisk', { date: date(d.lastSaleOn) });
      case 'welcome_back':
        return tt('care.reason.welcomeBack', { date: date(d.firstSaleOn) });
      case 'complaint_follow_up':
        return tt('care.reason.complaint', { id: task.complaintId ?? '' });
      default:
        return '';
    }
  };
}

/** Marks a task done with its outcome (called, no answer, coupon sent, declined) and a note. */
function CompleteDialog({ task, onClose, onDone }: { task: CareTask; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<CareOutcome>('called');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await invoke('care.complete', { id: task.id, outcome, note: note.trim() });
    setBusy(false);
    if (!r.ok) return;
    notifySuccess('care.completed');
    onDone();
  };
  return (
    <Modal title={t('care.complete.title', { name: task.memberName || t('care.noMember') })} onClose={onClose}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <fieldset className="radio-row">
          <legend>{t('care.complete.outcome')}</legend>
          {CARE_OUTCOMES.map((o) => (
            <label key={o} className="radio-pill">
              <input type="radio" name="care-outcome" checked={outcome === o} onChange={() => setOutcome(o)} />
              {t(`care.outcome.${o}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t('care.complete.note')} optional={t('complaints.optional')}>
          {(p) => <input {...p} type="text" autoComplete="off" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <div className="modal-actions">
          <button type="button" className="btn btn-outline" onClick={onClose}>{t('common.cancel')}</button>
          <SubmitButton busy={busy} className="btn btn-primary">{t('care.complete.submit')}</SubmitButton>
        </div>
      </form>
    </Modal>
  );
}

/** One action for the whole open birthday or win-back list: a coupon each (managers). */
function IssueCoupons({ kind, onDone }: { kind: 'birthday' | 'win_back'; onDone: () => void }) {
  const { t } = useTranslation();
  const [templates, setTemplates] = useState<CouponTemplate[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void invoke('coupons.templates', {}, { quiet: true }).then((r) => r.ok && setTemplates(r.value.filter((x) => x.active)));
  }, []);
  const issue = async () => {
    if (busy || !templateId) return focusLater('care-coupon-template');
    setBusy(true);
    const r = await invoke('care.issueCoupons', { kind, templateId: Number(templateId) });
    setBusy(false);
    if (!r.ok) return;
    notifySuccess('care.coupons.issued', { count: r.value.issued });
    onDone();
  };
  return (
    <div className="care-coupons" role="group" aria-label={t('care.coupons.title', { kind: t(`care.kind.${kind}`) })}>
      <label htmlFor="care-coupon-template">{t('care.coupons.template')}</label>
      <select id="care-coupon-template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
        <option value="">{templates.length ? t('complaints.log.choose') : t('complaints.compensation.noTemplates')}</option>
        {templates.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
      </select>
      <button type="button" className="btn btn-outline" aria-disabled={busy} onClick={() => void issue()}>
        {t('care.coupons.issue', { kind: t(`care.kind.${kind}`) })}
      </button>
    </div>
  );
}

/**
 * 客户关怀 / 回访: today's tasks (birthdays of the coming week, win-back, at risk, complaint
 * follow-ups due, welcome back), done with an outcome; the call list as CSV; a coupon to the
 * whole birthday or win-back list in one action.
 */
export function CareList() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const role = useSession((s) => s.staff?.role ?? 'cashier');
  const isManager = roleAllows(role, 'manager');
  const reason = useReason();
  const openComplaint = useComplaints((s) => s.open);
  const setTab = useComplaints((s) => s.setTab);
  const [kind, setKind] = useState<CareKind | ''>('');
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [reload, setReload] = useState(0);
  const [completing, setCompleting] = useState<CareTask | null>(null);
  const [fullPhones, setFullPhones] = useState(false);
  const { page, setPage, data } = usePagedCall(
    'care.tasks',
    (offset, limit) => ({ offset, limit, status, ...(kind ? { kind } : {}) }),
    CARE_PAGE_SIZE,
    [kind, status, reload],
  );

  const generate = async () => {
    const r = await invoke('care.generate', {});
    if (!r.ok) return;
    notifySuccess('care.generated', { created: r.value.created, dropped: r.value.dropped });
    setReload((n) => n + 1);
  };
  const exportList = async () => {
    const r = await invoke('care.callList', { ...(kind ? { kind } : {}), fullPhones: isManager && fullPhones, locale: locale === 'en' ? 'en' : 'zh-CN' });
    if (!r.ok) return;
    downloadText(r.value.csv.startsWith('\uFEFF') ? r.value.csv : `\uFEFF${r.value.csv}`, `call-list-${kind || 'all'}.csv`);
    notifySuccess('care.exported', { count: r.value.rows });
  };

  const total = data ? Object.values(data.byKind).reduce((a, b) => a + b, 0) : null;
  return (
    <div className="care-list">
      <div className="care-toolbar" role="toolbar" aria-label={t('care.toolbar')}>
        <label>
          {t('care.kindFilter')}
          <select value={kind} onChange={(e) => setKind(e.target.value as CareKind | '')}>
            <option value="">{t('care.allKinds', { count: status === 'open' ? total ?? 0 : data?.total ?? 0 })}</option>
            {CARE_KINDS.map((k) => (
              <option key={k} value={k}>{status === 'open' && data ? `${t(`care.kind.${k}`)} (${data.byKind[k] ?? 0})` : t(`care.kind.${k}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('care.statusFilter')}
          <select value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'done')}>
            <option value="open">{t('care.status.open')}</option>
            <option value="done">{t('care.status.done')}</option>
          </select>
        </label>
        <button type="button" className="btn btn-outline" onClick={() => void exportList()}>{t('care.export')}</button>
        {isManager ? (
          <>
            <label className="check">
              <input type="checkbox" checked={fullPhones} onChange={(e) => setFullPhones(e.target.checked)} />
              {t('care.fullPhones')}
            </label>
            <button type="button" className="btn btn-outline" onClick={() => void generate()}>{t('care.generate')}</button>
          </>
        ) : null}
      </div>
      {isManager && status === 'open' && (kind === 'birthday' || kind === 'win_back') ? (
        <IssueCoupons key={kind} kind={kind} onDone={() => setReload((n) => n + 1)} />
      ) : null}
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="sr-only">{t('care.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('care.col.kind')}</th>
              <th scope="col">{t('care.col.member')}</th>
              <th scope="col">{t('care.col.due')}</th>
              <th scope="col">{t('care.col.reason')}</th>
              <th scope="col">{status === 'open' ? t('care.col.action') : t('care.col.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {data === null ? (
              <tr><td colSpan={5}>{t('common.loading')}</td></tr>
            ) : data.items.length === 0 ? (
              <tr><td colSpan={5}>{t('care.empty')}</td></tr>
            ) : (
              data.items.map((task) => (
                <tr key={task.id}>
                  <td className="nowrap">{t(`care.kind.${task.kind}`)}</td>
                  <th scope="row" className="nowrap">{task.memberName !== null ? `${task.memberName || t('complaints.noName')} ${task.maskedPhone ?? ''}` : t('care.noMember')}</th>
                  <td className="nowrap">{formatDate(task.dueOn, locale)}</td>
                  <td>
                    {task.complaintId !== null ? (
                      <button type="button" className="link-button" onClick={() => { setTab('list'); openComplaint(task.complaintId); }}>{reason(task)}</button>
                    ) : reason(task)}
                  </td>
                  <td className="nowrap">
                    {task.status === 'open' ? (
                      <button id={taskButtonId(task.id)} type="button" className="btn btn-sm btn-outline"
                        aria-label={t('care.doneFor', { name: task.memberName || t('care.noMember'), kind: t(`care.kind.${task.kind}`) })}
                        onClick={() => setCompleting(task)}>
                        {t('care.done')}
                      </button>
                    ) : (
                      `${task.outcome ? t(`care.outcome.${task.outcome}`) : t(`care.status.${task.status}`)}${task.doneBy ? ` · ${task.doneBy}` : ''}${task.note ? ` · ${task.note}` : ''}`
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {data ? <Pager page={page} pageSize={CARE_PAGE_SIZE} total={data.total} label={t('care.pages')} onPage={setPage} /> : null}
      {completing ? (
        <CompleteDialog task={completing} onClose={() => setCompleting(null)} onDone={() => { setCompleting(null); setReload((n) => n + 1); }} />
      ) : null}
    </div>
  );
}
