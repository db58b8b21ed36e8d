import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testCore, shopWithOwner } from '../helpers/core.js';
import { ok, PRODUCTS, clientRef } from '../helpers/shop.js';
import { startTestShopServer, type TestShopServer } from '../helpers/shop-server.js';
import { createPairingCode } from '../../server/pairing.js';

/**
 * Tills as they run in a shop: real cores on their own SQLite files, paired through the
 * contract (`sync.pair`) with a real shop server over pinned HTTPS on a real PostgreSQL.
 */
type Till = ReturnType<typeof testCore>;
let server: TestShopServer;
const tills: Till[] = [];
beforeAll(async () => { server = await startTestShopServer(); }, 60_000);
afterAll(async () => { await server?.close(); });
afterEach(async () => { for (const t of tills.splice(0)) await t.dispose(); });

function till(): Till {
  const t = testCore({ syncLoop: false });
  tills.push(t);
  return t;
}

async function join(t: Till, name: string, session?: string) {
  const { code } = await createPairingCode(server.db);
  const r = await t.dispatcher.call('sync.pair', { url: server.url, code, tillName: name }, session ?? null);
  if (!r.ok) throw new Error(`sync.pair: ${JSON.stringify(r.error)}`);
  return r.value;
}

const ownerOf = async (t: Till) => {
  const id = (t.db.prepare("SELECT id FROM staff WHERE role = 'owner' AND active = 1").get() as { id: number }).id;
  const r = await t.dispatcher.call('auth.signIn', { staffId: id, pin: '1234' });
  if (!r.ok) throw new Error('owner sign-in');
  return r.value.token;
};

describe('two tills and a shop server', () => {
  it('the first till brings its shop; a new till joins it; members, sales and refunds reach every till', async () => {
    const one = till();
    const { token: owner1 } = await shopWithOwner(one);
    for (const p of PRODUCTS) await ok(one, 'products.save', p, owner1);
    await ok(one, 'shifts.open', { openingFloatFen: 10000 }, owner1);
    const status1 = await join(one, '收银台 1', owner1);
    expect(status1).toMatchObject({ paired: true, tillCode: 'T1' });
    await one.services.sync.syncOnce();
    expect(one.services.sync.status()).toMatchObject({ online: true, backlog: 0 });

    const two = till();
    // A new till joins without anyone signed in (it has no staff yet), and gets the shop.
    expect(await join(two, '收银台 2')).toMatchObject({ paired: true, tillCode: 'T2' });
    await two.services.sync.syncOnce();
    const owner2 = await ownerOf(two);
    await ok(two, 'shifts.open', { openingFloatFen: 5000 }, owner2);

    // A member enrolled at till 1 is found at till 2.
    const m = await ok(one, 'members.enrol', { phone: '13800138000', name: '张三' }, owner1);
    await one.services.sync.syncOnce();
    await two.services.sync.syncOnce();
    const at2 = (await ok(two, 'members.find', { query: '13800138000' }, owner2)).members;
    expect(at2.map((x) => x.cardNo)).toEqual([m.cardNo]);

    // A member sale at till 2 shows in till 1's dashboard and the member's points.
    const cola2 = (await ok(two, 'products.list', { limit: 10 }, owner2)).items.find((p) => p.sku === 'SP70')!;
    const sale = await ok(two, 'sales.commit', {
      clientRef: clientRef(), lines: [{ productId: cola2.id, qty: 2 }], memberId: at2[0]!.id,
      payments: [{ method: 'card', amountFen: 1500 }], expectedTotalFen: 1500, print: false,
    }, owner2);
    expect(sale.sale.receiptNo).toMatch(/^T2-/);
    await two.services.sync.syncOnce();
    await one.services.sync.syncOnce();
    const points1 = (await ok(one, 'members.card', { id: m.id }, owner1)).points;
    expect(points1).toBeGreaterThan(0);
    expect(one.db.prepare('SELECT sales, revenue_fen FROM sales_daily').all()).toEqual(two.db.prepare('SELECT sales, revenue_fen FROM sales_daily').all());

    // Till 1 refunds till 2's sale: the points go back at both.
    const local = one.db.prepare('SELECT id FROM sales WHERE receipt_no = ?').get(sale.sale.receiptNo) as { id: number };
    const lines = (await ok(one, 'sales.get', { id: local.id }, owner1)).lines;
    await ok(one, 'sales.refund', { saleId: local.id, clientRef: clientRef(), lines: lines.map((l) => ({ lineId: l.id, qty: l.qty })), payments: [{ method: 'card', amountFen: 1500 }], reason: '顾客退货', print: false }, owner1);
    await one.services.sync.syncOnce();
    await two.services.sync.syncOnce();
    const pointsOf = (t: Till) => (t.db.prepare('SELECT b.points FROM member_balances b JOIN members x ON x.id = b.member_id WHERE x.phone = ?').get('13800138000') as { points: number }).points;
    expect(pointsOf(one)).toBe(0);
    expect(pointsOf(two)).toBe(0);
    // Every fact reached the server exactly once.
    const facts = await server.db.query<{ n: string; distinct_rows: string }>("SELECT count(*) AS n, count(DISTINCT row_gid) AS distinct_rows FROM facts WHERE tbl = 'sales'");
    expect(facts.rows[0]).toEqual({ n: '2', distinct_rows: '2' });
  });

  it('a till with a shop of its own cannot join a server that already holds one, and nothing is queued', async () => {
    const first = till();
    const { token } = await shopWithOwner(first);
    await join(first, 'A', token).catch(() => undefined); // may already be paired to this server from above: either way the server has a shop
    const other = till();
    const { token: owner } = await shopWithOwner(other);
    const { code } = await createPairingCode(server.db);
    const r = await other.dispatcher.call('sync.pair', { url: server.url, code, tillName: 'B' }, owner);
    expect(r.ok ? 'paired' : r.error.code).toBe('conflict');
    expect(other.services.sync.status()).toMatchObject({ paired: false, backlog: 0 });
    // Without the owner signed in, a set-up till cannot even try.
    const anon = await other.dispatcher.call('sync.pair', { url: server.url, code, tillName: 'B' }, null);
    expect(anon.ok ? 'paired' : anon.error.code).toBe('not_signed_in');
  });
});
