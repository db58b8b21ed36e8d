import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coupon, CouponTemplate } from '../../../../shared/contract/coupons.js';
import type { MemberCard } from '../../../../shared/contract/members.js';
import { roleAllows } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusSelectorLater } from '../../components/focus.js';
import { notifySuccess } from '../../stores/notices.js';
import { useSession } from '../../stores/session.js';
import { formatDate } from '../members/format.js';
import { useCouponTerms } from './CouponTemplates.js';
import { offerText } from './offer-text.js';
import './offers.css';

/** Reasons the core issues coupons for; each has a label under offers.coupons.reason. */
const REASONS = ['manual', 'birthday', 'complaint', 'win_back', 'referral'] as const;
const STATUS_BADGE: Record<Coupon['status'], string> = { valid: 'badge badge-ok', used: 'badge badge-off', expired: 'badge badge-warn', not_yet_valid: 'badge' };

/** 发券 (managers): one coupon of an active template to this member, by hand, with an optional note. */
function IssueCouponForm({ memberId, onIssued }: { memberId: number; onIssued: () => void }) {
  const { t, i18n } = useTranslation();
  const terms = useCouponTerms();
  const [templates, setTemplates] = useState<CouponTemplate[] | null>(null);
  const [templateId, setTemplateId] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void invoke('coupons.templates', {}, { quiet: true }).then((r) => {
      if (!cancelled && r.ok) setTemplates(r.value.filter((x) => x.active));
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!templateId) {
      setError('offers.coupons.pickTemplate');
      return focusSelectorLater('#issue-coupon-form [name="templateId"]');
    }
    setBusy(true);
    const r = await invoke('coupons.issue', { templateId: Number(templateId), memberIds: [memberId], reason: 'manual', note: note.trim() });
    setBusy(false);
    if (!r.ok) return;
    const name = templates?.find((x) => String(x.id) === templateId)?.name ?? '';
    notifySuccess('offers.coupons.issued', { name, code: r.value.codes[0] ?? '' });
    setNote('');
    onIssued();
    focusSelectorLater('#issue-coupon-form [name="templateId"]');
  };

  if (templates !== null && templates.length === 0) return <p className="muted small">{t('offers.coupons.noTemplates')}</p>;
  return (
    <form id="issue-coupon-form" className="issue-coupon-form" noValidate aria-labelledby="issue-coupon-title" onSubmit={(e) => void submit(e)}>
      <h3 id="issue-coupon-title" className="section-title">
        {t('offers.coupons.issueTitle')}
      </h3>
      <div className="field-pair">
        <Field label={t('offers.coupons.template')} error={offerText(t, i18n.language, error)}>
          {(p) => (
            <select {...p} name="templateId" value={templateId} onChange={(e) => {
              setTemplateId(e.target.value);
              setError(undefined);
            }}>
              <option value="">{templates === null ? t('common.loading') : t('offers.coupons.pickTemplate')}</option>
              {templates?.map((x) => {
                const { off, min } = terms(x);
                return (
                  <option key={x.id} value={x.id}>
                    {t('offers.coupons.templateOption', { name: x.name, off, min, count: x.validDays })}
                  </option>
                );
              })}
            </select>
          )}
        </Field>
        <Field label={t('offers.coupons.note')} optional={t('common.optional')}>
          {(p) => <input {...p} name="note" autoComplete="off" maxLength={100} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <SubmitButton busy={busy} className="btn btn-primary">
          {busy ? t('common.saving') : t('offers.coupons.issue')}
        </SubmitButton>
      </div>
    </form>
  );
}

/**
 * 优惠券: the member's coupons, spent and expired ones too, with their status; a manager
 * issues one by hand below the list.
 */
export function MemberCoupons({ member }: { member: MemberCard }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const terms = useCouponTerms();
  const role = useSession((s) => s.staff?.role ?? 'cashier');
  const [coupons, setCoupons] = useState<Coupon[] | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setCoupons(null);
    void invoke('coupons.forMember', { memberId: member.id, includeSpent: true }, { quiet: true }).then((r) => {
      if (!cancelled) setCoupons(r.ok ? r.value : []);
    });
    return () => {
      cancelled = true;
    };
  }, [member.id, reload]);

  const reason = (r: string) => ((REASONS as readonly string[]).includes(r) ? t(`offers.coupons.reason.${r as (typeof REASONS)[number]}`) : r);
  const isManager = roleAllows(role, 'manager');
  const live = member.status === 'active' || member.status === 'frozen';
  const note = (text: string) => <tr><td colSpan={6}>{text}</td></tr>;
  return (
    <section className="profile-section" aria-labelledby="member-coupons-title">
      <h2 id="member-coupons-title" className="section-title">
        {t('offers.coupons.title')}
        {coupons ? <span className="muted small"> · {t('offers.coupons.count', { count: coupons.filter((c) => c.status === 'valid').length })}</span> : null}
      </h2>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="sr-only">{t('offers.coupons.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('offers.coupons.name')}</th>
              <th scope="col">{t('offers.coupons.terms')}</th>
              <th scope="col">{t('offers.coupons.code')}</th>
              <th scope="col">{t('offers.coupons.validity')}</th>
              <th scope="col">{t('offers.coupons.source')}</th>
              <th scope="col">{t('offers.status')}</th>
            </tr>
          </thead>
          <tbody>
            {coupons === null
              ? note(t('common.loading'))
              : coupons.length === 0
                ? note(t('offers.coupons.empty'))
                : coupons.map((c) => {
                  const { off, min } = terms(c);
                  return (
                    <tr key={c.id}>
                      <td>{c.name}</td>
                      <td>{off} · {min}</td>
                      <td className="mono nowrap">{c.code}</td>
                      <td className="nowrap">{t('offers.coupons.range', { from: formatDate(c.validFrom, locale), to: formatDate(c.validTo, locale) })}</td>
                      <td>{reason(c.reason)}</td>
                      <td>
                        <span className={STATUS_BADGE[c.status]}>{t(`offers.coupons.status.${c.status}`)}</span>
                        {c.usedReceiptNo ? <span className="muted small mono"> {c.usedReceiptNo}</span> : null}
                      </td>
                    </tr>
                  );
                })}
          </tbody>
        </table>
      </div>
      {!live ? null : isManager ? <IssueCouponForm memberId={member.id} onIssued={() => setReload((n) => n + 1)} /> : <p className="muted small">{t('offers.coupons.managerOnly')}</p>}
    </section>
  );
}
