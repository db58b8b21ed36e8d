import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { openDatabase } from '../../electron/core/db/open.js';
import { openShop, ok } from '../helpers/shop.js';

/**
 * The crash test: a till in a child process sells as fast as it can and is SIGKILLed at a
 * random moment, 200 times over (two shops side by side, 100 kills each). After every kill
 * the shop is opened again and must hold every sale and top-up the till acknowledged, no
 * partial sale (lines, payments and ledger entries all there or none), ledgers that still
 * sum to the balances, and a clean integrity_check.
 *
 * The child is bundled once with esbuild (a cold `tsx` start costs ~1 s, the bundle ~0.4 s),
 * so 200 restarts fit in about a minute on two cores.
 */
const KILLS_PER_SHOP = Number(process.env.KILL_TEST_KILLS ?? 100);
const root = path.resolve(import.meta.dirname, '../..');
const bundle = path.join(root, '.tmp', 'kill-test', `kill-till-${process.pid}.mjs`);
const cleanups: Array<() => unknown> = [];

beforeAll(() => {
  buildSync({
    entryPoints: [path.join(root, 'tests/integration/fixtures/kill-till.ts')],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: bundle, logLevel: 'error',
  });
  cleanups.push(() => fs.rmSync(bundle, { force: true }));
});
afterAll(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

interface Round { acks: string[]; killedAfterReady: boolean; stderr: string; signal: string | null }

/** Starts the till and kills it `delayMs` after it is ready (or after spawn, for kills during start-up). */
function runAndKill(env: Record<string, string>, delayMs: number, fromReady: boolean): Promise<Round> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: string[] = [];
    let ready = false;
    let buf = '';
    let stderr = '';
    const kill = () => child.kill('SIGKILL');
    if (!fromReady) setTimeout(kill, delayMs);
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'READY') {
          ready = true;
          if (fromReady) setTimeout(kill, delayMs);
        } else if (line.startsWith('ACK ')) acks.push(line.slice(4));
      }
    });
    child.on('exit', (_code, signal) => resolve({ acks, killedAfterReady: ready, stderr, signal }));
  });
}

/** Everything a crash must never break, checked on the reopened file. */
function checkShop(dataDir: string, acked: { sales: string[]; topups: string[] }) {
  const db = openDatabase(path.join(dataDir, 'shop.sqlite'));
  try {
    const problems: Record<string, unknown> = {};
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.integrity = integrity;
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) problems.foreignKeys = fk.slice(0, 5);

    const present = (table: 'sales' | 'topups', receipts: string[]) => {
      if (receipts.length === 0) return [];
      const have = new Set(db.prepare(`SELECT receipt_no FROM ${table} WHERE receipt_no IN (SELECT value FROM json_each(?))`).pluck().all(JSON.stringify(receipts)) as string[]);
      return receipts.filter((r) => !have.has(r));
    };
    const lostSales = present('sales', acked.sales);
    const lostTopups = present('topups', acked.topups);
    if (lostSales.length) problems.lostSales = lostSales;
    if (lostTopups.length) problems.lostTopups = lostTopups;

    // Whole sales: lines and payments add up to the total; stored value and points are in the ledgers.
    const partial = db.prepare(`SELECT s.receipt_no FROM sales s WHERE
        s.total_fen <> coalesce((SELECT sum(total_fen) FROM sale_lines WHERE sale_id = s.id), -1)
     OR s.total_fen <> coalesce((SELECT sum(amount_fen) FROM sale_payments WHERE sale_id = s.id), -1)
     OR coalesce((SELECT sum(amount_fen) FROM sale_payments WHERE sale_id = s.id AND method = 'stored_value'), 0)
        <> -coalesce((SELECT sum(principal_delta + bonus_delta) FROM stored_value_ledger WHERE sale_id = s.id), 0)
     OR s.points_earned <> coalesce((SELECT sum(delta) FROM points_ledger WHERE sale_id = s.id AND delta > 0), 0)`).pluck().all();
    if (partial.length) problems.partialSales = partial.slice(0, 5);
    const orphans = db.prepare(`SELECT
        (SELECT count(*) FROM sale_lines l WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = l.sale_id))
      + (SELECT count(*) FROM sale_payments p WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = p.sale_id))
      + (SELECT count(*) FROM points_ledger l WHERE l.sale_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = l.sale_id))
      + (SELECT count(*) FROM stored_value_ledger l WHERE l.sale_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = l.sale_id))`).pluck().get();
    if (orphans !== 0) problems.orphans = orphans;
    const topupsWithoutLedger = db.prepare('SELECT t.receipt_no FROM topups t WHERE NOT EXISTS (SELECT 1 FROM stored_value_ledger l WHERE l.topup_id = t.id)').pluck().all();
    if (topupsWithoutLedger.length) problems.topupsWithoutLedger = topupsWithoutLedger;

    // Balances are exactly the sums of their ledgers.
    const drift = db.prepare(`SELECT b.member_id FROM member_balances b WHERE
        b.points <> coalesce((SELECT sum(delta) FROM points_ledger WHERE member_id = b.member_id), 0)
     OR b.principal_fen <> coalesce((SELECT sum(principal_delta) FROM stored_value_ledger WHERE member_id = b.member_id), 0)
     OR b.bonus_fen <> coalesce((SELECT sum(bonus_delta) FROM stored_value_ledger WHERE member_id = b.member_id), 0)`).pluck().all();
    if (drift.length) problems.balanceDrift = drift;
    return { problems, sales: db.prepare('SELECT count(*) FROM sales').pluck().get() as number };
  } finally {
    db.close();
  }
}

