import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusLater } from '../../components/focus.js';
import { planSplit, TILL_METHODS, type PayMethod, type SplitPlan } from './model/split.js';
import { tillSound } from '../../sound/till-sounds.js';
import { SplitFields, splitShortcut, tenderedId, type SplitState } from './SplitFields.js';
import { useMoney } from './format.js';
import { usePaymentCodeScan } from '../payments/usePaymentCodeScan.js';

const PREFIX = 'pay';

interface Props {
  dueFen: number;
  itemCount: number;
  /** The attached member's stored-value balance (储值), offered as a method when there is one. */
  storedValueFen: number | null;
  busy: boolean;
  /** Pays with the plan; the parent commits and closes the dialog when the sale is done. */
  onPay: (plan: SplitPlan) => void;
  onClose: () => void;
}

/**
 * 结账: cash with the amount handed over and the change shown large; bank card, WeChat Pay,
 * Alipay; or a split (组合支付). Enter confirms; Alt+1–4 put everything on one method.
 */
export function PaymentDialog({ dueFen, itemCount, storedValueFen, busy, onPay, onClose }: Props) {
  const { t } = useTranslation();
  const money = useMoney();
  const [state, setState] = useState<SplitState>({ absorber: 'cash', amounts: {}, tendered: '' });
  const [tried, setTried] = useState(false);
  const methods: readonly PayMethod[] = storedValueFen ? [...TILL_METHODS, 'stored_value'] : TILL_METHODS;
  const limits = storedValueFen ? { stored_value: storedValueFen } : {};
  const plan = planSplit({ dueFen, methods, absorber: state.absorber, amounts: state.amounts, tendered: state.tendered, limits });

  // 付款码: a scanned code pays what the other methods leave, on its own platform.
  const scanned = usePaymentCodeScan((method, code) => {
    if (busy) return;
    const byCode = planSplit({ dueFen, methods, absorber: method, amounts: { ...state.amounts, [method]: '' }, tendered: state.tendered, limits });
    setState((s) => ({ ...s, absorber: method, amounts: { ...s.amounts, [method]: '' } }));
    setTried(true);
    if (!byCode.problem) onPay({ ...byCode, payments: byCode.payments.map((p) => (p.method === method ? { ...p, code } : p)) });
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setTried(true);
    if (plan.problem) {
      tillSound('refused');
      if (plan.problem === 'tendered_short' || plan.problem === 'tendered_invalid') focusLater(tenderedId(PREFIX));
      return;
    }
    onPay(plan);
  };

  const problemText = plan.problem ? t(`checkout.pay.problem.${plan.problem}`) : '';
  return (
    <Modal title={t('checkout.pay.title')} onClose={() => (busy ? undefined : onClose())} initialFocusId={tenderedId(PREFIX)} wide>
      <form noValidate onSubmit={submit} onKeyDown={(e) => splitShortcut(e, methods, state, setState, PREFIX, true)} className="co-pay">
        <div className="co-pay-due">
          <span>{t('checkout.pay.due', { n: itemCount })}</span>
          <strong className="co-big-money" aria-label={t('checkout.pay.dueLabel', { amount: money(dueFen) })}>
            {money(dueFen)}
          </strong>
        </div>
        <div className="co-split-head" aria-hidden="true">
          <span>{t('checkout.pay.method')}</span>
          <span>{t('checkout.pay.amount')}</span>
          <span />
          <span>{t('checkout.pay.tenderedShort')}</span>
        </div>
        <SplitFields
          prefix={PREFIX}
          methods={methods}
          state={state}
          plan={plan}
          onChange={setState}
          withTendered
          notes={storedValueFen ? { stored_value: t('checkout.pay.balance', { amount: money(storedValueFen) }) } : {}}
        />
        <div className="co-pay-result" aria-live="polite">
          {dueFen === 0 ? (
            <p className="co-change">{t('checkout.pay.nothingDue')}</p>
          ) : plan.problem ? (
            <p className="co-pay-problem" role={tried ? 'alert' : undefined}>
              {problemText}
            </p>
          ) : (
            <p className="co-change">
              <span>{t('checkout.pay.change')}</span>
              <strong className="co-change-amount">{money(plan.changeFen)}</strong>
            </p>
          )}
        </div>
        <p className="small muted">{t('checkout.pay.keys')}</p>
        <p className="small muted" role="status">{scanned ? t('payments.pay.scanned', { method: t(`payments.method.${scanned.method}`), tail: scanned.tail }) : t('payments.pay.scanHint')}</p>
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <SubmitButton busy={busy} className="btn btn-primary btn-xl">
            {busy ? t('checkout.pay.committing') : t('checkout.pay.confirm')}
          </SubmitButton>
        </div>
      </form>
    </Modal>
  );
}
