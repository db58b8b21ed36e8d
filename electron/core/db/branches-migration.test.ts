import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase, LATEST_VERSION } from './open.js';
import { migrations } from './migrations/index.js';
import { BRANCHES_MIGRATION } from '../../../shared/sync/tables.js';
import { makeTempDir } from '../../../tests/helpers/temp-dir.js';

const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

/** Migration 019 (a till as a branch of a chain) from the version before it, on a file that used a coupon. */
describe('migration 019: branches', () => {
  it('keeps a used coupon (its use may now arrive without its sale), gives staff and products a branch, shares the branch prices', () => {
    const t = makeTempDir();
    temps.push(t);
    const file = path.join(t.dir, 'shop.sqlite');
    const before = migrations.filter((m) => m.version < BRANCHES_MIGRATION);
    const old = openDatabase(file, { migrations: before });
    old.exec(`
      INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES (1, '老板', 'owner', 'x', '2026-01-01T00:00:00'), (2, '小李', 'cashier', 'x', '2026-01-01T00:00:00');
      INSERT INTO products (id, sku, name, price_fen, updated_at) VALUES (1, 'KL', '可乐', 300, '2026-01-01T00:00:00');
      INSERT INTO sales (id, receipt_no, kind, business_date, sold_at, subtotal_fen, total_fen) VALUES (1, '20260101-0001', 'sale', '2026-01-01', '2026-01-01T10:00:00', 300, 200);
      INSERT INTO coupon_templates (id, name, kind, value, valid_days) VALUES (1, '满减', 'amount', 100, 30);
      INSERT INTO coupons (id, code, template_id, reason, issued_at, valid_from, valid_to) VALUES (7, 'C7', 1, 'manual', '2026-01-01T00:00:00', '2026-01-01', '2026-02-01');
      INSERT INTO coupon_uses (coupon_id, sale_id, discount_fen, at) VALUES (7, 1, 100, '2026-01-01T10:00:00');
    `);
    const gidBefore = old.prepare("SELECT gid FROM sync_rows WHERE tbl = 'coupon_uses' AND rid = '7'").get();
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT coupon_id, sale_id, discount_fen FROM coupon_uses').all()).toEqual([{ coupon_id: 7, sale_id: 1, discount_fen: 100 }]);
    expect(db.prepare("SELECT gid FROM sync_rows WHERE tbl = 'coupon_uses' AND rid = '7'").get()).toEqual(gidBefore);
    // Still append-only for the till's own code; a use from another branch may come without its sale.
    expect(() => db.prepare('UPDATE coupon_uses SET discount_fen = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM coupon_uses').run()).toThrow(/append-only/);
    db.prepare("INSERT INTO coupons (id, code, template_id, reason, issued_at, valid_from, valid_to) VALUES (8, 'C8', 1, 'manual', 'x', '2026-01-01', '2026-02-01')").run();
    db.prepare("INSERT INTO coupon_uses (coupon_id, sale_id, discount_fen, at) VALUES (8, NULL, 100, 'x')").run();

    // A branch till (B2, not head office): its new staff and products take the branch; owners do not.
    db.prepare("UPDATE sync_state SET enabled = 1, branch_code = 'B2', branch_name = '二店', branch_head_office = 0").run();
    db.transaction(() => {
      db.prepare("INSERT INTO staff (name, role, pin_hash, created_at) VALUES ('小王', 'cashier', 'x', 'x'), ('二老板', 'owner', 'x', 'x')").run();
      db.prepare("INSERT INTO products (sku, name, price_fen, updated_at) VALUES ('LOCAL', '本店面包', 800, 'x')").run();
      db.prepare("INSERT INTO product_branch_prices (product_id, branch_code, price_fen, updated_at) VALUES (1, 'B2', 350, 'x')").run();
    })();
    expect(db.prepare('SELECT name, branch_code FROM staff ORDER BY id').all()).toEqual([
      { name: '老板', branch_code: null }, { name: '小李', branch_code: null }, { name: '小王', branch_code: 'B2' }, { name: '二老板', branch_code: null },
    ]);
    expect(db.prepare("SELECT sku, branch_code FROM products ORDER BY id").all()).toEqual([{ sku: 'KL', branch_code: null }, { sku: 'LOCAL', branch_code: 'B2' }]);
    const queued = db.prepare('SELECT tbl, op FROM outbox ORDER BY seq').all() as Array<{ tbl: string; op: string }>;
    expect(queued.map((q) => `${q.tbl}.${q.op}`)).toEqual(expect.arrayContaining(['staff.insert', 'products.insert', 'product_branch_prices.insert']));
    expect(db.prepare("SELECT count(*) AS n FROM sync_rows WHERE tbl = 'product_branch_prices'").get()).toEqual({ n: 1 });
    db.close();
  });
});
