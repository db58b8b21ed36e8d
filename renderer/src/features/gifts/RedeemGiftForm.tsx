import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Gift } from '../../../../shared/contract/gifts.js';
import type { MemberCard } from '../../../../shared/contract/members.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusSelectorLater } from '../../components/focus.js';
import { notifySuccess } from '../../stores/notices.js';
import { newClientRef } from '../checkout/format.js';
import { intInput } from '../members/format.js';
import { giftFieldText, withValues } from './field-text.js';

const FORM = '#gift-redeem-form';

/**
 * 积分兑换 at the counter, by keyboard: pick the gift (arrow keys in the list), type the
 * quantity, Enter. The cost is shown against the member's usable points as it is typed; a
 * shortfall or missing stock is said before anything is sent (the core checks again).
 */
export function RedeemGiftForm({ member, usable, reload, onDone }: { member: MemberCard; usable: number; reload: number; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [gifts, setGifts] = useState<Gift[] | null>(null);
  const [giftId, setGiftId] = useState('');
  const [qty, setQty] = useState('1');
  const [errors, setErrors] = useState<{ gift?: string; qty?: string }>({});
  const [busy, setBusy] = useState(false);
  // One key per redemption: a retry after a lost answer cannot redeem twice.
  const attempt = useRef<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void invoke('gifts.list', {}).then((r) => {
      if (!cancelled && r.ok) setGifts(r.value);
    });
    return () => {
      cancelled = true;
    };
  }, [reload]);

  const gift = gifts?.find((g) => String(g.id) === giftId) ?? null;
  const n = intInput(qty, 1, 999);
  const cost = gift && n ? gift.pointsCost * n : null;
  const short = cost !== null && cost > usable;
  const fmt = (x: number) => x.toLocaleString(locale);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    const e: { gift?: string; qty?: string } = {};
    if (!gift) e.gift = 'validation.required';
    if (n == null) e.qty = qty.trim() ? 'gifts.redeem.badQty' : 'validation.required';
    else if (gift && gift.stock !== null && gift.stock < n) e.qty = withValues('gifts.redeem.outOfStock', { stock: gift.stock });
    else if (cost !== null && short) e.qty = withValues('gifts.redeem.short', { points: fmt(cost), usable: fmt(usable), missing: fmt(cost - usable) });
    setErrors(e);
    if (e.gift) return focusSelectorLater(`${FORM} [name="gift"]`);
    if (e.qty) return focusSelectorLater(`${FORM} [name="qty"]`);
    attempt.current ??= newClientRef();
    setBusy(true);
    const r = await invoke('gifts.redeem', { memberId: member.id, giftId: gift!.id, qty: n!, expectedPoints: cost!, clientRef: attempt.current });
    setBusy(false);
    if (!r.ok) {
      if (r.error.messageKey !== 'errors.network') attempt.current = null;
      return;
    }
    attempt.current = null;
    const { redemption, balance } = r.value;
    notifySuccess('gifts.redeem.done', { name: redemption.giftName, qty: redemption.qty, points: fmt(redemption.points), balance: fmt(balance) });
    setQty('1');
    onDone();
    focusSelectorLater(`${FORM} [name="gift"]`);
  };

  if (gifts !== null && gifts.length === 0) return <p className="muted">{t('gifts.redeem.none')}</p>;
  const title = t('gifts.redeem.title');
  return (
    <form id="gift-redeem-form" className="gifts" noValidate onSubmit={(e) => void submit(e)} aria-label={title}>
      <div className="gift-redeem-form">
        <Field label={t('gifts.redeem.gift')} error={giftFieldText(t, errors.gift)}>
          {(p) => (
            <select {...p} name="gift" value={giftId} onChange={(e) => { setGiftId(e.target.value); setErrors({}); }}>
              <option value="">{t('gifts.redeem.choose')}</option>
              {(gifts ?? []).map((g) => (
                <option key={g.id} value={g.id}>
                  {g.stock === null
                    ? t('gifts.redeem.option', { name: g.name, kind: t(`gifts.kind.${g.kind}`), points: fmt(g.pointsCost) })
                    : t('gifts.redeem.optionStock', { name: g.name, kind: t(`gifts.kind.${g.kind}`), points: fmt(g.pointsCost), stock: fmt(g.stock) })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('gifts.redeem.qty')} error={giftFieldText(t, errors.qty)}>
          {(p) => <input {...p} name="qty" inputMode="numeric" maxLength={3} autoComplete="off" value={qty} onChange={(e) => { setQty(e.target.value); setErrors((o) => ({ ...o, qty: undefined })); }} />}
        </Field>
        <div className="form-actions">
          <SubmitButton busy={busy} className="btn btn-primary">
            {busy ? t('gifts.redeem.submitting') : t('gifts.redeem.submit')}
          </SubmitButton>
        </div>
      </div>
      <p className={short ? 'gift-cost short' : 'gift-cost'} aria-live="polite">
        {cost === null
          ? ''
          : short
            ? t('gifts.redeem.short', { points: fmt(cost), usable: fmt(usable), missing: fmt(cost - usable) })
            : t('gifts.redeem.cost', { points: fmt(cost), usable: fmt(usable), after: fmt(usable - cost) })}
      </p>
    </form>
  );
}
