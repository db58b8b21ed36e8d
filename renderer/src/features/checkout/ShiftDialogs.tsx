import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShiftReport } from '../../../../shared/contract/receipt.js';
import { parseYuan } from '../../../../shared/money.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusLater } from '../../components/focus.js';
import { formatDateTime } from '../../i18n/format.js';
import { notifySuccess } from '../../stores/notices.js';
import { useMoney } from './format.js';
import { PaymentCodeCheck } from '../payments/PaymentCodeCheck.js';
import { printInPage } from './print.js';

const FLOAT_ID = 'shift-float';
const COUNT_ID = 'shift-counted';

export const SHIFT_FLOAT_ID = FLOAT_ID;

/**
 * 开班, asked for on the checkout screen itself while no shift is open (not as a dialog, so
 * the rest of the till and the shell's keys stay usable): the cash float (备用金) in the drawer.
 */
export function OpenShiftCard({ onOpened }: { onOpened: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const fen = text.trim() === '' ? 0 : parseYuan(text);
    if (fen === null || fen < 0) {
      setError(t('checkout.shift.moneyInvalid'));
      return focusLater(FLOAT_ID);
    }
    setError(undefined);
    setBusy(true);
    const r = await invoke('shifts.open', { openingFloatFen: fen });
    setBusy(false);
    if (!r.ok) return;
    notifySuccess('checkout.shift.opened', { amount: money(fen) });
    onOpened();
  };
  return (
    <form className="co-shift-card" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="co-shift-title">
      <div className="co-shift-text">
        <h2 id="co-shift-title">{t('checkout.shift.openTitle')}</h2>
        <p>{t('checkout.shift.openLead')}</p>
      </div>
      <Field id={FLOAT_ID} label={t('checkout.shift.float')} hint={t('checkout.shift.floatHint')} error={error}>
        {(p) => <input {...p} className="co-money-input" inputMode="decimal" autoComplete="off" maxLength={12} placeholder="0.00" value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <SubmitButton busy={busy} className="btn btn-accent btn-lg">
        {t('checkout.shift.open')}
      </SubmitButton>
    </form>
  );
}

/** 交班: count the drawer and check the code payments, then the report — expected versus counted cash and every method. */
export function CloseShiftDialog({ onClosed, onClose }: { onClosed: (r: ShiftReport) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ShiftReport | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const fen = parseYuan(text);
    if (fen === null || fen < 0) {
      setError(t('checkout.shift.moneyInvalid'));
      return focusLater(COUNT_ID);
    }
    setError(undefined);
    setBusy(true);
    const r = await invoke('shifts.close', { countedCashFen: fen, print: true });
    setBusy(false);
    if (!r.ok) return;
    setReport(r.value);
    onClosed(r.value);
    focusLater('shift-report-done');
  };

  return (
    <Modal title={report ? t('checkout.shift.reportTitle') : t('checkout.shift.closeTitle')} onClose={onClose} initialFocusId={COUNT_ID} wide>
      {report ? (
        <>
          <ShiftReportView report={report} />
          <PaymentCodeCheck shiftId={report.shiftId} />
          <div className="modal-actions">
            <button type="button" className="btn btn-outline" onClick={() => printInPage(<ShiftReportView report={report} printable />)}>
              {t('checkout.shift.print')}
            </button>
            <button id="shift-report-done" type="button" className="btn btn-primary" onClick={onClose}>
              {t('checkout.shift.done')}
            </button>
          </div>
        </>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)}>
          <p className="lead">{t('checkout.shift.closeLead')}</p>
          <Field id={COUNT_ID} label={t('checkout.shift.counted')} error={error}>
            {(p) => <input {...p} className="co-money-input" inputMode="decimal" autoComplete="off" maxLength={12} placeholder="0.00" value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          {/* The code-paid sales, checked against the platform's statement before confirming (issue 16). */}
          <PaymentCodeCheck />
          <div className="modal-actions">
            <button type="button" className="btn btn-ghost" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <SubmitButton busy={busy} className="btn btn-primary btn-lg">
              {t('checkout.shift.close')}
            </SubmitButton>
          </div>
        </form>
      )}
    </Modal>
  );
}

