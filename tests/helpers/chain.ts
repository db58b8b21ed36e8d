import { testCore, shopWithOwner, fixedClock } from './core.js';
import { ok } from './shop.js';
import { ownerOf } from './two-tills.js';
import { startTestShopServer, type TestShopServer } from './shop-server.js';
import { createPairingCode } from '../../server/pairing.js';
import { startShopServer } from '../../server/http/server.js';
import { addBranch, setMemberReplicaLimit } from '../../server/branches/branches.js';
import { connectServer, type ServerClient } from '../../electron/core/sync/server-client.js';

/**
 * A chain of three branches with two real tills each (own SQLite files, real cores, rounds
 * driven by the test), paired with one real shop server on a real PostgreSQL:
 *
 *   A = B1 总店 (head office)   A1 brings the shop (owner, PIN 1234; a ¥15 蛋糕), A2 joins
 *   B = B2 二店 (may add local products)
 *   C = B3 三店 (may not)
 *
 * Every till but A1 joins as a newly installed till of its branch and signs its owner in (the
 * owner is chain-wide). `replicaLimit` is the chain's member replica limit: 0 puts the chain
 * past it at once (branch tills hold only the members they need, as at 2,000,000 members).
 */
export type Till = ReturnType<typeof testCore>;
export type BranchKey = 'A' | 'B' | 'C';
export interface Lane { core: Till; token: string; branch: BranchKey; name: string }

export const DAY = '2026-12-07';

export function chainOfShops() {
  let server: TestShopServer;
  const cores: Till[] = [];
  const branchIds = {} as Record<BranchKey, string>;
  const lanes = {} as Record<'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2', Lane>;
  const clock = fixedClock(`${DAY}T10:00:00`);

  const join = async (t: Till, branch: BranchKey, name: string, session: string | null) => {
    const { code } = await createPairingCode(server.db, undefined, branchIds[branch]);
    const r = await t.dispatcher.call('sync.pair', { url: server.url, code, tillName: name }, session);
    if (!r.ok) throw new Error(`sync.pair: ${JSON.stringify(r.error)}`);
    // The tests decide when each till talks to the server.
    await t.services.sync.stop();
  };

  const chain = {
    get server() { return server; },
    lanes,
    branchIds,
    clock,
    all: () => Object.values(lanes),

    async start(options: { replicaLimit?: number } = {}) {
      server = await startTestShopServer();
      branchIds.A = (await server.db.pool.query<{ branch_id: string }>("SELECT branch_id FROM branches WHERE code = 'B1'")).rows[0]!.branch_id;
      branchIds.B = (await addBranch(server.db, '二店', { localProducts: true })).branchId;
      branchIds.C = (await addBranch(server.db, '三店')).branchId;
      if (options.replicaLimit !== undefined) await setMemberReplicaLimit(server.db, options.replicaLimit);

      const a1 = testCore({ syncLoop: false, clock, spendDeadlineMs: 20_000 });
      cores.push(a1);
      const { token } = await shopWithOwner(a1);
      await ok(a1, 'products.save', { sku: 'CAKE', name: '蛋糕', categoryName: '烘焙', priceFen: 1500, barcodes: [], pointsPct: 100 }, token);
      await ok(a1, 'shifts.open', { openingFloatFen: 0 }, token);
      await join(a1, 'A', '总店 1', token);
      await a1.services.sync.syncOnce();
      lanes.A1 = { core: a1, token, branch: 'A', name: 'A1' };
      for (const [key, branch] of [['A2', 'A'], ['B1', 'B'], ['B2', 'B'], ['C1', 'C'], ['C2', 'C']] as const) {
        const t = testCore({ syncLoop: false, clock, spendDeadlineMs: 20_000 });
        cores.push(t);
        await join(t, branch, key, null);
        await t.services.sync.syncOnce();
        const owner = await ownerOf(t);
        await ok(t, 'shifts.open', { openingFloatFen: 0 }, owner);
        lanes[key] = { core: t, token: owner, branch, name: key };
      }
    },

    /** Rounds at every till until nothing moves (each push, then each pull, twice over). */
    async syncAll(): Promise<void> {
      for (let round = 0; round < 2; round++) {
        for (const l of chain.all()) await l.core.services.sync.syncOnce().catch(() => {});
      }
    },

    /** Takes the server off the network; the answer brings it back on the same port. */
    async serverDown(): Promise<() => Promise<void>> {
      const port = server.server.port;
      server.server.server.closeAllConnections();
      await server.server.close();
      // The tills find out as a counter would: their next call fails.
      for (const l of chain.all()) await l.core.services.sync.syncOnce().catch(() => {});
      return async () => {
        server.server = await startShopServer({ db: server.db, identity: server.identity, host: '127.0.0.1', port, logger: { error: () => {} } });
      };
    },

    /** A raw client paired into a branch (for the server-level tests). */
    async rawTill(branch: BranchKey, name = `raw-${branch}`): Promise<{ client: ServerClient; tillId: string }> {
      const { code } = await createPairingCode(server.db, undefined, branchIds[branch]);
      const client = connectServer({ url: server.url, timeoutMs: 10_000 });
      const answer = await client.pair(code, name);
      rawClients.push(client);
      return { client, tillId: answer.tillId };
    },

    async stop() {
      for (const c of rawClients.splice(0)) c.close();
      for (const t of cores.splice(0)) await t.dispose();
      await server?.close();
    },
  };
  const rawClients: ServerClient[] = [];
  return chain;
}

/** A member's stored value at a till: its ledger's sum and the cached balance, which must agree. */
export function storedValueAt(t: Till, phone: string): { ledger: number; cached: number } | null {
  const m = t.db.prepare('SELECT id FROM members WHERE phone = ?').get(phone) as { id: number } | undefined;
  if (!m) return null;
  const ledger = (t.db.prepare('SELECT coalesce(sum(principal_delta + bonus_delta), 0) AS n FROM stored_value_ledger WHERE member_id = ?').get(m.id) as { n: number }).n;
  const cached = (t.db.prepare('SELECT coalesce((SELECT principal_fen + bonus_fen FROM member_balances WHERE member_id = ?), 0) AS n').get(m.id) as { n: number }).n;
  return { ledger, cached };
}

/** A member's points at a till: the ledger's sum and the cached balance. */
export function pointsAt(t: Till, phone: string): { ledger: number; cached: number } | null {
  const m = t.db.prepare('SELECT id FROM members WHERE phone = ?').get(phone) as { id: number } | undefined;
  if (!m) return null;
  const ledger = (t.db.prepare('SELECT coalesce(sum(delta), 0) AS n FROM points_ledger WHERE member_id = ?').get(m.id) as { n: number }).n;
  const cached = (t.db.prepare('SELECT coalesce((SELECT points FROM member_balances WHERE member_id = ?), 0) AS n').get(m.id) as { n: number }).n;
  return { ledger, cached };
}
