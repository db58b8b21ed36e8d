import { describe, expect, it } from 'vitest';
import { openDatabase, LATEST_VERSION } from './open.js';
import { migrations } from './migrations/index.js';
import { tempShopFiles } from '../../../tests/helpers/temp-dir.js';
import { seedMembers } from '../../../tests/helpers/stats-history.js';

const tempFile = tempShopFiles();

const weeks = (db: ReturnType<typeof openDatabase>) => db.prepare('SELECT * FROM visits_weekly WHERE active <> 0 ORDER BY week').all();
const months = (db: ReturnType<typeof openDatabase>) => db.prepare('SELECT * FROM visits_monthly WHERE active <> 0 ORDER BY month').all();

/** Migration 025 (visits per week and month) from a file at version 24 (the one before it) that already holds member sales. */
describe('migration 025: visits_weekly / visits_monthly', () => {
  it('summarises the sales already there, then keeps up with new ones', () => {
    const file = tempFile();
    const old = openDatabase(file, { migrations: migrations.slice(0, 24) });
    seedMembers(old);
    const sale = (db: typeof old, no: string, day: string, member: number) => db.prepare(
      `INSERT INTO sales (receipt_no, kind, business_date, sold_at, member_id, subtotal_fen, total_fen, source) VALUES (?, 'sale', ?, ?, ?, 500, 500, 'import')`)
      .run(no, day, `${day}T12:00:00`, member);
    // Member 1 twice in the week of Monday 5 January; member 2 that week and the next.
    sale(old, 'R1', '2026-01-05', 1); sale(old, 'R2', '2026-01-07', 1); sale(old, 'R3', '2026-01-07', 2); sale(old, 'R4', '2026-01-12', 2);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(weeks(db)).toEqual([{ week: '2026-01-05', active: 2, repeaters: 1 }, { week: '2026-01-12', active: 1, repeaters: 0 }]);
    expect(months(db)).toEqual([{ month: '2026-01-01', active: 2, repeaters: 2 }]);

    // A sale after the migration: member 2 again on Sunday 18 January (same week as the 12th), member 1 in February.
    sale(db, 'R5', '2026-01-18', 2); sale(db, 'R6', '2026-02-02', 1);
    expect(weeks(db)).toEqual([{ week: '2026-01-05', active: 2, repeaters: 1 }, { week: '2026-01-12', active: 1, repeaters: 1 }, { week: '2026-02-02', active: 1, repeaters: 0 }]);
    expect(months(db)).toEqual([{ month: '2026-01-01', active: 2, repeaters: 2 }, { month: '2026-02-01', active: 1, repeaters: 0 }]);
    db.close();
  });
});
