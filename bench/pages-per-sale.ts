/**
 * Pages a sale writes to the WAL, by table or index (issue 19): load-independent evidence for
 * the checkout figure. On a working copy of the cached bench shop, checkpoints, turns
 * autocheckpoint off, commits N sales through the dispatcher (as the checkout figure does), then
 * reads the WAL's frame headers back: with one sale per transaction, every page a commit dirtied
 * is one frame, so frames / N is pages per sale. Each frame's page is named through `dbstat`.
 *
 *   npx tsx bench/pages-per-sale.ts [--scale 0.1] [--sales 300] [--no-triggers | --paired]
 *
 * --no-triggers drops every trigger first: the pages the same sales' rows and their own indexes
 * need (the service's writes included), i.e. the physical limit's side of the checkout figure.
 * --paired turns the outbox on as pairing does (`sync_state.enabled`; no server, no sync loop):
 * the paired-checkout figure's side, with the outbox entries a sale queues.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { cachedShop, DEFAULT_SEED, workingCopy } from './cache.js';
import { openShopCore, ok } from './lib/shop-core.js';
import { dropTriggers } from './lib/bare-copy.js';
import { seededRandom } from '../electron/core/lib/random.js';

const { values } = parseArgs({ options: { scale: { type: 'string' }, sales: { type: 'string' }, 'no-triggers': { type: 'boolean' }, paired: { type: 'boolean' } } });
const scale = Number(values.scale ?? 0.1);
const sales = Number(values.sales ?? 300);
const shop = await cachedShop({ seed: DEFAULT_SEED, scale });
const copy = workingCopy(shop, 'pages');
const { core, cashier } = await openShopCore(shop, copy.dir, { synchronous: 'NORMAL' });
try {
  const { db, dispatcher, services } = core;
  if (!ok(await dispatcher.call('shifts.current', {}, cashier), 'shifts.current')) ok(await dispatcher.call('shifts.open', { openingFloatFen: 50000 }, cashier), 'shifts.open');
  const rnd = seededRandom(10);
  const productIds = db.prepare('SELECT id FROM products WHERE active = 1').pluck().all() as number[];
  const memberIds = db.prepare("SELECT id FROM members WHERE status = 'active'").pluck().all() as number[];
  const carts = Array.from({ length: sales }, () => {
    const lines = Array.from({ length: rnd.int(1, 5) }, () => ({ productId: productIds[rnd.int(0, productIds.length - 1)]!, qty: rnd.int(1, 2), priceOverrideFen: null, discount: null, countCardId: null, weighed: null }));
    const memberId = memberIds[rnd.int(0, memberIds.length - 1)]!;
    return { lines, memberId, priced: services.checkout.price(lines, memberId) };
  });
  const gids = () => new Map((db.prepare('SELECT tbl, count(*) AS n FROM sync_rows GROUP BY tbl').all() as Array<{ tbl: string; n: number }>).map((r) => [r.tbl, r.n]));
  const gidsBefore = gids();
  // The physical limit's side: the same sales with every trigger dropped (no summaries, no sync bookkeeping).
  if (values['no-triggers']) dropTriggers(db);
  if (values.paired) db.prepare('UPDATE sync_state SET enabled = 1').run();
  const lastSeqBefore = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM outbox').get() as { n: number }).n;
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const wal = `${db.name}-wal`;
  const start = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
  const began = performance.now();
  for (const c of carts) {
    ok(await dispatcher.call('sales.commit', {
      clientRef: randomUUID(), lines: c.lines, memberId: c.memberId, print: false,
      payments: [{ method: 'wechat', amountFen: c.priced.cart.totalFen }], expectedTotalFen: c.priced.cart.totalFen,
    }, cashier), 'sales.commit');
  }
  const msPerSale = (performance.now() - began) / sales;
  const buf = fs.readFileSync(wal);
  const pageSize = buf.readUInt32BE(8);
  const pages: number[] = [];
  let commits = 0;
  for (let at = Math.max(32, start); at + 24 + pageSize <= buf.length; at += 24 + pageSize) {
    pages.push(buf.readUInt32BE(at));
    if (buf.readUInt32BE(at + 4) !== 0) commits++; // a commit frame records the file's size after it
  }
  const names = new Map((db.prepare('SELECT pageno, name FROM dbstat').all() as Array<{ pageno: number; name: string }>).map((r) => [r.pageno, r.name]));
  const by = new Map<string, number>();
  for (const p of pages) by.set(names.get(p) ?? '(free or new)', (by.get(names.get(p) ?? '(free or new)') ?? 0) + 1);
  console.log(`${sales} sales, scale ${scale}: ${pages.length} WAL frames, ${(pages.length / sales).toFixed(2)} pages a sale, ${(commits / sales).toFixed(2)} commits a sale, ${msPerSale.toFixed(2)} ms a sale (one run: a rough figure)`);
  const added = [...gids()].map(([tbl, n]) => [tbl, n - (gidsBefore.get(tbl) ?? 0)] as const).filter(([, n]) => n !== 0);
  if (values.paired) {
    // Only the entries these sales queued (the outbox may hold older ones).
    const queued = db.prepare('SELECT tbl, count(*) AS n FROM outbox WHERE seq > ? GROUP BY tbl').all(lastSeqBefore) as Array<{ tbl: string; n: number }>;
    console.log(`  outbox entries a sale: ${(queued.reduce((a, r) => a + r.n, 0) / sales).toFixed(2)} (${queued.map((r) => `${r.tbl} ${(r.n / sales).toFixed(2)}`).join(', ')})`);
  }
  console.log(`  gids made a sale, by table: ${added.map(([tbl, n]) => `${tbl} ${(n / sales).toFixed(2)}`).join(', ')}`);
  for (const [name, n] of [...by].sort((a, b) => b[1] - a[1])) console.log(`  ${(n / sales).toFixed(2).padStart(6)}  ${name}`);
} finally {
  await core.shutdown();
  copy.cleanup();
}
