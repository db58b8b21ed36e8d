import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/contract/index.js';
import type { StockCount } from '../../../../shared/contract/stock.js';
import { invoke } from '../../api/client.js';
import { ListTable } from '../../components/ListTable.js';
import { Field } from '../../components/Field.js';
import { notifySuccess } from '../../stores/notices.js';
import { useMoney } from '../checkout/format.js';
import { intInput } from '../members/format.js';
import { fileBase64, StockImportErrors, useQty, type ImportError } from './shared.js';

type Review = Output<'stock.countReview'>;

/**
 * 盘点 while the shop keeps selling. Staff scan shelves here (each scan +1; a typed quantity
 * for a case; "take one back" for a mis-scan) or import a batch scanner's file; the manager
 * starts the count, reviews the differences with their value and approves. The core records
 * the book stock at the moment of each scan, so sales at the till meanwhile are accounted for.
 */
export function CountPanel({ manager }: { manager: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  const qtyText = useQty();
  const [count, setCount] = useState<StockCount | null | undefined>(undefined);
  const [categories, setCategories] = useState<Array<{ id: number; name: string }>>([]);
  const [scope, setScope] = useState('');
  const [code, setCode] = useState('');
  const [caseQty, setCaseQty] = useState('');
  const [last, setLast] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [review, setReview] = useState<Review | null>(null);
  const [report, setReport] = useState<{ imported: number; errors: ImportError[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const r = await invoke('stock.countCurrent', {}, { quiet: true });
    if (r.ok) setCount(r.value);
  }, []);
  useEffect(() => {
    void load();
    if (manager) void invoke('categories.list', {}, { quiet: true }).then((r) => { if (r.ok) setCategories(r.value); });
  }, [load, manager]);

  const start = async () => {
    setBusy(true);
    const r = await invoke('stock.countStart', { categoryId: scope ? Number(scope) : null });
    setBusy(false);
    if (r.ok) { setCount(r.value); setReview(null); }
  };

  // Scans come faster than answers: each is taken off the field at once and sent in turn, in order.
  const queue = useRef(Promise.resolve());
  const add = (sign: 1 | -1, ev?: FormEvent) => {
    ev?.preventDefault();
    const c = code.trim();
    if (!count || !c) return;
    const n = caseQty.trim() ? intInput(caseQty, 1, 1_000_000) : 1;
    setCode('');
    // A refused quantity refuses the scan too: fix the quantity, scan again.
    if (n == null) return setError(t('stock.receive.badQty'));
    setCaseQty('');
    codeRef.current?.focus();
    const countId = count.id;
    queue.current = queue.current.then(() => send(countId, c, sign * n));
  };
  const send = async (countId: number, c: string, qty: number) => {
    const r = await invoke('stock.countScan', { countId, code: c, qty }, { quiet: true });
    if (!r.ok) {
      const d = r.error.details ?? {};
      return setError(r.error.messageKey === 'errors.stock_unknown_barcode' ? t('stock.unknownCode', { code: c }) : t(r.error.messageKey, { ...d, defaultValue: t('errors.bad_input') }));
    }
    setError(null);
    setLast(t('stock.count.counted', { name: r.value.name, counted: qtyText(r.value.counted, r.value.unit) }));
    void load();
  };

  const importCsv = async (file: File | undefined) => {
    if (!file || !count) return;
    const r = await invoke('stock.countCsv', { countId: count.id, fileBase64: await fileBase64(file) });
    if (r.ok) { setReport(r.value); void load(); }
  };

  const openReview = async () => {
    if (!count) return;
    const r = await invoke('stock.countReview', { countId: count.id });
    if (r.ok) setReview(r.value);
  };

  const close = async (how: 'approve' | 'cancel') => {
    if (!count || busy) return;
    setBusy(true);
    if (how === 'approve') {
      const r = await invoke('stock.countApprove', { countId: count.id });
      if (r.ok) notifySuccess('stock.count.approved', { moves: r.value.moves, amount: money(r.value.totalDiffFen) });
    } else {
      const r = await invoke('stock.countCancel', { countId: count.id });
      if (r.ok) notifySuccess('stock.count.cancelled');
    }
    setBusy(false);
    setReview(null);
    setLast(null);
    void load();
  };

  if (count === undefined) return <p role="status">{t('common.loading')}</p>;
  if (count === null) {
    return (
      <>
        <p>{t('stock.count.none')}</p>
        <p className="muted small">{t('stock.count.whileSelling')}</p>
        {manager ? (
          <div className="stock-scan">
            <Field label={t('stock.count.scope')}>
              {(p) => (
                <select {...p} name="scope" value={scope} onChange={(e) => setScope(e.target.value)}>
                  <option value="">{t('stock.count.all')}</option>
                  {categories.map((c) => <option key={c.id} value={String(c.id)}>{c.name}</option>)}
                </select>
              )}
            </Field>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void start()}>{t('stock.count.start')}</button>
          </div>
        ) : <p className="muted small">{t('stock.count.managerOnly')}</p>}
      </>
    );
  }

  return (
    <>
      <p role="status">{t('stock.count.current', { id: count.id, scope: count.categoryName ?? t('stock.count.all'), counted: count.counted, products: count.products })}</p>
      <p className="muted small">{t('stock.count.whileSelling')}</p>
      <form className="stock-scan" onSubmit={(e) => add(1, e)} aria-label={t('stock.scanForm')}>
        <Field className="qty" label={t('stock.qty')}>
          {(p) => <input {...p} name="caseQty" inputMode="numeric" maxLength={7} autoComplete="off" value={caseQty} onChange={(e) => setCaseQty(e.target.value)} />}
        </Field>
        <Field label={t('stock.scan')} hint={t('stock.scanHint')} error={error ?? undefined}>
          {(p) => <input {...p} ref={codeRef} name="code" autoFocus maxLength={64} autoComplete="off" value={code} onChange={(e) => { setCode(e.target.value); setError(null); }} />}
        </Field>
        <button type="button" className="btn btn-outline" onClick={() => add(-1)}>{t('stock.count.takeBack')}</button>
        <button type="submit" className="btn btn-outline">{t('stock.add')}</button>
      </form>
      {last ? <p aria-live="polite" className="stock-last">{last}</p> : null}
      <div className="stock-actions">
        <label className="btn btn-outline">
          {t('stock.importCsv')}
          <input type="file" accept=".csv,text/csv" className="sr-only" aria-describedby="count-csv-hint" onChange={(e) => { void importCsv(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
        <span id="count-csv-hint" className="muted small">{t('stock.count.csvHint')}</span>
        {manager ? <button type="button" className="btn btn-outline" onClick={() => void openReview()}>{t('stock.count.review')}</button> : null}
      </div>
      {report ? (
        <section aria-live="polite">
          <p>{t('stock.importReport', { imported: report.imported, errors: report.errors.length })}</p>
          <StockImportErrors errors={report.errors} expected="barcode,qty" />
        </section>
      ) : null}
      {review ? (
        <section aria-labelledby="count-review-title">
          <h2 id="count-review-title">{t('stock.count.diffs')}</h2>
          <ListTable
            caption={t('stock.count.diffs')}
            columns={[
              { label: t('stock.levels.name') },
              { label: t('stock.count.countedCol'), num: true },
              { label: t('stock.count.expected'), num: true },
              { label: t('stock.count.diff'), num: true },
              { label: t('stock.count.value'), num: true },
              { label: t('stock.count.nowCol'), num: true },
            ]}
            rows={review.lines}
            row={(l) => (
              <tr key={l.productId}>
                <th scope="row">{l.name}</th>
                <td className="num">{qtyText(l.counted, l.unit)}</td>
                <td className="num">{qtyText(l.expected, l.unit)}</td>
                <td className="num">{l.diff > 0 ? `+${l.diff}` : l.diff < 0 ? `−${-l.diff}` : '0'}</td>
                <td className="num">{money(l.valueFen)}</td>
                <td className="num">{qtyText(l.onHandNow, l.unit)}</td>
              </tr>
            )}
          />
          <p>{t('stock.count.totalDiff', { amount: money(review.totalDiffFen), uncounted: review.uncounted })}</p>
          <div className="stock-actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void close('approve')}>{t('stock.count.approve')}</button>
            <button type="button" className="btn btn-outline" disabled={busy} onClick={() => void close('cancel')}>{t('stock.count.cancel')}</button>
          </div>
        </section>
      ) : null}
    </>
  );
}
