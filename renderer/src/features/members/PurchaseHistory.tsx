import { useTranslation } from 'react-i18next';
import { usePagedCall } from '../../hooks/usePagedCall.js';
import { formatDateTime, formatMoney } from '../../i18n/format.js';
import { Pager } from './Pager.js';

export const HISTORY_PAGE_SIZE = 10;

/** A member's purchases and refunds, newest first, one page at a time (members.history). */
export function PurchaseHistory({ memberId, reload }: { memberId: number; reload: number }) {
  const { t, i18n } = useTranslation();
  const { page, setPage, data } = usePagedCall('members.history', (offset, limit) => ({ id: memberId, offset, limit }), HISTORY_PAGE_SIZE, [memberId, reload]);

  return (
    <section className="profile-section" aria-labelledby="purchase-history-title">
      <h3 id="purchase-history-title">
        {t('members.history.title')}
        {data ? <span className="muted small"> · {t('members.history.total', { count: data.total })}</span> : null}
      </h3>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="sr-only">{t('members.history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.history.time')}</th>
              <th scope="col">{t('members.history.receiptNo')}</th>
              <th scope="col">{t('members.history.items')}</th>
              <th scope="col" className="num">
                {t('members.history.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data === null ? (
              <tr>
                <td colSpan={4}>{t('common.loading')}</td>
              </tr>
            ) : data.items.length === 0 ? (
              <tr>
                <td colSpan={4}>{t('members.history.empty')}</td>
              </tr>
            ) : (
              data.items.map((s) => (
                <tr key={s.saleId}>
                  <td className="nowrap">{formatDateTime(s.soldAt, i18n.language)}</td>
                  <td className="mono nowrap">
                    {s.receiptNo}
                    {s.kind === 'refund' ? <span className="badge badge-warn">{t('members.history.refund')}</span> : null}
                  </td>
                  <td className="history-items" title={s.items}>
                    {s.items}
                  </td>
                  <td className={s.totalFen < 0 ? 'num negative' : 'num'}>{formatMoney(s.totalFen, i18n.language)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {data ? <Pager page={page} pageSize={HISTORY_PAGE_SIZE} total={data.total} onPage={setPage} label={t('members.history.pages')} /> : null}
    </section>
  );
}
