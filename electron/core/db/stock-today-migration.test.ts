import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase } from './open.js';
import { migrations } from './migrations/index.js';
import { makeTempDir } from '../../../tests/helpers/temp-dir.js';

const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

/** Migration 022 from a file at version 21 with stock already summarised. */
describe('migration 022: the level row carries its latest day', () => {
  function v21() {
    const t = makeTempDir();
    temps.push(t);
    const file = path.join(t.dir, 'shop.sqlite');
    const old = openDatabase(file, { migrations: migrations.slice(0, 21) });
    const add = old.prepare("INSERT INTO products (id, sku, name, price_fen, updated_at) VALUES (?, ?, ?, 300, '2026-01-01T00:00:00')");
    for (const id of [1, 2, 9, 10, 11, 100, 101]) add.run(id, `P${id}`, `商品${id}`);
    old.exec(`
      INSERT INTO stock_receipts (id, at, supplier, source) VALUES (1, '2026-02-01T09:00:00', '经销商', 'scan');
      INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, unit_cost_fen, receipt_id) VALUES (1, '2026-02-01T09:00:00', 'receive', 24, 4320, 180, 1);
      INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, loss_reason) VALUES (10, '2026-02-02T09:00:00', 'loss', -2, 0, 'damaged');
      INSERT INTO stock_daily (product_id, business_date, qty, revenue_fen, cogs_fen) VALUES (1, '2026-02-01', 3, 900, 540);
    `);
    const before = {
      levels: old.prepare('SELECT * FROM stock_levels ORDER BY product_id').all(),
      daily: old.prepare('SELECT * FROM stock_daily ORDER BY product_id, business_date').all(),
    };
    old.close();
    return { file, before };
  }

  it('keeps the levels and the days; a line adds to the level row, which hands a finished day to stock_days', () => {
    const { file, before } = v21();
    const db = openDatabase(file);
    const levels = () => db.prepare('SELECT product_id, on_hand, value_fen, last_cost_fen, last_cost_at, moves FROM stock_levels ORDER BY product_id').all();
    const daily = () => db.prepare('SELECT * FROM stock_daily ORDER BY product_id, business_date').all();
    expect(levels()).toEqual(before.levels);
    expect(daily()).toEqual(before.daily);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('stock_moves_levels', 'stock_moves_daily', 'stock_daily_date')").all()).toEqual([]);
    const sale = db.prepare(`INSERT INTO sales (id, receipt_no, kind, business_date, sold_at, subtotal_fen, total_fen) VALUES (?, ?, 'sale', ?, ?, ?, ?)`);
    const line = db.prepare(`INSERT INTO sale_lines (id, sale_id, line_no, product_id, name, qty, unit_price_fen, total_fen) VALUES (?, ?, 1, 1, '商品1', ?, 300, ?)`);
    const move = db.prepare(`INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, sale_id, line_id) VALUES (1, ?, 'sale', ?, ?, ?, ?)`);
    const sell = (id: number, day: string, at: string, qty: number) => {
      sale.run(id, `${day.replaceAll('-', '')}-${id}`, day, at, 300 * qty, 300 * qty);
      line.run(id, id, qty, 300 * qty);
      move.run(at, -qty, -180 * qty, id, id);
    };
    // Rung up after midnight: it counts on its business day, in the level row.
    sell(1, '2026-02-02', '2026-02-03T00:30:00', 2);
    expect(db.prepare('SELECT today_date, today_qty, today_revenue_fen, today_cogs_fen FROM stock_levels WHERE product_id = 1').get())
      .toEqual({ today_date: '2026-02-02', today_qty: 2, today_revenue_fen: 600, today_cogs_fen: 360 });
    expect(db.prepare('SELECT count(*) FROM stock_days').pluck().get()).toBe(1);
    sell(2, '2026-02-02', '2026-02-02T20:00:00', 1);
    // Another till's sale of an earlier day goes straight to stock_days; the level's day stays.
    sell(3, '2026-01-31', '2026-01-31T12:00:00', 4);
    // The next day's first sale hands 2026-02-02 over.
    sell(4, '2026-02-03', '2026-02-03T09:00:00', 1);
    // An earlier-dated slip counts in on hand without replacing the latest cost.
    db.exec(`INSERT INTO stock_receipts (id, at, supplier, source) VALUES (2, '2026-01-15T09:00:00', '补录', 'scan');
      INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, unit_cost_fen, receipt_id) VALUES (1, '2026-01-15T09:00:00', 'receive', 6, 1140, 190, 2);`);
    expect(db.prepare('SELECT product_id, on_hand, value_fen, last_cost_fen, last_cost_at, moves FROM stock_levels WHERE product_id = 1').get())
      .toEqual({ product_id: 1, on_hand: 22, value_fen: 4020, last_cost_fen: 180, last_cost_at: '2026-02-01T09:00:00', moves: 6 });
    expect(db.prepare('SELECT business_date, qty, revenue_fen, cogs_fen FROM stock_daily WHERE product_id = 1 ORDER BY business_date').all()).toEqual([
      { business_date: '2026-01-31', qty: 4, revenue_fen: 1200, cogs_fen: 720 },
      { business_date: '2026-02-01', qty: 3, revenue_fen: 900, cogs_fen: 540 },
      { business_date: '2026-02-02', qty: 3, revenue_fen: 900, cogs_fen: 540 },
      { business_date: '2026-02-03', qty: 1, revenue_fen: 300, cogs_fen: 180 },
    ]);
    expect(db.prepare('SELECT business_date FROM stock_days WHERE product_id = 1 ORDER BY business_date').pluck().all()).toEqual(['2026-01-31', '2026-02-01', '2026-02-02']);
    expect(db.prepare('SELECT today_date FROM stock_levels WHERE product_id = 1').pluck().get()).toBe('2026-02-03');
    db.close();
  });
});
