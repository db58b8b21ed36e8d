import type { TillFigures } from '../../../../shared/contract/stats.js';
import { formatMoney } from '../../i18n/format.js';
import { formatCount } from './format.js';
import { useT, type LooseT } from './use-t.js';

/** A till's name in the table: its code, "this till" marked; null = sales no till's shift took. */
function tillLabel(row: TillFigures, t: LooseT): string {
  if (row.till === null) return t('reports.tills.none');
  if (!row.thisTill) return row.till;
  return row.till ? t('reports.tills.thisTill', { code: row.till }) : t('reports.tills.thisUnpaired');
}

/**
 * 各收银台: the period's revenue, sales, refunds and average ticket per till (stats.tills).
 * Shown only in a shop with more than one till: a single till's row would repeat the cards.
 */
export function TillsTable({ tills }: { tills: TillFigures[] }) {
  const { t, i18n } = useT();
  const locale = i18n.language;
  if (tills.filter((r) => r.till !== null).length < 2) return null;
  return (
    <section className="report-section" aria-labelledby="tills-title">
      <h2 id="tills-title">{t('reports.tills.title')}</h2>
      <p className="muted small">{t('reports.tills.explain')}</p>
      <div className="table-wrap">
        <table className="table table-compact" aria-labelledby="tills-title">
          <thead>
            <tr>
              <th scope="col">{t('reports.tills.till')}</th>
              <th scope="col" className="num">{t('reports.tills.revenue')}</th>
              <th scope="col" className="num">{t('reports.tills.sales')}</th>
              <th scope="col" className="num">{t('reports.tills.refunds')}</th>
              <th scope="col" className="num">{t('reports.tills.averageTicket')}</th>
            </tr>
          </thead>
          <tbody>
            {tills.map((r) => (
              <tr key={r.till ?? ''}>
                <th scope="row">{tillLabel(r, t)}</th>
                <td className="num">{formatMoney(r.revenueFen, locale)}</td>
                <td className="num">{formatCount(r.sales, locale)}</td>
                <td className="num">{formatCount(r.refunds, locale)}</td>
                <td className="num">{r.averageTicketFen === null ? '—' : formatMoney(r.averageTicketFen, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
