/**
 * The chain's member lookups (`npm run bench -- --chain`, issue 15), registered in
 * CHAIN_FIGURE_HOOKS:
 *
 * - At a branch till, from its replica: members.find by full phone and by last four digits
 *   (the single shop's lookup code, bench/figures/lookups.ts) on a till file holding as many
 *   members as a branch's till holds at the FULL chain's scale — the members who did anything
 *   at branch B2 (member_branches) in the cached chain, scaled up to 2,000,000 members, rounded
 *   up to a shop generated at that size — beside a bare primary-key SELECT on the same file.
 * - On demand from the server: POST /v1/members/lookup over real HTTPS on loopback (pinned
 *   TLS, a till of B2 paired with a real pairing code and its token), for members B2 does not
 *   hold, by phone and by last four, on a copy of the cached chain (a fetch marks the member
 *   as held) — beside the bare indexed SELECT of the directory on the same PostgreSQL.
 */
import os from 'node:os';
import { openDb } from '../../server/db/pool.js';
import { startShopServer } from '../../server/http/server.js';
import { createPairingCode } from '../../server/pairing.js';
import { fingerprintOf, makeCertificate } from '../../server/tls.js';
import { connectServer } from '../../electron/core/sync/server-client.js';
import { cachedShop, DEFAULT_SEED, workingCopy as shopCopy } from '../cache.js';
import { workingCopy, type CachedChain } from '../generate/chain/cached-chain.js';
import { openShopCore } from '../lib/shop-core.js';
import { latency, nowMs, timeEach, type Latency } from '../lib/measure.js';
import type { Row } from '../lib/table.js';
import { lookupFigures } from './lookups.js';

type Hook = (o: { chain: CachedChain; log: (m: string) => void }) => Promise<Row[]>;

const FULL_MEMBERS = 2_000_000;
const SHOP_MEMBERS = 200_000; // the single-shop bench's members at scale 1

/** Members B2's tills hold in the cached chain, and that count at the full chain's scale. */
async function branchHeld(chain: CachedChain): Promise<{ held: number; atFull: number }> {
  const db = openDb(chain.url);
  try {
    const { rows } = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM member_branches mb JOIN branches b ON b.branch_id = mb.branch_id WHERE b.code = 'B2'");
    const held = Number(rows[0]!.n);
    return { held, atFull: Math.round(held * (FULL_MEMBERS / chain.counts.members)) };
  } finally {
    await db.close();
  }
}

