import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCore, shopWithOwner, fixedClock } from '../helpers/core.js';
import { ok, PRODUCTS, clientRef } from '../helpers/shop.js';
import { startTestShopServer, type TestShopServer } from '../helpers/shop-server.js';
import { createPairingCode } from '../../server/pairing.js';

/**
 * Issue 14's "done when", for three tills as a shop runs them: real cores on their own SQLite
 * files, each with its production sync loop running (nobody calls syncOnce here), a real shop
 * server over pinned HTTPS on a real PostgreSQL. Every wait polls what the cashier would see,
 * through the dispatcher; nothing sleeps and hopes.
 *
 * "Within a second" is a promise to the cashier, so it is measured, not assumed: from just
 * before the enrolment call at till 1 to the first lookup at another till that finds the member.
 * The three tills share this process's event loop (and the machine with the server and
 * PostgreSQL), so the figure is if anything pessimistic against three separate machines.
 */
type Till = ReturnType<typeof testCore>;
interface Lane { core: Till; token: string; code: string }

const VISIBLE_WITHIN_MS = 1000;
/** How long a condition that should follow from the loops may take before the test says which one did not. */
const CONVERGE_MS = 20_000;
const DAY = '2026-12-06';
const TODAY = { from: DAY, to: DAY };

let server: TestShopServer;
const cores: Till[] = [];
// One clock for the whole shop: the tills agree on the business day (sync stamps use the real time).
const clock = fixedClock(`${DAY}T10:00:00`);
beforeAll(async () => { server = await startTestShopServer(); }, 60_000);
afterAll(async () => {
  for (const c of cores.splice(0)) await c.dispose();
  await server?.close();
}, 30_000);

