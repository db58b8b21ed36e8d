import { testCore, shopWithOwner, type fixedClock } from './core.js';
import { ok, clientRef } from './shop.js';
import { startTestShopServer, type TestShopServer } from './shop-server.js';
import { createPairingCode } from '../../server/pairing.js';
import { startShopServer } from '../../server/http/server.js';

/**
 * A shop of two real tills (own SQLite files, real cores, rounds driven by the test) paired
 * with a real shop server on a real PostgreSQL, one per test: for the tests of spending shared
 * balances online and offline.
 */
export type Till = ReturnType<typeof testCore>;

export function twoTillShop() {
  let server: TestShopServer;
  const tills: Till[] = [];
  const shop = {
    get server() { return server; },
    async start() { server = await startTestShopServer(); },
    async stop() {
      for (const t of tills.splice(0)) await t.dispose();
      await server?.close();
    },

    /** Takes the server off the network (connections cut); the answer brings it back on the same port. */
    async serverDown(): Promise<() => Promise<void>> {
      const port = server.server.port;
      server.server.server.closeAllConnections();
      await server.server.close();
      return async () => {
        server.server = await startShopServer({ db: server.db, identity: server.identity, host: '127.0.0.1', port, logger: { error: () => {} } });
      };
    },

    async join(t: Till, name: string, session?: string) {
      const { code } = await createPairingCode(server.db);
      const r = await t.dispatcher.call('sync.pair', { url: server.url, code, tillName: name }, session ?? null);
      if (!r.ok) throw new Error(`sync.pair: ${JSON.stringify(r.error)}`);
    },

    /**
     * Two paired tills with one ¥15 product, a member with `balanceFen` of stored value, both
     * caught up. A generous spend deadline by default: many spends at once on a loaded two-core
     * machine are slower than a counter ever is, and a spend past the deadline counts as offline.
     */
    async twoTills(balanceFen: number, clock?: ReturnType<typeof fixedClock>, spendDeadlineMs = 20_000) {
      const one = testCore({ syncLoop: false, spendDeadlineMs, ...(clock ? { clock } : {}) });
      const two = testCore({ syncLoop: false, spendDeadlineMs, ...(clock ? { clock } : {}) });
      tills.push(one, two);
      const { token: owner1 } = await shopWithOwner(one);
      const product = await ok(one, 'products.save', { sku: 'CAKE', name: '蛋糕', categoryName: '烘焙', priceFen: 1500, barcodes: [], pointsPct: 100 }, owner1);
      await ok(one, 'shifts.open', { openingFloatFen: 0 }, owner1);
      const member = await ok(one, 'members.enrol', { phone: '13900139000', name: '王芳' }, owner1);
      await shop.join(one, '收银台 1', owner1);
      await shop.join(two, '收银台 2');
      // sync.pair starts each till's loop; these tests decide who reaches the server first
      // (syncOnce), so a background round must not push behind their backs.
      await one.services.sync.stop();
      await two.services.sync.stop();
      if (balanceFen > 0) await ok(one, 'storedValue.topUp', { memberId: member.id, amountFen: balanceFen, method: 'cash', tenderedFen: null, clientRef: clientRef(), print: false }, owner1);
      await one.services.sync.syncOnce();
      await two.services.sync.syncOnce();
      const owner2 = await ownerOf(two);
      await ok(two, 'shifts.open', { openingFloatFen: 0 }, owner2);
      const idAt2 = (await ok(two, 'members.find', { query: '13900139000' }, owner2)).members[0]!.id;
      const productAt2 = (await ok(two, 'products.byCode', { code: 'CAKE' }, owner2))!.id;
      return { one, two, owner1, owner2, member: { at1: member.id, at2: idAt2 }, product: { at1: product.id, at2: productAt2 } };
    },

    /** The server's sum of one kind of balance over all accounts. */
    async serverBalance(kind: string): Promise<number> {
      return Number((await server.db.pool.query<{ b: string }>('SELECT sum(balance) AS b FROM accounts WHERE kind = $1', [kind])).rows[0]!.b ?? 0);
    },
  };
  return shop;
}

export async function ownerOf(t: Till): Promise<string> {
  const id = (t.db.prepare("SELECT id FROM staff WHERE role = 'owner' AND active = 1").get() as { id: number }).id;
  const r = await t.dispatcher.call('auth.signIn', { staffId: id, pin: '1234' });
  if (!r.ok) throw new Error('owner sign-in');
  return r.value.token;
}

export const storedValueOf = (t: Till, memberId: number) =>
  (t.db.prepare('SELECT coalesce(sum(principal_delta + bonus_delta), 0) AS n FROM stored_value_ledger WHERE member_id = ?').get(memberId) as { n: number }).n;
export const cachedBalance = (t: Till, memberId: number) =>
  (t.db.prepare('SELECT principal_fen + bonus_fen AS n FROM member_balances WHERE member_id = ?').get(memberId) as { n: number }).n;

/** One ¥15 (× qty) sale paid from the member's stored value. */
export function payByCard(t: Till, token: string, memberId: number, productId: number, qty = 1) {
  return t.dispatcher.call('sales.commit', {
    clientRef: clientRef(), lines: [{ productId, qty }], memberId, payments: [{ method: 'stored_value', amountFen: 1500 * qty }],
    expectedTotalFen: 1500 * qty, print: false,
  }, token);
}
