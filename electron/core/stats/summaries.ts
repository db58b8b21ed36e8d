import type { Database } from '../db/open.js';
import { REBUILD_STATS_SQL, STATS_TABLES } from '../db/migrations/008-stats-summaries.js';
import { REBUILD_VISIT_LINKS_SQL } from '../db/migrations/009-visit-links.js';
import { REBUILD_VISITS_DAILY_SQL } from '../db/migrations/011-visits-daily.js';
import { REBUILD_VISITS_WEEKLY_SQL } from '../db/migrations/025-visits-weekly.js';

type SummaryRows = Record<(typeof STATS_TABLES)[number] | 'visits_daily' | 'visits_weekly' | 'visits_monthly', unknown[]>;

const ORDER: Record<(typeof STATS_TABLES)[number], string> = {
  sales_daily: 'day',
  member_daily: 'day, member_id',
  cohort_monthly: 'cohort, month',
  points_daily: 'day, reason',
};

/**
 * The dashboard's summary tables (migrations 008, 011 and 025) are kept by triggers. This module can
 * rebuild them from the raw rows — when a bulk load skipped them, or a check finds them off —
 * and read them in a canonical order, so tests compare "maintained" with "recomputed".
 */
export function createSummaries(db: Database) {
  function read(): SummaryRows {
    const out = {} as SummaryRows;
    for (const t of STATS_TABLES) {
      // Zero rows are kept by incremental updates (a day whose only member sale moved away);
      // the rebuild never writes them, and they count nothing, so compare without them.
      const where = t === 'cohort_monthly' ? 'WHERE members <> 0' : t === 'points_daily' ? 'WHERE points <> 0'
        : t === 'member_daily' ? 'WHERE sales <> 0 OR revenue_fen <> 0' : 'WHERE sales <> 0 OR refunds <> 0 OR revenue_fen <> 0';
      out[t] = db.prepare(`SELECT * FROM ${t} ${where} ORDER BY ${ORDER[t]}`).all();
    }
    out.visits_daily = db.prepare('SELECT * FROM visits_daily ORDER BY day').all(); // migration 011
    // Migration 025; like member_daily, incremental upkeep can leave a week or month at zero.
    out.visits_weekly = db.prepare('SELECT * FROM visits_weekly WHERE active <> 0 OR repeaters <> 0 ORDER BY week').all();
    out.visits_monthly = db.prepare('SELECT * FROM visits_monthly WHERE active <> 0 OR repeaters <> 0 ORDER BY month').all();
    return out;
  }

  return {
    read,
    /** Recomputes every summary from the raw rows, in one transaction. */
    rebuild(): void {
      // Re-inserting member-days links visits through the triggers; the window query then
      // recomputes every link from scratch, so a check against a rebuild also checks the triggers.
      db.transaction(() => {
        db.exec(REBUILD_STATS_SQL); db.exec(REBUILD_VISIT_LINKS_SQL); db.exec(REBUILD_VISITS_DAILY_SQL); db.exec(REBUILD_VISITS_WEEKLY_SQL);
        db.exec('UPDATE rfm_window SET stale = 1'); // the RFM snapshot (migration 023) rebuilds from these at its next read
      })();
    },
    /** Summaries are missing when sales exist but no day is summarised (e.g. after a bulk load without triggers). */
    missing(): boolean {
      const row = db.prepare<[], { missing: number }>(
        'SELECT (EXISTS (SELECT 1 FROM sales) AND NOT EXISTS (SELECT 1 FROM sales_daily)) AS missing').get();
      return row?.missing === 1;
    },
  };
}

export type Summaries = ReturnType<typeof createSummaries>;
