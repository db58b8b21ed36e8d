import type { Database } from '../db/open.js';
import type { RfmSegment } from '../../../shared/contract/stats.js';
import { addDays } from '../lib/dates.js';

/**
 * RFM over the 365 days ending `asOf`: among members with a sale in that window,
 * R = recency of the last sale, F = number of sales, M = net spend, each scored 1–5 by
 * quintile (5 = most recent / most frequent / biggest spender), ties broken by member id.
 * Segments are named from R and F (the usual RF grid); M is reported alongside.
 *
 *            F=1              F=2–3            F=4              F=5
 *   R=4–5    new (R5) /       potential        champions        champions
 *            promising (R4)
 *   R=3      about_to_sleep   need_attention   loyal            loyal
 *   R=1–2    hibernating (R2) / lost (R1) for F≤2; at_risk for F=3–4; cannot_lose for F=5
 */
export function segmentOf(r: number, f: number): RfmSegment {
  if (r >= 4) return f >= 4 ? 'champions' : f >= 2 ? 'potential' : r === 5 ? 'new' : 'promising';
  if (r === 3) return f >= 4 ? 'loyal' : f >= 2 ? 'need_attention' : 'about_to_sleep';
  if (f === 5) return 'cannot_lose';
  if (f >= 3) return 'at_risk';
  return r === 2 ? 'hibernating' : 'lost';
}

/** The (r, f) cells that make a segment. */
export function cellsOf(segment: RfmSegment): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) if (segmentOf(r, f) === segment) out.push([r, f]);
  return out;
}

export const rfmWindow = (asOf: string) => ({ from: addDays(asOf, -364), to: asOf });

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
      const cells = grid.all(w).map((c) => ({ r: c.r, f: c.f, members: c.members, revenueFen: c.revenue, segment: segmentOf(c.r, c.f) }));
      const bySegment = new Map<RfmSegment, { members: number; revenueFen: number }>();
      for (const c of cells) {
        const s = bySegment.get(c.segment) ?? { members: 0, revenueFen: 0 };
        bySegment.set(c.segment, { members: s.members + c.members, revenueFen: s.revenueFen + c.revenueFen });
      }
      return {
        ...w,
        members: cells.reduce((n, c) => n + c.members, 0),
        cells,
        segments: [...bySegment].map(([segment, s]) => ({ segment, ...s })).sort((a, b) => b.revenueFen - a.revenueFen),
      };
    },
  };
}
