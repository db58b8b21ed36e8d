import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import { openDatabase, type Database } from '../db/open.js';
import { createSummaries } from './summaries.js';
import { makeTempDir } from '../../../tests/helpers/temp-dir.js';

/**
 * The dashboard's summaries are kept by triggers on the raw rows. For any sequence of sales,
 * refunds, member merges (sales moving between members), corrected enrolment dates and points
 * entries, what the triggers kept must equal a recomputation from the raw rows.
 */
const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

const day = fc.integer({ min: 0, max: 120 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
const op = fc.oneof(
  fc.record({ kind: fc.constant('sale' as const), member: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }), day, total: fc.integer({ min: 0, max: 50_000 }) }),
  fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(), later: fc.integer({ min: 0, max: 40 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('move' as const), from: fc.integer({ min: 1, max: 6 }), to: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('detach' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('reenrol' as const), member: fc.integer({ min: 1, max: 6 }), day }),
  fc.record({ kind: fc.constant('points' as const), member: fc.integer({ min: 1, max: 6 }), day, delta: fc.integer({ min: -500, max: 500 }).filter((n) => n !== 0),
    reason: fc.constantFrom('earn', 'redeem', 'expire', 'adjust', 'refund_reverse') }),
);

function seedMembers(db: Database) {
  const tier = (db.prepare('SELECT id FROM tiers ORDER BY rank LIMIT 1').get() as { id: number }).id;
  const insert = db.prepare(`INSERT INTO members (card_no, phone, name, tier_id, enrolled_at, updated_at) VALUES (?, ?, '', ?, ?, ?)`);
  for (let i = 1; i <= 6; i++) insert.run(`C${i}`, `1380000000${i}`, tier, `2026-0${1 + (i % 3)}-0${i}T10:00:00`, '2026-01-01T00:00:00');
}

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function apply(db: Database, ops: Op[]) {
  let n = 0;
  const insertSale = db.prepare(`INSERT INTO sales (receipt_no, kind, refund_of, business_date, sold_at, member_id, subtotal_fen, total_fen, source)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'import')`);
  const sales = () => db.prepare("SELECT id, member_id, business_date, total_fen FROM sales WHERE kind = 'sale' ORDER BY id").all() as Array<{ id: number; member_id: number | null; business_date: string; total_fen: number }>;
  for (const o of ops) {
    switch (o.kind) {
      case 'sale':
        insertSale.run(`R${++n}`, 'sale', null, o.day, `${o.day}T12:00:00`, o.member, o.total, o.total);
        break;
      case 'refund': {
        const all = sales();
        if (!all.length) break;
        const s = all[o.pick % all.length]!;
        const d = new Date(`${s.business_date}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + o.later);
        const on = d.toISOString().slice(0, 10);
        const amount = -Math.floor(s.total_fen * o.share);
        insertSale.run(`R${++n}`, 'refund', s.id, on, `${on}T13:00:00`, s.member_id, amount, amount);
        break;
      }
      case 'move':
        db.prepare('UPDATE sales SET member_id = ? WHERE member_id = ?').run(o.to, o.from);
        break;
      case 'detach': {
        const all = sales();
        if (all.length) db.prepare('UPDATE sales SET member_id = NULL WHERE id = ?').run(all[o.pick % all.length]!.id);
        break;
      }
      case 'reenrol':
        db.prepare('UPDATE members SET enrolled_at = ? WHERE id = ?').run(`${o.day}T09:00:00`, o.member);
        break;
      case 'points':
        db.prepare('INSERT INTO points_ledger (member_id, at, delta, reason) VALUES (?, ?, ?, ?)').run(o.member, `${o.day}T12:00:00`, o.delta, o.reason);
        break;
    }
  }
}

describe('stats summaries', () => {
  it('kept by triggers, always equal a recomputation from the raw rows', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const tmp = makeTempDir();
        temps.push(tmp);
        const db = openDatabase(path.join(tmp.dir, 'shop.sqlite'), { synchronous: 'NORMAL' });
        try {
          seedMembers(db);
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
  }, 60_000); // 150 fresh files, each migrated from empty: ~20 s alone, more on a loaded machine

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
