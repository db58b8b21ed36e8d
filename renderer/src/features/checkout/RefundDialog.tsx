import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sale } from '../../../../shared/contract/checkout.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusLater, focusOnMount, focusSelectorLater } from '../../components/focus.js';
import { formatDateTime } from '../../i18n/format.js';
import { notifyError } from '../../stores/notices.js';
import { planSplit, TILL_METHODS, type PayMethod } from './model/split.js';
import { SplitFields, splitShortcut, type SplitState } from './SplitFields.js';
import { newClientRef, useMoney } from './format.js';
import { PrintStatus } from './print.js';
import { refundCap, refundWant } from '../weighing/refund-lines.js';
import { useScanHandler } from './scan-router.js';

const RECEIPT_ID = 'refund-receipt';
const PREFIX = 'refund';

/** The method most of the sale was paid with: where the refund goes by default. */
function mainMethod(sale: Sale): PayMethod {
  return [...sale.payments].sort((a, b) => b.amountFen - a.amountFen)[0]?.method ?? 'cash';
}

/** Stored value goes back only to the member's balance it came from, up to what the sale took from it. */
function refundMethods(sale: Sale | null): { methods: readonly PayMethod[]; limits: Partial<Record<PayMethod, number>> } {
  const fromBalance = sale?.payments.filter((p) => p.method === 'stored_value').reduce((s, p) => s + p.amountFen, 0) ?? 0;
  if (!sale || sale.memberId === null || fromBalance <= 0) return { methods: TILL_METHODS, limits: {} };
  return { methods: [...TILL_METHODS, 'stored_value'], limits: { stored_value: fromBalance } };
}

/**
 * 退款 (managers): find the sale by its receipt number, typed or scanned from the receipt's
 * barcode; pick lines and quantities; the core quotes the amount (never more than was paid);
 * choose where the money goes back; commit.
 */
