import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GiftRedemption } from '../../../../shared/contract/gifts.js';
import type { MemberCard } from '../../../../shared/contract/members.js';
import { roleAllows } from '../../../../shared/roles.js';
import { usePagedCall } from '../../hooks/usePagedCall.js';
import { formatDateTime } from '../../i18n/format.js';
import { useSession } from '../../stores/session.js';
import { StatementSection } from '../rewards/StatementSection.js';
import { CancelRedemptionDialog } from './CancelRedemptionDialog.js';
import { RedeemGiftForm } from './RedeemGiftForm.js';
import './gifts.css';

const PAGE_SIZE = 10;

/**
 * 积分兑换 on the rewards page for the member looked up: redeem a gift or service for points,
 * and the member's redemptions, which a manager can cancel (撤销兑换) with a reason.
 * `onDone` lets the page refresh its points summary and statement after either.
 */
export function MemberGifts({ member, usable, onDone }: { member: MemberCard; usable: number; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const isManager = roleAllows(useSession((s) => s.staff?.role ?? 'cashier'), 'manager');
  const [reload, setReload] = useState(0);
  const [cancelling, setCancelling] = useState<GiftRedemption | null>(null);
  const { page, setPage, data } = usePagedCall('gifts.redemptions', (offset, limit) => ({ memberId: member.id, offset, limit }), PAGE_SIZE, [member.id, reload]);
  const changed = () => {
    setReload((n) => n + 1);
    onDone();
  };

  return (
    <section className="profile-section gifts" aria-labelledby="gift-redeem-title">
      <h2 id="gift-redeem-title" className="section-title">{t('gifts.redeem.title')}</h2>
      {member.status === 'active' ? <RedeemGiftForm member={member} usable={usable} reload={reload} onDone={changed} /> : <p className="muted">{t('gifts.redeem.notActive')}</p>}
      <StatementSection
        titleId="gift-history-title"
        title={t('gifts.history.title')}
        columns={[
          { label: t('gifts.history.at') }, { label: t('gifts.history.gift') }, { label: t('gifts.history.qty'), num: true },
          { label: t('gifts.history.points'), num: true }, { label: t('gifts.history.staff') }, { label: t('gifts.history.status') },
        ]}
        empty={t('gifts.history.empty')}
        rows={data ? data.items.map((r) => (
          <tr key={r.id}>
            <td className="nowrap">{formatDateTime(r.at, locale)}</td>
            <td>{r.giftName}</td>
            <td className="num">{r.qty}</td>
            <td className="num">{r.points.toLocaleString(locale)}</td>
            <td>{r.staffName ?? '—'}</td>
            <td>
              {r.cancelled ? (
                t('gifts.history.cancelled', { reason: r.cancelled.reason })
              ) : isManager && (member.status === 'active' || member.status === 'frozen') ? (
                <button type="button" className="btn btn-danger-outline btn-sm" aria-label={t('gifts.history.cancelOf', { name: r.giftName })} onClick={() => setCancelling(r)}>
                  {t('gifts.history.cancel')}
                </button>
              ) : (
                t('gifts.history.done')
              )}
            </td>
          </tr>
        )) : null}
        total={data?.total ?? null}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        pagesLabel={t('gifts.history.pages')}
      />
      {cancelling ? (
        <CancelRedemptionDialog
          redemption={cancelling}
          onClose={() => setCancelling(null)}
          onDone={() => {
            setCancelling(null);
            changed();
          }}
        />
      ) : null}
    </section>
  );
}
