import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectServer, type ServerClient } from '../../electron/core/sync/server-client.js';
import { createPairingCode } from '../../server/pairing.js';
import { addBranch, setMemberReplicaLimit } from '../../server/branches/branches.js';
import type { FeedItem, PushItem, SyncRow } from '../../shared/sync/protocol.js';
import { startTestShopServer, uuidv7, type TestShopServer } from '../helpers/shop-server.js';

/**
 * The server's half of a chain (issue 15), with raw tills over real HTTPS on a real
 * PostgreSQL: which facts each branch's feed carries, head office's set-up and a branch's
 * local products, the member directory and its on-demand lookup, and that a member fetched
 * misses none of their changes made around the fetch.
 */
let shop: TestShopServer;
const branch: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
const clients: ServerClient[] = [];

class RawTill {
  seq = 0;
  cursor = 0;
  constructor(readonly client: ServerClient, readonly tillId: string) {}
  /** One till transaction of these rows (each a new row unless it names its rowGid). */
  async push(...rows: Array<{ table: string; row: SyncRow; rowGid?: string; op?: PushItem['op'] }>) {
    const items: PushItem[] = rows.map((r, i) => ({
      seq: ++this.seq, gid: uuidv7(), rowGid: r.rowGid ?? uuidv7(), table: r.table, op: r.op ?? 'insert', row: r.row,
      hlc: `${Date.now()}-${String(this.seq).padStart(6, '0')}-${this.tillId}`, txnEnd: i === rows.length - 1,
    }));
    const answer = await this.client.push(items);
    return { items, results: answer.results };
  }
  /** Everything new in this till's feed, its cursor moved as a till moves it. */
  async read(): Promise<FeedItem[]> {
    const all: FeedItem[] = [];
    for (;;) {
      const page = await this.client.feed(this.cursor, 200);
      all.push(...page.items);
      this.cursor = Math.max(this.cursor, page.through ?? page.items.at(-1)?.feedNo ?? this.cursor);
      if (page.items.length === 0 || this.cursor >= page.head) return all;
    }
  }
}

async function till(b: keyof typeof branch): Promise<RawTill> {
  const { code } = await createPairingCode(shop.db, undefined, branch[b]);
  const client = connectServer({ url: shop.url, timeoutMs: 10_000 });
  clients.push(client);
  return new RawTill(client, (await client.pair(code, `till ${b}`)).tillId);
}

let phones = 0;
const member = (name = '会员') => {
  const n = String(++phones).padStart(4, '0');
  return { table: 'members', rowGid: uuidv7(), row: { phone: `1390000${n}`, card_no: `290000000${n}`, name } };
};
const tables = (items: FeedItem[]) => items.map((i) => i.table);

beforeAll(async () => {
  shop = await startTestShopServer();
  branch.A = (await shop.db.pool.query<{ branch_id: string }>("SELECT branch_id FROM branches WHERE code = 'B1'")).rows[0]!.branch_id;
  branch.B = (await addBranch(shop.db, '二店', { localProducts: true })).branchId;
  branch.C = (await addBranch(shop.db, '三店')).branchId;
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await shop?.close();
});

describe('a branch till\'s feed', () => {
  it('carries its branch\'s facts, the chain\'s set-up and — under the replica limit — every member; past it, only the members its branch holds', async () => {
    const [a, b, c] = [await till('A'), await till('B'), await till('C')];
    const m = member();
    await a.push({ table: 'products', row: { sku: 'CAKE' } });
    await a.push(m, { table: 'points_ledger', row: { member_id: m.rowGid, delta: 10, reason: 'earn' } });
    await a.push({ table: 'sales', row: { member_id: m.rowGid, total_fen: 100 } });
    await c.push({ table: 'sales', row: { total_fen: 200 } });
    expect(tables(await b.read())).toEqual(['products', 'members', 'points_ledger']);
    expect(tables(await c.read())).toEqual(['products', 'members', 'points_ledger', 'sales']);

    await setMemberReplicaLimit(shop.db, 0);
    const later = member();
    await a.push(later, { table: 'points_ledger', row: { member_id: later.rowGid, delta: 5, reason: 'earn' } });
    await a.push({ table: 'points_ledger', row: { member_id: m.rowGid, delta: 1, reason: 'earn' } });
    await a.push({ table: 'tiers', row: { name: '金卡' } });
    // B holds neither member (both are A's): it sees head office's tier only, and its cursor passes the rest.
    expect(tables(await b.read())).toEqual(['tiers']);
    expect(b.cursor).toBe(Number((await shop.db.pool.query<{ n: string }>('SELECT n FROM feed_counter')).rows[0]!.n));
    // A's other till sees everything of its branch.
    const a2 = await till('A');
    expect(tables(await a2.read())).toEqual(['products', 'members', 'points_ledger', 'sales', 'members', 'points_ledger', 'points_ledger', 'tiers']);
  });

  it('refuses set-up from a branch, and local products from one not allowed them; a local product stays in its branch', async () => {
    const [a, b, c] = [await till('A'), await till('B'), await till('C')];
    const [b2, c2] = [await till('B'), await till('C')];
    const chainProduct = { table: 'products', rowGid: uuidv7(), row: { sku: 'HO1' } };
    await a.push(chainProduct);
    const local = { table: 'products', rowGid: uuidv7(), row: { sku: 'LOCAL' } };
    const pushed = [
      await c.push({ table: 'products', row: { sku: 'NOPE' } }),
      await b.push({ table: 'coupon_templates', row: { name: '满减' } }),
      await b.push({ table: 'products', op: 'update', rowGid: chainProduct.rowGid, row: { price_fen: 1 } }),
      await b.push(local),
      await b.push({ table: 'product_barcodes', row: { barcode: '2000000000008', product_id: local.rowGid } }),
      await b.push({ table: 'staff', row: { name: '二店小张', branch_code: 'B2' } }),
    ];
    expect(pushed.map((p) => p.results[0])).toMatchObject([
      { status: 'rejected', reason: 'local_products_not_allowed' },
      { status: 'rejected', reason: 'head_office_only' },
      { status: 'rejected', reason: 'head_office_only' },
      { status: 'ok' }, { status: 'ok' }, { status: 'ok' },
    ]);
    const seen = async (t: RawTill) => (await t.read()).filter((i) => ['products', 'product_barcodes', 'staff', 'coupon_templates'].includes(i.table)).map((i) => String(i.row.sku ?? i.row.barcode ?? i.row.name));
    expect(await b2.read().then((items) => items.filter((i) => i.tillId === b.tillId).map((i) => i.table))).toEqual(['products', 'product_barcodes', 'staff']);
    expect((await seen(c2)).filter((x) => ['LOCAL', '2000000000008', 'NOPE', '满减'].includes(x))).toEqual([]);
    expect(await seen(c2)).toEqual([]); // read already
    const a2 = await till('A');
    expect((await seen(a2))).toEqual(expect.arrayContaining(['HO1', '二店小张']));
    expect((await shop.db.pool.query("SELECT count(*)::int AS n FROM exceptions WHERE reason IN ('head_office_only', 'local_products_not_allowed')")).rows).toEqual([{ n: 3 }]);
  });
});

