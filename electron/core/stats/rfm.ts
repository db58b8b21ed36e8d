import type { Database } from '../db/open.js';
import { cellsOf, rfmReport, rfmWindow, segmentOf } from '../../../shared/stats/rfm-segments.js';
import { createRfmSnapshot } from './rfm-snapshot.js';

export { segmentOf, cellsOf, rfmWindow };

/** Scores the members of a CTE `base` (member_id, last, freq, spend) into quintiles, as `scored`. */
const SCORED = `
  scored AS (
    SELECT member_id, spend,
      ntile(5) OVER (ORDER BY last, member_id) AS r,
      ntile(5) OVER (ORDER BY freq, member_id) AS f,
      ntile(5) OVER (ORDER BY spend, member_id) AS m
    FROM base)`;

/** The scored members of the window, as a CTE named `scored` (member_id, r, f, m, spend), from member_daily. */
export const SCORED_CTE = `
  WITH base AS (
    SELECT member_id, max(CASE WHEN sales > 0 THEN day END) AS last, sum(sales) AS freq, sum(revenue_fen) AS spend
    FROM member_daily WHERE day BETWEEN @from AND @to GROUP BY member_id HAVING sum(sales) > 0),${SCORED}`;

/** The same from the RFM snapshot (migration 023), once it has been brought to the window's last day. */
export const SCORED_SNAPSHOT_CTE = `
  WITH base AS (SELECT member_id, last_day AS last, freq, spend FROM rfm_members WHERE freq > 0),${SCORED}`;

const GRID = 'SELECT r, f, count(*) AS members, sum(spend) AS revenue FROM scored GROUP BY r, f';

export function createRfm(db: Database) {
  type Cell = { r: number; f: number; members: number; revenue: number };
  const grid = db.prepare<{ from: string; to: string }, Cell>(`${SCORED_CTE} ${GRID}`);
  const snapshotGrid = db.prepare<[], Cell>(`${SCORED_SNAPSHOT_CTE} ${GRID}`);
  const snapshot = createRfmSnapshot(db);
  return {
    snapshot,
    /**
     * As of today (or any day not before the snapshot's), from the snapshot brought forward —
     * a few rows since the last read instead of a year of member-days; an earlier day, or a
     * read-only handle (`pos stats`), groups member_daily as before.
     */
    compute(asOf: string) {
      const w = rfmWindow(asOf);
      const cells = !db.readonly && snapshot.bringTo(asOf) ? snapshotGrid.all() : grid.all(w);
      return rfmReport(w, cells.map((c) => ({ r: c.r, f: c.f, members: c.members, revenueFen: c.revenue })));
    },
  };
}
