import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase, LATEST_VERSION } from './open.js';
import { migrations } from './migrations/index.js';
import { createSummaries } from '../stats/summaries.js';
import { createRfm, SCORED_CTE, rfmWindow } from '../stats/rfm.js';
import { makeTempDir } from '../../../tests/helpers/temp-dir.js';

const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

const sale = (no: string, day: string, member: number | null, fen: number, refundOf: string | null = null) =>
  `INSERT INTO sales (receipt_no, kind, refund_of, business_date, sold_at, member_id, subtotal_fen, total_fen, source) VALUES ('${no}', '${refundOf ? 'refund' : 'sale'}',
    ${refundOf ? `(SELECT id FROM sales WHERE receipt_no = '${refundOf}')` : 'NULL'}, '${day}', '${day}T12:00:00', ${member ?? 'NULL'}, ${fen}, ${fen}, 'import');`;

/** Migration 023 (cheaper summary triggers, RFM snapshot) from a file at version 21 with sales already summarised. */
describe('migration 023: cheaper summaries', () => {
  it('keeps the summaries, and the new triggers keep them equal to a recomputation', () => {
    const t = makeTempDir();
    temps.push(t);
    const file = path.join(t.dir, 'shop.sqlite');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 21) });
    const tier = (old.prepare('SELECT id FROM tiers ORDER BY rank LIMIT 1').get() as { id: number }).id;
    old.exec(`
      INSERT INTO members (id, card_no, phone, name, tier_id, enrolled_at, updated_at) VALUES
        (1, 'C1', '13800000001', '', ${tier}, '2026-01-05T10:00:00', '2026-01-05T10:00:00'),
        (2, 'C2', '13800000002', '', ${tier}, '2026-02-05T10:00:00', '2026-02-05T10:00:00');
      ${sale('A1', '2026-03-01', 1, 1000)} ${sale('A2', '2026-03-09', 1, 500)} ${sale('A3', '2026-03-09', 2, 700)} ${sale('A4', '2026-03-10', 2, -200, 'A3')}
    `);
    const before = old.prepare('SELECT * FROM member_stats ORDER BY member_id').all();
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT * FROM member_stats ORDER BY member_id').all()).toEqual(before);
    // A sale between two visits, an earlier one, a later one, a first sale: every link and total as a rebuild has them.
    db.exec(`${sale('B1', '2026-03-05', 1, 300)} ${sale('B2', '2026-02-20', 1, 100)} ${sale('B3', '2026-04-01', 2, 900)} ${sale('B4', '2026-03-09', 1, 50)}`);
    expect(db.prepare("SELECT day, prev_day, next_day FROM member_daily WHERE member_id = 1 ORDER BY day").all()).toEqual([
      { day: '2026-02-20', prev_day: null, next_day: '2026-03-01' }, { day: '2026-03-01', prev_day: '2026-02-20', next_day: '2026-03-05' },
      { day: '2026-03-05', prev_day: '2026-03-01', next_day: '2026-03-09' }, { day: '2026-03-09', prev_day: '2026-03-05', next_day: null },
    ]);
    expect(db.prepare('SELECT * FROM member_stats ORDER BY member_id').all()).toEqual([
      { member_id: 1, sales_count: 5, spend_fen: 1950, first_sale_on: '2026-02-20', last_sale_on: '2026-03-09' },
      { member_id: 2, sales_count: 2, spend_fen: 1400, first_sale_on: '2026-03-09', last_sale_on: '2026-04-01' },
    ]);
    const summaries = createSummaries(db);
    const kept = summaries.read();
    summaries.rebuild();
    expect(summaries.read()).toEqual(kept);
    // The RFM snapshot starts empty and serves the same grid as grouping the member-days.
    expect(db.prepare('SELECT count(*) AS n FROM rfm_members').get()).toEqual({ n: 0 });
    const grid = db.prepare(`${SCORED_CTE} SELECT r, f, count(*) AS members, sum(spend) AS revenue FROM scored GROUP BY r, f ORDER BY r, f`);
    const fromSnapshot = createRfm(db).compute('2026-04-01');
    expect(db.prepare('SELECT as_of FROM rfm_window').get()).toEqual({ as_of: '2026-04-01' });
    const cells = grid.all(rfmWindow('2026-04-01')) as Array<{ members: number }>;
    expect(fromSnapshot.members).toBe(cells.reduce((n, c) => n + c.members, 0));
    db.close();
  });
});
