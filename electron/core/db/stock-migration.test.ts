import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase, LATEST_VERSION } from './open.js';
import { migrations } from './migrations/index.js';
import { makeTempDir } from '../../../tests/helpers/temp-dir.js';

const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

/** Migration 017 (stock) from a file at version 14 that already holds products, a count card and a sale. */
describe('migration 017: stock', () => {
  it('keeps the catalogue, marks count-card products not stocked, and makes the stock tables shared', () => {
    const t = makeTempDir();
    temps.push(t);
    const file = path.join(t.dir, 'shop.sqlite');
    const old = openDatabase(file, { migrations: migrations.slice(0, 14) });
    old.exec(`
      INSERT INTO products (id, sku, name, price_fen, updated_at) VALUES (1, 'KL', '可乐', 300, '2026-01-01T00:00:00'), (2, 'PK', '洗车10次卡', 30000, '2026-01-01T00:00:00'), (3, 'XC', '洗车', 3000, '2026-01-01T00:00:00');
      INSERT INTO count_card_types (name, package_product_id, service_product_id, uses, valid_months) VALUES ('洗车卡', 2, 3, 10, 12);
    `);
    old.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT id, stocked, stock_unit, min_qty FROM products ORDER BY id').all()).toEqual([
      { id: 1, stocked: 1, stock_unit: 'piece', min_qty: null }, { id: 2, stocked: 0, stock_unit: 'piece', min_qty: null }, { id: 3, stocked: 0, stock_unit: 'piece', min_qty: null },
    ]);
    // Paired: a receiving's rows get gids and go through the outbox in their own transaction, the new product columns too.
    db.prepare('UPDATE sync_state SET enabled = 1').run();
    db.transaction(() => {
      db.prepare("INSERT INTO stock_receipts (id, at, supplier, source) VALUES (1, '2026-02-01T09:00:00', '经销商', 'scan')").run();
      db.prepare("INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, unit_cost_fen, receipt_id) VALUES (1, '2026-02-01T09:00:00', 'receive', 24, 4320, 180, 1)").run();
      db.prepare('UPDATE products SET min_qty = 6 WHERE id = 1').run();
    })();
    expect(db.prepare('SELECT tbl, op, fields FROM outbox ORDER BY seq').all()).toEqual([
      { tbl: 'stock_receipts', op: 'insert', fields: null }, { tbl: 'stock_moves', op: 'insert', fields: null }, { tbl: 'products', op: 'update', fields: 'min_qty' },
    ]);
    expect(db.prepare("SELECT count(*) AS n FROM sync_rows WHERE tbl IN ('stock_receipts', 'stock_moves')").get()).toEqual({ n: 2 });
    expect(db.prepare('SELECT on_hand, value_fen, last_cost_fen FROM stock_levels WHERE product_id = 1').get()).toEqual({ on_hand: 24, value_fen: 4320, last_cost_fen: 180 });
    expect(() => db.prepare('UPDATE stock_moves SET qty = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO stock_moves (product_id, at, reason, qty, value_fen) VALUES (1, 'x', 'loss', -1, 0)").run()).toThrow(/CHECK/);
    db.close();
  });
});

/** Migration 018 (cheaper stock upkeep) from a file at version 17 with moves already kept. */
describe('migration 018: stock upkeep', () => {
  it('keeps the levels, and the one upsert keeps on hand, value and the latest cost as the two statements did', () => {
    const t = makeTempDir();
    temps.push(t);
    const file = path.join(t.dir, 'shop.sqlite');
    const old = openDatabase(file, { migrations: migrations.slice(0, 17) });
    old.exec(`
      INSERT INTO products (id, sku, name, price_fen, updated_at) VALUES (1, 'KL', '可乐', 300, '2026-01-01T00:00:00'), (2, 'XB', '雪碧', 300, '2026-01-01T00:00:00');
      INSERT INTO stock_receipts (id, at, supplier, source) VALUES (1, '2026-02-01T09:00:00', '经销商', 'scan');
      INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, unit_cost_fen, receipt_id) VALUES (1, '2026-02-01T09:00:00', 'receive', 24, 4320, 180, 1);
    `);
    old.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'stock_moves_sale'").all()).toEqual([]);
    expect(db.prepare('SELECT on_hand, value_fen, last_cost_fen, last_cost_at, moves FROM stock_levels WHERE product_id = 1').get())
      .toEqual({ on_hand: 24, value_fen: 4320, last_cost_fen: 180, last_cost_at: '2026-02-01T09:00:00', moves: 1 });
    db.exec(`
      INSERT INTO stock_receipts (id, at, supplier, source) VALUES (2, '2026-02-03T09:00:00', '经销商', 'scan'), (3, '2026-02-02T09:00:00', '补录', 'scan');
      INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, unit_cost_fen, receipt_id) VALUES (1, '2026-02-03T09:00:00', 'receive', 12, 2400, 200, 2);
      -- entered later but dated earlier (a slip typed in after the fact): on hand counts it, the latest cost stays 200
      INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, unit_cost_fen, receipt_id) VALUES (1, '2026-02-02T09:00:00', 'receive', 6, 1140, 190, 3);
      INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, loss_reason) VALUES (1, '2026-02-04T09:00:00', 'loss', -2, -360, 'damaged');
      -- a first move that is a loss makes the level with no cost; an opening afterwards sets it
      INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, loss_reason) VALUES (2, '2026-02-04T09:00:00', 'loss', -1, 0, 'expired');
      INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, unit_cost_fen) VALUES (2, '2026-02-04T10:00:00', 'opening', 10, 1500, 150);
    `);
    expect(db.prepare('SELECT product_id, on_hand, value_fen, last_cost_fen, last_cost_at, moves FROM stock_levels ORDER BY product_id').all()).toEqual([
      { product_id: 1, on_hand: 40, value_fen: 7500, last_cost_fen: 200, last_cost_at: '2026-02-03T09:00:00', moves: 4 },
      { product_id: 2, on_hand: 9, value_fen: 1500, last_cost_fen: 150, last_cost_at: '2026-02-04T10:00:00', moves: 2 },
    ]);
    db.close();
  });
});
