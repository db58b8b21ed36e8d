import { afterEach, describe, expect, it } from 'vitest';
import { testCore } from '../../../tests/helpers/core.js';
import { classifyBarcode } from '../../../shared/barcode.js';

const cores: Array<ReturnType<typeof testCore>> = [];
afterEach(async () => { for (const c of cores.splice(0)) await c.dispose(); });

describe('demo shop', () => {
  it('creates sample staff who can sign in, and a realistic catalogue, members and history', async () => {
    const c = testCore();
    cores.push(c);
    const r = await c.dispatcher.call('shop.setupDemo', { locale: 'zh-CN' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.staff.map((s) => s.role).sort()).toEqual(['cashier', 'manager', 'owner']);
    const cashier = r.value.staff.find((s) => s.role === 'cashier')!;
    expect((await c.dispatcher.call('auth.signIn', { staffId: cashier.id, pin: cashier.pin })).ok).toBe(true);
    expect(await c.dispatcher.call('shop.status', {})).toMatchObject({ ok: true, value: { setUp: true, demo: true } });

    const barcodes = c.db.prepare('SELECT barcode FROM product_barcodes').pluck().all() as string[];
    expect(barcodes.length).toBeGreaterThan(50);
    for (const b of barcodes) expect(classifyBarcode(b)).toBe('ean13');
    const counts = c.db.prepare('SELECT (SELECT count(*) FROM members) m, (SELECT count(*) FROM sales) s, (SELECT count(DISTINCT business_date) FROM sales) d, (SELECT count(*) FROM sales WHERE member_id IS NOT NULL) ms').get() as { m: number; s: number; d: number; ms: number };
    expect(counts.m).toBe(300);
    expect(counts.d).toBeGreaterThanOrEqual(85);
    expect(counts.ms / counts.s).toBeGreaterThan(0.2);
    // Every sale's lines and payments add up to its total.
    const unbalanced = c.db.prepare(`SELECT s.id FROM sales s
      WHERE s.total_fen <> (SELECT sum(total_fen) FROM sale_lines WHERE sale_id = s.id)
         OR s.total_fen <> (SELECT sum(amount_fen) FROM sale_payments WHERE sale_id = s.id)`).all();
    expect(unbalanced).toEqual([]);
  });

  it('is deterministic for a seed', async () => {
    const a = testCore();
    const b = testCore();
    cores.push(a, b);
    await a.services.demo.create('zh-CN', { seed: 7, members: 20, days: 5 });
    await b.services.demo.create('zh-CN', { seed: 7, members: 20, days: 5 });
    const q = 'SELECT receipt_no, total_fen, member_id FROM sales ORDER BY id';
    expect(a.db.prepare(q).all()).toEqual(b.db.prepare(q).all());
  });
});