describe('the member directory and the on-demand lookup', () => {
  it('finds by phone, card and last four digits, follows an edit of the phone, and asks for more digits when many share them', async () => {
    const [a, c] = [await till('A'), await till('C')];
    const m = member('王芳');
    await a.push(m, { table: 'stored_value_ledger', row: { member_id: m.rowGid, principal_delta: 5000, bonus_delta: 0, reason: 'topup' } });
    const byPhone = await c.client.lookupMember({ by: 'phone', value: m.row.phone });
    expect(byPhone).toMatchObject({ members: [m.rowGid], tooMany: false });
    expect(tables(byPhone.items)).toEqual(['members', 'stored_value_ledger']);
    expect((await c.client.lookupMember({ by: 'card', value: m.row.card_no })).members).toEqual([m.rowGid]);
    expect((await c.client.lookupMember({ by: 'last4', value: m.row.phone.slice(-4) })).members).toEqual([m.rowGid]);
    await a.push({ table: 'members', op: 'update', rowGid: m.rowGid, row: { phone: '13811112222' } });
    expect((await c.client.lookupMember({ by: 'phone', value: m.row.phone })).members).toEqual([]);
    expect((await c.client.lookupMember({ by: 'phone', value: '13811112222' })).members).toEqual([m.rowGid]);
    // Eleven members ending in 7777: too many for one answer.
    for (let i = 0; i < 11; i++) await a.push({ table: 'members', row: { phone: `1370${String(i).padStart(3, '0')}7777`, card_no: `2911${i}`, name: `同尾号${i}` } });
    expect(await c.client.lookupMember({ by: 'last4', value: '7777' })).toMatchObject({ members: [], tooMany: true, items: [] });
    expect(await c.client.lookupMember({ by: 'phone', value: '13999999999' })).toMatchObject({ members: [], tooMany: false });
  });

  it('a member fetched misses none of the changes made around the fetch (pushes, the fetch and feed reads at once), and the branch\'s other till gets the history replayed', async () => {
    await setMemberReplicaLimit(shop.db, 0);
    const [a, c, c2] = [await till('A'), await till('C'), await till('C')];
    await c.read();
    await c2.read();
    const fetchedMembers: string[] = [];
    for (let round = 0; round < 12; round++) {
      const m = member();
      fetchedMembers.push(m.rowGid);
      const first = await a.push(m, { table: 'points_ledger', row: { member_id: m.rowGid, delta: 1, reason: 'earn' } });
      const ledger = () => a.push({ table: 'points_ledger', row: { member_id: m.rowGid, delta: 1, reason: 'earn' } });
      // A writes while C fetches and C's feed is read, in every order the server allows.
      const [during, fetched, readAlong] = await Promise.all([ledger(), c.client.lookupMember({ by: 'phone', value: m.row.phone }), c.read()]);
      const after = await ledger();
      const seenByC = new Set([...fetched.items, ...readAlong, ...(await c.read())].map((i) => i.gid));
      const mine = [...first.items, ...during.items, ...after.items].map((i) => i.gid);
      expect(mine.filter((g) => !seenByC.has(g)), `round ${round}: facts C never received`).toEqual([]);
      // C's other till never asked, yet holds her now: the history comes in its feed.
      const seenByC2 = new Set((await c2.read()).map((i) => i.gid));
      expect(mine.filter((g) => !seenByC2.has(g)), `round ${round}: facts C2 never received`).toEqual([]);
    }
    const held = await shop.db.pool.query<{ how: string; n: number }>(
      'SELECT how, count(*)::int AS n FROM member_branches WHERE branch_id = $1 AND member_gid = ANY($2::uuid[]) GROUP BY how', [branch.C, fetchedMembers]);
    expect(held.rows).toEqual([{ how: 'fetch', n: 12 }]);
  }, 60_000);
});
