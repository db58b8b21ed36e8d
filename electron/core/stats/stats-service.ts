import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import type { Locale } from '../../../shared/contract/common.js';
import type { DailyReport, MemberFigure, RfmSegment } from '../../../shared/contract/stats.js';
import { createSummaries } from './summaries.js';
import { createHeadline, type ActiveCounts, type HeadlineRules } from './headline.js';
import { createCohorts } from './cohorts.js';
import { createSeries } from './series.js';
import { createRfm } from './rfm.js';
import { createMemberLists } from './member-lists.js';
import { createTillFigures } from './tills.js';
import { createDailyReportData, reportSections } from './daily-report.js';
import { dailyReportCsv, dailyReportMarkup, dailyReportPdf, paperYuan } from './daily-report-files.js';
import { previousPeriod, type Period } from './periods.js';

export interface StatsDeps {
  db: Database;
  clock: Clock;
  /** The shop's rules the figures depend on, read per call so a settings change shows at once. */
  rules: () => HeadlineRules;
  highValueSpendFen: () => number | null;
  shop: () => { shopName: string; locale: Locale };
  categoryLabel: (code: string, locale: Locale) => string;
  /** With a shop server: what was spent offline (sync/spend-guard.ts). */
  offline?: (day: string) => DailyReport['offline'];
}

/**
 * The owner's statistics: every figure of the brief's "Retention statistics" over summary
 * tables (migration 008) and indexed ranges. Plain functions of the database; the same service
 * answers the dashboard, the `pos stats` command and the daily report.
 */
export function createStatsService(d: StatsDeps) {
  const { db } = d;
  const summaries = createSummaries(db);
  // A database bulk-loaded without its triggers (or restored from an old copy) gets its summaries back here.
  if (summaries.missing()) summaries.rebuild();
  const headline = createHeadline(db);
  const cohorts = createCohorts(db);
  const series = createSeries(db);
  const rfm = createRfm(db);
  const lists = createMemberLists(db);
  const daily = createDailyReportData(db);
  const tills = createTillFigures(db);

  function report(day: string) {
    const shop = d.shop();
    const data = daily.build(day, shop.shopName, headline.compute({ from: day, to: day }, d.rules()), d.offline?.(day) ?? null);
    return { data, locale: shop.locale, label: (c: string) => d.categoryLabel(c, shop.locale) };
  }

  return {
    summaries,
    headline: (p: Period) => headline.compute(p, d.rules()),
    overview(p: Period) {
      const rules = d.rules();
      const activeCache = new Map<string, ActiveCounts>();
      const q = previousPeriod(p);
      // Ending today, the third period's active count needs no read of its member-days (headline.ts).
      const known = headline.overviewCounts(p);
      if (known) {
        const r = previousPeriod(q);
        activeCache.set(`${p.from}|${p.to}`, known.p);
        activeCache.set(`${q.from}|${q.to}`, known.q);
        activeCache.set(`${r.from}|${r.to}`, { active: known.rActive, repeaters: NaN, retained: NaN }); // only its active count is read
      }
      return { current: headline.compute(p, rules, { activeCache }), previous: headline.compute(q, rules, { activeCache, withLapse: false }) };
    },
    series: (p: Period) => series.compute(p),
    /** Revenue, sales and average ticket per till (stats/tills.ts). */
    tills: (p: Period) => tills.compute(p),
    cohorts: (p: Period) => cohorts.compute(p),
    rfm: (asOf: string) => rfm.compute(asOf),
    tierMix(p: Period) {
      return db.prepare<Period, { tierId: number; tier: string; activeMembers: number; members: number }>(
        `SELECT t.id AS tierId, t.name AS tier, coalesce(a.n, 0) AS activeMembers,
           (SELECT count(*) FROM members m WHERE m.tier_id = t.id AND m.status IN ('active','frozen')) AS members
         FROM tiers t LEFT JOIN (
           SELECT m.tier_id, count(*) AS n FROM member_daily d JOIN members m ON m.id = d.member_id
           WHERE d.day BETWEEN @from AND @to AND d.sales > 0 AND (d.prev_day IS NULL OR d.prev_day < @from) GROUP BY m.tier_id) a ON a.tier_id = t.id
         ORDER BY t.rank`).all(p);
    },
    members: (figure: MemberFigure, p: Period, offset: number, limit: number, segment?: RfmSegment) =>
      lists.list(figure, p, { lapseDays: d.rules().lapseDays, highValueSpendFen: d.highValueSpendFen }, offset, limit, segment),
    dailyReport: (day: string) => report(day).data,
    /** Printer markup for the day (the print queue renders it from committed rows, like receipts). */
    dailyReportMarkup(day: string, cpl: number) {
      const r = report(day);
      return dailyReportMarkup(reportSections(r.data, r.locale, r.label, paperYuan), localDateTime(d.clock.now()), cpl);
    },
    async exportDailyReport(day: string, format: 'csv' | 'pdf') {
      const r = report(day);
      const sections = reportSections(r.data, r.locale, r.label);
      const bytes = format === 'csv' ? dailyReportCsv(sections) : await dailyReportPdf(sections);
      return { fileName: `daily-report-${day}.${format}`, mime: format === 'csv' ? 'text/csv' : 'application/pdf', base64: bytes.toString('base64') };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
