import { useT } from './use-t.js';
import { addMonths } from '../../../../shared/dates.js';
import { heatAlpha, heatTextLight } from './figures.js';
import { formatPercent } from './format.js';
import type { Period } from './periods.js';
import { useReports } from './reports-store.js';
import { useCall } from './use-call.js';

export const COHORT_SPANS = [6, 12, 24, 60] as const;

/** The enrolment months the table covers: `months` of them, ending with the month of the period's end. */
export function cohortPeriod(to: string, months: number): Period {
  return { from: addMonths(`${to.slice(0, 7)}-01`, -(months - 1)), to };
}

/**
 * Cohort retention as a heatmap table: one row per enrolment month, cell k = the share of
 * that cohort with a sale in month +k (counting sales up to the period's end), shaded by value
 * with the percentage written in the cell.
 */
export function CohortTable({ to }: { to: string }) {
  const { t, i18n } = useT();
  const locale = i18n.language;
  const months = useReports((s) => s.cohortMonths);
  const setMonths = useReports((s) => s.setCohortMonths);
  const { data, failed } = useCall('stats.cohorts', cohortPeriod(to, months));
  const width = data?.reduce((n, c) => Math.max(n, c.retention.length), 0) ?? 0;

  return (
    <section className="report-section" aria-labelledby="cohort-title">
      <div className="section-head">
        <h2 id="cohort-title">{t('reports.cohort.title')}</h2>
        <label className="inline-field">
          <span>{t('reports.cohort.span')}</span>
          <select value={months} onChange={(e) => setMonths(Number(e.target.value))}>
            {COHORT_SPANS.map((n) => (
              <option key={n} value={n}>
                {t('reports.cohort.months', { count: n })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">{t('reports.cohort.explain', { to })}</p>
      {failed ? <p className="field-error">{t('reports.failed')}</p> : null}
      {data && data.length === 0 ? <p>{t('reports.cohort.empty')}</p> : null}
      {data && data.length > 0 ? (
        <div className="table-wrap cohort-wrap">
          <table className="table cohort-table" aria-labelledby="cohort-title">
            <thead>
              <tr>
                <th scope="col">{t('reports.cohort.cohort')}</th>
                <th scope="col" className="num">{t('reports.cohort.size')}</th>
                {Array.from({ length: width }, (_, k) => (
                  <th key={k} scope="col" className="num">
                    {t('reports.cohort.month', { k })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((c) => (
                <tr key={c.cohort}>
                  <th scope="row">{c.cohort}</th>
                  <td className="num">{c.size.toLocaleString(locale)}</td>
                  {Array.from({ length: width }, (_, k) => {
                    const share = c.retention[k];
                    if (share === undefined) return <td key={k} className="cohort-cell cohort-none" />;
                    const alpha = heatAlpha(share);
                    return (
                      <td
                        key={k}
                        className={heatTextLight(alpha) ? 'cohort-cell num cohort-dark' : 'cohort-cell num'}
                        style={{ backgroundColor: `rgba(11, 95, 87, ${alpha.toFixed(3)})` }}
                      >
                        {share === null ? '—' : formatPercent(share, locale)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