export function RefundDialog({ initialReceipt, printerSet, onClose }: { initialReceipt: string; printerSet: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const [receipt, setReceipt] = useState(initialReceipt);
  const [sale, setSale] = useState<Sale | null>(null);
  const [qty, setQty] = useState<Record<number, string>>({});
  const [quote, setQuote] = useState<number | null>(null);
  const [split, setSplit] = useState<SplitState>({ absorber: 'cash', amounts: {}, tendered: '' });
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ refund: Sale; printJobId: number | null } | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const quoteSeq = useRef(0);

  const lookup = async (text: string) => {
    const receiptNo = text.trim();
    if (!receiptNo) return;
    setReceipt(receiptNo);
    const r = await invoke('sales.get', { receiptNo });
    if (!r.ok) return focusLater(RECEIPT_ID);
    if (r.value.kind !== 'sale') {
      notifyError({ code: 'rule_violation', messageKey: 'errors.refund_not_a_sale' });
      return focusLater(RECEIPT_ID);
    }
    setSale(r.value);
    setQty({});
    setQuote(null);
    setSplit({ absorber: mainMethod(r.value), amounts: {}, tendered: '' });
    focusSelectorLater('.co-refund-qty:not(:disabled)');
  };

  useEffect(() => {
    if (initialReceipt) void lookup(initialReceipt);
    // Looks up the scanned receipt once, when opened from a scan.
  }, []);

  // A scanned receipt barcode while this dialog is open looks that sale up.
  useScanHandler((code) => {
    if (!done) void lookup(code);
  });

  const wanted = sale
    ? sale.lines.map((l) => refundWant(l, qty[l.id])).filter((l) => l !== null)
    : [];
  const wantedKey = JSON.stringify(wanted);

  useEffect(() => {
    const mine = ++quoteSeq.current;
    if (!sale || wanted.length === 0) {
      setQuote(null);
      return;
    }
    const timer = setTimeout(() => {
      void invoke('sales.refundQuote', { saleId: sale.id, lines: wanted }).then((r) => {
        if (mine === quoteSeq.current) setQuote(r.ok ? r.value.amountFen : null);
      });
    }, 120);
    return () => clearTimeout(timer);
    // wantedKey stands for `wanted`.
  }, [sale, wantedKey]);

  const { methods, limits } = refundMethods(sale);
  const plan = planSplit({ dueFen: quote ?? 0, methods, absorber: split.absorber, amounts: split.amounts, limits });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !sale) return;
    if (wanted.length === 0) {
      notifyError({ code: 'bad_input', messageKey: 'checkout.refund.pickLines' });
      return focusSelectorLater('.co-refund-qty:not(:disabled)');
    }
    setBusy(true);
    const q = await invoke('sales.refundQuote', { saleId: sale.id, lines: wanted });
    if (!q.ok) return setBusy(false);
    setQuote(q.value.amountFen);
    const p = planSplit({ dueFen: q.value.amountFen, methods, absorber: split.absorber, amounts: split.amounts, limits });
    if (p.problem) {
      setBusy(false);
      notifyError({ code: 'bad_input', messageKey: `checkout.pay.problem.${p.problem}` });
      return;
    }
    const r = await invoke('sales.refund', {
      saleId: sale.id,
      clientRef: newClientRef(),
      lines: wanted,
      payments: p.payments.map(({ method, amountFen }) => ({ method, amountFen })),
      reason: reason.trim(),
      print: true,
    });
    setBusy(false);
    if (!r.ok) return;
    setDone(r.value);
    setJobId(r.value.printJobId);
  };

  const quotePending = wanted.length > 0 && quote === null;
  return (
    <Modal title={t('checkout.refund.title')} onClose={onClose} initialFocusId={RECEIPT_ID} wide>
      {done ? (
        <div className="co-refund-done">
          <p className="lead" role="status">
            {t('checkout.refund.done', { amount: money(-done.refund.totalFen), receiptNo: done.refund.receiptNo })}
          </p>
          <PrintStatus jobId={jobId} onJob={setJobId} printerSet={printerSet} />
          <div className="modal-actions">
            {/* Focused as React commits the done view (not a frame later): the form's button that had
                focus is gone in the same commit, so an Enter pressed now closes the dialog. */}
            <button id="refund-done" ref={focusOnMount} type="button" className="btn btn-primary" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        </div>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)} onKeyDown={(e) => splitShortcut(e, methods, split, setSplit, PREFIX, false)}>
          <div className="co-refund-find">
            <Field id={RECEIPT_ID} label={t('checkout.refund.receipt')} hint={t('checkout.refund.receiptHint')}>
              {(p) => (
                <input
                  {...p}
                  autoComplete="off"
                  maxLength={40}
                  value={receipt}
                  onChange={(e) => setReceipt(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      void lookup(e.currentTarget.value);
                    }
                  }}
                />
              )}
            </Field>
            <button type="button" className="btn btn-outline" onClick={() => void lookup(receipt)}>
              {t('checkout.refund.find')}
            </button>
          </div>
          {sale ? (
            <>
              <p className="co-refund-sale">
                {t('checkout.refund.sale', {
                  receiptNo: sale.receiptNo,
                  at: formatDateTime(sale.soldAt, i18n.language),
                  total: money(sale.totalFen),
                  refunded: money(sale.refundedFen),
                })}
              </p>
              <div className="table-wrap co-refund-lines">
                <table className="table">
                  <caption className="sr-only">{t('checkout.refund.lines')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('checkout.cart.product')}</th>
                      <th scope="col" className="co-col-num">
                        {t('checkout.refund.bought')}
                      </th>
                      <th scope="col" className="co-col-num">
                        {t('checkout.cart.lineTotal')}
                      </th>
                      <th scope="col" className="co-col-num">
                        {t('checkout.refund.refundable')}
                      </th>
                      <th scope="col">{t('checkout.refund.qty')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sale.lines.map((l) => (
                      <tr key={l.id}>
                        <th scope="row">{l.name}</th>
                        <td className="co-col-num">{l.qty}</td>
                        <td className="co-col-num">{money(l.totalFen)}</td>
                        <td className="co-col-num">{l.weighed ? t('weighing.refund.grams', { g: l.weighed.refundableGrams }) : l.refundableQty}</td>
                        <td>
                          <input
                            className="co-refund-qty"
                            inputMode="numeric"
                            autoComplete="off"
                            maxLength={l.weighed ? 7 : 4}
                            aria-label={l.weighed ? t('weighing.refund.gramsOf', { name: l.name }) : t('checkout.refund.qtyOf', { name: l.name })}
                            disabled={refundCap(l) === 0}
                            placeholder="0"
                            value={qty[l.id] ?? ''}
                            onChange={(e) => {
                              const v = e.target.value.replace(/\D/g, '');
                              setQty((q) => ({ ...q, [l.id]: v === '' ? '' : String(Math.min(refundCap(l), Number(v))) }));
                            }}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="co-refund-all">
                <button type="button" className="btn btn-sm btn-outline" onClick={() => setQty(Object.fromEntries(sale.lines.map((l) => [l.id, String(refundCap(l))])))}>
                  {t('checkout.refund.all')}
                </button>
              </div>
              <p className="co-refund-amount" aria-live="polite">
                <span>{t('checkout.refund.amount')}</span>
                <strong className="co-big-money">{quotePending ? '…' : money(quote ?? 0)}</strong>
              </p>
              {quote === 0 ? <p>{t('checkout.refund.nothingToPay')}</p> : null}
              {quote ? <SplitFields prefix={PREFIX} methods={methods} state={split} plan={plan} onChange={setSplit} withTendered={false} /> : null}
              {quote && plan.problem ? <p className="co-pay-problem">{t(`checkout.pay.problem.${plan.problem}`)}</p> : null}
              <Field label={t('checkout.refund.reason')} optional={t('common.optional')}>
                {(p) => <input {...p} autoComplete="off" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />}
              </Field>
            </>
          ) : null}
          <div className="modal-actions">
            <button type="button" className="btn btn-ghost" onClick={onClose}>
              {t('common.cancel')}
            </button>
            {sale ? (
              <SubmitButton busy={busy} className="btn btn-primary btn-lg">
                {busy ? t('checkout.refund.committing') : t('checkout.refund.confirm')}
              </SubmitButton>
            ) : null}
          </div>
        </form>
      )}
    </Modal>
  );
}

