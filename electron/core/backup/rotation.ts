import { localDate } from '../lib/clock.js';

/** How many of the newest backups to keep per calendar bucket. */
export interface RotationPolicy {
  /** The newest backups kept whatever their date, so a manual backup is not rotated away minutes later by the next one. */
  last: number;
  daily: number;
  weekly: number;
  monthly: number;
}

/** 7 daily, 4 weekly, 12 monthly: a year of history in about 20 files. */
export const DEFAULT_ROTATION: RotationPolicy = { last: 3, daily: 7, weekly: 4, monthly: 12 };

/** ISO-8601 week of a shop-local date, as `YYYY-Www` (weeks start on Monday). */
export function isoWeek(d: Date): string {
  const day = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const BUCKETS: Array<[Exclude<keyof RotationPolicy, 'last'>, (d: Date) => string]> = [
  ['daily', localDate],
  ['weekly', isoWeek],
  ['monthly', (d) => localDate(d).slice(0, 7)],
];

/**
 * Which backups survive rotation (the scheme restic and borg call keep-daily/weekly/monthly):
 * walking from the newest, the newest backup of each of the last `daily` days that have one
 * is kept, likewise for ISO weeks and months. A backup may count for several buckets. The
 * `last` newest backups (at least one) are kept whatever their date.
 */
export function backupsToKeep<T extends { name: string; at: Date; seq?: number }>(items: readonly T[], policy: RotationPolicy = DEFAULT_ROTATION): Set<string> {
  const newestFirst = [...items].sort((a, b) => b.at.getTime() - a.at.getTime() || (b.seq ?? 1) - (a.seq ?? 1));
  const keep = new Set<string>(newestFirst.slice(0, Math.max(1, policy.last)).map((i) => i.name));
  for (const [bucket, keyOf] of BUCKETS) {
    let last: string | null = null;
    let used = 0;
    for (const item of newestFirst) {
      if (used >= policy[bucket]) break;
      const key = keyOf(item.at);
      if (key === last) continue;
      last = key;
      used += 1;
      keep.add(item.name);
    }
  }
  return keep;
}
