// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { formatClock, formatDateTime, formatMoney, formatUntil, parseLocalDateTime } from './format.js';

describe('money', () => {
  it('formats integer fen as yuan with the ¥ sign in both languages', () => {
    expect(formatMoney(1234, 'zh-CN')).toBe('¥12.34');
    expect(formatMoney(1234, 'en')).toBe('¥12.34');
    expect(formatMoney(5, 'zh-CN')).toBe('¥0.05');
    expect(formatMoney(100_000_00, 'zh-CN')).toBe('¥100,000.00');
    expect(formatMoney(-250, 'en')).toMatch(/^-¥2\.50$/);
    expect(formatMoney(0, 'zh-CN')).toBe('¥0.00');
  });
});

describe('dates', () => {
  it('parses the shop-local date-times of the core as local time', () => {
    const d = parseLocalDateTime('2025-03-07T14:05:09')!;
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()]).toEqual([2025, 2, 7, 14, 5, 9]);
    expect(parseLocalDateTime('2025-03-07')!.getHours()).toBe(0);
    expect(parseLocalDateTime('yesterday')).toBeNull();
  });

  it('formats date-times per locale, 24-hour', () => {
    expect(formatDateTime('2025-03-07T14:05:09', 'zh-CN')).toBe('2025/03/07 14:05');
    expect(formatDateTime('2025-03-07T14:05:09', 'zh-CN', true)).toBe('2025/03/07 14:05:09');
    expect(formatDateTime('2025-03-07T14:05:09', 'en')).toBe('03/07/2025, 14:05');
    expect(formatDateTime('garbage', 'en')).toBe('garbage');
  });

  it('shows a lockout end as a time today, or with its date otherwise', () => {
    const now = new Date(2025, 2, 7, 14, 0, 0);
    expect(formatUntil('2025-03-07T14:05:00', 'zh-CN', now)).toBe('14:05');
    expect(formatUntil('2025-03-08T00:03:00', 'zh-CN', now)).toBe('2025/03/08 00:03');
  });

  it('gives the status-bar clock a long date and a short time', () => {
    const c = formatClock(new Date(2025, 2, 7, 9, 3), 'zh-CN');
    expect(c.date).toBe('2025年3月7日星期五');
    expect(c.time).toBe('09:03');
    expect(formatClock(new Date(2025, 2, 7, 9, 3), 'en').date).toBe('Friday, March 7, 2025');
  });
});
