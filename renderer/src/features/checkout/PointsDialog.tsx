import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RewardsRules } from '../../../../shared/contract/rewards.js';
import { pointsToFen } from '../../../../shared/pricing.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { useMoney } from './format.js';

const POINTS_ID = 'redeem-points';

/**
 * 积分抵扣: how many points to spend on this sale, any part of what the member can use up to
 * the shop's cap (shown). The core checks the same cap again on commit.
 */
export function PointsDialog({ usable, maxPoints, current, rewards, onApply, onClose }: {
  usable: number; maxPoints: number; current: number; rewards: RewardsRules; onApply: (points: number) => void; onClose: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const [text, setText] = useState(String(current > 0 ? current : maxPoints));
  const [tried, setTried] = useState(false);
  const n = /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  const error = Number.isNaN(n) ? t('checkout.points.invalid') : n > maxPoints ? t('checkout.points.overMax', { max: maxPoints }) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (error) return;
    onApply(n);
  };
  return (
    <Modal title={t('checkout.points.title')} onClose={onClose} initialFocusId={POINTS_ID}>
      <form noValidate onSubmit={submit}>
        <p className="lead">
          {t('checkout.points.rule', { points: rewards.redeemPointsPerYuan, share: rewards.redeemMaxSharePct })}
        </p>
        <dl className="facts co-facts">
          <dt>{t('checkout.points.usable')}</dt>
          <dd>{usable}</dd>
          <dt>{t('checkout.points.max')}</dt>
          <dd>{t('checkout.points.maxValue', { points: maxPoints, amount: money(pointsToFen(maxPoints, rewards.redeemPointsPerYuan)) })}</dd>
        </dl>
        <Field id={POINTS_ID} label={t('checkout.points.amount')} error={tried ? error : undefined} hint={Number.isNaN(n) ? undefined : t('checkout.points.worth', { amount: money(pointsToFen(Math.min(n, maxPoints), rewards.redeemPointsPerYuan)) })}>
          {(p) => <input {...p} inputMode="numeric" autoComplete="off" maxLength={9} value={text} onChange={(e) => setText(e.target.value.replace(/\D/g, ''))} onFocus={(e) => e.currentTarget.select()} />}
        </Field>
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={() => onApply(0)}>
            {t('checkout.points.none')}
          </button>
          <button type="submit" className="btn btn-primary">
            {t('checkout.points.apply')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
