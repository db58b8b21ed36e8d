import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport, Product } from '../../../../shared/contract/catalogue.js';
import type { Output } from '../../../../shared/contract/index.js';
import { invoke } from '../../api/client.js';
import { useMoney } from '../checkout/format.js';
import { notifySuccess } from '../../stores/notices.js';
import { ProductForm } from './ProductForm.js';
import { bytesToBase64, describeImportError } from './csv-files.js';
import { downloadText } from '../../components/download.js';
import { ImportErrorsTable } from '../../components/ImportErrorsTable.js';
import './catalogue.css';

export const PRODUCTS_PAGE_SIZE = 50;

/**
 * Settings → products (managers): the catalogue a page at a time with search, a form to
 * create or edit a product, CSV import (every bad row reported with its line and reason)
 * and export.
 */
export function ProductSettings() {
  const { t } = useTranslation();
  const tt = t as unknown as (k: string, v?: Record<string, unknown>) => string;
  const money = useMoney();
  const fileId = useId();
  const [query, setQuery] = useState('');
  const [shownQuery, setShownQuery] = useState('');
  const [inactive, setInactive] = useState(false);
  const [page, setPage] = useState(0);
  const [data, setData] = useState<Output<'products.list'> | null>(null);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [reload, setReload] = useState(0);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [importing, setImporting] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      setShownQuery(query.trim());
      setPage(0);
    }, 200);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    let cancelled = false;
    void invoke('products.list', {
      offset: page * PRODUCTS_PAGE_SIZE,
      limit: PRODUCTS_PAGE_SIZE,
      includeInactive: inactive,
      ...(shownQuery ? { query: shownQuery } : {}),
    }).then((r) => {
      if (!cancelled && r.ok) setData(r.value);
    });
    return () => {
      cancelled = true;
    };
  }, [page, shownQuery, inactive, reload]);

  const pages = Math.max(1, Math.ceil((data?.total ?? 0) / PRODUCTS_PAGE_SIZE));

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file || importing) return;
    setImporting(true);
    setReport(null);
    const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    const r = await invoke('products.importCsv', { fileBase64: base64 });
    setImporting(false);
    if (!r.ok) return;
    setReport(r.value);
    setReload((n) => n + 1);
  };

  const exportCsv = async () => {
    const r = await invoke('products.exportCsv', {});
    if (!r.ok) return;
    const d = new Date();
    const stamp = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
    downloadText(`\uFEFF${r.value.csv}`, `products-${stamp}.csv`); // a BOM so Excel reads Chinese
    notifySuccess('checkout.products.exported', { rows: r.value.rows });
  };

  const pointsLabel = (n: number) => (n === 0 ? t('checkout.products.pointsNone') : n === 100 ? t('checkout.products.pointsNormal') : t('checkout.products.pointsTimes', { times: n / 100 }));

  return (
    <div className="products">
      <div className="products-bar">
        <label className="inline-field products-search">
          <span>{t('checkout.products.search')}</span>
          <input type="search" value={query} maxLength={64} placeholder={t('checkout.products.searchPlaceholder')} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <label className="check-row">
          <input
            type="checkbox"
            checked={inactive}
            onChange={(e) => {
              setInactive(e.target.checked);
              setPage(0);
            }}
          />
          {t('checkout.products.showInactive')}
        </label>
        <div className="products-actions">
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            {t('checkout.products.new')}
          </button>
          <input ref={fileRef} id={fileId} type="file" accept=".csv,text/csv" className="sr-only" tabIndex={-1} aria-label={t('checkout.products.importFile')} onChange={(e) => void onFile(e)} />
          <button type="button" className="btn btn-outline" aria-disabled={importing} onClick={() => !importing && fileRef.current?.click()}>
            {importing ? t('checkout.products.importing') : t('checkout.products.import')}
          </button>
          <button type="button" className="btn btn-outline" onClick={() => void exportCsv()}>
            {t('checkout.products.export')}
          </button>
        </div>
      </div>
      <p className="small muted">{t('checkout.products.csvHint')}</p>

      {report ? (
        <section className="import-report" aria-labelledby="import-report-title">
          <h2 id="import-report-title">{t('checkout.products.report.title')}</h2>
          <p role="status" className={report.errors.length > 0 ? 'import-summary import-summary-bad' : 'import-summary'}>
            {t('checkout.products.report.summary', { imported: report.imported, updated: report.updated, bad: report.errors.length })}
          </p>
          <ImportErrorsTable errors={report.errors} caption={t('checkout.products.report.errors')} lineHeader={t('checkout.products.report.line')}
            reasonHeader={t('checkout.products.report.reason')} lineLabel={(line) => t('checkout.products.report.lineNo', { line })}
            reasonOf={(e) => describeImportError(tt, e)} />
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setReport(null)}>
            {t('common.close')}
          </button>
        </section>
      ) : null}

      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">{t('checkout.products.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('checkout.products.sku')}</th>
              <th scope="col">{t('checkout.products.name')}</th>
              <th scope="col">{t('checkout.products.category')}</th>
              <th scope="col" className="num">
                {t('checkout.products.price')}
              </th>
              <th scope="col">{t('checkout.products.barcodes')}</th>
              <th scope="col">{t('checkout.products.points')}</th>
              <th scope="col">
                <span className="sr-only">{t('checkout.products.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data?.items.map((p) => (
              <tr key={p.id} className={p.active ? undefined : 'row-inactive'}>
                <td className="mono">{p.sku}</td>
                <th scope="row">
                  {p.name}
                  {p.active ? null : <span className="badge badge-off">{t('checkout.products.inactive')}</span>}
                </th>
                <td>{p.categoryName ?? ''}</td>
                <td className="num">{money(p.priceFen)}</td>
                <td className="mono small">{p.barcodes.join(' ')}</td>
                <td className="small">{pointsLabel(p.pointsPct)}</td>
                <td>
                  <button type="button" className="btn btn-sm btn-ghost" aria-label={t('checkout.products.editOf', { name: p.name })} onClick={() => setEditing(p)}>
                    {t('checkout.products.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data && data.items.length === 0 ? <p className="empty-note">{t('checkout.products.empty')}</p> : null}
      </div>
      <div className="pager">
        <button type="button" className="btn btn-outline btn-sm" disabled={page === 0} onClick={() => setPage((n) => Math.max(0, n - 1))}>
          {t('checkout.products.previous')}
        </button>
        <span aria-live="polite">{t('checkout.products.pageOf', { page: page + 1, pages, total: data?.total ?? 0 })}</span>
        <button type="button" className="btn btn-outline btn-sm" disabled={page >= pages - 1} onClick={() => setPage((n) => n + 1)}>
          {t('checkout.products.next')}
        </button>
      </div>
      {editing ? (
        <ProductForm
          product={editing === 'new' ? null : editing}
          onSaved={() => {
            setEditing(null);
            setReload((n) => n + 1);
          }}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}
