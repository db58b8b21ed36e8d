import { addDays, daysBetween } from '../dates.js';

/** Pure period arithmetic for the dashboard; dates are shop-local `YYYY-MM-DD`. */

export interface Period { from: string; to: string }

/** The period of equal length just before `p` (retention compares the two). */
export function previousPeriod(p: Period): Period {
  const days = daysBetween(p.from, p.to) + 1;
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

export const monthOf = (date: string) => date.slice(0, 7);
export const firstOfMonth = (month: string) => `${month}-01`;

/** `YYYY-MM` + k months. */
export function addMonthsToMonth(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + k;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split('-').map(Number) as [number, number];
  const [yb, mb] = b.split('-').map(Number) as [number, number];
  return (yb - ya) * 12 + (mb - ma);
}

export type Bucket = 'day' | 'week' | 'month';

/** Days up to 62 days, weeks (from Monday) up to a year and a day, months beyond. */
export function bucketFor(p: Period): Bucket {
  const days = daysBetween(p.from, p.to) + 1;
  return days <= 62 ? 'day' : days <= 366 ? 'week' : 'month';
}

/** The start of the bucket holding `date` (Monday for weeks). */
export function bucketStart(date: string, bucket: Bucket): string {
  if (bucket === 'day') return date;
  if (bucket === 'month') return `${date.slice(0, 7)}-01`;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
}

/** SQL for the same bucket start, applied to a `YYYY-MM-DD` expression. */
export function bucketSql(expr: string, bucket: Bucket): string {
  if (bucket === 'day') return expr;
  if (bucket === 'month') return `substr(${expr}, 1, 7) || '-01'`;
  // weekday 0 moves forward to Sunday (or stays); six days back is that week's Monday.
  return `date(${expr}, 'weekday 0', '-6 days')`;
}

/** Every bucket of the period, clamped to it: [{start, end}]. */
export function bucketsOf(p: Period, bucket: Bucket): Array<{ key: string; start: string; end: string }> {
  const out: Array<{ key: string; start: string; end: string }> = [];
  let key = bucketStart(p.from, bucket);
  while (key <= p.to) {
    const next = bucket === 'day' ? addDays(key, 1) : bucket === 'week' ? addDays(key, 7) : `${addMonthsToMonth(key.slice(0, 7), 1)}-01`;
    out.push({ key, start: key < p.from ? p.from : key, end: addDays(next, -1) > p.to ? p.to : addDays(next, -1) });
    key = next;
  }
  return out;
}

/** a / b rounded to the nearest integer, halves away from zero, in exact integer arithmetic. */
export function divideRounded(a: number, b: number): number {
  const sign = Math.sign(a) * Math.sign(b);
  const [x, y] = [Math.abs(a), Math.abs(b)];
  return sign * Math.floor((2 * x + y) / (2 * y)) || 0;
}

/** Median of numbers (mean of the two middle ones for an even count); null when empty. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Hours between two shop-local date-times (read as wall-clock times, so no DST jump). */
export function hoursBetween(fromLocal: string, toLocal: string): number {
  return (Date.parse(`${toLocal}Z`) - Date.parse(`${fromLocal}Z`)) / 3_600_000;
}
