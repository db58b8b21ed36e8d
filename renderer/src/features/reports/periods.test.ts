import { describe, expect, it } from 'vitest';
import { periodDays, periodProblem, presetPeriod, previousPeriod } from './periods.js';

const none = { from: '', to: '' };

describe('dashboard periods', () => {
  it('turns presets into inclusive shop-local ranges', () => {
    const today = '2026-03-15';
    expect(presetPeriod('today', today, none)).toEqual({ from: today, to: today });
    expect(presetPeriod('yesterday', today, none)).toEqual({ from: '2026-03-14', to: '2026-03-14' });
    expect(presetPeriod('last7', today, none)).toEqual({ from: '2026-03-09', to: today });
    expect(presetPeriod('last30', today, none)).toEqual({ from: '2026-02-14', to: today });
    expect(presetPeriod('thisMonth', today, none)).toEqual({ from: '2026-03-01', to: today });
    expect(presetPeriod('lastMonth', today, none)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('custom', today, { from: '2025-01-01', to: '2025-01-31' })).toEqual({ from: '2025-01-01', to: '2025-01-31' });
  });

  it('crosses year and leap-year boundaries', () => {
    expect(presetPeriod('lastMonth', '2026-01-10', none)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('lastMonth', '2024-03-31', none)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetPeriod('yesterday', '2026-01-01', none)).toEqual({ from: '2025-12-31', to: '2025-12-31' });
  });

  it('compares with the period of equal length just before (as stats.overview does)', () => {
    expect(previousPeriod({ from: '2026-03-09', to: '2026-03-15' })).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-01-29', to: '2026-02-28' });
    expect(periodDays({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
  });

  it('refuses a custom range the contract would refuse', () => {
    expect(periodProblem({ from: '2026-03-01', to: '2026-03-31' })).toBeNull();
    expect(periodProblem({ from: '', to: '2026-03-31' })).toBe('format');
    expect(periodProblem({ from: '2026-04-01', to: '2026-03-31' })).toBe('order');
    expect(periodProblem({ from: '2010-01-01', to: '2026-03-31' })).toBe('tooLong');
  });
});
