import { useState, type ReactNode } from 'react';
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

/**
 * The frame every drill-down list shares: a live count, a captioned table with its column
 * heads, an empty row, and the pager.
 */
function DrillTable({ label, count, columns, empty, rows, page, total, onPage }: {
  label: string; count: string; columns: Array<{ label: string; num?: boolean }>; empty: string;
  rows: ReactNode[] | undefined; page: number; total: number | undefined; onPage: (page: number) => void;
}) {
  const { t } = useT();
  return (
    <>
      <p className="list-count" role="status">{count}</p>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="sr-only">{label}</caption>
          <thead>
            <tr>{columns.map((c) => <th key={c.label} scope="col" className={c.num ? 'num' : undefined}>{c.label}</th>)}</tr>
          </thead>
          <tbody>
            {rows?.length === 0 ? <tr><td colSpan={columns.length}>{empty}</td></tr> : rows}
          </tbody>
        </table>
      </div>
      {total !== undefined ? <Pager page={page} pageSize={DRILL_PAGE_SIZE} total={total} onPage={onPage} label={t('reports.drill.pages')} /> : null}
    </>
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
      <DrillTable
        label={label}
        count={data ? t('reports.drill.saleCount', { count: data.total, total: data.total.toLocaleString(locale) }) : t('common.loading')}
        columns={[
          { label: t('reports.drill.col.receiptNo') }, { label: t('reports.drill.col.soldAt') }, { label: t('reports.drill.col.kind') },
          { label: t('reports.drill.col.staff') }, { label: t('reports.drill.col.member') }, { label: t('reports.drill.col.total'), num: true },
        ]}
        empty={t('reports.drill.noSales')}
        rows={data?.items.map((s) => (
          <tr key={s.id}>
            <td className="mono">{s.receiptNo}</td>
            <td className="nowrap">{formatDateTime(s.soldAt, locale)}</td>
            <td>{t(`reports.drill.kind.${s.kind}`)}</td>
            <td>{s.staffName ?? '—'}</td>
            <td><MemberCell id={s.memberId} name={null} onOpenMember={onOpenMember} /></td>
            <td className="num">{formatMoney(s.totalFen, locale)}</td>
          </tr>
        ))}
        page={page} total={data?.total} onPage={setPage}
      />
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
      <DrillTable
        label={label}
        count={data ? t('reports.drill.complaintCount', { count: data.total, total: data.total.toLocaleString(locale) }) : t('common.loading')}
        columns={[
          { label: t('reports.drill.col.loggedAt') }, { label: t('reports.drill.col.category') }, { label: t('reports.drill.col.severity') },
          { label: t('reports.drill.col.status') }, { label: t('reports.drill.col.description') }, { label: t('reports.drill.col.member') },
        ]}
        empty={t('reports.drill.noComplaints')}
        rows={data?.items.map((c) => (
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
        ))}
        page={page} total={data?.total} onPage={setPage}
      />
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
      <DrillTable
        label={label}
        count={data ? t('reports.drill.feedbackCount', { count: data.total, total: data.total.toLocaleString(locale) }) : t('common.loading')}
        columns={[
          { label: t('reports.drill.col.answeredAt') }, { label: t('reports.drill.col.score'), num: true },
          { label: t('reports.drill.col.comment') }, { label: t('reports.drill.col.member') },
        ]}
        empty={t('reports.drill.noFeedback')}
        rows={data?.items.map((f) => (
          <tr key={f.id}>
            <td className="nowrap">{formatDateTime(f.answeredAt, locale)}</td>
            <td className="num">{f.score}</td>
            <td className="drill-text">{f.comment || '—'}</td>
            <td><MemberCell id={f.memberId} name={f.memberName} onOpenMember={onOpenMember} /></td>
          </tr>
        ))}
        page={page} total={data?.total} onPage={setPage}
      />
    </div>
  );
}
