import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePagedCall } from '../../hooks/usePagedCall.js';
import { formatDateTime } from '../../i18n/format.js';
import { Pager } from '../members/Pager.js';

export const FEEDBACK_PAGE_SIZE = 20;

/** 满意度 (managers): NPS, the average score and ratings over a date range, and every answer, newest first. */
export function FeedbackList() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const { page, setPage, data } = usePagedCall(
    'feedback.list',
    (offset, limit) => ({ offset, limit, ...(from ? { from } : {}), ...(to ? { to } : {}) }),
    FEEDBACK_PAGE_SIZE,
    [from, to],
  );
  const s = data?.summary;
  const avg = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString(locale, { maximumFractionDigits: 2 }));
  const rating = (v: number | null) => (v === null ? '—' : String(v));

  return (
    <div className="feedback-list">
      <form className="complaint-filters" role="search" aria-label={t('feedback.filter')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('feedback.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('feedback.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </form>
      <ul className="stat-cards" aria-label={t('feedback.summary')}>
        <li className="stat-card">
          <span className="stat-label">{t('feedback.nps')}</span>
          <strong className="stat-value">{s?.nps ?? '—'}</strong>
          {s ? <span className="stat-note">{t('feedback.split', { promoters: s.promoters, passives: s.passives, detractors: s.detractors })}</span> : null}
        </li>
        <li className="stat-card">
          <span className="stat-label">{t('feedback.answers')}</span>
          <strong className="stat-value">{s?.answers ?? '—'}</strong>
          <span className="stat-note">{t('feedback.averageScore', { score: avg(s?.averageScore) })}</span>
        </li>
        <li className="stat-card">
          <span className="stat-label">{t('feedback.ratings')}</span>
          <strong className="stat-value small">
            {t('feedback.ratingsValue', { service: avg(s?.averageRatings.service), product: avg(s?.averageRatings.product), price: avg(s?.averageRatings.price) })}
          </strong>
        </li>
      </ul>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="sr-only">{t('feedback.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('feedback.col.at')}</th>
              <th scope="col" className="num">{t('feedback.col.score')}</th>
              <th scope="col">{t('feedback.col.comment')}</th>
              <th scope="col">{t('feedback.col.ratings')}</th>
              <th scope="col">{t('feedback.col.member')}</th>
              <th scope="col">{t('feedback.col.receipt')}</th>
              <th scope="col">{t('feedback.col.staff')}</th>
            </tr>
          </thead>
          <tbody>
            {data === null ? (
              <tr><td colSpan={7}>{t('common.loading')}</td></tr>
            ) : data.items.length === 0 ? (
              <tr><td colSpan={7}>{t('feedback.empty')}</td></tr>
            ) : (
              data.items.map((f) => (
                <tr key={f.id}>
                  <td className="nowrap">{formatDateTime(f.answeredAt, locale)}</td>
                  <td className={`num nps-${f.score >= 9 ? 'promoter' : f.score >= 7 ? 'passive' : 'detractor'}`}>{f.score}</td>
                  <td>{f.comment || '—'}</td>
                  <td className="nowrap">{t('feedback.ratingsValue', { service: rating(f.ratings.service), product: rating(f.ratings.product), price: rating(f.ratings.price) })}</td>
                  <td className="nowrap">{f.memberId !== null ? f.memberName || t('complaints.noName') : '—'}</td>
                  <td className="mono nowrap">{f.receiptNo ?? '—'}</td>
                  <td className="nowrap">{f.staffName ?? (f.source === 'import' ? t('feedback.imported') : '—')}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {data ? <Pager page={page} pageSize={FEEDBACK_PAGE_SIZE} total={data.total} label={t('feedback.pages')} onPage={setPage} /> : null}
    </div>
  );
}
