import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Database } from 'better-sqlite3';
import { openDatabase } from './open.js';
import { migrations } from './migrations/index.js';
import { tempShopFiles } from '../../../tests/helpers/temp-dir.js';

const tempFile = tempShopFiles();

const DAYS = ['2026-02-01', '2026-02-02', '2026-02-03', '2026-02-04'];
type Move =
  | { k: 'opening' | 'receive'; p: number; qty: number; cost: number | null; day: number; hour: number }
  | { k: 'loss' | 'count'; p: number; qty: number; day: number }
  | { k: 'sale' | 'refund'; p: number; qty: number; day: number; atNextDay: boolean; withSale: boolean };
const move: fc.Arbitrary<Move> = fc.oneof(
  fc.record({ k: fc.constantFrom('opening' as const, 'receive' as const), p: fc.nat(2), qty: fc.integer({ min: 1, max: 40 }), cost: fc.option(fc.nat(500)), day: fc.nat(3), hour: fc.integer({ min: 8, max: 20 }) }),
  fc.record({ k: fc.constantFrom('loss' as const, 'count' as const), p: fc.nat(2), qty: fc.integer({ min: -5, max: 5 }), day: fc.nat(3) }),
  // A sale rung up after midnight still counts on its sale's business day; a move without a sale on the day of its time.
  fc.record({ k: fc.constantFrom('sale' as const, 'refund' as const), p: fc.nat(2), qty: fc.integer({ min: 1, max: 6 }), day: fc.nat(3), atNextDay: fc.boolean(), withSale: fc.boolean() }),
);

let no = 0;
/** Writes the moves straight into stock_moves (as the feed or the sqlite3 shell could), with the sales and lines they name. */
function write(db: Database, moves: Move[]) {
  db.transaction(() => {
    for (const m of moves) {
      const id = ++no;
      const day = DAYS[m.day]!;
      if (m.k === 'sale' || m.k === 'refund') {
        const qty = m.k === 'sale' ? -m.qty : m.qty;
        const total = -qty * 300;
        if (m.withSale) {
          db.prepare(`INSERT INTO sales (id, receipt_no, kind, refund_of, business_date, sold_at, subtotal_fen, total_fen) VALUES (?, ?, 'sale', NULL, ?, ?, ?, ?)`)
            .run(id, `R${id}`, day, `${day}T23:30:00`, Math.abs(total), Math.abs(total));
        }
        db.prepare(`INSERT INTO sales (id, receipt_no, kind, refund_of, business_date, sold_at, subtotal_fen, total_fen) VALUES (?, ?, 'sale', NULL, '2026-01-01', '2026-01-01T09:00:00', 0, 0)`)
          .run(id + 100_000, `L${id}`);
        db.prepare(`INSERT INTO sale_lines (id, sale_id, line_no, product_id, name, qty, unit_price_fen, total_fen) VALUES (?, ?, 1, ?, 'x', ?, 300, ?)`).run(id, id + 100_000, m.p + 1, -qty, total);
        const at = m.atNextDay ? `${DAYS[m.day + 1] ?? '2026-02-05'}T00:30:00` : `${day}T12:00:00`;
        db.prepare(`INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, sale_id, line_id) VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(m.p + 1, at, m.k, qty, qty * 170, m.withSale ? id : null, id);
      } else if (m.k === 'opening' || m.k === 'receive') {
        const receipt = m.k === 'receive' ? id : null;
        if (receipt) db.prepare(`INSERT INTO stock_receipts (id, at, supplier, source) VALUES (?, ?, 's', 'scan')`).run(id, `${day}T08:00:00`);
        db.prepare(`INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, unit_cost_fen, receipt_id) VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(m.p + 1, `${day}T${String(m.hour).padStart(2, '0')}:00:00`, m.k, m.qty, m.qty * (m.cost ?? 100), m.cost, receipt);
      } else if (m.k === 'loss') {
        db.prepare(`INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, loss_reason) VALUES (?, ?, 'loss', ?, ?, 'damaged')`).run(m.p + 1, `${day}T10:00:00`, -Math.max(1, Math.abs(m.qty)), -Math.max(1, Math.abs(m.qty)) * 150);
      } else {
        db.prepare(`INSERT INTO stock_counts (id, started_at, staff_id) VALUES (?, ?, NULL)`).run(id, `${day}T18:00:00`);
        db.prepare(`INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, count_id) VALUES (?, ?, 'count', ?, ?, ?)`).run(m.p + 1, `${day}T18:00:00`, m.qty, m.qty * 150, id);
      }
    }
  })();
}

const summaries = (db: Database) => ({
  levels: db.prepare('SELECT * FROM stock_levels ORDER BY product_id').all(),
  days: db.prepare('SELECT * FROM stock_days ORDER BY product_id, business_date').all(),
  daily: db.prepare('SELECT * FROM stock_daily ORDER BY product_id, business_date').all(),
});

/** Migration 024: the summary trigger split by reason, one day handover — the same rows as migration 022's trigger. */
describe('migration 024: cheaper stock line', () => {
  function shop(upTo: number) {
    const file = tempFile();
    const db = openDatabase(file, { migrations: migrations.slice(0, upTo) });
    const add = db.prepare("INSERT INTO products (id, sku, name, price_fen, updated_at, stocked) VALUES (?, ?, ?, 300, '2026-01-01T00:00:00', 1)");
    for (const id of [1, 2, 3]) add.run(id, `P${id}`, `商品${id}`);
    return { db, file };
  }

  it('keeps the summaries of a file at version 23 and replaces the one trigger by two', () => {
    const { db, file } = shop(23);
    write(db, [
      { k: 'receive', p: 0, qty: 24, cost: 180, day: 0, hour: 9 },
      { k: 'sale', p: 0, qty: 2, day: 1, atNextDay: true, withSale: true },
      { k: 'sale', p: 0, qty: 1, day: 2, atNextDay: false, withSale: true },
    ]);
    const before = summaries(db);
    db.close();
    const after = openDatabase(file, { migrations: migrations.slice(0, 24) });
    expect(after.pragma('user_version', { simple: true })).toBe(24);
    expect(summaries(after)).toEqual(before);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN ('stock_moves_summary', 'stock_moves_sold') ORDER BY name").pluck().all())
      .toEqual(['stock_moves_sold', 'stock_moves_summary']);
    after.close();
  });

  it('writes the same levels and days as the trigger of version 23, whatever the moves and their order', () => {
    const v23 = shop(23).db;
    const v24 = shop(24).db;
    expect(v24.pragma('user_version', { simple: true })).toBe(24);
    let runs = 0;
    fc.assert(fc.property(fc.array(move, { minLength: 1, maxLength: 25 }), (moves) => {
      const start = no;
      write(v23, moves);
      no = start;
      write(v24, moves);
      expect(summaries(v24)).toEqual(summaries(v23));
      runs++;
    }), { numRuns: 60 });
    // The files kept growing across runs: later runs met levels with days already handed over.
    expect(runs).toBe(60);
    expect((v24.prepare('SELECT count(*) FROM stock_days').pluck().get() as number)).toBeGreaterThan(0);
    v23.close();
    v24.close();
  });
});
