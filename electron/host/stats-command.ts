import { openCoreOrExplain } from './backup-commands.js';
import { Period } from '../../shared/contract/stats.js';
import { statsJson } from '../core/stats/stats-json.js';
import { fenToYuanString } from '../../shared/money.js';

/**
 * `npm run -s pos -- stats --from YYYY-MM-DD --to YYYY-MM-DD [--json]`. With --json, stdout
 * holds one JSON object and nothing else (errors go to stderr with a non-zero exit).
 */
export function statsCommand(dataDir: string, values: { from?: string | undefined; to?: string | undefined; json?: boolean | undefined }): number {
  const period = Period.safeParse({ from: values.from, to: values.to });
  if (!period.success) {
    console.error('stats: --from and --to must be dates YYYY-MM-DD with from ≤ to');
    return 2;
  }
  // A read-only look: no backup of its own (the app's daily backup is the till's job).
  const core = openCoreOrExplain({ dataDir, autoBackup: false, logger: { error: (m, e) => console.error(m, e) } });
  try {
    const stats = core.services.stats;
    const out = statsJson(stats.headline(period.data), stats.cohorts(period.data), stats.tills(period.data));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(out)}\n`);
      return 0;
    }
    printStats(out);
    return 0;
  } finally {
    core.close();
  }
}

/** The human-readable form of the `pos stats` object (the till's, and head office's with --server). */
export function printStats(out: ReturnType<typeof statsJson>): void {
  const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
  const lines: Array<[string, string]> = [
    ['period', `${out.from} … ${out.to}`], ['revenue', `¥${fenToYuanString(out.revenue)}`], ['sales', String(out.sales)],
    ['average ticket', out.average_ticket === null ? '—' : `¥${fenToYuanString(out.average_ticket)}`], ['member share', pct(out.member_share)],
    ['active / new members', `${out.active_members} / ${out.new_members}`], ['repeat rate', pct(out.repeat_rate)], ['retention rate', pct(out.retention_rate)],
    ['lapsed / at risk', `${out.lapsed_members} / ${out.at_risk_members}`], ['complaints', `${out.complaints} (${pct(out.complaint_rate)})`],
    ['median resolution', out.median_resolution_hours === null ? '—' : `${out.median_resolution_hours.toFixed(1)} h`],
    ['NPS', out.nps === null ? '—' : `${out.nps} (${out.nps_responses} answers)`],
    ['points earned / redeemed / expired', `${out.points_earned} / ${out.points_redeemed} / ${out.points_expired}`], ['points outstanding', String(out.points_outstanding)],
  ];
  for (const [k, v] of lines) console.log(`${k.padEnd(36)}${v}`);
  for (const c of out.cohorts) console.log(`cohort ${c.cohort} (${c.size}): ${c.retention.map(pct).join(' ')}`);
  // Per till only where there is more than one: a single till's line would repeat the shop's.
  if (out.tills && out.tills.length > 1) {
    for (const t of out.tills) {
      const name = t.till === null ? 'till (none: imported)' : `till ${t.till || 'this'}${t.this_till ? ' (this one)' : ''}`;
      const avg = t.average_ticket === null ? '—' : `¥${fenToYuanString(t.average_ticket)}`;
      console.log(`${name.padEnd(36)}¥${fenToYuanString(t.revenue)} · ${t.sales} sales · average ${avg}`);
    }
  }
}
