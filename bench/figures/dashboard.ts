/**
 * Figure 4: the owner's dashboard through the stats calls (stats.overview + stats.series for
 * the last 30 days and the last year, stats.cohorts over the five years, stats.rfm as of
 * today), each versus one full scan of the sales table (count(*), sum(total_fen)) on the
 * same file. Medians of several runs; the first (cold) run is kept in the note.
 */
import type { Database } from '../../electron/core/db/open.js';
import type { Dispatcher } from '../../electron/core/dispatch/dispatcher.js';
import { addDays } from '../../electron/core/lib/dates.js';
import { nowMs, latency } from '../lib/measure.js';
import { sizeAt } from '../generate/shape.js';
import type { Row } from '../lib/table.js';

async function timed(runs: number, fn: () => Promise<unknown> | unknown) {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = nowMs();
    await fn();
    out.push(nowMs() - t);
  }
  return { median: latency(out).p50, first: out[0]! };
}

export async function dashboardFigures(o: { db: Database; dispatcher: Dispatcher; token: string; until: string; scale: number; runs: number }): Promise<Row[]> {
  const { db, dispatcher, token, until } = o;
  const call = async (method: 'stats.overview' | 'stats.series' | 'stats.cohorts', from: string) => {
    const r = await dispatcher.call(method, { from, to: until }, token);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  };
  const scanStmt = db.prepare('SELECT count(*) AS n, sum(total_fen) AS fen FROM sales');
  const scan = await timed(o.runs, () => scanStmt.get());
  const dashboard = (days: number) => async () => {
    const from = addDays(until, -(days - 1));
    await call('stats.overview', from);
    await call('stats.series', from);
  };
  const d30 = await timed(o.runs, dashboard(30));
  const d365 = await timed(o.runs, dashboard(365));
  const cohorts = await timed(o.runs, () => call('stats.cohorts', sizeAt(o.scale).firstDay));
  const rfm = await timed(o.runs, async () => { const r = await dispatcher.call('stats.rfm', { asOf: until }, token); if (!r.ok) throw new Error('stats.rfm'); });

  const baseline = 'one full scan of sales (count, sum)';
  const row = (id: string, figure: string, t: { median: number; first: number }, target: number | null): Row => ({
    id, figure, value: t.median, unit: 'ms', baseline, baselineValue: scan.median, ratio: t.median / scan.median,
    target: target === null ? '—' : `≤ ${target}× baseline`, met: target === null ? null : t.median / scan.median <= target,
    note: `median of ${o.runs}; first run ${t.first.toFixed(1)} ms`,
  });
  return [
    // Targets: issue 19's (30 days was ≤ 0.1× before it).
    row('dashboard.30d', 'dashboard, last 30 days (overview + series)', d30, 0.05),
    row('dashboard.1y', 'dashboard, last year (overview + series)', d365, 0.5),
    row('dashboard.cohorts', 'cohort table, five years', cohorts, 1),
    row('dashboard.rfm', 'RFM, last 365 days', rfm, 1),
  ];
}
