import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase, LATEST_VERSION } from './open.js';
import { migrations } from './migrations/index.js';
import { makeTempDir } from '../../../tests/helpers/temp-dir.js';

const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

function fileAt17() {
  const t = makeTempDir();
  temps.push(t);
  const file = path.join(t.dir, 'shop.sqlite');
  const old = openDatabase(file, { migrations: migrations.slice(0, 17) });
  expect(old.pragma('user_version', { simple: true })).toBe(17);
  old.exec(`
    INSERT INTO products (id, sku, name, price_fen, updated_at) VALUES (1, 'PG', '苹果', 1280, '2026-01-01T00:00:00');
    INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES (1, '店主', 'owner', 'x', '2026-01-01T00:00:00');
    INSERT INTO shifts (id, staff_id, opened_at, opening_float_fen) VALUES (1, 1, '2026-02-01T08:00:00', 0);
    INSERT INTO sales (id, receipt_no, kind, business_date, sold_at, staff_id, shift_id, subtotal_fen, discount_fen, rounding_fen, total_fen, client_ref, points_earned)
      VALUES (1, '20260201-0001', 'sale', '2026-02-01', '2026-02-01T09:00:00', 1, 1, 1600, 0, 0, 1600, 'r1', 0);
    INSERT INTO sale_lines (id, sale_id, line_no, product_id, name, qty, unit_price_fen, total_fen) VALUES (1, 1, 1, 1, '苹果', 1, 1600, 1600);
  `);
  old.close();
  return file;
}

describe('migrations 020 (weighed goods) and 021 (payment codes) from version 17', () => {
  it('seeds the shipped scale layouts with the same gids on every till and keeps the sales', () => {
    const db = openDatabase(fileAt17());
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT id, prefix, length, kind FROM scale_templates ORDER BY id').all()).toEqual([
      { id: 1, prefix: '20', length: 13, kind: 'price' }, { id: 2, prefix: '21', length: 13, kind: 'price' }, { id: 3, prefix: '22', length: 13, kind: 'weight' },
      { id: 4, prefix: '23', length: 13, kind: 'price' }, { id: 5, prefix: '24', length: 18, kind: 'price_weight' },
    ]);
    expect(db.prepare("SELECT gid FROM sync_rows WHERE tbl = 'scale_templates' ORDER BY CAST(rid AS INTEGER)").all().map((r) => (r as { gid: string }).gid))
      .toEqual(['01', '02', '03', '04', '05'].map((n) => `00000000-0000-7000-8000-0000000180${n}`));
    expect(db.prepare('SELECT count(*) AS n FROM sale_lines').get()).toEqual({ n: 1 });
    db.close();
  });

  it('makes the new facts shared and append-only, refusing what the rules forbid', () => {
    const db = openDatabase(fileAt17());
    db.prepare('UPDATE sync_state SET enabled = 1').run();
    db.transaction(() => {
      db.prepare("INSERT INTO weighed_products (product_id, plu, per, template_id, updated_at) VALUES (1, 12, 'kg', 3, '2026-02-01T09:00:00')").run();
      db.prepare("INSERT INTO sale_line_weights (line_id, grams, unit_price_fen, per, source, label) VALUES (1, 1250, 1280, 'kg', 'weight_label', '2200012012505')").run();
      db.prepare("INSERT INTO payment_codes (sale_id, shift_id, method, amount_fen, code_tail, code_hash, scanned_at) VALUES (1, 1, 'wechat', 1600, '6789', 'h1', '2026-02-01T09:00:00')").run();
      db.prepare("INSERT INTO payment_code_checks (payment_code_id, statement_ref, statement_at, statement_amount_fen, checked_at, staff_id) VALUES (1, '4200001', '2026-02-01T09:00:05', 1600, '2026-02-01T18:00:00', 1)").run();
      db.prepare("UPDATE scale_templates SET active = 1 WHERE id = 2").run();
    })();
    expect(db.prepare('SELECT tbl, op FROM outbox ORDER BY seq').all()).toEqual([
      { tbl: 'weighed_products', op: 'insert' }, { tbl: 'sale_line_weights', op: 'insert' }, { tbl: 'payment_codes', op: 'insert' },
      { tbl: 'payment_code_checks', op: 'insert' }, { tbl: 'scale_templates', op: 'update' },
    ]);
    expect(() => db.prepare('UPDATE sale_line_weights SET grams = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM payment_codes').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE payment_code_checks SET statement_ref = 1').run()).toThrow(/append-only/);
    // A code is used once; a coupon (28) or member-card (29) prefix is no scale's.
    expect(() => db.prepare("INSERT INTO payment_codes (sale_id, method, amount_fen, code_tail, code_hash, scanned_at) VALUES (1, 'alipay', 1, '1234', 'h1', 'x')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO scale_templates (name, length, prefix, plu_digits, kind, price_digits, price_unit, weight_digits, weight_unit, value_check, max_grams, updated_at) VALUES ('x', 13, '28', 5, 'price', 5, 'fen', 0, 'g', 0, 1000, 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO weighed_products (product_id, plu, per, updated_at) VALUES (1, 13, 'kg', 'x')").run()).toThrow(/UNIQUE/);
    db.close();
  });
});
