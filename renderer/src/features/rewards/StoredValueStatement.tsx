import { useTranslation } from 'react-i18next';
import { usePagedCall } from '../../hooks/usePagedCall.js';
import { formatDateTime, formatMoney } from '../../i18n/format.js';
import { StatementSection } from './StatementSection.js';

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
    <StatementSection
      titleId="sv-statement-title"
      title={t('members.rewards.svStatement')}
      columns={[
        { label: t('members.rewards.col.at') }, { label: t('members.rewards.col.reason') }, { label: t('members.rewards.col.receipt') },
        { label: t('members.rewards.col.principal'), num: true }, { label: t('members.rewards.col.bonus'), num: true },
        { label: t('members.rewards.col.balance'), num: true }, { label: t('members.rewards.col.note') },
      ]}
      empty={t('members.rewards.svEmpty')}
      rows={data ? data.items.map((e) => (
        <tr key={e.id}>
          <td className="nowrap">{formatDateTime(e.at, locale)}</td>
          <td className="nowrap">{reason(e.reason)}</td>
          <td className="mono nowrap">{e.receiptNo ?? '—'}</td>
          <td className={e.principalDelta < 0 ? 'num negative' : 'num'}>{signed(e.principalDelta)}</td>
          <td className={e.bonusDelta < 0 ? 'num negative' : 'num'}>{signed(e.bonusDelta)}</td>
          <td className="num nowrap">{formatMoney(e.principalBalance + e.bonusBalance, locale)}</td>
          <td className="statement-note">{[e.note, e.staffName ? t('members.rewards.by', { name: e.staffName }) : ''].filter(Boolean).join(' · ') || '—'}</td>
        </tr>
      )) : null}
      total={data?.total ?? null}
      page={page}
      pageSize={SV_PAGE_SIZE}
      onPage={setPage}
      pagesLabel={t('members.rewards.svPages')}
    />
  );
}
