import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/contract/index.js';
import type { MemberCard } from '../../../../shared/contract/members.js';
import { roleAllows } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { PAGE_HEADING_ID, focusLater, focusSelectorLater } from '../../components/focus.js';
import { PageHeading } from '../../components/PageHeading.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { formatMoney } from '../../i18n/format.js';
import { notifySuccess } from '../../stores/notices.js';
import { useSession } from '../../stores/session.js';
import { fieldText } from '../members/field-errors.js';
import { formatDate, intInput } from '../members/format.js';
import { MemberLookup } from '../members/MemberLookup.js';
import { goToProfile, useMembers } from '../members/members-store.js';
import { StatusBadge } from '../members/StatusBadge.js';
import { PointsStatement } from './PointsStatement.js';
import { StoredValueStatement } from './StoredValueStatement.js';
import { StoredValueAdjust } from './StoredValueAdjust.js';
import { MemberCoupons } from './MemberCoupons.js';
import { MemberGifts } from '../gifts/MemberGifts.js';
import '../members/members.css';

type Summary = Output<'points.summary'>;
type StoredValue = Output<'storedValue.balance'>;

/** A manager's manual adjustment (points.adjust): add or deduct, with a reason (audited). */
function AdjustPointsForm({ member, usable, onDone }: { member: MemberCard; usable: number; onDone: (balance: number) => void }) {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<'add' | 'deduct'>('add');
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ points?: string; reason?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const n = intInput(points, 1, 1_000_000);
    const errs: { points?: string; reason?: string } = {};
    if (n == null) errs.points = points.trim() ? 'members.rewards.adjust.badPoints' : 'validation.required';
    else if (direction === 'deduct' && n > usable) errs.points = 'members.rewards.adjust.tooMany';
    if (!reason.trim()) errs.reason = 'validation.required';
    setErrors(errs);
    if (errs.points) return focusSelectorLater('#adjust-form [name="points"]');
    if (errs.reason) return focusSelectorLater('#adjust-form [name="reason"]');
    setBusy(true);
    const r = await invoke('points.adjust', { memberId: member.id, delta: direction === 'add' ? n! : -n!, reason: reason.trim() });
    setBusy(false);
    if (!r.ok) return;
    notifySuccess('members.rewards.adjust.done', { delta: direction === 'add' ? `+${n}` : `−${n}`, balance: r.value.balance });
    setPoints('');
    setReason('');
    onDone(r.value.balance);
    focusSelectorLater('#adjust-form [name="points"]');
  };

  return (
    <section className="profile-section" aria-labelledby="adjust-title">
      <h2 id="adjust-title" className="section-title">
        {t('members.rewards.adjust.title')}
      </h2>
      <form id="adjust-form" className="adjust-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="adjust-title">
        <fieldset className="radio-row">
          <legend>{t('members.rewards.adjust.direction')}</legend>
          <label className="radio-pill">
            <input type="radio" name="direction" checked={direction === 'add'} onChange={() => setDirection('add')} />
            {t('members.rewards.adjust.add')}
          </label>
          <label className="radio-pill">
            <input type="radio" name="direction" checked={direction === 'deduct'} onChange={() => setDirection('deduct')} />
            {t('members.rewards.adjust.deduct')}
          </label>
        </fieldset>
        <Field label={t('members.rewards.adjust.points')} error={fieldText(t, errors.points)} hint={direction === 'deduct' ? t('members.rewards.adjust.usable', { points: usable }) : undefined}>
          {(p) => <input {...p} name="points" inputMode="numeric" autoComplete="off" maxLength={8} value={points} onChange={(e) => {
                setPoints(e.target.value);
                setErrors((old) => ({ ...old, points: undefined }));
              }} />}
        </Field>
        <Field label={t('members.rewards.adjust.reason')} error={fieldText(t, errors.reason)}>
          {(p) => <input {...p} name="reason" autoComplete="off" maxLength={200} value={reason} onChange={(e) => {
                setReason(e.target.value);
                setErrors((old) => ({ ...old, reason: undefined }));
              }} />}
        </Field>
        <div className="form-actions">
          <SubmitButton busy={busy} className="btn btn-primary">
            {busy ? t('common.saving') : t('members.rewards.adjust.submit')}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}

/**
 * 积分储值: find a member, see their points (balance, usable, expiring soon) and stored
 * value, the points statement with running balance, and (managers) adjust points.
 */
