import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/contract/index.js';
import type { MemberProfile, Tier } from '../../../../shared/contract/members.js';
import { roleAllows } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { formatDateTime, formatMoney } from '../../i18n/format.js';
import { notifyError, notifySuccess } from '../../stores/notices.js';
import { useSession } from '../../stores/session.js';
import { CardBarcode } from './CardBarcode.js';
import { discountLabel, formatBirthday, formatDate, multiplierLabel } from './format.js';
import { goToRewards, useMembers } from './members-store.js';
import { EditMemberDialog, EraseDialog, MergeDialog, StatusDialog } from './ProfileDialogs.js';
import { PurchaseHistory } from './PurchaseHistory.js';
import { MemberComplaints } from './MemberComplaints.js';
import { StatusBadge } from './StatusBadge.js';

export const PROFILE_HEADING_ID = 'member-profile-heading';

type Summary = Output<'points.summary'>;
type Dialog = 'edit' | 'status' | 'merge' | 'erase' | null;

const TIER_REASONS = ['enrol', 'upgrade', 'downgrade', 'expiry', 'purchase', 'merge', 'import', 'topup'];

function TierProgress({ profile, tiers }: { profile: MemberProfile; tiers: Tier[] }) {
  const { t, i18n } = useTranslation();
  const next = profile.nextTier;
  if (!next) return <p className="muted small">{t('members.profile.topTier')}</p>;
  const target = tiers.find((x) => x.name === next.name);
  const parts: string[] = [];
  if (next.spendNeededFen > 0) parts.push(t('members.profile.spendNeeded', { amount: formatMoney(next.spendNeededFen, i18n.language) }));
  if (next.salesNeeded > 0) parts.push(t('members.profile.salesNeeded', { count: next.salesNeeded }));
  const min = target?.minSpendFen ?? 0;
  const pct = min > 0 ? Math.max(0, Math.min(100, Math.round(((min - next.spendNeededFen) / min) * 100))) : next.spendNeededFen === 0 && next.salesNeeded === 0 ? 100 : 0;
  const window = target ? (target.windowMonths === null ? t('members.tiers.lifetime') : t('members.tiers.windowMonths', { count: target.windowMonths })) : '';
  return (
    <div className="tier-progress">
      <p className="small">
        {parts.length ? t('members.profile.toNext', { tier: next.name, what: parts.join(t('members.profile.and')) }) : t('members.profile.nextReady', { tier: next.name })}
        {window ? <span className="muted">{t('members.profile.window', { window })}</span> : null}
      </p>
      <progress max={100} value={pct} aria-label={t('members.profile.progressLabel', { tier: next.name })}>
        {pct}%
      </progress>
    </div>
  );
}

/**
 * A member's profile: card and barcode, masked phone (managers may reveal it, audited),
 * tier and progress, points and what expires soon, stored value, spend and visits, details,
 * tier history and purchase history; edit, freeze, merge and erase by role.
 */
