import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberCard } from '../../../../shared/contract/members.js';
import type { Output } from '../../../../shared/contract/index.js';
import { parseYuan } from '../../../../shared/money.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusLater } from '../../components/focus.js';
import { TILL_METHODS, type TillMethod } from './model/split.js';
import { PrintStatus } from './print.js';
import { newClientRef, useMoney } from './format.js';

const AMOUNT_ID = 'topup-amount';
const TENDERED_ID = 'topup-tendered';
const DONE_ID = 'topup-done';

type TopUpDone = Output<'storedValue.topUp'>;

/**
 * 充值 at the till for the attached member: the amount, the bonus the shop's rules give
 * (充100送20, quoted by the core as it is typed), how the customer pays (Alt+1–4 as in the
 * payment dialog), the cash handed over for the change. The core prints the top-up receipt;
 * the dialog then shows the new balance and the print job.
 */
export function TopUpDialog({ member, printerSet, onDone, onClose }: {
  member: MemberCard; printerSet: boolean; onDone: (result: TopUpDone) => void; onClose: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<TillMethod>('cash');
  const [tendered, setTendered] = useState('');
  const [quote, setQuote] = useState<Output<'storedValue.quote'> | null>(null);
  const [rules, setRules] = useState<Output<'storedValue.rules'> | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<TopUpDone | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const attempt = useRef<string | null>(null);

  const fen = parseYuan(amount);
  const amountFen = fen !== null && fen > 0 ? fen : null;
  const tenderedFen = tendered.trim() === '' ? null : parseYuan(tendered);
  const amountError = amountFen === null ? t('checkout.topup.amountInvalid') : undefined;
  const tenderedError =
    method !== 'cash' || tendered.trim() === '' ? undefined : tenderedFen === null ? t('checkout.topup.tenderedInvalid') : amountFen !== null && tenderedFen < amountFen ? t('checkout.topup.tenderedShort') : undefined;

  useEffect(() => {
    void invoke('storedValue.rules', {}, { quiet: true }).then((r) => r.ok && setRules(r.value));
  }, []);

  // The bonus for what is typed, from the core's rules (never worked out here).
  useEffect(() => {
    if (amountFen === null) {
      setQuote(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      void invoke('storedValue.quote', { amountFen }, { quiet: true }).then((r) => {
        if (!stale) setQuote(r.ok ? r.value : null);
      });
    }, 120);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [amountFen]);

  const choose = (m: TillMethod) => {
    setMethod(m);
    focusLater(m === 'cash' ? TENDERED_ID : AMOUNT_ID);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    const digit = /^Digit(\d)$/.exec(e.code)?.[1] ?? e.key;
    const m = TILL_METHODS[Number(digit) - 1];
    if (!m) return;
    e.preventDefault();
    e.stopPropagation();
    choose(m);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setTried(true);
    if (amountError || amountFen === null) return focusLater(AMOUNT_ID);
    if (tenderedError) return focusLater(TENDERED_ID);
    attempt.current ??= newClientRef();
    setBusy(true);
    const r = await invoke('storedValue.topUp', {
      memberId: member.id,
      amountFen,
      method,
      tenderedFen: method === 'cash' ? tenderedFen : null,
      clientRef: attempt.current,
      print: true,
    });
    setBusy(false);
    if (!r.ok) {
      // A lost answer may still have been a top-up: keep the key so a retry is safe.
      if (r.error.messageKey !== 'errors.network') attempt.current = null;
      return;
    }
    setDone(r.value);
    setJobId(r.value.printJobId);
    onDone(r.value);
    focusLater(DONE_ID);
  };

  const name = member.name || member.maskedPhone;
  if (done) {
    const total = done.principalFen + done.bonusBalanceFen;
    return (
      <Modal title={t('checkout.topup.title')} onClose={onClose} initialFocusId={DONE_ID}>
        <p className="lead" role="status">
          {t('checkout.topup.done', { name, amount: money(amountFen ?? 0), bonus: money(done.bonusFen), balance: money(total) })}
        </p>
        <dl className="facts co-facts" aria-label={t('checkout.topup.result')}>
          <dt>{t('checkout.topup.receiptNo')}</dt>
          <dd className="mono">{done.receiptNo}</dd>
          <dt>{t('checkout.topup.balance')}</dt>
          <dd>{money(total)}</dd>
          <dt>{t('checkout.topup.principal')}</dt>
          <dd>{money(done.principalFen)}</dd>
          <dt>{t('checkout.topup.bonusBalance')}</dt>
          <dd>{money(done.bonusBalanceFen)}</dd>
          {done.changeFen > 0 ? (
            <>
              <dt>{t('checkout.pay.change')}</dt>
              <dd className="co-change-amount">{money(done.changeFen)}</dd>
            </>
          ) : null}
          {done.tierName ? (
            <>
              <dt>{t('checkout.topup.tier')}</dt>
              <dd>{done.tierName}</dd>
            </>
          ) : null}
        </dl>
        <PrintStatus jobId={jobId} onJob={setJobId} printerSet={printerSet} />
        <div className="modal-actions">
          <button id={DONE_ID} type="button" className="btn btn-primary" onClick={onClose}>
            {t('checkout.topup.finish')}
          </button>
        </div>
      </Modal>
    );
  }

  const change = method === 'cash' && amountFen !== null && tenderedFen !== null && tenderedFen >= amountFen ? tenderedFen - amountFen : null;
  return (
    <Modal title={t('checkout.topup.title')} onClose={() => (busy ? undefined : onClose())} initialFocusId={AMOUNT_ID}>
      <form noValidate onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} className="co-topup">
        <p className="lead">{t('checkout.topup.for', { name, balance: money(member.storedValueFen) })}</p>
        {rules && rules.bonuses.length > 0 ? (
          <p className="small muted">
            {t('checkout.topup.rules', {
              rules: [...rules.bonuses].sort((a, b) => a.minFen - b.minFen).map((b) => t('checkout.topup.rule', { min: money(b.minFen), bonus: money(b.bonusFen) })).join(t('checkout.topup.ruleSep')),
            })}
          </p>
        ) : null}
        <Field id={AMOUNT_ID} label={t('checkout.topup.amount')} error={tried ? amountError : undefined}>
          {(p) => <input {...p} className="co-money-input" inputMode="decimal" autoComplete="off" maxLength={12} value={amount} onChange={(e) => setAmount(e.target.value)} onFocus={(e) => e.currentTarget.select()} />}
        </Field>
        <p className="co-topup-quote" aria-live="polite">
          {amountFen !== null && quote
            ? [
                quote.bonusFen > 0 ? t('checkout.topup.bonus', { bonus: money(quote.bonusFen) }) : t('checkout.topup.noBonus'),
                t('checkout.topup.credited', { amount: money(amountFen + quote.bonusFen), balance: money(member.storedValueFen + amountFen + quote.bonusFen) }),
                quote.tierName ? t('checkout.topup.grants', { tier: quote.tierName }) : '',
              ].filter(Boolean).join(' · ')
            : ''}
        </p>
        <div className="co-topup-methods" role="radiogroup" aria-label={t('checkout.topup.method')}>
          {TILL_METHODS.map((m, i) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={method === m}
              aria-keyshortcuts={`Alt+${i + 1}`}
              tabIndex={method === m ? 0 : -1}
              className={`btn btn-sm ${method === m ? 'btn-primary' : 'btn-outline'}`}
              onClick={() => choose(m)}
              onKeyDown={(e) => {
                if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
                e.preventDefault();
                const next = TILL_METHODS[(i + (e.key === 'ArrowRight' ? 1 : TILL_METHODS.length - 1)) % TILL_METHODS.length]!;
                setMethod(next);
                focusLater(`topup-method-${next}`);
              }}
              id={`topup-method-${m}`}
            >
              {t(`checkout.method.${m}`)} <kbd aria-hidden="true">Alt+{i + 1}</kbd>
            </button>
          ))}
        </div>
        {method === 'cash' ? (
          <Field id={TENDERED_ID} label={t('checkout.pay.tendered')} hint={change !== null ? t('checkout.topup.change', { change: money(change) }) : t('checkout.pay.tenderedPlaceholder')} error={tried ? tenderedError : undefined}>
            {(p) => <input {...p} className="co-money-input" inputMode="decimal" autoComplete="off" maxLength={12} value={tendered} onChange={(e) => setTendered(e.target.value)} onFocus={(e) => e.currentTarget.select()} />}
          </Field>
        ) : null}
        <p className="small muted">{t('checkout.topup.keys')}</p>
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <SubmitButton busy={busy} className="btn btn-primary">
            {busy ? t('checkout.topup.committing') : t('checkout.topup.confirm')}
          </SubmitButton>
        </div>
      </form>
    </Modal>
  );
}
