import { useMemo } from 'react';
import { useT } from './use-t.js';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from './ChartCard.js';
import { useComplaintLabels } from '../complaints/labels.js';
import type { Drill } from './figures.js';
import { addDays, periodDays, type Period } from './periods.js';
import { CHART_HEIGHT } from './OverviewCharts.js';
import { useCall } from './use-call.js';

/** Distinct fills for up to ten categories (then they repeat); all dark enough for the white grid. */
const PALETTE = ['#0b5f57', '#a13c0c', '#1d4ed8', '#8a5a00', '#6d28d9', '#b42318', '#1d6f36', '#0e7490', '#9d174d', '#4a545c'];

/** complaints.byCategory's reach: at most three years; weeks for a quarter or less, else months. */
export function byCategoryQuery(p: Period): { from: string; to: string; bucket: 'week' | 'month' } {
  const earliest = addDays(p.to, -(3 * 366) + 1);
  return { from: p.from < earliest ? earliest : p.from, to: p.to, bucket: periodDays(p) <= 92 ? 'week' : 'month' };
}

/** Root causes: complaints per category per week or month, stacked, with the totals by category. */
export function ComplaintsByCategory({ period, onOpen }: { period: Period; onOpen: (d: Drill) => void }) {
  const { t, i18n } = useT();
  const locale = i18n.language;
  const label = useComplaintLabels().category;
  const query = byCategoryQuery(period);
  const { data, failed } = useCall('complaints.byCategory', query);
  const categories = useMemo(() => (data ? Object.keys(data.totals).sort((a, b) => data.totals[b]! - data.totals[a]!) : []), [data]);
  const rows = useMemo(
    () => (data ? data.periods.map((p) => ({ period: query.bucket === 'week' ? p.period.slice(5) : p.period, total: p.total, ...p.byCategory })) : []),
    [data, query.bucket],
  );

  return (
    <section className="report-section" aria-labelledby="complaints-title">
      <div className="section-head">
        <h2 id="complaints-title">{t('reports.complaints.title')}</h2>
        <button type="button" className="btn btn-outline btn-sm" onClick={() => onOpen({ kind: 'complaints', period: { from: query.from, to: query.to }, titleKey: 'reports.complaints.list' })}>
          {t('reports.complaints.open', { count: data?.total ?? 0 })}
        </button>
      </div>
      {failed ? <p className="field-error">{t('reports.failed')}</p> : null}
      {data ? (
        <ChartCard
          id="chart-complaints"
          title={t('reports.complaints.chart', { bucket: t(`reports.bucket.${query.bucket}`) })}
          summary={
            data.total === 0
              ? t('reports.complaints.none')
              : t('reports.complaints.summary', { total: data.total, top: categories.slice(0, 3).map((c) => `${label(c)} ${data.totals[c]}`).join('、') })
          }
          rows={rows}
          empty={data.total === 0}
          columns={[
            { key: 'period', label: t('reports.series.period', { bucket: t(`reports.bucket.${query.bucket}`) }), value: (r) => r.period },
            ...categories.map((c) => ({ key: c, label: label(c), value: (r: Record<string, unknown>) => String(r[c] ?? 0), numeric: true })),
            { key: 'total', label: t('reports.complaints.total'), value: (r) => String(r.total), numeric: true },
          ]}
        >
          <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
            <BarChart data={rows} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="period" minTickGap={12} />
              <YAxis allowDecimals={false} width={40} />
              <Tooltip />
              <Legend />
              {categories.map((c, i) => (
                <Bar key={c} dataKey={c} stackId="c" name={label(c)} fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
      ) : null}
      {data && data.total > 0 ? (
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="table-caption">{t('reports.complaints.totals')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.drill.col.category')}</th>
                <th scope="col" className="num">{t('reports.complaints.total')}</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((c) => (
                <tr key={c}>
                  <th scope="row">{label(c)}</th>
                  <td className="num">{data.totals[c]!.toLocaleString(locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