async function prepareShop() {
  const shop = await openShop();
  const dataDir = shop.core.dataDir;
  const members: number[] = [];
  for (const phone of ['13800000001', '13800000002', '13800000003']) {
    const m = await ok(shop.core, 'members.enrol', { phone, name: `会员${phone.slice(-1)}` }, shop.cashier.token);
    await ok(shop.core, 'storedValue.topUp', { memberId: m.id, amountFen: 50000, method: 'cash', tenderedFen: null, clientRef: `seed-${phone}`, print: false }, shop.cashier.token);
    members.push(m.id);
  }
  await shop.core.shutdown();
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  return {
    dataDir,
    env: {
      DATA_DIR: dataDir, STAFF_ID: String(shop.cashier.staffId),
      PRODUCTS: shop.products.map((p) => `${p.id}:${p.priceFen}`).join(','), MEMBERS: members.join(','),
    },
  };
}

async function killRepeatedly(shop: Awaited<ReturnType<typeof prepareShop>>, kills: number, seed: number) {
  let s = seed;
  const random = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const acked = { sales: [] as string[], topups: [] as string[] };
  const stats = { kills: 0, afterReady: 0, roundsWithAcks: 0, maxAcks: 0, sales: 0 };
  for (let k = 0; k < kills; k++) {
    // Most kills land in the middle of the selling burst; some during start-up and recovery.
    const fromReady = random() < 0.8;
    const delay = fromReady ? Math.floor(random() * 120) : Math.floor(random() * 500);
    const round = await runAndKill({ ...shop.env, SEED: String(seed * 1000 + k) }, delay, fromReady);
    // The till only ever ends by our SIGKILL: anything else (a thrown error) is a failure.
    expect(round.signal, round.stderr).toBe('SIGKILL');
    stats.kills += 1;
    if (round.killedAfterReady) stats.afterReady += 1;
    if (round.acks.length) stats.roundsWithAcks += 1;
    stats.maxAcks = Math.max(stats.maxAcks, round.acks.length);
    for (const a of round.acks) (a.startsWith('S ') ? acked.sales : acked.topups).push(a.slice(2));
    const { problems, sales } = checkShop(shop.dataDir, acked);
    expect(problems, `after kill ${k + 1}`).toEqual({});
    stats.sales = sales;
  }
  return { stats, acked };
}

describe('SIGKILL at random moments', () => {
  it(`loses no acknowledged sale and leaves no partial one, over ${KILLS_PER_SHOP * 2} kills`, async () => {
    const shops = await Promise.all([prepareShop(), prepareShop()]);
    const results = await Promise.all(shops.map((shop, i) => killRepeatedly(shop, KILLS_PER_SHOP, 7 + i)));
    const total = results.reduce((n, r) => n + r.stats.kills, 0);
    expect(total).toBe(KILLS_PER_SHOP * 2);
    // The kills really landed mid-burst: most rounds had sold something before dying.
    for (const r of results) {
      expect(r.stats.afterReady).toBeGreaterThan(KILLS_PER_SHOP * 0.6);
      expect(r.stats.roundsWithAcks).toBeGreaterThan(KILLS_PER_SHOP * 0.4);
      expect(r.acked.topups.length).toBeGreaterThan(0);
      expect(r.stats.sales).toBeGreaterThanOrEqual(r.acked.sales.length);
    }
    console.log('kill test', results.map((r) => ({ ...r.stats, acked: r.acked.sales.length + r.acked.topups.length })));
  }, 300_000);
});
