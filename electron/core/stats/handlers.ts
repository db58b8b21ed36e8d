import type { statsContract } from '../../../shared/contract/stats.js';
import type { ContractHandlers } from '../complaints/handler-types.js';
import type { StatsService } from './stats-service.js';
import { DomainError } from '../lib/domain-error.js';

/** Day `YYYY-MM-DD` as the print job's integer reference (YYYYMMDD), and back. */
export const dayRef = (day: string) => Number(day.replaceAll('-', ''));
export const refDay = (ref: number) => `${String(ref).slice(0, 4)}-${String(ref).slice(4, 6)}-${String(ref).slice(6, 8)}`;

export function statsHandlers(stats: StatsService, print: { enqueue(kind: 'daily_report', refId: number): number | null; kick(): Promise<void> }): ContractHandlers<typeof statsContract> {
  return {
    'stats.overview': (p) => stats.overview(p),
    'stats.series': (p) => stats.series(p),
    'stats.tills': (p) => ({ tills: stats.tills(p) }),
    'stats.cohorts': (p) => stats.cohorts(p),
    'stats.rfm': ({ asOf }) => stats.rfm(asOf),
    'stats.tierMix': (p) => stats.tierMix(p),
    'stats.members': ({ figure, from, to, segment, offset, limit }) => stats.members(figure, { from, to }, offset, limit, segment),
    'stats.dailyReport': ({ day }) => stats.dailyReport(day),
    'stats.printDailyReport': ({ day }) => {
      const jobId = print.enqueue('daily_report', dayRef(day));
      if (jobId === null) throw new DomainError('rule_violation', { rule: 'printer_not_configured' }, 'errors.printer_not_configured');
      void print.kick();
      return { jobId };
    },
    'stats.exportDailyReport': ({ day, format }) => stats.exportDailyReport(day, format),
  };
}
