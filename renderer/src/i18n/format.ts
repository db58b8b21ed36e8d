import type { Fen } from '../../../shared/money.js';

/**
 * Locale-aware formatting. Money is integer fen; it is divided by 100 only here, for
 * display, and always shown with the yuan sign ¥ (narrowSymbol, so English shows ¥ too).
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatMoney(fen: Fen, locale: string): string {
  let f = moneyFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'CNY',
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    moneyFormats.set(locale, f);
  }
  // Integer fen to yuan: exact for every safe integer count of fen below 2^53 / 100.
  return f.format(fen / 100);
}

/** Parses the shop-local `YYYY-MM-DDTHH:mm:ss` (or `YYYY-MM-DD`) the core sends, as local time. */
export function parseLocalDateTime(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDateTime(value: Date | string, locale: string, withSeconds = false): string {
  const d = typeof value === 'string' ? parseLocalDateTime(value) : value;
  if (!d) return String(value);
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(d);
}

export function formatTime(value: Date | string, locale: string): string {
  const d = typeof value === 'string' ? parseLocalDateTime(value) : value;
  if (!d) return String(value);
  // One formatter per locale: making one costs more than formatting (the till's header shows a time on every render).
  let f = timeFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(locale, f);
  }
  return f.format(d);
}

/** The status-bar clock: weekday, date and time, e.g. 2025年3月7日星期五 14:05. */
export function formatClock(d: Date, locale: string): { date: string; time: string } {
  return {
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'full' }).format(d),
    time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d),
  };
}

/** An account_locked `until` as the person at the till needs it: the time, plus the date if not today. */
export function formatUntil(until: string, locale: string, now = new Date()): string {
  const d = parseLocalDateTime(until);
  if (!d) return until;
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? formatTime(d, locale) : formatDateTime(d, locale);
}
