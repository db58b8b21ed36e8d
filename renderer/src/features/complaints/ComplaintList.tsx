import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_STATUSES, SEVERITIES, type Complaint } from '../../../../shared/contract/complaints.js';
import type { Input } from '../../../../shared/contract/index.js';
import { usePagedCall } from '../../hooks/usePagedCall.js';
import { formatDateTime } from '../../i18n/format.js';
import { MemberLookup } from '../members/MemberLookup.js';
import { Pager } from '../members/Pager.js';
import { formatDate } from '../members/format.js';
import { useComplaints } from './complaints-store.js';
import { useComplaintLabels } from './labels.js';

export const COMPLAINTS_PAGE_SIZE = 20;
type Filter = NonNullable<Input<'complaints.list'>['filter']>;

/** Opens a complaint in the detail view (a row's button). */
export const complaintRowId = (id: number) => `complaint-row-${id}`;

/**
 * The complaints list: filters by status, category, severity, channel, member and date range;
 * overdue follow-ups first (the core's order), paged. Cashiers see the ones they logged.
 */
export function ComplaintList() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const labels = useComplaintLabels();
  const version = useComplaints((s) => s.version);
  const open = useComplaints((s) => s.open);
  const member = useComplaints((s) => s.memberFilter);
  const setMember = useComplaints((s) => s.setMemberFilter);
  const [filter, setFilter] = useState<Filter>({ overdueOnly: false });
  const full: Filter = { ...filter, ...(member ? { memberId: member.id } : {}) };
  const key = JSON.stringify(full);
  const { page, setPage, data } = usePagedCall('complaints.list', (offset, limit) => ({ filter: full, offset, limit }), COMPLAINTS_PAGE_SIZE, [key, version]);

  const set = <K extends keyof Filter>(k: K, v: Filter[K] | '') =>
    setFilter((f) => {
      const next = { ...f };
      if (v === '' || v === undefined) delete next[k];
      else next[k] = v as Filter[K];
      return next;
    });

  const statusCell = (c: Complaint) => (
    <span className={`badge complaint-status complaint-status-${c.status}`}>{labels.status(c.status)}</span>
  );

  return (
    <div className="complaint-list">
      <form className="complaint-filters" role="search" aria-label={t('complaints.filter.label')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('complaints.field.status')}
          <select value={filter.status ?? ''} onChange={(e) => set('status', e.target.value as Filter['status'])}>
            <option value="">{t('complaints.filter.all')}</option>
            {COMPLAINT_STATUSES.map((s) => <option key={s} value={s}>{labels.status(s)}</option>)}
          </select>
        </label>
        <label>
          {t('complaints.field.category')}
          <select value={filter.category ?? ''} onChange={(e) => set('category', e.target.value)}>
            <option value="">{t('complaints.filter.all')}</option>
            {labels.lists?.categories.map((c) => <option key={c.code} value={c.code}>{labels.category(c.code)}</option>)}
          </select>
        </label>
        <label>
          {t('complaints.field.severity')}
          <select value={filter.severity ?? ''} onChange={(e) => set('severity', e.target.value as Filter['severity'])}>
            <option value="">{t('complaints.filter.all')}</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{labels.severity(s)}</option>)}
          </select>
        </label>
        <label>
          {t('complaints.field.channel')}
          <select value={filter.channel ?? ''} onChange={(e) => set('channel', e.target.value)}>
            <option value="">{t('complaints.filter.all')}</option>
            {labels.lists?.channels.map((c) => <option key={c.code} value={c.code}>{labels.channel(c.code)}</option>)}
          </select>
        </label>
        <label>
          {t('complaints.filter.from')}
          <input type="date" value={filter.from ?? ''} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          {t('complaints.filter.to')}
          <input type="date" value={filter.to ?? ''} onChange={(e) => set('to', e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={filter.overdueOnly ?? false} onChange={(e) => setFilter((f) => ({ ...f, overdueOnly: e.target.checked }))} />
          {t('complaints.filter.overdueOnly')}
        </label>
        {member ? (
          <p className="complaint-link" role="group" aria-label={t('complaints.filter.memberIs', { name: member.name || t('complaints.noName') })}>
            <span>{t('complaints.field.member')}：<strong>{member.name || t('complaints.noName')}</strong></span>
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setMember(null)}>{t('complaints.filter.clearMember')}</button>
          </p>
        ) : (
          <MemberLookup variant="inline" label={t('complaints.filter.member')} autoPickExact onPick={(m) => setMember({ id: m.id, name: m.name })} />
        )}
      </form>

      <div className="table-wrap">
        <table className="table table-compact complaint-table">
          <caption className="sr-only">{t('complaints.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('complaints.field.loggedAt')}</th>
              <th scope="col">{t('complaints.field.category')}</th>
              <th scope="col">{t('complaints.field.severity')}</th>
              <th scope="col">{t('complaints.field.description')}</th>
              <th scope="col">{t('complaints.field.member')}</th>
              <th scope="col">{t('complaints.field.status')}</th>
              <th scope="col">{t('complaints.field.followUpOn')}</th>
              <th scope="col">{t('complaints.field.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {data === null ? (
              <tr><td colSpan={8}>{t('common.loading')}</td></tr>
            ) : data.items.length === 0 ? (
              <tr><td colSpan={8}>{t('complaints.list.empty')}</td></tr>
            ) : (
              data.items.map((c) => (
                <tr key={c.id} className={c.overdue ? 'complaint-overdue' : undefined}>
                  <td className="nowrap">{formatDateTime(c.loggedAt, locale)}</td>
                  <td className="nowrap">{labels.category(c.category)}</td>
                  <td className={`nowrap severity-${c.severity}`}>{labels.severity(c.severity)}</td>
                  <th scope="row" className="complaint-desc">
                    <button id={complaintRowId(c.id)} type="button" className="link-button" onClick={() => open(c.id)}>
                      {c.description}
                    </button>
                  </th>
                  <td className="nowrap">{c.memberId !== null ? `${c.memberName || t('complaints.noName')} ${c.maskedPhone ?? ''}` : '—'}</td>
                  <td className="nowrap">{statusCell(c)}</td>
                  <td className="nowrap">
                    {c.followUpOn ? formatDate(c.followUpOn, locale) : '—'}
                    {c.overdue ? <span className="badge badge-warn">{t('complaints.overdue')}</span> : null}
                  </td>
                  <td className="nowrap">{c.assigneeName ?? '—'}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {data ? (
        <Pager page={page} pageSize={COMPLAINTS_PAGE_SIZE} total={data.total} label={t('complaints.list.pages')} onPage={setPage} />
      ) : null}
    </div>
  );
}
