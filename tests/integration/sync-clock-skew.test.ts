import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/core/lib/clock.js';
import { createPairingCode } from '../../server/pairing.js';
import { testCore, shopWithOwner } from '../helpers/core.js';
import { ok } from '../helpers/shop.js';
import { startTestShopServer, type TestShopServer } from '../helpers/shop-server.js';

/**
 * Issue 14: "a till whose clock is 10 minutes off still orders profile edits correctly".
 *
 * Two real tills on a real shop server; the slow one's machine runs 10 minutes behind. Its
 * hybrid-logical-clock stamps come from SQLite (`unixepoch('subsec')` in the sync triggers,
 * electron/core/db/sync-triggers.ts), not from the core's Clock, so the slow till gets both: a
 * Clock 10 minutes behind and, on its connection, a `unixepoch` 10 minutes behind.
 *
 * What the HLC guarantees (a stamp is wall-ms, counter, node id, compared in that order; a new
 * stamp is max(own wall, the last stamp seen) with the counter breaking ties):
 *   - every till orders any two edits of a field the same way, so they all end with the same value;
 *   - an edit made after the till has SEEN another edit's stamp carries a larger stamp, so it wins,
 *     however slow that till's clock is: the slow till's wall is pulled up to what it has seen;
 *   - edits of different fields never overwrite each other.
 * What it cannot guarantee: between two edits neither till saw before making its own, the one
 * with the larger wall time wins, and a clock 10 minutes behind makes a really later edit look
 * earlier. Only a corrected clock (e.g. from the server's time) could order those by real time.
 */
const SKEW_MS = -10 * 60_000;
let server: TestShopServer;
let normal: ReturnType<typeof testCore>;
let slow: ReturnType<typeof testCore>;
let ownerN: string;
let ownerS: string;
const members: Record<string, { idN: number; idS: number; gid: string }> = {};

/** The till's SQLite clock SKEW_MS off: `unixepoch()` and `unixepoch('subsec')` (all the sync code reads); other forms as SQLite gives them. */
function skewSqliteClock(db: Database.Database, offsetMs: number) {
  const plain = new Database(':memory:');
  db.function('unixepoch', { varargs: true, deterministic: false }, (...args: unknown[]) => {
    const now = (Date.now() + offsetMs) / 1000;
    if (args.length === 0) return Math.floor(now);
    if (args.length === 1 && args[0] === 'subsec') return now;
    return plain.prepare(`SELECT unixepoch(${args.map(() => '?').join(', ')})`).pluck().get(...(args as never[]));
  });
  return () => plain.close();
}

const offsetClock = (ms: number): Clock => ({ now: () => new Date(Date.now() + ms) });
/** Lets real time pass, so a "later" edit is later by every honest clock. */
const later = () => new Promise((r) => setTimeout(r, 25));

async function pair(t: typeof normal, name: string, session: string | null) {
  const { code } = await createPairingCode(server.db);
  const r = await t.dispatcher.call('sync.pair', { url: server.url, code, tillName: name }, session);
  if (!r.ok) throw new Error(`sync.pair: ${JSON.stringify(r.error)}`);
  // sync.pair starts the background loop; stopped, every round here is one this test asked for
  // (syncOnce joins a round already under way, which may have started before the edit).
  await t.services.sync.stop();
  await t.services.sync.syncOnce();
}

/** Both tills push everything and apply everything (normal, slow, normal). */
async function settle() {
  await normal.services.sync.syncOnce();
  await slow.services.sync.syncOnce();
  await normal.services.sync.syncOnce();
}

const edit = (t: typeof normal, who: string, id: number, patch: { name?: string; note?: string }) => ok(t, 'members.update', { id, ...patch }, who);
const row = (t: typeof normal, gid: string) => t.db.prepare("SELECT m.name, m.note FROM members m JOIN sync_rows r ON r.tbl = 'members' AND r.rid = CAST(m.id AS TEXT) WHERE r.gid = ?").get(gid);
/** The stamp of the last edit this till queued (its outbox entry, before it is pushed). */
const lastQueuedStamp = (t: typeof normal) => (t.db.prepare("SELECT hlc FROM outbox WHERE tbl = 'members' AND op = 'update' ORDER BY seq DESC LIMIT 1").get() as { hlc: string }).hlc;
const heldStamp = (t: typeof normal, gid: string, field: string) => (t.db.prepare('SELECT hlc FROM sync_field_clock WHERE row_gid = ? AND field = ?').get(gid, field) as { hlc: string } | undefined)?.hlc;

