import { useState } from 'react';
import { useT } from './use-t.js';
import type { COMPLAINT_STATUSES } from '../../../../shared/contract/complaints.js';
import { usePagedCall } from '../../hooks/usePagedCall.js';
import { formatDateTime, formatMoney } from '../../i18n/format.js';
import { Pager } from '../members/Pager.js';
import { goToComplaint } from '../complaints/complaints-store.js';
import { useComplaintLabels } from '../complaints/labels.js';
import type { Period } from './periods.js';

export const DRILL_PAGE_SIZE = 20;

function MemberCell({ id, name, onOpenMember }: { id: number | null; name: string | null; onOpenMember: (id: number) => void }) {
  const { t } = useT();
  if (id === null) return <span className="muted">{t('reports.drill.walkIn')}</span>;
  return (
    <button type="button" className="link-button" onClick={() => onOpenMember(id)}>
      {name || t('reports.drill.memberNo', { id })}
    </button>
  );
}

/** The sales (and refunds) of a period, newest first, paged: what revenue, sales and average ticket count. */
export function SalesList({ period, only, label, onOpenMember }: { period: Period; only?: 'sale' | 'refund' | undefined; label: string; onOpenMember: (id: number) => void }) {
  const { t, i18n } = useT();
  const locale = i18n.language;
  const { page, setPage, data } = usePagedCall(
    'sales.list',
    (offset, limit) => ({ offset, limit, from: period.from, to: period.to, ...(only ? { kind: only } : {}) }),
    DRILL_PAGE_SIZE,
    [period.from, period.to, only],
  );
  return (
    <div className="drill-list">
      <p className="list-count" role="status">
        {data ? t('reports.drill.saleCount', { count: data.total, total: data.total.toLocaleString(locale) }) : t('common.loading')}
      </p>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="sr-only">{label}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.drill.col.receiptNo')}</th>
              <th scope="col">{t('reports.drill.col.soldAt')}</th>
              <th scope="col">{t('reports.drill.col.kind')}</th>
              <th scope="col">{t('reports.drill.col.staff')}</th>
              <th scope="col">{t('reports.drill.col.member')}</th>
              <th scope="col" className="num">{t('reports.drill.col.total')}</th>
            </tr>
          </thead>
          <tbody>
            {data?.items.length === 0 ? (
              <tr><td colSpan={6}>{t('reports.drill.noSales')}</td></tr>
            ) : (
              data?.items.map((s) => (
                <tr key={s.id}>
                  <td className="mono">{s.receiptNo}</td>
                  <td className="nowrap">{formatDateTime(s.soldAt, locale)}</td>
                  <td>{t(`reports.drill.kind.${s.kind}`)}</td>
                  <td>{s.staffName ?? '—'}</td>
                  <td><MemberCell id={s.memberId} name={null} onOpenMember={onOpenMember} /></td>
                  <td className="num">{formatMoney(s.totalFen, locale)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {data ? <Pager page={page} pageSize={DRILL_PAGE_SIZE} total={data.total} onPage={setPage} label={t('reports.drill.pages')} /> : null}
    </div>
  );
}

/** Complaints of a period, or the unresolved ones (待处理 and 处理中, one status at a time), paged. */
export function ComplaintList({ period, unresolved, label, onOpenMember }: { period?: Period | undefined; unresolved?: boolean | undefined; label: string; onOpenMember: (id: number) => void }) {
  const { t, i18n } = useT();
  const locale = i18n.language;
  const labels = useComplaintLabels();
  const [status, setStatus] = useState<(typeof COMPLAINT_STATUSES)[number]>('open');
  const filter = { overdueOnly: false, ...(period ? { from: period.from, to: period.to } : {}), ...(unresolved ? { status } : {}) };
  const { page, setPage, data } = usePagedCall('complaints.list', (offset, limit) => ({ offset, limit, filter }), DRILL_PAGE_SIZE, [JSON.stringify(filter)]);
  return (
    <div className="drill-list">
      {unresolved ? (
        <fieldset className="radio-row">
          <legend>{t('reports.drill.status')}</legend>
          {(['open', 'in_progress'] as const).map((s) => (
            <label key={s} className="radio-pill">
              <input type="radio" name="drill-status" checked={status === s} onChange={() => setStatus(s)} />
              {labels.status(s)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <p className="list-count" role="status">
        {data ? t('reports.drill.complaintCount', { count: data.total, total: data.total.toLocaleString(locale) }) : t('common.loading')}
      </p>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="sr-only">{label}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.drill.col.loggedAt')}</th>
              <th scope="col">{t('reports.drill.col.category')}</th>
              <th scope="col">{t('reports.drill.col.severity')}</th>
              <th scope="col">{t('reports.drill.col.status')}</th>
              <th scope="col">{t('reports.drill.col.description')}</th>
              <th scope="col">{t('reports.drill.col.member')}</th>
            </tr>
          </thead>
          <tbody>
            {data?.items.length === 0 ? (
              <tr><td colSpan={6}>{t('reports.drill.noComplaints')}</td></tr>
            ) : (
              data?.items.map((c) => (
                <tr key={c.id}>
                  <td className="nowrap">{formatDateTime(c.loggedAt, locale)}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => goToComplaint(c.id)}>
                      {labels.category(c.category)}
                    </button>
                  </td>
                  <td>{labels.severity(c.severity)}</td>
                  <td className="nowrap">
                    {labels.status(c.status)}
                    {c.overdue ? <span className="badge badge-warn">{t('reports.drill.overdue')}</span> : null}
                  </td>
                  <td className="drill-text">{c.description}</td>
                  <td><MemberCell id={c.memberId} name={c.memberName} onOpenMember={onOpenMember} /></td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {data ? <Pager page={page} pageSize={DRILL_PAGE_SIZE} total={data.total} onPage={setPage} label={t('reports.drill.pages')} /> : null}
    </div>
  );
}

/** The satisfaction answers of a period (what NPS counts), paged. */
export function FeedbackList({ period, label, onOpenMember }: { period: Period; label: string; onOpenMember: (id: number) => void }) {
  const { t, i18n } = useT();
  const locale = i18n.language;
  const { page, setPage, data } = usePagedCall('feedback.list', (offset, limit) => ({ offset, limit, from: period.from, to: period.to }), DRILL_PAGE_SIZE, [period.from, period.to]);
  return (
    <div className="drill-list">
      <p className="list-count" role="status">
        {data ? t('reports.drill.feedbackCount', { count: data.total, total: data.total.toLocaleString(locale) }) : t('common.loading')}
      </p>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="sr-only">{label}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.drill.col.answeredAt')}</th>
              <th scope="col" className="num">{t('reports.drill.col.score')}</th>
              <th scope="col">{t('reports.drill.col.comment')}</th>
              <th scope="col">{t('reports.drill.col.member')}</th>
            </tr>
          </thead>
          <tbody>
            {data?.items.length === 0 ? (
              <tr><td colSpan={4}>{t('reports.drill.noFeedback')}</td></tr>
            ) : (
              data?.items.map((f) => (
                <tr key={f.id}>
                  <td className="nowrap">{formatDateTime(f.answeredAt, locale)}</td>
                  <td className="num">{f.score}</td>
                  <td className="drill-text">{f.comment || '—'}</td>
                  <td><MemberCell id={f.memberId} name={f.memberName} onOpenMember={onOpenMember} /></td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {data ? <Pager page={page} pageSize={DRILL_PAGE_SIZE} total={data.total} onPage={setPage} label={t('reports.drill.pages')} /> : null}
    </div>
  );
}
