import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import BetterSqlite3 from 'better-sqlite3';
import { createRfm, rfmGrid, SCORED_CTE, rfmWindow } from './rfm.js';
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

  it('scores members into quintiles exactly as SQLite\'s ntile(5) does, ties and all', () => {
    const db = new BetterSqlite3(':memory:');
    const member = fc.record({ last: fc.integer({ min: 0, max: 40 }).map((n) => addDays(DAY0, n)), freq: fc.integer({ min: 1, max: 6 }), spend: fc.integer({ min: -500, max: 5000 }) });
    fc.assert(fc.property(fc.array(member, { maxLength: 300 }), (ms) => {
      const rows = ms.map((m, i) => ({ member_id: i + 1, ...m }));
      const want = db.prepare(`WITH base AS (SELECT value ->> 'member_id' AS member_id, value ->> 'last' AS last, value ->> 'freq' AS freq, value ->> 'spend' AS spend FROM json_each(?)),
        scored AS (SELECT spend, ntile(5) OVER (ORDER BY last, member_id) AS r, ntile(5) OVER (ORDER BY freq, member_id) AS f FROM base)
        SELECT r, f, count(*) AS members, sum(spend) AS revenueFen FROM scored GROUP BY r, f ORDER BY r, f`).all(JSON.stringify(rows));
      expect(rfmGrid(rows)).toEqual(want);
      expect(rfmGrid([...rows].reverse())).toEqual(want); // ties still break by member id, whatever order the rows come in
    }), { numRuns: 200 });
    db.close();
  });
});