const cleanups: Array<() => unknown> = [];
beforeAll(async () => {
  server = await startTestShopServer();
  cleanups.push(() => server.close());
  normal = testCore({ syncLoop: false });
  cleanups.push(() => normal.dispose());
  ownerN = (await shopWithOwner(normal)).token;
  for (const key of ['fields', 'fields2', 'slowFirst', 'seen', 'unseen']) {
    const m = await ok(normal, 'members.enrol', { phone: `1390000${String(Object.keys(members).length).padStart(4, '0')}`, name: `会员${key}`, note: '' }, ownerN);
    members[key] = { idN: m.id, idS: 0, gid: (normal.db.prepare("SELECT gid FROM sync_rows WHERE tbl = 'members' AND rid = ?").get(String(m.id)) as { gid: string }).gid };
  }
  await pair(normal, '收银台 1', ownerN);

  slow = testCore({ syncLoop: false, clock: offsetClock(SKEW_MS) });
  cleanups.push(() => slow.dispose());
  cleanups.push(skewSqliteClock(slow.db, SKEW_MS));
  const seenBySqlite = slow.db.prepare("SELECT unixepoch('subsec') * 1000").pluck().get() as number;
  expect(Math.abs(seenBySqlite - (Date.now() + SKEW_MS))).toBeLessThan(5_000);
  await pair(slow, '收银台 2', null);
  const ownerId = (slow.db.prepare("SELECT id FROM staff WHERE role = 'owner'").get() as { id: number }).id;
  ownerS = slow.services.sessions.open({ id: ownerId, name: '老板', role: 'owner' }).token;
  for (const m of Object.values(members)) m.idS = Number((slow.db.prepare("SELECT rid FROM sync_rows WHERE tbl = 'members' AND gid = ?").get(m.gid) as { rid: string }).rid);
}, 120_000);
afterAll(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

describe('profile edits with a till whose clock runs 10 minutes behind', () => {
  it('edits of different fields at the two tills both survive, in either order', async () => {
    const m = members.fields!;
    await edit(slow, ownerS, m.idS, { name: '慢改名' });
    await later();
    await edit(normal, ownerN, m.idN, { note: '快改备注' });
    await settle();
    expect(row(normal, m.gid)).toEqual({ name: '慢改名', note: '快改备注' });
    expect(row(slow, m.gid)).toEqual(row(normal, m.gid));

    const m2 = members.fields2!;
    await edit(normal, ownerN, m2.idN, { name: '快改名' });
    await later();
    await edit(slow, ownerS, m2.idS, { note: '慢改备注' });
    await settle();
    expect(row(normal, m2.gid)).toEqual({ name: '快改名', note: '慢改备注' });
    expect(row(slow, m2.gid)).toEqual(row(normal, m2.gid));
  });

  it('the same field edited at the slow till and really later at the normal one: the later edit wins everywhere, whoever pushes first', async () => {
    const m = members.slowFirst!;
    await edit(slow, ownerS, m.idS, { name: '慢先' });
    await later();
    await edit(normal, ownerN, m.idN, { name: '快后' });
    // The slow till's edit reaches the server last: arrival order must not matter.
    await normal.services.sync.syncOnce();
    await slow.services.sync.syncOnce();
    await normal.services.sync.syncOnce();
    expect(row(normal, m.gid)).toMatchObject({ name: '快后' });
    expect(row(slow, m.gid)).toEqual(row(normal, m.gid));
  });

  // The case the fault runs found broken: the applier stored the stamps it received but did not
  // merge them into the till's own clock, so the slow till stamped its later edit 10 minutes
  // before the one it had already applied, and the tills disagreed for good. apply.ts now takes
  // max(own clock, every stamp applied).
  it('the same field edited at the normal till, then really later at the slow till after it has seen that edit: the slow till\'s edit wins everywhere', async () => {
    const m = members.seen!;
    await edit(normal, ownerN, m.idN, { note: '快先' });
    await settle(); // the slow till has now seen the normal till's stamp
    expect(row(slow, m.gid)).toMatchObject({ note: '快先' });
    const seen = heldStamp(slow, m.gid, 'note')!;
    await later();
    await edit(slow, ownerS, m.idS, { note: '慢后看过' });
    // The HLC property itself: a stamp made after seeing another is larger, whatever the wall clock says.
    expect(lastQueuedStamp(slow) > seen, `slow till stamped ${lastQueuedStamp(slow)} after seeing ${seen}`).toBe(true);
    await settle();
    expect(row(normal, m.gid)).toMatchObject({ note: '慢后看过' });
    expect(row(slow, m.gid)).toEqual(row(normal, m.gid));
  });

  it('the same field edited at the normal till, then really later at the slow till WITHOUT having seen it: both tills agree, and the faster clock wins (the HLC cannot know real time)', async () => {
    await settle(); // whatever an earlier case left behind
    const m = members.unseen!;
    await edit(normal, ownerN, m.idN, { name: '快先未见' });
    await later();
    await edit(slow, ownerS, m.idS, { name: '慢后未见' });
    // Concurrent edits: the normal till's stamp is larger (its wall is ahead of anything the slow
    // till has seen), so it wins although the slow till's edit was made later in real time.
    const stampN = lastQueuedStamp(normal);
    const stampS = lastQueuedStamp(slow);
    expect(stampN > stampS).toBe(true);
    await slow.services.sync.syncOnce(); // the slow till's edit reaches the server first
    await settle();
    expect(row(normal, m.gid)).toMatchObject({ name: '快先未见' });
    expect(row(slow, m.gid)).toEqual(row(normal, m.gid));
  });
});
