import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { focusLater } from '../../components/focus.js';
import type { PayMethod, SplitPlan } from './model/split.js';
import { yuanText } from './format.js';

export interface SplitState {
  absorber: PayMethod;
  amounts: Partial<Record<PayMethod, string>>;
  tendered: string;
}

export const amountId = (prefix: string, m: PayMethod) => `${prefix}-amount-${m}`;
export const tenderedId = (prefix: string) => `${prefix}-tendered`;

/** Alt+1…5: everything on that method (the others cleared); handled by the dialog's form. */
export function splitShortcut(e: KeyboardEvent, methods: readonly PayMethod[], state: SplitState, set: (s: SplitState) => void, prefix: string, withTendered: boolean): boolean {
  if (!e.altKey || e.ctrlKey || e.metaKey) return false;
  const digit = /^Digit(\d)$/.exec(e.code)?.[1] ?? e.key;
  const m = methods[Number(digit) - 1];
  if (!m) return false;
  e.preventDefault();
  e.stopPropagation();
  allOn(m, methods, state, set, prefix, withTendered);
  return true;
}

function allOn(m: PayMethod, methods: readonly PayMethod[], state: SplitState, set: (s: SplitState) => void, prefix: string, withTendered: boolean) {
  set({ ...state, absorber: m, amounts: {} });
  // Next: the cash handed over, or (paying by another method) a part to split off.
  if (m === 'cash' && withTendered) focusLater(tenderedId(prefix));
  else focusLater(amountId(prefix, methods.find((x) => x !== m) ?? m));
}

/**
 * The payment methods as rows of amounts (组合支付). One method takes the remainder (shown,
 * read-only); the others are typed. Cash has the amount handed over, for the change.
 */
export function SplitFields({ prefix, methods, state, plan, onChange, withTendered, notes }: {
  prefix: string; methods: readonly PayMethod[]; state: SplitState; plan: SplitPlan; onChange: (s: SplitState) => void; withTendered: boolean;
  /** A line under a method (e.g. the member's stored-value balance). */
  notes?: Partial<Record<PayMethod, string>>;
}) {
  const { t } = useTranslation();
  return (
    <div className="co-split" role="group" aria-label={t('checkout.pay.methods')}>
      {methods.map((m, i) => {
        const absorbs = state.absorber === m;
        const label = t(`checkout.method.${m}`);
        return (
          <div key={m} className={`co-split-row${absorbs ? ' co-split-absorber' : ''}`}>
            <button
              type="button"
              className="co-method"
              tabIndex={-1}
              aria-pressed={absorbs}
              aria-keyshortcuts={`Alt+${i + 1}`}
              aria-label={t('checkout.pay.allOn', { method: label })}
              onClick={() => allOn(m, methods, state, onChange, prefix, withTendered)}
            >
              <span>{label}</span>
              <kbd aria-hidden="true">Alt+{i + 1}</kbd>
            </button>
            <input
              id={amountId(prefix, m)}
              className="co-money-input"
              inputMode="decimal"
              autoComplete="off"
              maxLength={12}
              aria-label={t('checkout.pay.amountOf', { method: label })}
              aria-invalid={plan.problemMethod === m || undefined}
              readOnly={absorbs}
              tabIndex={absorbs ? -1 : 0}
              value={absorbs ? yuanText(plan.byMethod[m]) : (state.amounts[m] ?? '')}
              placeholder="0.00"
              onChange={(e) => onChange({ ...state, amounts: { ...state.amounts, [m]: e.target.value } })}
              onFocus={(e) => e.currentTarget.select()}
            />
            <span className="co-split-note">{[absorbs ? t('checkout.pay.rest') : '', notes?.[m] ?? ''].filter(Boolean).join(' ')}</span>
            {m === 'cash' && withTendered ? (
              <input
                id={tenderedId(prefix)}
                className="co-money-input co-tendered"
                inputMode="decimal"
                autoComplete="off"
                maxLength={12}
                aria-label={t('checkout.pay.tendered')}
                placeholder={t('checkout.pay.tenderedPlaceholder')}
                disabled={plan.cashFen === 0}
                value={state.tendered}
                onChange={(e) => onChange({ ...state, tendered: e.target.value })}
                onFocus={(e) => e.currentTarget.select()}
              />
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
