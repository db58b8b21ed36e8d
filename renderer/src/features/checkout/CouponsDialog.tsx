import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coupon } from '../../../../shared/contract/coupons.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { focusLater } from '../../components/focus.js';
import type { AppliedCoupon } from './model/coupons.js';
import { useScanHandler } from './scan-router.js';
import { useMoney, usePctLabel } from './format.js';

const CODE_ID = 'coupon-code';

/** "减 ¥10.00 · 满 ¥30.00 可用" / "9折": what a coupon gives, as the cashier reads it out. */
export function useCouponTerms(): (c: Pick<AppliedCoupon, 'kind' | 'value' | 'minSpendFen'>) => string {
  const { t } = useTranslation();
  const money = useMoney();
  const pctLabel = usePctLabel();
  return (c) => {
    const off = c.kind === 'amount' ? t('checkout.coupon.amountOff', { amount: money(c.value) }) : pctLabel(100 - c.value);
    return c.minSpendFen > 0 ? t('checkout.coupon.withMin', { off, min: money(c.minSpendFen) }) : off;
  };
}

/**
 * 优惠券 (Alt+Q): type or scan a coupon's code, or pick one of the attached member's coupons
 * (↑↓, Enter applies or takes it off again). The core checks every coupon when it is applied
 * (expired, used, another member's, below the minimum spend: refused with the reason).
 */
export function CouponsDialog({ memberId, applied, onApply, onRemove, onClose }: {
  memberId: number | null; applied: readonly AppliedCoupon[]; onApply: (code: string) => Promise<boolean>; onRemove: (code: string) => void; onClose: () => void;
}) {
  const { t } = useTranslation();
  const terms = useCouponTerms();
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [mine, setMine] = useState<Coupon[] | null>(memberId === null ? [] : null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (memberId === null) return;
    void invoke('coupons.forMember', { memberId }, { quiet: true }).then((r) => {
      const list = r.ok ? r.value : [];
      setMine(list);
      // The member's coupons are the usual pick: start there unless a code is being typed.
      const first = list.findIndex((c) => c.status === 'valid');
      if (first >= 0) {
        setActive(first);
        if (document.activeElement?.id === CODE_ID && !(document.activeElement as HTMLInputElement).value) focusLater(listId);
      }
    });
  }, [memberId]);

  const isApplied = (c: string) => applied.some((a) => a.code === c);

  const apply = async (text: string) => {
    const c = text.trim();
    if (!c || busy) return;
    setBusy(true);
    const ok = await onApply(c);
    setBusy(false);
    if (ok) setCode('');
  };

  const toggle = (c: Coupon) => (isApplied(c.code) ? onRemove(c.code) : void apply(c.code));

  // A coupon scanned while this dialog is open is applied like a typed code.
  useScanHandler((scanned) => void apply(scanned));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void apply(code);
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (!mine || mine.length === 0) return;
    const last = mine.length - 1;
    if (e.key === 'ArrowDown') setActive((i) => Math.min(last, i + 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
    else if (e.key === 'Enter' || e.key === ' ') toggle(mine[active]!);
    else return;
    e.preventDefault();
  };

  return (
    <Modal title={t('checkout.coupon.title')} onClose={onClose} initialFocusId={CODE_ID} wide>
      <form noValidate onSubmit={submit} className="co-coupon-code">
        <Field id={CODE_ID} label={t('checkout.coupon.code')} hint={t('checkout.coupon.codeHint')}>
          {(p) => <input {...p} inputMode="numeric" autoComplete="off" maxLength={32} value={code} aria-busy={busy} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <button type="submit" className="btn btn-outline" aria-disabled={busy}>
          {t('checkout.coupon.apply')}
        </button>
      </form>
      {memberId === null ? (
        <p className="small muted">{t('checkout.coupon.noMember')}</p>
      ) : mine === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : mine.length === 0 ? (
        <p className="small muted">{t('checkout.coupon.none')}</p>
      ) : (
        <>
          <ul
            ref={listRef}
            id={listId}
            role="listbox"
            tabIndex={0}
            aria-label={t('checkout.coupon.list')}
            aria-activedescendant={mine[active] ? `${listId}-${mine[active].id}` : undefined}
            className="co-held-list"
            onKeyDown={onListKey}
          >
            {mine.map((c, i) => (
              <li
                key={c.id}
                id={`${listId}-${c.id}`}
                role="option"
                aria-selected={i === active}
                aria-checked={isApplied(c.code)}
                className="co-held co-coupon"
                onClick={() => {
                  setActive(i);
                  toggle(c);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="co-held-label">
                  {isApplied(c.code) ? <span aria-hidden="true">✓ </span> : null}
                  {c.name}
                </span>
                <span>{terms(c)}</span>
                <span className="muted small">
                  {c.status === 'not_yet_valid'
                    ? t('checkout.coupon.from', { date: c.validFrom })
                    : t('checkout.coupon.until', { date: c.validTo })}
                </span>
                <span className="small">{isApplied(c.code) ? t('checkout.coupon.applied') : ''}</span>
              </li>
            ))}
          </ul>
          <p className="small muted">{t('checkout.coupon.keys')}</p>
        </>
      )}
      <div className="modal-actions">
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t('checkout.coupon.done')}
        </button>
      </div>
    </Modal>
  );
}
