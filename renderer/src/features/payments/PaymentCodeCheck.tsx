import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/contract/index.js';
import type { PaymentCodeRow } from '../../../../shared/contract/payment-codes.js';
import { invoke } from '../../api/client.js';
import { bytesToBase64 } from '../catalogue/csv-files.js';
import { useMoney } from '../checkout/format.js';
import { loose } from '../weighing/loose-t.js';

type ImportResult = Output<'paymentCodes.importStatement'>;

/**
 * 交班 · 付款码核对: the shift's code-paid payments (待核对 / 已核对), and the platform's
 * statement CSV imported to match them by amount and time; what does not match is listed on
 * both sides for the cashier to look into. In the close-shift dialog (no shiftId: the open
 * shift) it comes before the cashier confirms, and says nothing when no code was scanned.
 */
export function PaymentCodeCheck({ shiftId }: { shiftId?: number }) {
  const { t: tt } = useTranslation();
  const t = loose(tt);
  const money = useMoney();
  const [rows, setRows] = useState<PaymentCodeRow[] | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [importing, setImporting] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const beforeClose = shiftId === undefined;

  const load = useCallback(async () => {
    const r = await invoke('paymentCodes.list', shiftId === undefined ? {} : { shiftId }, { quiet: true });
    if (r.ok) setRows(r.value);
  }, [shiftId]);
  useEffect(() => { void load(); }, [load]);

  const upload = async (f: File) => {
    setImporting(true);
    const bytes = new Uint8Array(await f.arrayBuffer());
    const r = await invoke('paymentCodes.importStatement', shiftId === undefined ? { fileBase64: bytesToBase64(bytes) } : { fileBase64: bytesToBase64(bytes), shiftId });
    setImporting(false);
    if (file.current) file.current.value = '';
    if (!r.ok) return;
    setResult(r.value);
    void load();
  };

  const method = (m: 'wechat' | 'alipay' | null) => (m ? t(`payments.method.${m}`) : '—');
  // Before 交班 a shop that takes no codes sees nothing extra in the dialog (nor a flash while loading).
  if (beforeClose && (rows === null || rows.length === 0)) return null;
  const unchecked = rows?.filter((r) => r.status === 'unchecked').length ?? 0;
  return (
    <section className="pc-check" aria-labelledby="pc-check-h">
      <h3 id="pc-check-h">{t('payments.check.title')}</h3>
      {beforeClose ? <p id="pc-check-lead" className="small">{t('payments.check.lead', { count: rows?.length ?? 0, unchecked })}</p> : null}
      {rows === null ? <p role="status">{t('common.loading')}</p> : rows.length === 0 ? <p>{t('payments.check.none')}</p> : (
        <table className="table">
          <caption className="table-caption">{t('payments.check.title')}</caption>
          <thead><tr><th scope="col">{t('payments.check.receipt')}</th><th scope="col">{t('payments.check.method')}</th><th scope="col">{t('payments.check.amount')}</th><th scope="col">{t('payments.check.tail')}</th><th scope="col">{t('payments.check.time')}</th><th scope="col">{t('payments.check.status')}</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.receiptNo}</th>
                <td>{method(r.method)}</td>
                <td>{money(r.amountFen)}</td>
                <td>{r.codeTail}</td>
                <td>{r.scannedAt.slice(11, 16)}</td>
                <td>{t(`payments.status.${r.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* A real button opens the hidden file input, so Tab reaches it and its focus shows. */}
      <input ref={file} type="file" accept=".csv,text/csv" className="sr-only" tabIndex={-1} aria-label={t('payments.check.file')} onChange={(e) => { const f = e.target.files?.[0]; if (f) void upload(f); }} />
      <button type="button" className="btn btn-outline" aria-disabled={importing} aria-describedby={beforeClose ? 'pc-check-lead' : undefined} onClick={() => !importing && file.current?.click()}>
        {importing ? t('payments.check.importing') : t('payments.check.import')}
      </button>
      {result ? (
        <div role="status" aria-live="polite">
          <p>{t('payments.check.result', { matched: result.matched.length, till: result.unmatchedTill.length, statement: result.unmatchedStatement.length, skipped: result.skippedLines })}</p>
          {result.unmatchedTill.length > 0 ? (
            <>
              <h4>{t('payments.check.unmatchedTill')}</h4>
              <ul>{result.unmatchedTill.map((r) => <li key={r.id}>{r.receiptNo} · {method(r.method)} · {money(r.amountFen)} · {r.scannedAt.slice(11, 16)}</li>)}</ul>
            </>
          ) : null}
          {result.unmatchedStatement.length > 0 ? (
            <>
              <h4>{t('payments.check.unmatchedStatement')}</h4>
              <ul>{result.unmatchedStatement.map((e) => <li key={e.line}>{e.ref} · {money(e.amountFen)} · {e.at.slice(11, 16)}</li>)}</ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
