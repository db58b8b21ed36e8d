import { useMemo } from 'react';
import { useT } from './use-t.js';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Output } from '../../../../shared/contract/index.js';
import type { Headline } from '../../../../shared/contract/stats.js';
import { formatMoney } from '../../i18n/format.js';
import { ChartCard } from './ChartCard.js';
import { capSeries, ratesOverTime } from './figures.js';
import { bucketLabel, formatCount, formatFigure, formatPercent } from './format.js';

type Series = Output<'stats.series'>;
type TierMix = Output<'stats.tierMix'>;

/** The theme's colours (styles/theme.css), for SVG fills that cannot read CSS variables. */
export const COLORS = { primary: '#0b5f57', accent: '#a13c0c', blue: '#1d4ed8', warn: '#8a5a00', ok: '#1d6f36', danger: '#b42318', muted: '#8a969d' };
export const CHART_HEIGHT = 240;
const NO_ANIMATION = { isAnimationActive: false } as const;

const sum = <T,>(rows: T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);
const pctText = (v: number | null, locale: string) => (v === null ? '—' : formatPercent(v / 100, locale));

/** Revenue and sales per bucket, new vs returning members, rates over time, points flow, tier mix; summaries use the period's headline. */
export function OverviewCharts({ series, tierMix, headline }: { series: Series; tierMix: TierMix | null; headline: Headline }) {
  const { t, i18n } = useT();
  const locale = i18n.language;
  const points = useMemo(() => capSeries(series.points), [series]);
  const rows = useMemo(
    () => points.map((p) => ({ ...p, label: bucketLabel(p.start, series.bucket), revenueYuan: p.revenueFen / 100 })),
    [points, series.bucket],
  );
  const rates = useMemo(() => ratesOverTime(points, (p) => bucketLabel(p.start, series.bucket)), [points, series.bucket]);
  const bucket = t(`reports.bucket.${series.bucket}`);
  const money = (fen: number) => formatMoney(fen, locale);
  const yuan = (y: number) => formatMoney(Math.round(y * 100), locale);
  const label = (key: string) => t(`reports.series.${key}`);
  const totals = {
    revenue: sum(points, (p) => p.revenueFen),
    sales: sum(points, (p) => p.sales),
    newCustomers: sum(points, (p) => p.newCustomers),
    returning: sum(points, (p) => p.returningCustomers),
    earned: sum(points, (p) => p.pointsEarned),
    redeemed: sum(points, (p) => p.pointsRedeemed),
    expired: sum(points, (p) => p.pointsExpired),
  };
  const periodCol = { key: 'label', label: t('reports.series.period', { bucket }), value: (r: { label: string }) => r.label };

  return (
    <div className="chart-grid">
      <ChartCard
        id="chart-revenue"
        title={t('reports.chart.revenue', { bucket })}
        summary={t('reports.summary.revenue', { revenue: money(totals.revenue), sales: formatCount(totals.sales, locale), buckets: rows.length })}
        rows={rows}
        columns={[
          periodCol,
          { key: 'revenue', label: label('revenue'), value: (r) => money(r.revenueFen), numeric: true },
          { key: 'sales', label: label('sales'), value: (r) => formatCount(r.sales, locale), numeric: true },
        ]}
      >
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <ComposedChart data={rows} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" minTickGap={12} />
            <YAxis yAxisId="money" tickFormatter={(v: number) => String(Math.round(v))} width={64} />
            <YAxis yAxisId="count" orientation="right" allowDecimals={false} width={44} />
            <Tooltip formatter={(v, name) => (name === label('revenue') ? yuan(Number(v)) : String(v))} />
            <Legend />
            <Bar yAxisId="money" dataKey="revenueYuan" name={label('revenue')} fill={COLORS.primary} {...NO_ANIMATION} />
            <Line yAxisId="count" dataKey="sales" name={label('sales')} stroke={COLORS.accent} strokeWidth={2} dot={rows.length < 40} {...NO_ANIMATION} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartCard>

      <ChartCard
        id="chart-customers"
        title={t('reports.chart.customers', { bucket })}
        summary={t('reports.summary.customers', { newCustomers: totals.newCustomers, returning: totals.returning })}
        rows={rows}
        columns={[
          periodCol,
          { key: 'new', label: label('newCustomers'), value: (r) => formatCount(r.newCustomers, locale), numeric: true },
          { key: 'returning', label: label('returningCustomers'), value: (r) => formatCount(r.returningCustomers, locale), numeric: true },
        ]}
      >
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart data={rows} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" minTickGap={12} />
            <YAxis allowDecimals={false} width={44} />
            <Tooltip />
            <Legend />
            <Bar dataKey="newCustomers" stackId="c" name={label('newCustomers')} fill={COLORS.accent} {...NO_ANIMATION} />
            <Bar dataKey="returningCustomers" stackId="c" name={label('returningCustomers')} fill={COLORS.primary} {...NO_ANIMATION} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>

      <ChartCard
        id="chart-rates"
        title={t('reports.chart.rates', { bucket })}
        summary={t('reports.summary.rates', {
          repeat: formatFigure(headline.repeatRate, 'ratio', locale),
          complaints: formatFigure(headline.complaintRate, 'ratio', locale),
          nps: formatFigure(headline.nps, 'score', locale),
        })}
        rows={rates}
        columns={[
          periodCol,
          { key: 'repeat', label: label('repeatRate'), value: (r) => pctText(r.repeatRate, locale), numeric: true },
          { key: 'complaint', label: label('complaintRate'), value: (r) => pctText(r.complaintRate, locale), numeric: true },
          { key: 'nps', label: label('nps'), value: (r) => (r.nps === null ? '—' : String(r.nps)), numeric: true },
        ]}
      >
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <LineChart data={rates} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" minTickGap={12} />
            <YAxis yAxisId="pct" unit="%" width={52} />
            <YAxis yAxisId="nps" orientation="right" domain={[-100, 100]} width={44} />
            <Tooltip />
            <Legend />
            <Line yAxisId="pct" dataKey="repeatRate" name={label('repeatRate')} stroke={COLORS.primary} strokeWidth={2} connectNulls dot={false} {...NO_ANIMATION} />
            <Line yAxisId="pct" dataKey="complaintRate" name={label('complaintRate')} stroke={COLORS.danger} strokeWidth={2} connectNulls dot={false} {...NO_ANIMATION} />
            <Line yAxisId="nps" dataKey="nps" name={label('nps')} stroke={COLORS.blue} strokeWidth={2} strokeDasharray="5 3" connectNulls dot={false} {...NO_ANIMATION} />
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>

      <ChartCard
        id="chart-points"
        title={t('reports.chart.points', { bucket })}
        summary={t('reports.summary.points', { earned: formatCount(totals.earned, locale), redeemed: formatCount(totals.redeemed, locale), expired: formatCount(totals.expired, locale) })}
        rows={rows}
        columns={[
          periodCol,
          { key: 'earned', label: label('pointsEarned'), value: (r) => formatCount(r.pointsEarned, locale), numeric: true },
          { key: 'redeemed', label: label('pointsRedeemed'), value: (r) => formatCount(r.pointsRedeemed, locale), numeric: true },
          { key: 'expired', label: label('pointsExpired'), value: (r) => formatCount(r.pointsExpired, locale), numeric: true },
        ]}
      >
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart data={rows} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" minTickGap={12} />
            <YAxis allowDecimals={false} width={56} />
            <Tooltip />
            <Legend />
            <Bar dataKey="pointsEarned" name={label('pointsEarned')} fill={COLORS.ok} {...NO_ANIMATION} />
            <Bar dataKey="pointsRedeemed" name={label('pointsRedeemed')} fill={COLORS.blue} {...NO_ANIMATION} />
            <Bar dataKey="pointsExpired" name={label('pointsExpired')} fill={COLORS.muted} {...NO_ANIMATION} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>

      {tierMix ? (
        <ChartCard
          id="chart-tiers"
          title={t('reports.chart.tiers')}
          summary={tierMix.map((x) => t('reports.summary.tier', { tier: x.tier, active: x.activeMembers, members: x.members })).join('; ')}
          rows={tierMix}
          columns={[
            { key: 'tier', label: label('tier'), value: (r) => r.tier },
            { key: 'active', label: label('activeInPeriod'), value: (r) => formatCount(r.activeMembers, locale), numeric: true },
            { key: 'members', label: label('allMembers'), value: (r) => formatCount(r.members, locale), numeric: true },
          ]}
        >
          <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
            <BarChart data={tierMix} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="tier" />
              <YAxis allowDecimals={false} width={56} />
              <Tooltip />
              <Legend />
              <Bar dataKey="activeMembers" name={label('activeInPeriod')} fill={COLORS.primary} {...NO_ANIMATION} />
              <Bar dataKey="members" name={label('allMembers')} fill={COLORS.muted} {...NO_ANIMATION} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
      ) : null}
    </div>
  );
}
