import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRfm, SCORED_CTE, rfmWindow } from './rfm.js';
import { rfmReport } from '../../../shared/stats/rfm-segments.js';
import { createSummaries } from './summaries.js';
import { addDays } from '../lib/dates.js';
import { apply, op, shopFiles } from '../../../tests/helpers/stats-history.js';

/**
 * RFM from the snapshot (migration 023, brought forward at each read) equals RFM grouped from
 * member_daily, for any history read at any sequence of days: forward by a day or by more than
 * the window, the same day after more sales, back to an earlier day, after member merges and
 * detached sales (which make it stale) and after a rebuild of the summaries.
 */
const DAY0 = '2026-01-01';
const step = fc.record({
  // Mostly new sales and refunds (which the snapshot takes in), sometimes merges (which make it stale).
  ops: fc.oneof({ weight: 3, arbitrary: fc.array(op.filter((o) => o.kind !== 'move' && o.kind !== 'detach'), { maxLength: 12 }) }, { weight: 1, arbitrary: fc.array(op, { maxLength: 12 }) }),
  // Sales fall on days 0–120 after DAY0: reads from day 330 on see them leave the window day by day.
  advance: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -5, max: 3 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 }) }, { weight: 1, arbitrary: fc.constant(400) }),
  rebuild: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

describe('RFM snapshot', () => {
  const files = shopFiles();
  afterAll(() => files.cleanup());

  it('always equals RFM grouped from the member-days', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 330, max: 480 })), fc.array(step, { minLength: 1, maxLength: 10 }), (start, steps) => {
        const db = files.open();
        try {
          const rfm = createRfm(db);
          const grid = db.prepare<{ from: string; to: string }, { r: number; f: number; members: number; revenue: number }>(
            `${SCORED_CTE} SELECT r, f, count(*) AS members, sum(spend) AS revenue FROM scored GROUP BY r, f`);
          let asOf = addDays(DAY0, start);
          let done = 0;
          for (const s of steps) {
            db.transaction(() => apply(db, s.ops, done))();
            done += s.ops.length;
            if (s.rebuild) createSummaries(db).rebuild();
            asOf = addDays(asOf, s.advance);
            const w = rfmWindow(asOf);
            const want = rfmReport(w, grid.all(w).map((c) => ({ r: c.r, f: c.f, members: c.members, revenueFen: c.revenue })));
            expect(rfm.compute(asOf)).toEqual(want);
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 120 },
    );
  }, 60_000);
});
