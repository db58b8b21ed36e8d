import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SeriesPoint } from '../../../../shared/contract/stats.js';
import { CARDS, capSeries, changeOf, heatAlpha, heatTextLight, npsOf, ratesOverTime } from './figures.js';

const point = (i: number, over: Partial<SeriesPoint> = {}): SeriesPoint => ({
  start: `2026-01-${String(i + 1).padStart(2, '0')}`, end: `2026-01-${String(i + 1).padStart(2, '0')}`,
  revenueFen: 1000, sales: 10, newCustomers: 1, returningCustomers: 2, activeMembers: 3, repeatMembers: 1, complaints: 1,
  npsResponses: 4, npsPromoters: 2, npsDetractors: 1, pointsEarned: 10, pointsRedeemed: 5, pointsExpired: 0, ...over,
});

describe('dashboard figures', () => {
  it('has a card for every headline figure the issue names, each opening something', () => {
    expect(CARDS.map((c) => c.key)).toEqual(expect.arrayContaining([
      'revenueFen', 'sales', 'averageTicketFen', 'memberShare', 'activeMembers', 'newMembers', 'repeatRate', 'retentionRate',
      'complaintRate', 'nps', 'pointsEarned', 'pointsRedeemed', 'pointsExpired', 'pointsLiabilityFen',
    ]));
    const p = { from: '2026-01-01', to: '2026-01-07' };
    expect(CARDS.find((c) => c.key === 'activeMembers')!.drill(p)).toMatchObject({ kind: 'members', figure: 'active', period: p });
    expect(CARDS.find((c) => c.key === 'sales')!.drill(p)).toMatchObject({ kind: 'sales', only: 'sale', period: p });
    expect(CARDS.find((c) => c.key === 'complaintRate')!.drill(p)).toMatchObject({ kind: 'complaints', period: p });
  });

  it('gives money and counts a relative change, ratios and NPS a change in points, with the right tone', () => {
    const money = { format: 'money', upIsGood: true } as const;
    expect(changeOf(money, 1500, 1000)).toEqual({ value: 0.5, unit: 'relative', direction: 'up', tone: 'good' });
    expect(changeOf(money, 1000, 0)).toBeNull();
    expect(changeOf(money, null, 10)).toBeNull();
    const complaints = { format: 'ratio', upIsGood: false } as const;
    const c = changeOf(complaints, 0.03, 0.01)!;
    expect(c.unit).toBe('points');
    expect(c.value).toBeCloseTo(2);
    expect(c.tone).toBe('bad');
    expect(changeOf({ format: 'score', upIsGood: true }, 20, 20)).toMatchObject({ value: 0, direction: 'flat', tone: 'neutral' });
  });

  it('computes NPS like the core: halves away from zero, null without answers', () => {
    expect(npsOf(1, 0, 8)).toBe(13); // 12.5 → 13
    expect(npsOf(0, 1, 8)).toBe(-13);
    expect(npsOf(2, 2, 10)).toBe(0);
    expect(npsOf(0, 0, 0)).toBeNull();
  });

  it('computes rates over time from the counts, leaving gaps where undefined', () => {
    const r = ratesOverTime([point(0), point(1, { activeMembers: 0, repeatMembers: 0, sales: 0, complaints: 0, npsResponses: 0, npsPromoters: 0, npsDetractors: 0 })], (p) => p.start);
    expect(r[0]).toEqual({ label: '2026-01-01', repeatRate: 33.3, complaintRate: 10, nps: 25 });
    expect(r[1]).toEqual({ label: '2026-01-02', repeatRate: null, complaintRate: null, nps: null });
  });

  it('caps a series at the chart limit without changing any total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1200 }), fc.integer({ min: 1, max: 500 }), (n, max) => {
        const points = Array.from({ length: n }, (_, i) => point(i % 28, { revenueFen: i * 7, sales: i % 5 }));
        const capped = capSeries(points, max);
        expect(capped.length).toBeLessThanOrEqual(max);
        expect(capped.reduce((s, p) => s + p.revenueFen, 0)).toBe(points.reduce((s, p) => s + p.revenueFen, 0));
        expect(capped.reduce((s, p) => s + p.sales, 0)).toBe(points.reduce((s, p) => s + p.sales, 0));
        expect(capped[0]!.start).toBe(points[0]!.start);
        expect(capped[capped.length - 1]!.end).toBe(points[points.length - 1]!.end);
      }),
    );
  });

  it('shades cohort cells monotonically from none to full', () => {
    expect(heatAlpha(null)).toBe(0);
    expect(heatAlpha(0)).toBe(0);
    expect(heatAlpha(1)).toBe(1);
    expect(heatAlpha(0.5)).toBeGreaterThan(heatAlpha(0.2));
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, y) => {
      if (x <= y) expect(heatAlpha(x)).toBeLessThanOrEqual(heatAlpha(y));
      // Never a shade where neither dark nor white text reaches 4.5:1 on the primary colour.
      const a = heatAlpha(x);
      expect(a <= 0.7 || heatTextLight(a)).toBe(true);
    }));
  });
});
