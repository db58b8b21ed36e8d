import { useId, useState, type ReactNode } from 'react';
import { useT } from './use-t.js';

export interface TableColumn<Row> {
  key: string;
  label: string;
  value: (row: Row) => string;
  numeric?: boolean;
}

/**
 * A chart with what makes it usable without seeing it: a heading, a one-line summary that is
 * also the chart's accessible name, and its data as a table behind a toggle.
 */
export function ChartCard<Row>({ id, title, summary, rows, columns, children, empty }: {
  id: string;
  title: string;
  summary: string;
  rows: Row[];
  columns: Array<TableColumn<Row>>;
  children: ReactNode;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: boolean;
}) {
  const { t } = useT();
  const [showTable, setShowTable] = useState(false);
  const headingId = useId();
  const tableId = `${id}-table`;
  return (
    <section className="chart-card" id={id} aria-labelledby={headingId} tabIndex={-1}>
      <div className="chart-head">
        <h3 id={headingId}>{title}</h3>
        <button type="button" className="btn btn-ghost btn-sm" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((v) => !v)}>
          {showTable ? t('reports.chartTable.hide') : t('reports.chartTable.show')}
        </button>
      </div>
      <p className="chart-summary muted">{summary}</p>
      {empty ? (
        <p className="chart-empty">{t('reports.noData')}</p>
      ) : (
        <div className="chart-box" role="img" aria-label={`${title}: ${summary}`}>
          {children}
        </div>
      )}
      <div id={tableId} className="table-wrap chart-table" hidden={!showTable}>
        {showTable ? (
          <table className="table table-compact">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {columns.map((c, j) =>
                    j === 0 ? (
                      <th key={c.key} scope="row">
                        {c.value(r)}
                      </th>
                    ) : (
                      <td key={c.key} className={c.numeric ? 'num' : undefined}>
                        {c.value(r)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </section>
  );
}
