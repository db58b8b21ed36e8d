import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase, LATEST_VERSION } from './open.js';
import { migrations } from './migrations/index.js';
import { makeTempDir } from '../../../tests/helpers/temp-dir.js';

const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

/** Migration 022 from a file at version 21 holding shared rows (rowid and keyed) and stock already summarised. */
describe('migration 022: integer rids in sync_rows, one stock summary', () => {
  function v21() {
    const t = makeTempDir();
    temps.push(t);
    const file = path.join(t.dir, 'shop.sqlite');
    const old = openDatabase(file, { migrations: migrations.slice(0, 21) });
    // Enough products that rids of one, two and three digits sort differently as text and as numbers.
    const add = old.prepare("INSERT INTO products (id, sku, name, price_fen, updated_at) VALUES (?, ?, ?, 300, '2026-01-01T00:00:00')");
    for (const id of [1, 2, 9, 10, 11, 100, 101]) add.run(id, `P${id}`, `商品${id}`);
    old.exec(`
      INSERT INTO product_barcodes (barcode, product_id) VALUES ('6901234567892', 1);
      INSERT INTO settings (key, value) VALUES ('shop', '{"name":"小店"}'), ('probe', '1');
      INSERT INTO stock_receipts (id, at, supplier, source) VALUES (1, '2026-02-01T09:00:00', '经销商', 'scan');
      INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, unit_cost_fen, receipt_id) VALUES (1, '2026-02-01T09:00:00', 'receive', 24, 4320, 180, 1);
      INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, loss_reason) VALUES (10, '2026-02-02T09:00:00', 'loss', -2, 0, 'damaged');
      INSERT INTO stock_daily (product_id, business_date, qty, revenue_fen, cogs_fen) VALUES (1, '2026-02-01', 3, 900, 540);
    `);
    const before = {
      rows: old.prepare('SELECT tbl, rid, gid, origin FROM sync_rows ORDER BY gid').all() as Array<{ tbl: string; rid: string; gid: string; origin: string | null }>,
      levels: old.prepare('SELECT * FROM stock_levels ORDER BY product_id').all(),
      daily: old.prepare('SELECT * FROM stock_daily ORDER BY product_id, business_date').all(),
    };
    old.close();
    return { file, before };
  }

  it('keeps every gid on its row, names rowids by integer and keys by JSON, and text lookups still find them', () => {
    const { file, before } = v21();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const after = db.prepare('SELECT tbl, rid, typeof(rid) AS type, gid, origin FROM sync_rows ORDER BY gid').all() as Array<{ tbl: string; rid: number | string; type: string; gid: string; origin: string | null }>;
    expect(after.map((r) => ({ tbl: r.tbl, rid: String(r.rid), gid: r.gid, origin: r.origin }))).toEqual(before.rows);
    for (const r of after) expect(r.type).toBe(r.tbl === 'product_barcodes' || r.tbl === 'settings' || r.tbl === 'member_tags' ? 'text' : 'integer');
    // Numeric order within a table: 1, 2, 9, 10, 11, 100, 101 (as text it was 1, 10, 100, 101, 11, 2, 9).
    expect(db.prepare("SELECT rid FROM sync_rows WHERE tbl = 'products'").pluck().all()).toEqual([1, 2, 9, 10, 11, 100, 101]);
    const gid10 = before.rows.find((r) => r.tbl === 'products' && r.rid === '10')!.gid;
    expect(db.prepare("SELECT gid FROM sync_rows WHERE tbl = 'products' AND rid = ?").pluck().get('10')).toBe(gid10);
    expect(db.prepare("SELECT gid FROM sync_rows WHERE tbl = 'products' AND rid = CAST(10 AS TEXT)").pluck().get()).toBe(gid10);
    expect(db.prepare("SELECT rid FROM sync_rows WHERE tbl = 'settings'").pluck().all()).toEqual(['["shop"]']);
    // The seeded tiers keep the gids every till shares.
    expect(db.prepare("SELECT rid, gid FROM sync_rows WHERE tbl = 'tiers' ORDER BY rid").all()).toEqual([1, 2, 3].map((i) => ({ rid: i, gid: `00000000-0000-7000-8000-00000000000${i}` })));
    db.close();
  });

  it('the remade triggers name new rows by integer, and a paired till queues them with their gids', () => {
    const { file } = v21();
    const db = openDatabase(file);
    db.prepare('UPDATE sync_state SET enabled = 1').run();
    db.transaction(() => {
      db.prepare("INSERT INTO products (id, sku, name, price_fen, updated_at) VALUES (1000, 'P1000', '新品', 500, '2026-03-01T00:00:00')").run();
      db.prepare("INSERT INTO product_barcodes (barcode, product_id) VALUES ('6901234567908', 1000)").run();
      db.prepare('UPDATE products SET min_qty = 5 WHERE id = 10').run();
      db.prepare('DELETE FROM product_barcodes WHERE barcode = ?').run('6901234567892');
    })();
    const gid = (tbl: string, rid: number | string) => db.prepare('SELECT gid FROM sync_rows WHERE tbl = ? AND rid = ?').pluck().get(tbl, rid) as string | undefined;
    expect(db.prepare("SELECT typeof(rid) FROM sync_rows WHERE tbl = 'products' AND rid = 1000").pluck().get()).toBe('integer');
    expect(db.prepare('SELECT tbl, rid, op, fields, row_gid FROM outbox ORDER BY seq').all()).toEqual([
      { tbl: 'products', rid: '1000', op: 'insert', fields: null, row_gid: gid('products', 1000) },
      { tbl: 'product_barcodes', rid: '["6901234567908"]', op: 'insert', fields: null, row_gid: gid('product_barcodes', '["6901234567908"]') },
      { tbl: 'products', rid: '10', op: 'update', fields: 'min_qty', row_gid: gid('products', 10) },
      { tbl: 'product_barcodes', rid: '["6901234567892"]', op: 'delete', fields: null, row_gid: expect.any(String) },
    ]);
    expect(gid('product_barcodes', '["6901234567892"]')).toBeUndefined();
    expect(db.prepare('SELECT count(*) FROM sync_field_clock WHERE row_gid = ?').pluck().get(gid('products', 10))).toBe(1);
    db.close();
  });

  it('keeps the levels and the days, and one trigger keeps both for every move', () => {
    const { file, before } = v21();
    const db = openDatabase(file);
    expect(db.prepare('SELECT * FROM stock_levels ORDER BY product_id').all()).toEqual(before.levels);
    expect(db.prepare('SELECT * FROM stock_daily ORDER BY product_id, business_date').all()).toEqual(before.daily);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('stock_moves_levels', 'stock_moves_daily')").all()).toEqual([]);
    db.exec(`
      INSERT INTO sales (id, receipt_no, kind, business_date, sold_at, subtotal_fen, total_fen) VALUES (1, '20260202-0001', 'sale', '2026-02-02', '2026-02-03T00:30:00', 600, 600);
      INSERT INTO sale_lines (id, sale_id, line_no, product_id, name, qty, unit_price_fen, total_fen) VALUES (1, 1, 1, 1, '商品1', 2, 300, 600);
      INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, sale_id, line_id) VALUES (1, '2026-02-03T00:30:00', 'sale', -2, -360, 1, 1);
      INSERT INTO stock_receipts (id, at, supplier, source) VALUES (2, '2026-01-15T09:00:00', '补录', 'scan');
      INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, unit_cost_fen, receipt_id) VALUES (1, '2026-01-15T09:00:00', 'receive', 6, 1140, 190, 2);
    `);
    // The sale counts on its business day (not the calendar day it was rung up); the earlier-dated slip does not replace the latest cost.
    expect(db.prepare('SELECT product_id, on_hand, value_fen, last_cost_fen, last_cost_at, moves FROM stock_levels WHERE product_id = 1').get())
      .toEqual({ product_id: 1, on_hand: 28, value_fen: 5100, last_cost_fen: 180, last_cost_at: '2026-02-01T09:00:00', moves: 3 });
    expect(db.prepare('SELECT business_date, qty, revenue_fen, cogs_fen FROM stock_daily WHERE product_id = 1 ORDER BY business_date').all()).toEqual([
      { business_date: '2026-02-01', qty: 3, revenue_fen: 900, cogs_fen: 540 }, { business_date: '2026-02-02', qty: 2, revenue_fen: 600, cogs_fen: 360 },
    ]);
    // The level row sits beside the product's latest day: one key range, one page.
    expect(db.prepare('SELECT day FROM stock_summary WHERE product_id = 1').pluck().all()).toEqual(['2026-02-01', '2026-02-02', 'level']);
    db.close();
  });
});
