import { addDays, addMonths, daysBetween } from '../../../../shared/dates.js';

/**
 * The dashboard's periods: the picker's presets as inclusive shop-local date ranges, and the
 * preceding period of equal length the figures compare against. Pure, so it is unit-tested.
 */

export const PRESETS = ['today', 'yesterday', 'last7', 'last30', 'thisMonth', 'lastMonth', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

/** A local Date as `YYYY-MM-DD` (the till's calendar day). */
export function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;

/** The period a preset means on `today`; `custom` takes the typed range. */
export function presetPeriod(preset: Preset, today: string, custom: Period): Period {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const y = addDays(today, -1);
      return { from: y, to: y };
    }
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'thisMonth':
      return { from: monthStart(today), to: today };
    case 'lastMonth': {
      const first = addMonths(monthStart(today), -1);
      return { from: first, to: addDays(monthStart(today), -1) };
    }
    case 'custom':
      return custom;
  }
}

/** Why a typed custom range cannot be asked for, or null (mirrors the contract's Period rules). */
export function periodProblem(p: Period): 'format' | 'order' | 'tooLong' | null {
  const ok = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
  if (!ok(p.from) || !ok(p.to)) return 'format';
  if (p.from > p.to) return 'order';
  if (daysBetween(p.from, p.to) > 3660) return 'tooLong';
  return null;
}

/** The period of equal length just before `p` (what stats.overview's `previous` covers). */
export function previousPeriod(p: Period): Period {
  const days = daysBetween(p.from, p.to) + 1;
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

export function periodDays(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}

/** The seven days from `day` (the birthdays-this-week list counts from the period's end). */
export function weekFrom(day: string): Period {
  return { from: day, to: addDays(day, 6) };
}

export { addDays };
