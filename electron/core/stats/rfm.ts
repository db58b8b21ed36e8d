import type { Database } from '../db/open.js';
import { cellsOf, rfmReport, rfmWindow, segmentOf } from '../../../shared/stats/rfm-segments.js';

export { segmentOf, cellsOf, rfmWindow };

/** The scored members of the window, as a CTE named `scored` (member_id, r, f, m, spend). */
export const SCORED_CTE = `
  WITH base AS (
    SELECT member_id, max(CASE WHEN sales > 0 THEN day END) AS last, sum(sales) AS freq, sum(revenue_fen) AS spend
    FROM member_daily WHERE day BETWEEN @from AND @to GROUP BY member_id HAVING sum(sales) > 0),
  scored AS (
    SELECT member_id, spend,
      ntile(5) OVER (ORDER BY last, member_id) AS r,
      ntile(5) OVER (ORDER BY freq, member_id) AS f,
      ntile(5) OVER (ORDER BY spend, member_id) AS m
    FROM base)`;

export function createRfm(db: Database) {
  const grid = db.prepare<{ from: string; to: string }, { r: number; f: number; members: number; revenue: number }>(
    `${SCORED_CTE} SELECT r, f, count(*) AS members, sum(spend) AS revenue FROM scored GROUP BY r, f`);
  return {
    compute(asOf: string) {
      const w = rfmWindow(asOf);
      return rfmReport(w, grid.all(w).map((c) => ({ r: c.r, f: c.f, members: c.members, revenueFen: c.revenue })));
    },
  };
}
