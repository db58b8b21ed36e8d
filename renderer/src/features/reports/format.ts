import { formatMoney } from '../../i18n/format.js';
import type { Change, FigureFormat } from './figures.js';

/** Display of dashboard figures: money through the shared formatter, ratios as percentages with one decimal. */

export function formatPercent(ratio: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ratio);
}

export function formatCount(n: number, locale: string): string {
  return n.toLocaleString(locale);
}

/** A figure, or an em dash when it is undefined (no sales, no answers, …). */
export function formatFigure(value: number | null, format: FigureFormat, locale: string): string {
  if (value === null) return '—';
  switch (format) {
    case 'money':
      return formatMoney(value, locale);
    case 'ratio':
      return formatPercent(value, locale);
    case 'score':
    case 'count':
      return formatCount(value, locale);
  }
}

/** A change as the card shows it: +12.5% (relative) or +3.2 pts (percentage points / NPS points). */
export function formatChange(c: Change, locale: string, pointsUnit: string): string {
  const sign = c.value > 0 ? '+' : c.value < 0 ? '−' : '±';
  const abs = Math.abs(c.value);
  if (c.unit === 'relative') return `${sign}${formatPercent(abs, locale)}`;
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(abs);
  return `${sign}${n} ${pointsUnit}`;
}

/** A period for headings: 2026-11-01 – 2026-11-07, or one day alone. */
export function formatPeriod(p: { from: string; to: string }): string {
  return p.from === p.to ? p.from : `${p.from} – ${p.to}`;
}

/** A series bucket as an axis label: the day (MM-DD) or the bucket's first day; months as YYYY-MM. */
export function bucketLabel(start: string, bucket: 'day' | 'week' | 'month'): string {
  if (bucket === 'month') return start.slice(0, 7);
  return start.slice(5);
}