export const tillLookups: Hook = async ({ chain, log }) => {
  const { held, atFull } = await branchHeld(chain);
  // The smallest shop in steps of 0.05 (10,000 members) that holds at least that many.
  const scale = Math.min(1, Number((Math.ceil(atFull / (SHOP_MEMBERS * 0.05)) * 0.05).toFixed(2)));
  log(`chain till lookups: B2 holds ${held.toLocaleString()} members here, ~${atFull.toLocaleString()} at full scale: a till file of the shop at scale ${scale}`);
  const shop = await cachedShop({ seed: DEFAULT_SEED, scale, log: (m) => log(`generate till file: ${m}`) });
  const copy = shopCopy(shop, 'chain-till');
  try {
    const { core, cashier } = await openShopCore(shop, copy.dir);
    try {
      // One round first, untimed: a just-opened till file (its pages not yet in SQLite's cache,
      // the dispatcher's code not yet compiled by V8) answered the first round with a p99 of
      // 3.1 ms where the next ones gave 0.08–0.12 ms (README "Head-office figures measured").
      await lookupFigures({ db: core.db, dispatcher: core.dispatcher, token: cashier, samples: 3000 });
      const load = os.loadavg()[0]!.toFixed(1);
      const rows = (await lookupFigures({ db: core.db, dispatcher: core.dispatcher, token: cashier, samples: 3000 }))
        .map((r) => ({ ...r, note: `${r.note}; after one warm-up round; load average ${load} on ${os.cpus().length} cores` }));
      const cpu = await phoneLookupCpu(core, cashier);
      const wanted = new Map([['member.phone.p99', 'member lookup at a branch till by full phone, from its replica, p99'], ['member.last4.p99', 'member lookup at a branch till by last four digits, from its replica, p99']]);
      const kept = rows.filter((r) => wanted.has(r.id));
      const wall = kept.find((r) => r.id === 'member.phone.p99')!;
      return [...kept.map((r) => ({
        ...r, id: `chain.till.${r.id}`, figure: wanted.get(r.id)!, baseline: 'bare PK SELECT of a member on the same till file, p99',
        note: `${r.note}; till file of ${(shop.counts.members ?? 0).toLocaleString()} members (B2 holds ~${atFull.toLocaleString()} at full scale: ${held.toLocaleString()} here × ${(FULL_MEMBERS / chain.counts.members).toFixed(0)})`,
      })), {
        id: 'chain.till.member.phone.cpu.p99', figure: 'member lookup at a branch till by full phone: CPU time per lookup, p99 (what is left of the wall time without the waits for a core)',
        value: cpu.p99, unit: 'ms', baseline: 'the same lookups, wall time p99', baselineValue: wall.value, ratio: cpu.p99 / wall.value, target: '— (explains the wall time)', met: null,
        note: `${cpu.n} lookups, CPU p50 ${cpu.p50.toFixed(3)} ms (process.cpuUsage around each call); load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
      }];
    } finally {
      await core.shutdown();
    }
  } finally {
    copy.cleanup();
  }
};

/**
 * The CPU time of each lookup by full phone (user + system, process.cpuUsage around the call):
 * on a shared machine a call's wall time also holds the time it waited for a core — the slow
 * ones come in steps of the scheduler's 4 ms tick — which CPU time leaves out.
 */
async function phoneLookupCpu(core: Awaited<ReturnType<typeof openShopCore>>['core'], token: string): Promise<Latency> {
  const phones = core.db.prepare<[], string>("SELECT phone FROM members WHERE phone IS NOT NULL AND status = 'active' ORDER BY (id * 40503) % 100003 LIMIT 3000").pluck().all();
  const out: number[] = [];
  for (const phone of phones) {
    const c = process.cpuUsage();
    const r = await core.dispatcher.call('members.find', { query: phone, limit: 8 }, token);
    const d = process.cpuUsage(c);
    if (!r.ok) throw new Error(`members.find ${phone}: ${r.error.code}`);
    out.push((d.user + d.system) / 1000);
  }
  return latency(out);
}

export const serverFetch: Hook = async ({ chain, log }) => {
  log('chain on-demand fetch: copying the cached chain, starting the HTTPS server');
  const copy = await workingCopy(chain, 'fetch');
  const { cert, key } = await makeCertificate('bench-chain', []);
  const server = await startShopServer({ db: copy.db, identity: { cert, key, fingerprint: fingerprintOf(cert) }, host: '127.0.0.1', port: 0, logger: { error: (m) => log(m) } });
  const client = connectServer({ url: server.url, timeoutMs: 10_000 });
  try {
    const { rows: [b2] } = await copy.db.query<{ branch_id: string }>("SELECT branch_id FROM branches WHERE code = 'B2'");
    const { code } = await createPairingCode(copy.db, undefined, b2!.branch_id);
    await client.pair(code, 'bench B2');
    // Members B2 does not hold, spread over the chain; their phones and last fours.
    const { rows: strangers } = await copy.db.query<{ phone: string; last4: string }>(
      `SELECT d.phone, d.last4 FROM member_directory d TABLESAMPLE BERNOULLI (50) REPEATABLE (7)
       WHERE NOT EXISTS (SELECT 1 FROM member_branches mb WHERE mb.member_gid = d.member_gid AND mb.branch_id = $1) LIMIT 1000`, [b2!.branch_id]);
    // Each member fetched once (a second fetch of a member already held replays nothing): the
    // first 40 warm the connection and the server, the rest are timed.
    const once = async <T>(inputs: T[], fn: (x: T) => Promise<unknown>): Promise<Latency> => {
      for (const x of inputs.slice(0, 40)) await fn(x);
      const out: number[] = [];
      for (const x of inputs.slice(40)) {
        const t = nowMs();
        await fn(x);
        out.push(nowMs() - t);
      }
      return latency(out);
    };
    const half = Math.floor(strangers.length / 2);
    const byPhone = strangers.slice(0, half);
    const byLast4 = strangers.slice(half);
    const base = await timeEach(strangers, (s) => copy.db.query('SELECT member_gid FROM member_directory WHERE phone = $1', [s.phone]));
    let items = 0;
    let members = 0;
    let tooMany = 0;
    const phone = await once(byPhone, async (s) => {
      const a = await client.lookupMember({ by: 'phone', value: s.phone });
      items += a.items.length;
      members += a.members.length;
    });
    const last4 = await once(byLast4, async (s) => {
      const a = await client.lookupMember({ by: 'last4', value: s.last4 });
      if (a.tooMany) tooMany++;
      items += a.items.length;
      members += a.members.length;
    });
    log(`chain on-demand fetch: phone p99 ${phone.p99.toFixed(1)} ms, last four p99 ${last4.p99.toFixed(1)} ms; bare directory SELECT p99 ${base.p99.toFixed(2)} ms`);
    const row = (id: string, figure: string, l: Latency, note: string): Row => ({
      id, figure, value: l.p99, unit: 'ms', baseline: 'bare indexed SELECT of the member directory by phone, same PostgreSQL, p99', baselineValue: base.p99,
      ratio: l.p99 / base.p99, target: '≤ 50 ms', met: l.p99 <= 50, note,
    });
    const who = `members B2 does not hold, fetched into B2 (marked, history replayed) over HTTPS on loopback with a paired till's token; ${members} members, ${items} facts returned in all`;
    return [
      row('chain.fetch.phone.p99', 'on-demand member fetch from the server by phone, p99', phone, `${phone.n} fetches (p50 ${phone.p50.toFixed(1)} ms); ${who}`),
      row('chain.fetch.last4.p99', 'on-demand member fetch from the server by last four digits, p99', last4, `${last4.n} fetches (p50 ${last4.p50.toFixed(1)} ms), ${tooMany} answered "too many, more digits"`),
    ];
  } finally {
    client.close();
    await server.close();
    await copy.drop();
  }
};
