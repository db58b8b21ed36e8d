import { useTranslation } from 'react-i18next';
import { usePagedCall } from '../../hooks/usePagedCall.js';
import { formatDateTime } from '../../i18n/format.js';
import { formatDate, signedPoints } from '../members/format.js';
import { Pager } from '../members/Pager.js';

export const STATEMENT_PAGE_SIZE = 20;

/** Ledger reasons the core writes; each has a translation under members.rewards.reason. */
export const POINTS_REASONS = [
  'earn', 'redeem', 'expire', 'adjust', 'opening', 'enrol', 'birthday', 'referral', 'refund_reverse', 'refund_return', 'merge_in', 'merge_out', 'erase', 'compensation',
] as const;

/** 积分明细: every entry, newest first, with its reason, receipt, change and the balance after it. */
export function PointsStatement({ memberId, reload }: { memberId: number; reload: number }) {
  const { t, i18n } = useTranslation();
  const tt = t as unknown as (k: string) => string;
  const locale = i18n.language;
  const { page, setPage, data } = usePagedCall('points.statement', (offset, limit) => ({ memberId, offset, limit }), STATEMENT_PAGE_SIZE, [memberId, reload]);

  const reason = (r: string) => ((POINTS_REASONS as readonly string[]).includes(r) ? tt(`members.rewards.reason.${r}`) : r);

  return (
    <section className="profile-section" aria-labelledby="statement-title">
      <h2 id="statement-title" className="section-title">
        {t('members.rewards.statement')}
        {data ? <span className="muted small"> · {t('members.rewards.entries', { count: data.total })}</span> : null}
      </h2>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="sr-only">{t('members.rewards.statement')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.rewards.col.at')}</th>
              <th scope="col">{t('members.rewards.col.reason')}</th>
              <th scope="col">{t('members.rewards.col.receipt')}</th>
              <th scope="col" className="num">
                {t('members.rewards.col.delta')}
              </th>
              <th scope="col" className="num">
                {t('members.rewards.col.balance')}
              </th>
              <th scope="col">{t('members.rewards.col.note')}</th>
            </tr>
          </thead>
          <tbody>
            {data === null ? (
              <tr>
                <td colSpan={6}>{t('common.loading')}</td>
              </tr>
            ) : data.items.length === 0 ? (
              <tr>
                <td colSpan={6}>{t('members.rewards.empty')}</td>
              </tr>
            ) : (
              data.items.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatDateTime(e.at, locale)}</td>
                  <td className="nowrap">{reason(e.reason)}</td>
                  <td className="mono nowrap">{e.receiptNo ?? '—'}</td>
                  <td className={e.delta < 0 ? 'num negative' : 'num positive'}>{signedPoints(e.delta, locale)}</td>
                  <td className="num">{e.balance.toLocaleString(locale)}</td>
                  <td className="statement-note">
                    {[e.note, e.staffName ? t('members.rewards.by', { name: e.staffName }) : '', e.expiresOn && e.delta > 0 ? t('members.rewards.expiresOn', { date: formatDate(e.expiresOn, locale) }) : '']
                      .filter(Boolean)
                      .join(' · ') || '—'}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {data ? <Pager page={page} pageSize={STATEMENT_PAGE_SIZE} total={data.total} onPage={setPage} label={t('members.rewards.pages')} /> : null}
    </section>
  );
}
