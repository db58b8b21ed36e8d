import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCore, shopWithOwner } from '../helpers/core.js';
import { ok, clientRef } from '../helpers/shop.js';
import { startTestShopServer, type TestShopServer } from '../helpers/shop-server.js';
import { createPairingCode } from '../../server/pairing.js';
import { startShopServer } from '../../server/http/server.js';

/**
 * The same customer enrolled at two tills while the server was down: two members with one
 * phone. Real tills and a real server on PostgreSQL; the feed must not stop, and the shop
 * must end with one member holding everything, the same on every till.
 */
type Till = ReturnType<typeof testCore>;
let server: TestShopServer;
const tills: Till[] = [];
beforeEach(async () => { server = await startTestShopServer(); }, 60_000);
afterEach(async () => {
  for (const t of tills.splice(0)) await t.dispose();
  await server?.close();
});

async function join(t: Till, name: string, session?: string) {
  const { code } = await createPairingCode(server.db);
  const r = await t.dispatcher.call('sync.pair', { url: server.url, code, tillName: name }, session ?? null);
  if (!r.ok) throw new Error(`sync.pair: ${JSON.stringify(r.error)}`);
}

const PHONE = '13800000001';
const gidOf = (t: Till, id: number) => (t.db.prepare("SELECT gid FROM sync_rows WHERE tbl = 'members' AND rid = ?").get(String(id)) as { gid: string }).gid;
const withPhone = (t: Till) => t.db.prepare("SELECT id, name, status FROM members WHERE phone = ?").all(PHONE) as Array<{ id: number; name: string; status: string }>;
const merged = (t: Till) => t.db.prepare("SELECT id, merged_into FROM members WHERE status = 'merged'").all() as Array<{ id: number; merged_into: number }>;
const storedOf = (t: Till, id: number) => (t.db.prepare('SELECT coalesce(sum(principal_delta + bonus_delta), 0) AS n FROM stored_value_ledger WHERE member_id = ?').get(id) as { n: number }).n;

describe('the same phone enrolled at two tills while offline', () => {
  it.each([['till 1 first', 0], ['till 2 first', 1]])('(%s) ends as one member holding both balances, on every till and the server, the feed never stopping', async (_, firstIndex) => {
    const one = testCore({ syncLoop: false });
    const two = testCore({ syncLoop: false });
    tills.push(one, two);
    const { token: owner1 } = await shopWithOwner(one);
    await join(one, '收银台 1', owner1);
    await join(two, '收银台 2');
    await one.services.sync.syncOnce();
    await two.services.sync.syncOnce();
    const ownerId = (two.db.prepare("SELECT id FROM staff WHERE role = 'owner'").get() as { id: number }).id;
    const owner2 = (await ok(two, 'auth.signIn', { staffId: ownerId, pin: '1234' }, '')).token;
    await ok(one, 'shifts.open', { openingFloatFen: 0 }, owner1);
    await ok(two, 'shifts.open', { openingFloatFen: 0 }, owner2);

    // The server goes away; each till enrols the same customer and takes a top-up.
    const port = server.server.port;
    await server.server.close();
    const at = [[one, owner1, '张三', 5_000], [two, owner2, '张三丰', 3_000]] as const;
    const order = firstIndex === 0 ? [at[0], at[1]] : [at[1], at[0]];
    for (const [t, token, name, fen] of order) {
      const m = await ok(t, 'members.enrol', { phone: PHONE, name }, token);
      await ok(t, 'storedValue.topUp', { memberId: m.id, amountFen: fen, method: 'cash', tenderedFen: null, clientRef: clientRef(), print: false }, token);
      await new Promise((r) => setTimeout(r, 5)); // two different milliseconds: gids order by time
    }
    server.server = await startShopServer({ db: server.db, identity: server.identity, host: '127.0.0.1', port, logger: { error: () => {} } });
    for (let i = 0; i < 3; i++) {
      await one.services.sync.syncOnce();
      await two.services.sync.syncOnce();
    }

    const keptName = order[0]![2];
    for (const t of [one, two]) {
      expect(t.services.sync.status()).toMatchObject({ feedStopped: false, exceptions: 0, backlog: 0 });
      const holders = withPhone(t);
      expect(holders).toEqual([expect.objectContaining({ name: keptName, status: 'active' })]);
      expect(merged(t)).toEqual([{ id: expect.any(Number), merged_into: holders[0]!.id }]);
      // Everything both tills took is on the member kept.
      expect(storedOf(t, holders[0]!.id)).toBe(8_000);
    }
    expect(gidOf(one, withPhone(one)[0]!.id)).toBe(gidOf(two, withPhone(two)[0]!.id));
    const server8000 = await server.db.pool.query<{ balance: string }>("SELECT balance FROM accounts WHERE kind = 'stored_value' AND balance <> 0");
    expect(server8000.rows.map((r) => Number(r.balance))).toEqual([8_000]);
  }, 60_000);
});