export function RewardsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const role = useSession((s) => s.staff?.role ?? 'cashier');
  const isManager = roleAllows(role, 'manager');
  const memberId = useMembers((s) => s.rewardsMemberId);
  const setMember = useMembers((s) => s.setRewardsMember);
  const [card, setCard] = useState<MemberCard | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [stored, setStored] = useState<StoredValue | null>(null);
  const [reload, setReload] = useState(0);

  const load = useCallback(async (id: number) => {
    const [c, s, v] = await Promise.all([
      invoke('members.card', { id }),
      invoke('points.summary', { memberId: id }),
      invoke('storedValue.balance', { memberId: id }, { quiet: true }),
    ]);
    if (c.ok) setCard(c.value);
    else setMember(null);
    if (s.ok) setSummary(s.value);
    setStored(v.ok ? v.value : null);
  }, [setMember]);

  useEffect(() => {
    setCard(null);
    setSummary(null);
    setStored(null);
    if (memberId !== null) void load(memberId);
  }, [memberId, load]);

  const pick = (m: MemberCard) => {
    setMember(m.id);
    focusLater('rewards-member-name');
  };

  const live = card && (card.status === 'active' || card.status === 'frozen');
  return (
    <section className="page rewards-page" aria-labelledby={PAGE_HEADING_ID}>
      <div className="page-head members-head">
        <PageHeading>{t('sections.rewards')}</PageHeading>
        <MemberLookup variant="inline" inputId="rewards-lookup" autoPickExact onPick={pick} label={t('members.rewards.find')} />
      </div>
      {memberId !== null && card ? (
        <div className="rewards-member">
          <div className="rewards-head">
            <div>
              <h2 id="rewards-member-name" tabIndex={-1}>
                {card.status === 'erased' ? t('members.erasedName') : card.name || t('members.noName')}
              </h2>
              <span className="mono">{card.maskedPhone || '—'}</span> · <span className="muted">{t('members.cardNoShort')}</span> <span className="mono">{card.cardNo}</span> ·{' '}
              <span className="badge badge-tier">{card.tier.name}</span>
              {card.status !== 'active' ? <StatusBadge status={card.status} /> : null}
            </div>
            <div className="page-head-actions">
              <button type="button" className="btn btn-outline" onClick={() => goToProfile(card.id)}>
                {t('members.rewards.openProfile')}
              </button>
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() => {
                  setMember(null);
                  focusLater('rewards-lookup');
                }}
              >
                {t('members.rewards.otherMember')}
              </button>
            </div>
          </div>
          <ul className="stat-cards" aria-label={t('members.rewards.summary')}>
            <li className="stat-card">
              <span className="stat-label">{t('members.rewards.balance')}</span>
              <strong className="stat-value">
                {(summary?.balance ?? card.points).toLocaleString(locale)}
              </strong>
            </li>
            <li className="stat-card">
              <span className="stat-label">{t('members.rewards.usable')}</span>
              <strong className="stat-value">{(summary?.usable ?? card.points).toLocaleString(locale)}</strong>
            </li>
            <li className="stat-card">
              <span className="stat-label">{t('members.rewards.expiringSoon')}</span>
              <strong className={summary && summary.expiringSoon > 0 ? 'stat-value warn' : 'stat-value'}>{(summary?.expiringSoon ?? 0).toLocaleString(locale)}</strong>
              {summary ? <span className="stat-note">{t('members.rewards.expiringBy', { date: formatDate(summary.expiringBy, locale) })}</span> : null}
            </li>
            <li className="stat-card">
              <span className="stat-label">{t('members.field.storedValue')}</span>
              <strong className="stat-value">{formatMoney(stored?.totalFen ?? card.storedValueFen, locale)}</strong>
              {stored ? (
                <span className="stat-note">{t('members.rewards.principalBonus', { principal: formatMoney(stored.principalFen, locale), bonus: formatMoney(stored.bonusFen, locale) })}</span>
              ) : null}
            </li>
          </ul>
          <div className="rewards-columns">
            <PointsStatement memberId={card.id} reload={reload} />
            {isManager && live ? (
              <AdjustPointsForm
                member={card}
                usable={summary?.usable ?? card.points}
                onDone={() => {
                  setReload((n) => n + 1);
                  void load(card.id);
                }}
              />
            ) : (
              <p className="muted small">{live ? t('members.rewards.adjust.managerOnly') : ''}</p>
            )}
          </div>
          <MemberGifts member={card} usable={summary?.usable ?? card.points} onDone={() => { setReload((n) => n + 1); void load(card.id); }} />
          <StoredValueStatement memberId={card.id} reload={reload} />
          <StoredValueAdjust member={card} balance={stored} onDone={() => { setReload((n) => n + 1); void load(card.id); }} />
          <MemberCoupons member={card} />
        </div>
      ) : memberId === null ? (
        <p className="muted">{t('members.rewards.intro')}</p>
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
    </section>
  );
}
