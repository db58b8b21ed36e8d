import type { Database } from '../db/open.js';
import { addDays } from '../lib/dates.js';
import { rfmWindow } from '../../../shared/stats/rfm-segments.js';

/**
 * RFM's per-member sums over the 365 days ending `as_of` (rfm_window / rfm_members, migration
 * 023), brought forward when asked instead of kept by a trigger, so a sale pays nothing for
 * them. Bringing the window from A to B (B ≥ A), in one transaction:
 * 1. the sales inserted since the watermark whose day lies in A's window are added (the rows
 *    of days inside it are then exactly member_daily's);
 * 2. the member-days leaving the window (A's start up to B's) are taken out;
 * 3. the member-days entering it (after A, up to B) are added.
 * A sale inserted since the watermark but dated after A is in step 3's member-days, not step 1.
 * The snapshot is
 * rebuilt from member_daily when there is none, when a merge marked it stale, or when the
 * window jumped by more than its length.
 */
export function createRfmSnapshot(db: Database) {
  const windowRow = db.prepare<[], { as_of: string; watermark: number; stale: number }>('SELECT as_of, watermark, stale FROM rfm_window');
  const maxSale = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM sales');
  const clear = db.prepare('DELETE FROM rfm_members');
  const build = db.prepare<{ from: string; to: string }>(`INSERT INTO rfm_members (member_id, last_day, freq, spend)
    SELECT member_id, max(CASE WHEN sales > 0 THEN day END), sum(sales), sum(revenue_fen)
    FROM member_daily WHERE day BETWEEN @from AND @to GROUP BY member_id`);
  const setWindow = db.prepare<{ asOf: string; watermark: number }>(`INSERT INTO rfm_window (one, as_of, watermark, stale) VALUES (1, @asOf, @watermark, 0)
    ON CONFLICT(one) DO UPDATE SET as_of = excluded.as_of, watermark = excluded.watermark, stale = 0`);
  const upsert = (rows: string) => db.prepare<{ from: string; to: string; sign: number; watermark?: number }>(`INSERT INTO rfm_members (member_id, last_day, freq, spend)
    SELECT member_id, max(CASE WHEN sales > 0 AND @sign > 0 THEN day END), @sign * sum(sales), @sign * sum(revenue) FROM (${rows}) WHERE true GROUP BY member_id
    ON CONFLICT(member_id) DO UPDATE SET last_day = CASE WHEN excluded.last_day > last_day OR last_day IS NULL THEN excluded.last_day ELSE last_day END,
      freq = freq + excluded.freq, spend = spend + excluded.spend`);
  const addNewSales = upsert(`SELECT member_id, business_date AS day, kind = 'sale' AS sales, total_fen AS revenue FROM sales
    WHERE id > @watermark AND member_id IS NOT NULL AND business_date BETWEEN @from AND @to`);
  const memberDays = upsert('SELECT member_id, day, sales, revenue_fen AS revenue FROM member_daily WHERE day BETWEEN @from AND @to');
  // Step 2 leaves members with nothing in the window: no row. (One whose visits all left keeps
  // a last_day before the window; it is read only while freq > 0, i.e. after a later visit.)
  const drop = db.prepare('DELETE FROM rfm_members WHERE freq = 0 AND spend = 0');

  function rebuild(asOf: string, watermark: number) {
    clear.run();
    build.run(rfmWindow(asOf));
    setWindow.run({ asOf, watermark });
  }

  return {
    /**
     * Brings the snapshot to `asOf`; answers false when it cannot serve that day (a day before
     * the snapshot's: the caller asks member_daily instead).
     */
    bringTo: db.transaction((asOf: string): boolean => {
      const w = windowRow.get();
      const watermark = maxSale.get()?.id ?? 0;
      if (!w || w.stale === 1 || rfmWindow(asOf).from > w.as_of) { rebuild(asOf, watermark); return true; }
      if (asOf < w.as_of) return false;
      if (asOf === w.as_of && watermark === w.watermark) return true;
      const old = rfmWindow(w.as_of);
      const next = rfmWindow(asOf);
      if (watermark > w.watermark) addNewSales.run({ ...old, watermark: w.watermark, sign: 1 });
      if (next.from > old.from) {
        memberDays.run({ from: old.from, to: addDays(next.from, -1), sign: -1 });
        drop.run();
      }
      if (asOf > w.as_of) memberDays.run({ from: addDays(w.as_of, 1), to: asOf, sign: 1 });
      setWindow.run({ asOf, watermark });
      return true;
    }),
  };
}

export type RfmSnapshot = ReturnType<typeof createRfmSnapshot>;