/** The shift report as a table; the same markup prints in the page. */
export function ShiftReportView({ report, printable }: { report: ShiftReport; printable?: boolean }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const diff = report.differenceFen;
  const balance = diff === null ? t('checkout.shift.notCounted') : diff === 0 ? t('checkout.shift.balanced') : diff > 0 ? t('checkout.shift.over', { amount: money(diff) }) : t('checkout.shift.short', { amount: money(-diff) });
  const salesTotal = report.byMethod.reduce((s, m) => s + m.salesFen, 0);
  const refundsTotal = report.byMethod.reduce((s, m) => s + m.refundsFen, 0);
  const topUpsTotal = report.byMethod.reduce((s, m) => s + (m.topUpsFen ?? 0), 0);
  const withTopUps = report.byMethod.some((m) => (m.topUpsFen ?? 0) !== 0);
  return (
    <div className={printable ? 'co-report co-report-print' : 'co-report'}>
      {printable ? <h1>{t('checkout.shift.reportTitle')}</h1> : null}
      <dl className="facts co-facts">
        <dt>{t('checkout.shift.shop')}</dt>
        <dd>{report.shopName}</dd>
        <dt>{t('checkout.shift.staff')}</dt>
        <dd>{report.staffName}</dd>
        <dt>{t('checkout.shift.openedAt')}</dt>
        <dd>{formatDateTime(report.openedAt, i18n.language)}</dd>
        <dt>{t('checkout.shift.closedAt')}</dt>
        <dd>{report.closedAt ? formatDateTime(report.closedAt, i18n.language) : t('checkout.shift.stillOpen')}</dd>
        <dt>{t('checkout.shift.counts')}</dt>
        <dd>{t('checkout.shift.countsValue', { sales: report.salesCount, refunds: report.refundsCount })}</dd>
      </dl>
      <table className="table co-report-table">
        <caption className="table-caption">{t('checkout.shift.byMethod')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('checkout.shift.method')}</th>
            <th scope="col" className="co-col-num">
              {t('checkout.shift.sales')}
            </th>
            <th scope="col" className="co-col-num">
              {t('checkout.shift.refunds')}
            </th>
            {withTopUps ? (
              <th scope="col" className="co-col-num">
                {t('checkout.shift.topUps')}
              </th>
            ) : null}
            <th scope="col" className="co-col-num">
              {t('checkout.shift.net')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.byMethod.map((m) => (
            <tr key={m.method}>
              <th scope="row">{t(`checkout.method.${m.method}`)}</th>
              <td className="co-col-num">{money(m.salesFen)}</td>
              <td className="co-col-num">{money(m.refundsFen)}</td>
              {withTopUps ? <td className="co-col-num">{money(m.topUpsFen ?? 0)}</td> : null}
              <td className="co-col-num">{money(m.salesFen + m.refundsFen + (m.topUpsFen ?? 0))}</td>
            </tr>
          ))}
          <tr className="co-report-total">
            <th scope="row">{t('checkout.shift.total')}</th>
            <td className="co-col-num">{money(salesTotal)}</td>
            <td className="co-col-num">{money(refundsTotal)}</td>
            {withTopUps ? <td className="co-col-num">{money(topUpsTotal)}</td> : null}
            <td className="co-col-num">{money(salesTotal + refundsTotal + topUpsTotal)}</td>
          </tr>
        </tbody>
      </table>
      <table className="table co-report-table co-report-cash">
        <caption className="table-caption">{t('checkout.shift.cash')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('checkout.shift.float')}</th>
            <td className="co-col-num">{money(report.openingFloatFen)}</td>
          </tr>
          <tr>
            <th scope="row">{t('checkout.shift.expected')}</th>
            <td className="co-col-num">{money(report.expectedCashFen)}</td>
          </tr>
          <tr>
            <th scope="row">{t('checkout.shift.countedShort')}</th>
            <td className="co-col-num">{report.countedCashFen === null ? t('checkout.shift.notCounted') : money(report.countedCashFen)}</td>
          </tr>
          <tr className={diff === 0 ? 'co-balanced' : diff === null ? undefined : 'co-unbalanced'}>
            <th scope="row">{t('checkout.shift.difference')}</th>
            <td className="co-col-num">
              <strong>{balance}</strong>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
