import type { Database } from '../db/open.js';
import { cellsOf, rfmReport, rfmWindow, segmentOf } from '../../../shared/stats/rfm-segments.js';
import { createRfmSnapshot } from './rfm-snapshot.js';

export { segmentOf, cellsOf, rfmWindow };

/** The scored members of the window, as a CTE named `scored` (member_id, r, f, m, spend): the member lists' RFM segments. */
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

interface Base { member_id: number; last: string; freq: number; spend: number }

/**
 * SQL's ntile(5) over `rows` in the given order (groups as even as possible, the larger
 * first), written to `out` by row index. Done here rather than by SQLite's window functions:
 * on 60,000 members those took ~0.7 s for the grid's two orderings, a sort here takes ~20 ms.
 */
function ntile5(rows: readonly Base[], order: (a: Base, b: Base) => number, out: Uint8Array): void {
  const idx = Array.from(rows.keys()).sort((a, b) => order(rows[a]!, rows[b]!));
  const n = rows.length;
  const q = Math.floor(n / 5);
  const big = n % 5; // the first `big` groups hold q + 1
  idx.forEach((row, i) => {
    out[row] = i < big * (q + 1) ? Math.floor(i / (q + 1)) + 1 : big + Math.floor((i - big * (q + 1)) / q) + 1;
  });
}

/** The R × F grid (members and net spend per cell) of the scored members, as SCORED_CTE would score them. */
export function rfmGrid(rows: readonly Base[]): Array<{ r: number; f: number; members: number; revenueFen: number }> {
  const r = new Uint8Array(rows.length);
  const f = new Uint8Array(rows.length);
  ntile5(rows, (a, b) => (a.last < b.last ? -1 : a.last > b.last ? 1 : a.member_id - b.member_id), r);
  ntile5(rows, (a, b) => a.freq - b.freq || a.member_id - b.member_id, f);
  const cells = new Map<number, { r: number; f: number; members: number; revenueFen: number }>();
  rows.forEach((row, i) => {
    const key = r[i]! * 10 + f[i]!;
    const c = cells.get(key) ?? { r: r[i]!, f: f[i]!, members: 0, revenueFen: 0 };
    c.members += 1;
    c.revenueFen += row.spend;
    cells.set(key, c);
  });
  return [...cells.values()].sort((a, b) => a.r - b.r || a.f - b.f); // as GROUP BY r, f gives them
}

export function createRfm(db: Database) {
  const grouped = db.prepare<{ from: string; to: string }, Base>(`SELECT member_id, max(CASE WHEN sales > 0 THEN day END) AS last, sum(sales) AS freq, sum(revenue_fen) AS spend
    FROM member_daily WHERE day BETWEEN @from AND @to GROUP BY member_id HAVING sum(sales) > 0`);
  const fromSnapshot = db.prepare<[], Base>('SELECT member_id, last_day AS last, freq, spend FROM rfm_members WHERE freq > 0');
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
      const rows = !db.readonly && snapshot.bringTo(asOf) ? fromSnapshot.all() : grouped.all(w);
      return rfmReport(w, rfmGrid(rows));
    },
  };
}
