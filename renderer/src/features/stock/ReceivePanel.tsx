import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockLevel, StockReceipt } from '../../../../shared/contract/stock.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { notifySuccess } from '../../stores/notices.js';
import { newClientRef, useMoney } from '../checkout/format.js';
import { intInput, yuanInput } from '../members/format.js';
import { fileBase64, StockImportErrors, useQty, type ImportError } from './shared.js';

interface SlipLine { product: StockLevel; qty: number; cost: string }

/**
 * 入库单 by scanning: each scan adds one of the product (the quantity field, when filled, adds a
 * case at once and is cleared); the cost per piece (per kg when weighed) starts at the
 * product's average cost. The slip is sent whole — one transaction in the core — or as a CSV.
 */
export function ReceivePanel() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const qtyText = useQty();
  const [supplier, setSupplier] = useState('');
  const [note, setNote] = useState('');
  const [code, setCode] = useState('');
  const [caseQty, setCaseQty] = useState('');
  const [lines, setLines] = useState<SlipLine[]>([]);
  const [error, setError] = useState<{ field: 'supplier' | 'code' | 'qty' | 'lines'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<{ imported: number; errors: ImportError[] } | null>(null);
  const [recent, setRecent] = useState<StockReceipt[]>([]);
  const clientRef = useRef(newClientRef());
  const codeRef = useRef<HTMLInputElement>(null);

  const loadRecent = useCallback(async () => {
    const r = await invoke('stock.receipts', { limit: 10 }, { quiet: true });
    if (r.ok) setRecent(r.value.items);
  }, []);
  useEffect(() => { void loadRecent(); }, [loadRecent]);

  // Scans come faster than answers: each is taken off the field at once and looked up in turn.
  const queue = useRef(Promise.resolve());
  const scan = (ev: FormEvent) => {
    ev.preventDefault();
    const c = code.trim();
    if (!c) return;
    const n = caseQty.trim() ? intInput(caseQty, 1, 1_000_000) : 1;
    setCode('');
    // A refused quantity refuses the scan too: fix the quantity, scan again.
    if (n == null) return setError({ field: 'qty', text: t('stock.receive.badQty') });
    setCaseQty('');
    queue.current = queue.current.then(() => addScanned(c, n));
  };
  const addScanned = async (c: string, n: number) => {
    const r = await invoke('stock.byCode', { code: c });
    if (!r.ok) return;
    if (!r.value) return setError({ field: 'code', text: t('stock.unknownCode', { code: c }) });
    const p = r.value;
    if (!p.stocked) return setError({ field: 'code', text: t('stock.notStocked', { name: p.name }) });
    setError(null);
    setLines((ls) => {
      const i = ls.findIndex((l) => l.product.productId === p.productId);
      if (i >= 0) return ls.map((l, j) => (j === i ? { ...l, qty: l.qty + n } : l));
      return [...ls, { product: p, qty: n, cost: p.avgCostFen === null ? '' : (p.avgCostFen / 100).toFixed(2) }];
    });
  };

  const submit = async () => {
    if (busy) return;
    if (!supplier.trim()) return setError({ field: 'supplier', text: t('validation.required') });
    if (lines.length === 0) return setError({ field: 'lines', text: t('stock.receive.needLines') });
    const costs = lines.map((l) => yuanInput(l.cost));
    const bad = costs.findIndex((c) => c == null);
    if (bad >= 0) {
      setError({ field: 'lines', text: t('stock.receive.badCost') });
      return document.querySelector<HTMLInputElement>(`#receive-cost-${bad}`)?.focus();
    }
    setBusy(true);
    const r = await invoke('stock.receive', {
      clientRef: clientRef.current, supplier: supplier.trim(), note: note.trim(),
      lines: lines.map((l, i) => ({ productId: l.product.productId, qty: l.qty, unitCostFen: costs[i]! })),
    });
    setBusy(false);
    if (!r.ok) return;
    clientRef.current = newClientRef();
    notifySuccess('stock.receive.done', { id: r.value.id, lines: r.value.lines });
    setLines([]);
    setError(null);
    void loadRecent();
    codeRef.current?.focus();
  };

  const importCsv = async (file: File | undefined) => {
    if (!file || busy) return;
    if (!supplier.trim()) return setError({ field: 'supplier', text: t('validation.required') });
    setBusy(true);
    const r = await invoke('stock.receiveCsv', { clientRef: newClientRef(), supplier: supplier.trim(), note: note.trim(), fileBase64: await fileBase64(file) });
    setBusy(false);
    if (!r.ok) return;
    setReport({ imported: r.value.imported, errors: r.value.errors });
    void loadRecent();
  };

  const lineAmount = (l: SlipLine) => {
    const c = yuanInput(l.cost);
    return c == null ? null : Math.round((l.qty * c) / (l.product.unit === 'gram' ? 1000 : 1));
  };
  const total = lines.reduce((s, l) => s + (lineAmount(l) ?? 0), 0);

  return (
    <>
      <div className="stock-scan">
        <Field label={t('stock.receive.supplier')} error={error?.field === 'supplier' ? error.text : undefined}>
          {(p) => <input {...p} name="supplier" maxLength={60} autoComplete="off" value={supplier} onChange={(e) => { setSupplier(e.target.value); setError(null); }} />}
        </Field>
        <Field label={t('stock.receive.note')}>
          {(p) => <input {...p} name="note" maxLength={200} autoComplete="off" value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </div>
      <form className="stock-scan" onSubmit={scan} aria-label={t('stock.scanForm')}>
        <Field className="qty" label={t('stock.qty')} error={error?.field === 'qty' ? error.text : undefined}>
          {(p) => <input {...p} name="caseQty" inputMode="numeric" maxLength={7} autoComplete="off" value={caseQty} onChange={(e) => setCaseQty(e.target.value)} />}
        </Field>
        <Field label={t('stock.scan')} hint={t('stock.scanHint')} error={error?.field === 'code' ? error.text : undefined}>
          {(p) => <input {...p} ref={codeRef} name="code" autoFocus maxLength={64} autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <button type="submit" className="btn btn-outline">{t('stock.add')}</button>
      </form>
      <div className="table-wrap">
        <table className="table">
          <caption className="table-caption">{t('stock.receive.lines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stock.receive.product')}</th>
              <th scope="col" className="num">{t('stock.qty')}</th>
              <th scope="col" className="num">{t('stock.receive.cost')}</th>
              <th scope="col" className="num">{t('stock.receive.amount')}</th>
              <th scope="col"><span className="sr-only">{t('stock.receive.remove', { name: '' })}</span></th>
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 ? (
              <tr><td colSpan={5}>{t('stock.receive.empty')}</td></tr>
            ) : lines.map((l, i) => (
              <tr key={l.product.productId}>
                <th scope="row">{l.product.name}</th>
                <td className="num">{qtyText(l.qty, l.product.unit)}</td>
                <td className="num">
                  <input id={`receive-cost-${i}`} aria-label={`${l.product.name} ${l.product.unit === 'gram' ? t('stock.receive.costPerKg') : t('stock.receive.cost')}`} inputMode="decimal" maxLength={10}
                    value={l.cost} onChange={(e) => setLines((ls) => ls.map((x, j) => (j === i ? { ...x, cost: e.target.value } : x)))} />
                </td>
                <td className="num">{lineAmount(l) === null ? '—' : money(lineAmount(l)!)}</td>
                <td>
                  <button type="button" className="btn btn-outline btn-sm" aria-label={t('stock.receive.remove', { name: l.product.name })} onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}>×</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error?.field === 'lines' ? <p className="field-error" role="alert">{error.text}</p> : null}
      <div className="stock-actions">
        <span>{t('stock.receive.total', { count: lines.length, amount: money(total) })}</span>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void submit()}>{t('stock.receive.submit')}</button>
        <label className="btn btn-outline">
          {t('stock.importCsv')}
          <input type="file" accept=".csv,text/csv" className="sr-only" aria-describedby="receive-csv-hint" onChange={(e) => { void importCsv(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
        <span id="receive-csv-hint" className="muted small">{t('stock.receive.csvHint')}</span>
      </div>
      {report ? (
        <section aria-live="polite">
          <p>{t('stock.importReport', { imported: report.imported, errors: report.errors.length })}</p>
          <StockImportErrors errors={report.errors} expected="barcode,qty,unit_cost" />
        </section>
      ) : null}
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="table-caption">{t('stock.receive.recent')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('stock.receive.at')}</th>
              <th scope="col">{t('stock.receive.supplier')}</th>
              <th scope="col" className="num">{t('stock.receive.lines')}</th>
              <th scope="col" className="num">{t('stock.receive.amount')}</th>
              <th scope="col">{t('stock.receive.staff')}</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.id}</th>
                <td>{r.at.replace('T', ' ')}</td>
                <td>{r.supplier}</td>
                <td className="num">{r.lines.toLocaleString(i18n.language)}</td>
                <td className="num">{money(r.totalFen)}</td>
                <td>{r.staffName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
