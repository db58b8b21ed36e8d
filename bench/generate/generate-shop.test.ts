import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createCore } from '../../electron/core/app.js';
import { generateShop, type GeneratedShop } from './generate-shop.js';
import { fixedClockAt } from '../lib/shop-core.js';
import { createSummaries } from '../../electron/core/stats/summaries.js';
import { normalizeMobile } from '../../shared/phone.js';

const SCALE = 0.0005; // 100 members, 1,000 sales over the five years
const dirs: string[] = [];
const tmp = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-gen-test-')); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

/** A digest of what the shop holds (PIN hashes are salted at random, so staff are left out). */
function digest(dir: string): string {
  const db = new BetterSqlite3(path.join(dir, 'shop.sqlite'), { readonly: true });
  try {
    const h = createHash('sha256');
    for (const t of ['members', 'member_tier_history', 'products', 'sales', 'sale_lines', 'sale_payments', 'points_ledger', 'stored_value_ledger', 'topups', 'member_stats', 'member_balances', 'complaints', 'complaint_events', 'feedback', 'care_tasks', 'receipt_counters']) {
      h.update(JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).raw().all()));
    }
    return h.digest('hex');
  } finally {
    db.close();
  }
}

describe('the benchmark shop generator', () => {
  let dir: string;
  let shop: GeneratedShop;
  let db: BetterSqlite3.Database;
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  const one = <T>(sql: string) => db.prepare(sql).get() as T;

  beforeAll(async () => {
    dir = tmp();
    shop = await generateShop({ dataDir: dir, seed: 42, scale: SCALE });
    db = new BetterSqlite3(path.join(dir, 'shop.sqlite'), { readonly: true });
  }, 60_000);
  afterAll(() => db?.close());

  it('builds a shop with history of every kind', () => {
    expect(shop.counts).toMatchObject({ members: 100, products: 120 });
    expect(shop.counts.sales).toBeGreaterThan(900);
    for (const k of ['refunds', 'topups', 'redemptions', 'storedValuePayments', 'feedback', 'upgrades']) expect(shop.counts[k], k).toBeGreaterThan(0);
    const years = all<{ y: string }>("SELECT DISTINCT substr(business_date, 1, 4) AS y FROM sales").map((r) => r.y);
    expect(years).toEqual(['2021', '2022', '2023', '2024', '2025', '2026']);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM points_ledger WHERE reason = 'expire'").n).toBeGreaterThan(0);
  });

  it('keeps every balance the sum of its ledger, and member summaries the sum of their sales', () => {
    expect(all(`SELECT b.member_id FROM member_balances b LEFT JOIN (SELECT member_id, sum(delta) AS s FROM points_ledger GROUP BY member_id) p USING (member_id)
      WHERE b.points <> coalesce(p.s, 0)`)).toEqual([]);
    expect(all(`SELECT b.member_id FROM member_balances b LEFT JOIN (SELECT member_id, sum(principal_delta) AS p, sum(bonus_delta) AS q FROM stored_value_ledger GROUP BY member_id) l USING (member_id)
      WHERE b.principal_fen <> coalesce(l.p, 0) OR b.bonus_fen <> coalesce(l.q, 0)`)).toEqual([]);
    expect(all(`SELECT member_id FROM member_balances WHERE principal_fen < 0 OR bonus_fen < 0`)).toEqual([]);
    expect(all(`SELECT s.member_id FROM member_stats s JOIN (SELECT member_id, sum(kind = 'sale') AS c, sum(total_fen) AS t,
        min(CASE WHEN kind = 'sale' THEN business_date END) AS f, max(CASE WHEN kind = 'sale' THEN business_date END) AS l
        FROM sales WHERE member_id IS NOT NULL GROUP BY member_id) x USING (member_id)
      WHERE s.sales_count <> x.c OR s.spend_fen <> x.t OR s.first_sale_on IS NOT x.f OR s.last_sale_on IS NOT x.l`)).toEqual([]);
  });

  it('writes sales whose payments and lines add up, and refunds that mirror their sale', () => {
    expect(all(`SELECT s.id FROM sales s LEFT JOIN (SELECT sale_id, sum(amount_fen) AS a FROM sale_payments GROUP BY sale_id) p ON p.sale_id = s.id
      WHERE s.total_fen <> coalesce(p.a, 0)`)).toEqual([]);
    // Lines add up to the total plus what points took off (100 points = ¥1 = 100 fen).
    expect(all(`SELECT s.id FROM sales s JOIN (SELECT sale_id, sum(total_fen) AS t FROM sale_lines GROUP BY sale_id) l ON l.sale_id = s.id
      WHERE l.t <> s.total_fen + (SELECT coalesce(-sum(delta), 0) FROM points_ledger WHERE sale_id = s.id AND reason = 'redeem')`)).toEqual([]);
    expect(all(`SELECT r.id FROM sales r JOIN sales s ON s.id = r.refund_of WHERE r.kind = 'refund'
      AND (r.total_fen <> -s.total_fen OR r.points_earned <> -s.points_earned OR r.business_date < s.business_date OR r.member_id IS NOT s.member_id)`)).toEqual([]);
    expect(all(`SELECT l.id FROM sale_lines l JOIN sale_lines o ON o.id = l.refund_of_line WHERE l.qty <> -o.qty OR l.total_fen <> -o.total_fen`)).toEqual([]);
    // Receipt numbers run per day without gaps, across sales and top-ups.
    expect(all(`SELECT c.business_date FROM receipt_counters c WHERE c.last_no <>
      (SELECT count(*) FROM sales WHERE business_date = c.business_date) + (SELECT count(*) FROM topups WHERE business_date = c.business_date)`)).toEqual([]);
    expect(all(`SELECT s.id FROM sales s JOIN members m ON m.id = s.member_id WHERE s.sold_at < m.enrolled_at`)).toEqual([]);
    // Phones the till would accept (the app's own validation).
    expect(all<{ phone: string }>('SELECT phone FROM members').filter((m) => normalizeMobile(m.phone) !== m.phone)).toEqual([]);
  });

  it('leaves tiers and points as the app\'s own daily jobs would: running them again changes nothing', async () => {
    const copy = tmp();
    fs.copyFileSync(path.join(dir, 'shop.sqlite'), path.join(copy, 'shop.sqlite'));
    const core = createCore({ dataDir: copy, clock: fixedClockAt(shop.until), autoBackup: false, logger: { error: () => {} } });
    try {
      expect(core.services.daily.startIfNewDay((err) => { throw err; })).toBe(false);
      expect(core.services.tiers.reevaluateAll()).toEqual({ upgraded: 0, downgraded: 0, expired: 0 });
      expect(core.services.points.expireAll()).toEqual({ points: 0, members: 0 });
      // The dashboard's summaries, kept by triggers during the bulk load, equal a rebuild from the raw rows.
      const summaries = createSummaries(core.db);
      const kept = summaries.read();
      summaries.rebuild();
      expect(kept).toEqual(summaries.read());
    } finally {
      await core.shutdown();
    }
  });

  it('is deterministic for a seed and different for another', async () => {
    const again = tmp();
    await generateShop({ dataDir: again, seed: 42, scale: SCALE });
    const other = tmp();
    await generateShop({ dataDir: other, seed: 43, scale: SCALE });
    expect(digest(again)).toBe(digest(dir));
    expect(digest(other)).not.toBe(digest(dir));
  }, 60_000);
});
