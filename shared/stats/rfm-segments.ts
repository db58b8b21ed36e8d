import type { RfmSegment } from '../contract/stats.js';
import { addDays } from '../dates.js';

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

/**
 * The RFM report from its grid's cells (members and revenue per r, f): each cell named by its
 * segment, the segments summed and ordered by revenue. The till and head office share it, so
 * both name and sum segments alike.
 */
export function rfmReport<W extends { from: string; to: string }>(w: W, grid: ReadonlyArray<{ r: number; f: number; members: number; revenueFen: number }>) {
  const cells = grid.map((c) => ({ r: c.r, f: c.f, members: c.members, revenueFen: c.revenueFen, segment: segmentOf(c.r, c.f) }));
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
}
