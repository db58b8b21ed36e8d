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

const RANK = 2 ** 24; // ranks below this (16 million members) fit beside any sort key in a float64's 53 bits

/** A date YYYY-MM-DD as an integer in the same order (not a day count: months are 31 days). */
const dateKey = (d: string) => (d.charCodeAt(0) * 1000 + d.charCodeAt(1) * 100 + d.charCodeAt(2) * 10 + d.charCodeAt(3) - 53328) * 372
  + ((d.charCodeAt(5) - 48) * 10 + d.charCodeAt(6) - 48) * 31 + (d.charCodeAt(8) - 48) * 10 + d.charCodeAt(9) - 48;

/**
 * SQL's ntile(5) over rows ordered by `major` then member id (groups as even as possible, the
 * larger first), written to `out` by row index. Done here rather than by SQLite's window
 * functions (~0.7 s on 60,000 members for the grid's two orderings), and on one Float64Array of
 * major × 2^24 + member-id rank: a typed array sorts numerically in native code, ~10× faster
 * than sorting indices with a comparator that reads objects.
 */
function ntile5(major: Float64Array, rowOfRank: Int32Array, rankOfRow: Int32Array, out: Uint8Array): void {
  const n = major.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = major[i]! * RANK + rankOfRow[i]!;
  keys.sort();
  const q = Math.floor(n / 5);
  const big = n % 5; // the first `big` groups hold q + 1
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    const row = rowOfRank[k - Math.floor(k / RANK) * RANK]!;
    out[row] = i < big * (q + 1) ? Math.floor(i / (q + 1)) + 1 : big + Math.floor((i - big * (q + 1)) / q) + 1;
  }
}

/** The R × F grid (members and net spend per cell) of the scored members, as SCORED_CTE would score them. */
export function rfmGrid(rows: readonly Base[]): Array<{ r: number; f: number; members: number; revenueFen: number }> {
  const n = rows.length;
  if (n >= RANK) throw new Error('rfmGrid: too many members');
  // Ties break by member id: rank rows by it (the queries give them in that order already).
  const rowOfRank = Int32Array.from({ length: n }, (_, i) => i);
  if (rows.some((row, i) => i > 0 && row.member_id < rows[i - 1]!.member_id)) rowOfRank.sort((a, b) => rows[a]!.member_id - rows[b]!.member_id);
  const rankOfRow = new Int32Array(n);
  rowOfRank.forEach((row, rank) => { rankOfRow[row] = rank; });
  const last = new Float64Array(n);
  const freq = new Float64Array(n);
  rows.forEach((row, i) => { last[i] = dateKey(row.last); freq[i] = row.freq; });
  const r = new Uint8Array(n);
  const f = new Uint8Array(n);
  ntile5(last, rowOfRank, rankOfRow, r);
  ntile5(freq, rowOfRank, rankOfRow, f);
  const members = new Float64Array(31);
  const spend = new Float64Array(31);
  rows.forEach((row, i) => { const c = r[i]! * 5 + f[i]!; members[c]! += 1; spend[c]! += row.spend; });
  const cells: Array<{ r: number; f: number; members: number; revenueFen: number }> = [];
  for (let ri = 1; ri <= 5; ri++) for (let fi = 1; fi <= 5; fi++) { // as GROUP BY r, f gives them
    const c = ri * 5 + fi;
    if (members[c]) cells.push({ r: ri, f: fi, members: members[c]!, revenueFen: spend[c]! });
  }
  return cells;
}

export function createRfm(db: Database) {
  const grouped = db.prepare<{ from: string; to: string }, Base>(`SELECT member_id, max(CASE WHEN sales > 0 THEN day END) AS last, sum(sales) AS freq, sum(revenue_fen) AS spend
    FROM member_daily WHERE day BETWEEN @from AND @to GROUP BY member_id HAVING sum(sales) > 0 ORDER BY member_id`);
  const fromSnapshot = db.prepare<[], Base>('SELECT member_id, last_day AS last, freq, spend FROM rfm_members WHERE freq > 0 ORDER BY member_id');
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