export function MemberProfileView({ id, tiers, onBack, backLabel }: { id: number; tiers: Tier[]; onBack: () => void; backLabel: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const role = useSession((s) => s.staff?.role ?? 'cashier');
  const isManager = roleAllows(role, 'manager');
  const isOwner = roleAllows(role, 'owner');
  const [profile, setProfile] = useState<MemberProfile | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const [missing, setMissing] = useState(false);

  const load = useCallback(async () => {
    const [p, s] = await Promise.all([invoke('members.profile', { id }), invoke('points.summary', { memberId: id }, { quiet: true })]);
    if (p.ok) setProfile(p.value);
    else setMissing(true);
    setSummary(s.ok ? s.value : null);
  }, [id]);

  useEffect(() => {
    setProfile(null);
    setPhone(null);
    setMissing(false);
    void load();
  }, [load]);

  // Focus is never left on the page body: when the control that had it went away (the list row
  // that opened this profile, an action that no longer applies after erasing), the name takes it.
  useEffect(() => {
    if (!profile || profile.id !== id) return;
    const active = document.activeElement;
    if (!active || active === document.body) document.getElementById(PROFILE_HEADING_ID)?.focus();
  }, [profile, id]);

  const changed = (p: MemberProfile | null) => {
    setDialog(null);
    useMembers.getState().changed();
    if (p) setProfile(p);
    setPhone(null);
    setHistoryKey((k) => k + 1);
    void load();
  };

  const reveal = async () => {
    if (phone) {
      setPhone(null);
      return;
    }
    const r = await invoke('members.revealPhone', { id });
    if (r.ok) setPhone(r.value.phone);
  };

  /** On the receipt printer (members.printCard); where none is set up, the page's own print of the card. */
  const printCard = async () => {
    const r = await invoke('members.printCard', { id }, { quiet: true });
    if (r.ok) {
      notifySuccess('members.profile.cardPrinted');
      return;
    }
    if (r.error.messageKey !== 'errors.printer_not_configured') {
      notifyError(r.error);
      return;
    }
    document.body.classList.add('printing-member-card');
    const done = () => {
      document.body.classList.remove('printing-member-card');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  };

  if (missing && !profile) {
    return (
      <div className="member-profile">
        <button type="button" className="btn btn-ghost" onClick={onBack}>
          ← {backLabel}
        </button>
        <p className="placeholder">{t('errors.not_found')}</p>
      </div>
    );
  }
  if (!profile) return <p role="status">{t('common.loading')}</p>;

  const live = profile.status === 'active' || profile.status === 'frozen';
  const tier = tiers.find((x) => x.id === profile.tier.id);
  const displayName = profile.status === 'erased' ? t('members.erasedName') : profile.name || t('members.noName');
  const gender = profile.gender ? t(`members.gender.${profile.gender}`) : '—';

  return (
    <article className="member-profile" aria-labelledby={PROFILE_HEADING_ID}>
      <div className="profile-top">
        <button type="button" className="btn btn-ghost" onClick={onBack}>
          ← {backLabel}
        </button>
        {live ? (
          <div className="profile-actions" role="group" aria-label={t('members.profile.actions')}>
            <button type="button" className="btn btn-outline" onClick={() => setDialog('edit')}>
              {t('members.profile.edit')}
            </button>
            <button type="button" className="btn btn-outline" onClick={() => goToRewards(profile.id)}>
              {t('members.profile.pointsStatement')}
            </button>
            {isManager ? (
              <button type="button" className="btn btn-outline" onClick={() => setDialog('status')}>
                {profile.status === 'frozen' ? t('members.freeze.unfreeze') : t('members.freeze.freeze')}
              </button>
            ) : null}
            {isManager ? (
              <button type="button" className="btn btn-outline" onClick={() => setDialog('merge')}>
                {t('members.merge.open')}
              </button>
            ) : null}
            {isOwner ? (
              <button type="button" className="btn btn-danger-outline" onClick={() => setDialog('erase')}>
                {t('members.erase.open')}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>

      {profile.status === 'merged' && profile.mergedInto ? (
        <div className="warning-box">
          {t('members.profile.mergedInto', { id: profile.mergedInto })}{' '}
          <button type="button" className="btn btn-outline btn-sm" onClick={() => useMembers.getState().openProfile(profile.mergedInto!)}>
            {t('members.profile.openMerged')}
          </button>
        </div>
      ) : null}
      {profile.status === 'erased' ? <p className="warning-box">{t('members.profile.erasedNote')}</p> : null}
      {profile.status === 'frozen' ? <p className="warning-box">{t('members.profile.frozenNote')}</p> : null}

      <header className="profile-head">
        <div className="member-card-print">
          <div className="profile-identity">
            <h2 id={PROFILE_HEADING_ID} tabIndex={-1}>
              {displayName}
            </h2>
            <div className="profile-badges">
              <span className="badge badge-tier">{profile.tier.name}</span>
              <StatusBadge status={profile.status} />
              {profile.birthdayToday ? <span className="badge badge-warn">{t('members.profile.birthdayToday')}</span> : profile.birthdaySoon ? <span className="badge badge-warn">{t('members.profile.birthdaySoon')}</span> : null}
            </div>
            <dl className="facts facts-compact">
              <dt>{t('members.field.cardNo')}</dt>
              <dd className="mono">{profile.cardNo}</dd>
              <dt>{t('members.field.phone')}</dt>
              <dd className="phone-line">
                <span className="mono" aria-live="polite">
                  {phone ?? (profile.maskedPhone || '—')}
                </span>
                {isManager && live && profile.maskedPhone ? (
                  <button type="button" className="btn btn-ghost btn-sm no-print" aria-pressed={phone !== null} onClick={() => void reveal()}>
                    {phone ? t('members.profile.hidePhone') : t('members.profile.revealPhone')}
                  </button>
                ) : null}
              </dd>
            </dl>
          </div>
          {live ? <CardBarcode cardNo={profile.cardNo} label={t('members.profile.barcode', { card: profile.cardNo })} /> : null}
        </div>
        {live ? (
          <button type="button" className="btn btn-ghost btn-sm no-print print-card" onClick={() => void printCard()}>
            {t('members.profile.printCard')}
          </button>
        ) : null}
      </header>

      <ul className="stat-cards" aria-label={t('members.profile.stats')}>
        <li className="stat-card">
          <span className="stat-label">{t('members.field.points')}</span>
          <strong className="stat-value">{(summary?.balance ?? profile.points).toLocaleString(locale)}</strong>
          {summary && summary.expiringSoon > 0 ? (
            <span className="stat-note warn">{t('members.profile.expiring', { points: summary.expiringSoon, date: formatDate(summary.expiringBy, locale) })}</span>
          ) : (
            <span className="stat-note">{summary ? t('members.profile.usable', { points: summary.usable }) : ''}</span>
          )}
        </li>
        <li className="stat-card">
          <span className="stat-label">{t('members.field.storedValue')}</span>
          <strong className="stat-value">{formatMoney(profile.storedValueFen, locale)}</strong>
        </li>
        <li className="stat-card">
          <span className="stat-label">{t('members.field.spend')}</span>
          <strong className="stat-value">{formatMoney(profile.spendFen, locale)}</strong>
        </li>
        <li className="stat-card">
          <span className="stat-label">{t('members.field.visits')}</span>
          <strong className="stat-value">{profile.visits}</strong>
        </li>
        <li className="stat-card">
          <span className="stat-label">{t('members.field.lastVisit')}</span>
          <strong className="stat-value stat-date">{formatDate(profile.lastVisit, locale) || '—'}</strong>
        </li>
      </ul>

      <div className="profile-columns">
        <div className="profile-column">
          <section className="profile-section" aria-labelledby="tier-title">
            <h3 id="tier-title">{t('members.profile.tier')}</h3>
            <dl className="facts facts-compact">
              <dt>{t('members.field.tier')}</dt>
              <dd>{profile.tier.name}</dd>
              <dt>{t('members.tiers.price')}</dt>
              <dd className="tier-discount">{discountLabel(profile.tier.pricePct, locale)}</dd>
              <dt>{t('members.tiers.points')}</dt>
              <dd>{multiplierLabel(profile.tier.pointsPct)}</dd>
              {profile.tier.birthdayPerk ? (
                <>
                  <dt>{t('members.tiers.birthdayPerk')}</dt>
                  <dd>{profile.tier.birthdayPerk}</dd>
                </>
              ) : null}
              {profile.paidTier ? (
                <>
                  <dt>{t('members.profile.paidTier')}</dt>
                  <dd>{t('members.profile.paidUntil', { tier: profile.paidTier.name, date: formatDate(profile.paidTier.until, locale) })}</dd>
                </>
              ) : null}
            </dl>
            {live && tier ? <TierProgress profile={profile} tiers={tiers} /> : null}
          </section>

          <section className="profile-section" aria-labelledby="details-title">
            <h3 id="details-title">{t('members.profile.details')}</h3>
            <dl className="facts facts-compact">
              <dt>{t('members.field.birthday')}</dt>
              <dd>{formatBirthday(profile.birthday, locale) || '—'}</dd>
              <dt>{t('members.field.gender')}</dt>
              <dd>{gender}</dd>
              <dt>{t('members.field.tags')}</dt>
              <dd>
                {profile.tags.length ? (
                  <ul className="tag-list" aria-label={t('members.field.tags')}>
                    {profile.tags.map((tag) => (
                      <li key={tag} className="tag-chip">
                        {tag}
                      </li>
                    ))}
                  </ul>
                ) : (
                  '—'
                )}
              </dd>
              <dt>{t('members.field.note')}</dt>
              <dd className="note-text">{profile.note || '—'}</dd>
              <dt>{t('members.field.enrolledAt')}</dt>
              <dd>{formatDateTime(profile.enrolledAt, locale)}</dd>
              <dt>{t('members.field.consent')}</dt>
              <dd>{profile.consent ? t('members.yes') : t('members.no')}</dd>
              <dt>{t('members.field.referrer')}</dt>
              <dd>
                {profile.referrer ? (
                  <button type="button" className="link-button" onClick={() => useMembers.getState().openProfile(profile.referrer!.id)}>
                    {profile.referrer.name || t('members.noName')} <span className="mono">{profile.referrer.maskedPhone}</span>
                  </button>
                ) : (
                  '—'
                )}
              </dd>
              <dt>{t('members.field.referrals')}</dt>
              <dd>{profile.referrals}</dd>
            </dl>
          </section>
        </div>

        <div className="profile-column profile-column-wide">
          <PurchaseHistory memberId={profile.id} reload={historyKey} />
          <MemberComplaints memberId={profile.id} memberName={profile.name} reload={historyKey} />
          <section className="profile-section" aria-labelledby="tier-history-title">
            <h3 id="tier-history-title">{t('members.tierHistory.title')}</h3>
            <div className="table-wrap">
              <table className="table table-compact">
                <caption className="sr-only">{t('members.tierHistory.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('members.tierHistory.at')}</th>
                    <th scope="col">{t('members.tierHistory.change')}</th>
                    <th scope="col">{t('members.tierHistory.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {profile.tierHistory.length === 0 ? (
                    <tr>
                      <td colSpan={3}>—</td>
                    </tr>
                  ) : (
                    profile.tierHistory.map((h, i) => (
                      <tr key={`${h.at}-${i}`}>
                        <td className="nowrap">{formatDateTime(h.at, locale)}</td>
                        <td>{h.from ? `${h.from} → ${h.to}` : h.to}</td>
                        <td>{TIER_REASONS.includes(h.reason) ? (t as unknown as (k: string) => string)(`members.tierHistory.reasons.${h.reason}`) : h.reason}</td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      </div>

      {dialog === 'edit' ? <EditMemberDialog profile={profile} canChangePhone={isManager} onClose={() => setDialog(null)} onSaved={(p) => changed(p)} /> : null}
      {dialog === 'status' ? <StatusDialog profile={profile} onClose={() => setDialog(null)} onDone={(p) => changed(p)} /> : null}
      {dialog === 'merge' ? <MergeDialog profile={profile} onClose={() => setDialog(null)} onMerged={(p) => changed(p)} /> : null}
      {dialog === 'erase' ? (
        <EraseDialog
          profile={profile}
          onClose={() => setDialog(null)}
          onErased={() => changed(null)}
        />
      ) : null}
    </article>
  );
}
