import { useTranslation } from 'react-i18next';
import { usePagedCall } from '../../hooks/usePagedCall.js';
import { formatDateTime, formatMoney } from '../../i18n/format.js';
import { Pager } from '../members/Pager.js';

export const SV_PAGE_SIZE = 10;

/** Stored-value ledger reasons the core writes; each has a translation under members.rewards.svReason. */
export const STORED_VALUE_REASONS = ['topup', 'payment', 'refund', 'adjust', 'opening'] as const;

/** 储值明细: top-ups, payments, refunds and adjustments, principal and bonus apart, with the balances after each. */
export function StoredValueStatement({ memberId, reload }: { memberId: number; reload: number }) {
  const { t, i18n } = useTranslation();
  const tt = t as unknown as (k: string) => string;
  const locale = i18n.language;
  const { page, setPage, data } = usePagedCall('storedValue.statement', (offset, limit) => ({ memberId, offset, limit }), SV_PAGE_SIZE, [memberId, reload], { quiet: true });

  const reason = (r: string) => ((STORED_VALUE_REASONS as readonly string[]).includes(r) ? tt(`members.rewards.svReason.${r}`) : r);
  const signed = (fen: number) => (fen > 0 ? `+${formatMoney(fen, locale)}` : fen < 0 ? `−${formatMoney(-fen, locale)}` : '—');

  return (
    <section className="profile-section" aria-labelledby="sv-statement-title">
      <h2 id="sv-statement-title" className="section-title">
        {t('members.rewards.svStatement')}
        {data ? <span className="muted small"> · {t('members.rewards.entries', { count: data.total })}</span> : null}
      </h2>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="sr-only">{t('members.rewards.svStatement')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.rewards.col.at')}</th>
              <th scope="col">{t('members.rewards.col.reason')}</th>
              <th scope="col">{t('members.rewards.col.receipt')}</th>
              <th scope="col" className="num">
                {t('members.rewards.col.principal')}
              </th>
              <th scope="col" className="num">
                {t('members.rewards.col.bonus')}
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
                <td colSpan={7}>{t('common.loading')}</td>
              </tr>
            ) : data.items.length === 0 ? (
              <tr>
                <td colSpan={7}>{t('members.rewards.svEmpty')}</td>
              </tr>
            ) : (
              data.items.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatDateTime(e.at, locale)}</td>
                  <td className="nowrap">{reason(e.reason)}</td>
                  <td className="mono nowrap">{e.receiptNo ?? '—'}</td>
                  <td className={e.principalDelta < 0 ? 'num negative' : 'num'}>{signed(e.principalDelta)}</td>
                  <td className={e.bonusDelta < 0 ? 'num negative' : 'num'}>{signed(e.bonusDelta)}</td>
                  <td className="num nowrap">{formatMoney(e.principalBalance + e.bonusBalance, locale)}</td>
                  <td className="statement-note">{[e.note, e.staffName ? t('members.rewards.by', { name: e.staffName }) : ''].filter(Boolean).join(' · ') || '—'}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {data ? <Pager page={page} pageSize={SV_PAGE_SIZE} total={data.total} onPage={setPage} label={t('members.rewards.svPages')} /> : null}
    </section>
  );
}
