import { useTranslation } from 'react-i18next';
import { useMoney } from '../checkout/format.js';
import type { Period } from './periods.js';
import { useCall } from './use-call.js';
import { useSyncReload } from './use-sync-reload.js';

const pct = (margin: number, revenue: number, locale: string) => (revenue === 0 ? '—' : (margin / revenue).toLocaleString(locale, { style: 'percent', maximumFractionDigits: 1 }));

/**
 * 毛利: cost of goods sold at moving-average cost against the lines' revenue, per day, product
 * and category (stock.margin). Only on 报表, which managers and owners alone can open; the core
 * refuses the call to a cashier as well.
 */
export function MarginPanel({ period }: { period: Period }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const reload = useSyncReload();
  const m = useCall('stock.margin', { from: period.from, to: period.to }, reload);
  if (m.failed) return <p className="field-error">{t('reports.failed')}</p>;
  if (!m.data) return <p role="status">{t('common.loading')}</p>;
  const d = m.data;
  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" className="num">{t('reports.margin.revenue')}</th>
        <th scope="col" className="num">{t('reports.margin.cogs')}</th>
        <th scope="col" className="num">{t('reports.margin.margin')}</th>
        <th scope="col" className="num">{t('reports.margin.rate')}</th>
      </tr>
    </thead>
  );
  const cells = (r: { revenueFen: number; cogsFen: number; marginFen: number }) => (
    <>
      <td className="num">{money(r.revenueFen)}</td>
      <td className="num">{money(r.cogsFen)}</td>
      <td className="num">{money(r.marginFen)}</td>
      <td className="num">{pct(r.marginFen, r.revenueFen, i18n.language)}</td>
    </>
  );
  return (
    <section className="report-section" aria-labelledby="margin-title" aria-busy={m.loading}>
      <h2 id="margin-title">{t('reports.margin.title')}</h2>
      <p className="muted small">{t('reports.margin.rule')}</p>
      <dl className="margin-totals">
        <div><dt>{t('reports.margin.revenue')}</dt><dd>{money(d.totals.revenueFen)}</dd></div>
        <div><dt>{t('reports.margin.cogs')}</dt><dd>{money(d.totals.cogsFen)}</dd></div>
        <div><dt>{t('reports.margin.margin')}</dt><dd>{money(d.totals.marginFen)}</dd></div>
        <div><dt>{t('reports.margin.rate')}</dt><dd>{pct(d.totals.marginFen, d.totals.revenueFen, i18n.language)}</dd></div>
      </dl>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="table-caption">{t('reports.margin.byDay')}</caption>
          {head(t('reports.margin.day'))}
          <tbody>{d.days.map((r) => <tr key={r.date}><th scope="row">{r.date}</th>{cells(r)}</tr>)}</tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="table-caption">{t('reports.margin.byCategory')}</caption>
          {head(t('reports.margin.category'))}
          <tbody>{d.categories.map((r) => <tr key={r.categoryId ?? 0}><th scope="row">{r.categoryName ?? t('reports.margin.noCategory')}</th>{cells(r)}</tr>)}</tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="table-caption">{t('reports.margin.byProduct')}</caption>
          {head(t('reports.margin.product'))}
          <tbody>{d.products.map((r) => <tr key={r.productId}><th scope="row">{r.name}</th>{cells(r)}</tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}
