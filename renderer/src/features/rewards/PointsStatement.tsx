import { useTranslation } from 'react-i18next';
import { usePagedCall } from '../../hooks/usePagedCall.js';
import { formatDateTime } from '../../i18n/format.js';
import { formatDate, signedPoints } from '../members/format.js';
import { StatementSection } from './StatementSection.js';

export const STATEMENT_PAGE_SIZE = 20;

/** Ledger reasons the core writes; each has a translation under members.rewards.reason. */
export const POINTS_REASONS = [
  'earn', 'redeem', 'expire', 'adjust', 'opening', 'enrol', 'birthday', 'referral', 'refund_reverse', 'refund_return', 'merge_in', 'merge_out', 'erase', 'compensation', 'gift', 'gift_cancel',
] as const;

/** 积分明细: every entry, newest first, with its reason, receipt, change and the balance after it. */
export function PointsStatement({ memberId, reload }: { memberId: number; reload: number }) {
  const { t, i18n } = useTranslation();
  const tt = t as unknown as (k: string) => string;
  const locale = i18n.language;
  const { page, setPage, data } = usePagedCall('points.statement', (offset, limit) => ({ memberId, offset, limit }), STATEMENT_PAGE_SIZE, [memberId, reload]);

  const reason = (r: string) => ((POINTS_REASONS as readonly string[]).includes(r) ? tt(`members.rewards.reason.${r}`) : r);

  return (
    <StatementSection
      titleId="statement-title"
      title={t('members.rewards.statement')}
      columns={[
        { label: t('members.rewards.col.at') }, { label: t('members.rewards.col.reason') }, { label: t('members.rewards.col.receipt') },
        { label: t('members.rewards.col.delta'), num: true }, { label: t('members.rewards.col.balance'), num: true }, { label: t('members.rewards.col.note') },
      ]}
      empty={t('members.rewards.empty')}
      rows={data ? data.items.map((e) => (
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
      )) : null}
      total={data?.total ?? null}
      page={page}
      pageSize={STATEMENT_PAGE_SIZE}
      onPage={setPage}
      pagesLabel={t('members.rewards.pages')}
    />
  );
}