/** Polls `probe` (every `everyMs`) until it answers something other than undefined. */
async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = CONVERGE_MS, everyMs = 20): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) { last = err; }
    if (performance.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function newTill(): Till {
  const t = testCore({ clock }); // the sync loop is on by default, as in the app
  cores.push(t);
  return t;
}

async function join(t: Till, name: string, session: string | null) {
  const { code } = await createPairingCode(server.db);
  const r = await t.dispatcher.call('sync.pair', { url: server.url, code, tillName: name }, session);
  if (!r.ok) throw new Error(`sync.pair: ${JSON.stringify(r.error)}`);
  return r.value;
}

const status = (t: Till) => t.services.sync.status();
const memberAt = async (lane: Lane, phone: string) => (await ok(lane.core, 'members.find', { query: phone }, lane.token)).members[0];
const productAt = async (lane: Lane, sku: string) => (await ok(lane.core, 'products.list', { limit: 50 }, lane.token)).items.find((p) => p.sku === sku)!;

const lanes: Lane[] = [];
const PHONE = '13800138000';
let saleAt2: { receiptNo: string; totalFen: number };
let pointsBeforeSale = 0;

describe('three tills and a shop server, sync loops running', () => {
  it('the first till brings its shop; two newly installed tills join and receive it', async () => {
    const one = newTill();
    const { token } = await shopWithOwner(one);
    for (const p of PRODUCTS) await ok(one, 'products.save', p, token);
    await ok(one, 'shifts.open', { openingFloatFen: 10_000 }, token);
    expect(await join(one, '收银台 1', token)).toMatchObject({ paired: true, tillCode: 'T1' });
    await until('till 1 online with its history pushed', () => (status(one).online && status(one).backlog === 0 ? true : undefined));
    lanes.push({ core: one, token, code: 'T1' });

    for (const name of ['收银台 2', '收银台 3']) {
      const t = newTill();
      const { tillCode } = await join(t, name, null); // nobody to sign in yet: a new till has no staff
      // The shop's staff and catalogue arrive through the feed; then the owner signs in with the same PIN.
      const ownerId = await until(`${tillCode} has the shop's owner and products`, () => {
        const owner = t.db.prepare("SELECT id FROM staff WHERE role = 'owner' AND active = 1").get() as { id: number } | undefined;
        const products = (t.db.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
        return owner && products === PRODUCTS.length ? owner.id : undefined;
      });
      const signIn = await t.dispatcher.call('auth.signIn', { staffId: ownerId, pin: '1234' });
      if (!signIn.ok) throw new Error(JSON.stringify(signIn.error));
      await ok(t, 'shifts.open', { openingFloatFen: 5_000 }, signIn.value.token);
      lanes.push({ core: t, token: signIn.value.token, code: tillCode });
    }
    expect(lanes.map((l) => l.code)).toEqual(['T1', 'T2', 'T3']);
  }, 60_000);

  it(`a member enrolled at till 1 is found at tills 2 and 3 within ${VISIBLE_WITHIN_MS} ms`, async () => {
    const [one, ...others] = lanes as [Lane, Lane, Lane];
    // Several enrolments at random moments of the loops' one-second rounds, as at a counter
    // (starting each right after the last was seen would always land just after a till's pull,
    // the worst moment). The pause only picks the moment; what is timed starts after it.
    // Every one must keep the promise.
    const samples: Record<string, number[]> = { T2: [], T3: [] };
    for (let i = 0; i < 8; i++) {
      const phone = i === 0 ? PHONE : `1390013900${i}`;
      await new Promise((r) => setTimeout(r, Math.random() * 1000));
      const t0 = performance.now();
      const enrolled = await ok(one.core, 'members.enrol', { phone, name: `会员${i}` }, one.token);
      await Promise.all(others.map(async (lane) => {
        const found = await until(`member ${phone} at ${lane.code}`, () => memberAt(lane, phone), 10_000, 2);
        samples[lane.code]!.push(Math.round(performance.now() - t0));
        expect(found.cardNo).toBe(enrolled.cardNo);
      }));
    }
    console.info(`member enrolled at T1 → found by members.find (ms): T2 ${samples.T2!.join(', ')}; T3 ${samples.T3!.join(', ')}`);
    const slowest = Math.max(...samples.T2!, ...samples.T3!);
    expect(slowest, `slowest of T2 ${samples.T2!.join(', ')} / T3 ${samples.T3!.join(', ')} ms`).toBeLessThan(VISIBLE_WITHIN_MS);
  }, 120_000);

  it('a member sale at till 2 shows in till 1\'s dashboard figures, per till too, and in till 3\'s', async () => {
    const [one, two, three] = lanes as [Lane, Lane, Lane];
    const before = (await ok(one.core, 'stats.overview', TODAY, one.token)).current;
    const member = (await memberAt(two, PHONE))!;
    pointsBeforeSale = member.points;
    const chips = await productAt(two, 'SP70');
    const t0 = performance.now();
    const sale = await ok(two.core, 'sales.commit', {
      clientRef: clientRef(), lines: [{ productId: chips.id, qty: 2 }], memberId: member.id,
      payments: [{ method: 'card', amountFen: 1500 }], expectedTotalFen: 1500, print: false,
    }, two.token);
    expect(sale.sale.receiptNo).toMatch(/^T2-/);
    saleAt2 = { receiptNo: sale.sale.receiptNo, totalFen: 1500 };
    const after = await until('till 2\'s sale in till 1\'s overview', async () => {
      const h = (await ok(one.core, 'stats.overview', TODAY, one.token)).current;
      return h.sales === before.sales + 1 ? h : undefined;
    }, CONVERGE_MS, 5);
    console.info(`sale at T2 → in T1's stats.overview after ${Math.round(performance.now() - t0)} ms`);
    expect(after).toMatchObject({ revenueFen: before.revenueFen + 1500, memberRevenueFen: before.memberRevenueFen + 1500, activeMembers: 1 });

    for (const lane of [one, three]) {
      const tills = await until(`T2's sale in ${lane.code}'s per-till figures`, async () => {
        const r = (await ok(lane.core, 'stats.tills', TODAY, lane.token)).tills;
        return r.find((x) => x.till === 'T2')?.sales === 1 ? r : undefined;
      });
      // Every till that opened a shift, the one answering marked; no sale here lacks a till.
      expect(tills.map((x) => [x.till, x.thisTill, x.revenueFen, x.sales, x.averageTicketFen])).toEqual([
        ['T1', lane.code === 'T1', 0, 0, null], ['T2', false, 1500, 1, 1500], ['T3', lane.code === 'T3', 0, 0, null],
      ]);
    }
  }, 60_000);

  it('a refund at till 1 of till 2\'s sale reverses its points on every till and in the server\'s ledger facts', async () => {
    const [one] = lanes as [Lane, Lane, Lane];
    const earned = await until('till 2\'s points reach every till', async () => {
      const points = await Promise.all(lanes.map(async (l) => (await memberAt(l, PHONE))!.points));
      return points.every((p) => p === points[0] && p > pointsBeforeSale) ? points[0]! - pointsBeforeSale : undefined;
    });
    expect(earned).toBe(15); // ¥15 paid, 1 point a yuan

    const local = await ok(one.core, 'sales.get', { receiptNo: saleAt2.receiptNo }, one.token);
    await ok(one.core, 'sales.refund', {
      saleId: local.id, clientRef: clientRef(), lines: local.lines.map((l) => ({ lineId: l.id, qty: l.qty })),
      payments: [{ method: 'card', amountFen: saleAt2.totalFen }], reason: '顾客退货', print: false,
    }, one.token);
    for (const lane of lanes) {
      await until(`points back to ${pointsBeforeSale} at ${lane.code}`, async () => ((await memberAt(lane, PHONE))!.points === pointsBeforeSale ? true : undefined));
    }

    // The server's view: the member's points ledger as the tills pushed it (references are gids on the wire).
    const gid = (one.core.db.prepare("SELECT r.gid FROM sync_rows r JOIN members m ON r.tbl = 'members' AND r.rid = CAST(m.id AS TEXT) WHERE m.phone = ?").get(PHONE) as { gid: string }).gid;
    const ledger = await server.db.pool.query<{ points: string; entries: string }>(
      "SELECT coalesce(sum((row->>'delta')::int), 0) AS points, count(*) AS entries FROM facts WHERE tbl = 'points_ledger' AND row->>'member_id' = $1", [gid]);
    expect(Number(ledger.rows[0]!.points)).toBe(pointsBeforeSale);
    const reasons = await server.db.pool.query<{ delta: number; sale_gid: string | null }>(
      "SELECT (row->>'delta')::int AS delta, row->>'sale_id' AS sale_gid FROM facts WHERE tbl = 'points_ledger' AND row->>'member_id' = $1 AND row->>'sale_id' IS NOT NULL ORDER BY feed_no", [gid]);
    expect(reasons.rows.map((r) => r.delta)).toEqual([15, -15]);
  }, 60_000);

  it('every till\'s member profile shows the whole shop\'s purchases, whichever till made them', async () => {
    const [one, two, three] = lanes as [Lane, Lane, Lane];
    const member3 = (await memberAt(three, PHONE))!;
    const cola = await productAt(three, 'KL330');
    const sale3 = await ok(three.core, 'sales.commit', {
      clientRef: clientRef(), lines: [{ productId: cola.id, qty: 3 }], memberId: member3.id,
      payments: [{ method: 'cash', amountFen: 900, tenderedFen: 1000 }], expectedTotalFen: 900, print: false,
    }, three.token);
    const refund = one.core.db.prepare("SELECT receipt_no FROM sales WHERE kind = 'refund'").get() as { receipt_no: string };
    const want = [sale3.sale.receiptNo, refund.receipt_no, saleAt2.receiptNo].sort();
    expect(want.map((r) => r.slice(0, 3))).toEqual(['T1-', 'T2-', 'T3-']);

    const seen = await Promise.all([one, two, three].map((lane) => until(`the whole shop's purchases in ${lane.code}'s profile`, async () => {
      const m = (await memberAt(lane, PHONE))!;
      const history = await ok(lane.core, 'members.history', { id: m.id, offset: 0, limit: 20 }, lane.token);
      if (history.items.length < 3) return undefined;
      const profile = await ok(lane.core, 'members.profile', { id: m.id }, lane.token);
      return { receipts: history.items.map((h) => h.receiptNo).sort(), totals: history.items.map((h) => h.totalFen).sort((a, b) => a - b), spend: profile.spendFen, visits: profile.visits, points: profile.points };
    })));
    for (const s of seen) {
      expect(s.receipts).toEqual(want);
      expect(s.totals).toEqual([-1500, 900, 1500]);
    }
    // Spend, visits and points are the same at every till.
    expect(new Set(seen.map((s) => JSON.stringify([s.spend, s.visits, s.points]))).size).toBe(1);
    expect(seen[0]).toMatchObject({ spend: 900, points: pointsBeforeSale + 9 });
  }, 60_000);
});
