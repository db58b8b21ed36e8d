import { afterAll, afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import { openDatabase } from '../db/open.js';
import { createSummaries } from './summaries.js';
import { makeTempDir } from '../../../tests/helpers/temp-dir.js';
import { apply, op, seedMembers, shopFiles } from '../../../tests/helpers/stats-history.js';

/**
 * The dashboard's summaries are kept by triggers on the raw rows. For any sequence of sales,
 * refunds, member merges (sales moving between members), corrected enrolment dates and points
 * entries, what the triggers kept must equal a recomputation from the raw rows.
 */
const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

describe('stats summaries', () => {
  const files = shopFiles();
  afterAll(() => files.cleanup());

  it('kept by triggers, always equal a recomputation from the raw rows', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const db = files.open();
        try {
          db.transaction(() => apply(db, ops))();
          const summaries = createSummaries(db);
          const kept = summaries.read();
          summaries.rebuild();
          expect(kept).toEqual(summaries.read());
        } finally {
          db.close();
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000); // 150 fresh files (copies of one migrated file)

  it('reports summaries missing after a bulk load that bypassed them, and rebuilds them', () => {
    const tmp = makeTempDir();
    temps.push(tmp);
    const db = openDatabase(path.join(tmp.dir, 'shop.sqlite'));
    seedMembers(db);
    db.prepare(`INSERT INTO sales (receipt_no, kind, business_date, sold_at, member_id, subtotal_fen, total_fen, source)
      VALUES ('X1', 'sale', '2026-02-03', '2026-02-03T10:00:00', 1, 990, 990, 'import')`).run();
    const summaries = createSummaries(db);
    expect(summaries.missing()).toBe(false);
    db.exec('DELETE FROM sales_daily; DELETE FROM member_daily; DELETE FROM cohort_monthly;');
    expect(summaries.missing()).toBe(true);
    summaries.rebuild();
    expect(summaries.missing()).toBe(false);
    expect(summaries.read().sales_daily).toEqual([{ day: '2026-02-03', sales: 1, refunds: 0, revenue_fen: 990, member_sales: 1, member_revenue_fen: 990 }]);
    db.close();
  });
});
