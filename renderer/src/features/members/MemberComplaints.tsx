import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/contract/index.js';
import { invoke } from '../../api/client.js';
import { formatDateTime } from '../../i18n/format.js';
import { goToComplaint, goToMemberComplaints } from '../complaints/complaints-store.js';
import { useComplaintLabels } from '../complaints/labels.js';

/**
 * A member's complaints on their profile, newest first (complaints.list by member: managers
 * see all of them, a cashier only the ones they logged).
 */
export function MemberComplaints({ memberId, memberName, reload }: { memberId: number; memberName: string; reload: number }) {
  const { t, i18n } = useTranslation();
  const labels = useComplaintLabels();
  const [data, setData] = useState<Output<'complaints.list'> | null>(null);

  useEffect(() => {
    let cancelled = false;
    void invoke('complaints.list', { filter: { memberId, overdueOnly: false }, offset: 0, limit: 20 }, { quiet: true }).then((r) => {
      if (!cancelled && r.ok) setData(r.value);
    });
    return () => { cancelled = true; };
  }, [memberId, reload]);

  return (
    <section className="profile-section" aria-labelledby="member-complaints-title">
      <h3 id="member-complaints-title">
        {t('members.complaints.title')}
        {data ? <span className="muted small"> · {t('members.complaints.total', { count: data.total })}</span> : null}
      </h3>
      {data && data.total > data.items.length ? (
        <button type="button" className="btn btn-sm btn-outline" onClick={() => goToMemberComplaints({ id: memberId, name: memberName })}>
          {t('complaints.list.allOfMember')}
        </button>
      ) : null}
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="sr-only">{t('members.complaints.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.complaints.loggedAt')}</th>
              <th scope="col">{t('members.complaints.category')}</th>
              <th scope="col">{t('members.complaints.description')}</th>
              <th scope="col">{t('members.complaints.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data === null ? (
              <tr><td colSpan={4}>{t('common.loading')}</td></tr>
            ) : data.items.length === 0 ? (
              <tr><td colSpan={4}>{t('members.complaints.empty')}</td></tr>
            ) : (
              data.items.map((c) => (
                <tr key={c.id}>
                  <td className="nowrap">{formatDateTime(c.loggedAt, i18n.language)}</td>
                  <td>{labels.category(c.category)}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => goToComplaint(c.id)}>{c.description}</button>
                  </td>
                  <td className="nowrap">{labels.status(c.status)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
