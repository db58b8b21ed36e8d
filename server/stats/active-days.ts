import type { Db } from '../db/pool.js';
import { daysBetween } from '../../shared/dates.js';
import type { Period } from '../../shared/stats/periods.js';
import { BACK_CAP, FWD_CAP } from '../db/migrations/006-chain-day-counts.js';

/**
 * Active, repeat and retained counts from the visits' gap cells (migration 006) — the same
 * counts as the member-days read in headline.ts, as sums over a few hundred cells a day — for
 * periods the cells are precise enough for: each at most FWD_CAP days, and each with the one
 * before it spanning less than BACK_CAP days. Null when they are not (the caller reads the
 * member-days).
 */
export interface ActivePeriod { active: number; repeaters: number; retained: number; prevActive: number }

const n = (v: unknown) => Number(v ?? 0);
const span = (from: string, to: string) => daysBetween(from, to) + 1;

export function gapCellsFit(periods: Period[]): boolean {
  return periods.every((p, i) => span(p.from, p.to) <= FWD_CAP && (i === 0 || span(periods[i - 1]!.from, p.to) <= BACK_CAP));
}

export async function activeFromGaps(db: Db, scope: string, periods: Period[]): Promise<ActivePeriod[] | null> {
  if (!gapCellsFit(periods)) return null;
  // Each cell's day as a number of days from the first period's start, computed once per cell
  // (behind OFFSET 0, so the planner does not copy the cast into every condition); the periods'
  // bounds are numbers of days too, parameters $4, $5 …
  const base = periods[0]!.from;
  const bounds = periods.flatMap((p) => [daysBetween(base, p.from), daysBetween(base, p.to)]);
  const f = (i: number) => `$${4 + 2 * i}::int`;
  const t = (i: number) => `$${5 + 2 * i}::int`;
  const first = (i: number) => `d BETWEEN ${f(i)} AND ${t(i)} AND back > d - ${f(i)}`;
  const sums = periods.map((_, i) => `sum(n) FILTER (WHERE ${first(i)}) AS a${i},
      sum(n) FILTER (WHERE ${first(i)} AND fwd <= ${t(i)} - d) AS r${i},
      ${i > 0 ? `sum(n) FILTER (WHERE ${first(i)} AND back <= d - ${f(i - 1)})` : '0'} AS k${i}`).join(', ');
  const { rows } = await db.query<Record<string, string | null>>(
    `SELECT ${sums} FROM (SELECT day::date - $${4 + bounds.length}::date AS d, back, fwd, n FROM hq_visit_gaps WHERE scope = $1 AND day BETWEEN $2 AND $3 OFFSET 0) g`,
    [scope, base, periods.at(-1)!.to, ...bounds, base]);
  const r = rows[0]!;
  return periods.map((_, i) => ({ active: n(r[`a${i}`]), repeaters: n(r[`r${i}`]), retained: n(r[`k${i}`]), prevActive: i > 0 ? n(r[`a${i - 1}`]) : NaN }));
}
