import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, clientRef } from '../helpers/shop.js';
import { chainOfShops, pointsAt, type Lane } from '../helpers/chain.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { createMemberJobsTill } from '../../electron/host/member-jobs-till.js';
import { memberJobsPairingCode, type MemberJobsTill } from '../../server/jobs/member-jobs.js';

/**
 * Issue 15: the daily member jobs of a chain run once, on the server's member-jobs till, not
 * on every till. Three branches with two real tills each, one real shop server on a real
 * PostgreSQL; rounds driven by the test. A member enrolled and buying in branch B has points
 * that expire on the day the jobs run, which is also her birthday: every till runs its own
 * daily jobs too (they leave the member jobs to the server), the server's till runs them
 * twice, and every till ends with exactly one birthday entry and one expiry, balances equal
 * to their ledgers, the same as the server's account.
 */
const chain = chainOfShops();
const tmp = makeTempDir();
let jobs: MemberJobsTill;
beforeAll(async () => {
  await chain.start();
  jobs = createMemberJobsTill(
    { url: chain.server.url, pairingCode: () => memberJobsPairingCode(chain.server.db) },
    { dataDir: tmp.dir, clock: chain.clock, logger: { error: () => {} } },
  );
}, 120_000);
afterAll(async () => {
  await jobs?.close();
  await chain.stop();
  tmp.cleanup();
}, 60_000);

const PHONE = '13600136000';
const memberAt = (lane: Lane) => lane.core.db.prepare('SELECT id FROM members WHERE phone = ?').get(PHONE) as { id: number } | undefined;
const entries = (lane: Lane, reason: string) =>
  (lane.core.db.prepare('SELECT count(*) AS n FROM points_ledger p JOIN members m ON m.id = p.member_id WHERE m.phone = ? AND p.reason = ?').get(PHONE, reason) as { n: number }).n;
const serverPoints = async () =>
  Number((await chain.server.db.pool.query<{ b: string }>("SELECT coalesce(sum(balance), 0) AS b FROM accounts WHERE kind = 'points'")).rows[0]!.b);

describe('the daily member jobs of a chain', () => {
  let earned = 0;

  it('a member of branch B earns points that expire in a month; her birthday is the day after they expire', async () => {
    const { A1, B1 } = chain.lanes;
    // Head office's rules reach every till: points last one month; 88 points on the birthday itself.
    await ok(A1.core, 'rewards.setRules', { expiry: { mode: 'months', months: 1 }, birthdayBonus: 88, birthdayWindow: 'day' }, A1.token);
    await chain.syncAll();
    const m = await ok(B1.core, 'members.enrol', { phone: PHONE, name: '林静', birthday: '01-08' }, B1.token);
    const cake = (await ok(B1.core, 'products.byCode', { code: 'CAKE' }, B1.token))!;
    await ok(B1.core, 'sales.commit', {
      clientRef: clientRef(), lines: [{ productId: cake.id, qty: 1 }], memberId: m.id,
      payments: [{ method: 'cash', amountFen: cake.priceFen }], expectedTotalFen: cake.priceFen, print: false,
    }, B1.token);
    await chain.syncAll();
    earned = pointsAt(B1.core, PHONE)!.ledger;
    expect(earned).toBeGreaterThan(0);
    for (const l of chain.all()) expect(pointsAt(l.core, PHONE), l.name).toEqual({ ledger: earned, cached: earned });
  });

  it('on the day, a paired till runs none of the member jobs and says the server does; expired points cannot be spent before the write-off arrives', async () => {
    chain.clock.set('2027-01-08T09:00:00');
    for (const l of chain.all()) {
      const r = await ok(l.core, 'rewards.runDaily', {}, l.token);
      expect(r, l.name).toEqual({ expiredPoints: 0, membersExpired: 0, birthdayBonuses: 0, birthdayCoupons: 0, memberJobs: 'server' });
    }
    await chain.syncAll();
    const { B2 } = chain.lanes;
    // The balance still counts them (no entry yet), but they are past their last day: not usable, here or offline.
    expect(pointsAt(B2.core, PHONE)).toEqual({ ledger: earned, cached: earned });
    const summary = await ok(B2.core, 'points.summary', { memberId: memberAt(B2)!.id }, B2.token);
    expect(summary).toMatchObject({ balance: earned, usable: 0 });
    const back = await chain.serverDown();
    try {
      const cake = (await ok(B2.core, 'products.byCode', { code: 'CAKE' }, B2.token))!;
      const redeem = await B2.core.dispatcher.call('sales.commit', {
        clientRef: clientRef(), lines: [{ productId: cake.id, qty: 1 }], memberId: memberAt(B2)!.id, redeemPoints: 1,
        payments: [{ method: 'cash', amountFen: cake.priceFen }], expectedTotalFen: cake.priceFen, print: false,
      }, B2.token);
      expect(redeem.ok).toBe(false);
      // Refused for want of usable points (the till's FIFO replay: lots past their last day count for nothing).
      if (!redeem.ok) expect(redeem.error).toMatchObject({ messageKey: 'errors.points_over_limit', details: { usable: 0 } });
    } finally {
      await back();
    }
    for (const l of chain.all()) expect([l.name, entries(l, 'expire'), entries(l, 'birthday')]).toEqual([l.name, 0, 0]);
  });

  it('the server runs them once: one expiry and one birthday entry reach every till, balances equal their ledgers and the server', async () => {
    const first = await jobs.runIfNewDay();
    expect(first).toMatchObject({ day: '2027-01-08', membersExpired: 1, expiredPoints: earned, birthdayBonuses: 1 });
    expect(first!.pushed).toBeGreaterThan(0);
    expect((await chain.server.db.pool.query("SELECT code FROM tills WHERE member_jobs")).rows).toEqual([{ code: 'T0' }]);
    // Again the same day (the hourly tick, or a restart): nothing more.
    expect(await jobs.runIfNewDay()).toBeNull();
    await chain.syncAll();
    for (const l of chain.all()) {
      expect([l.name, entries(l, 'expire'), entries(l, 'birthday')]).toEqual([l.name, 1, 1]);
      expect(pointsAt(l.core, PHONE), l.name).toEqual({ ledger: 88, cached: 88 });
      // Every till running its own jobs again changes nothing.
      await ok(l.core, 'rewards.runDaily', {}, l.token);
    }
    await chain.syncAll();
    for (const l of chain.all()) expect(pointsAt(l.core, PHONE), l.name).toEqual({ ledger: 88, cached: 88 });
    expect(await serverPoints()).toBe(88);
    // The member-jobs till marks no visit: head office does not start holding her.
    const held = await chain.server.db.pool.query<{ code: string }>(
      "SELECT b.code FROM member_branches mb JOIN branches b USING (branch_id) JOIN member_directory d ON d.member_gid = mb.member_gid WHERE d.phone = $1 ORDER BY 1", [PHONE]);
    expect(held.rows.map((r) => r.code)).toEqual(['B2']);
  });

  it('the next day: no second birthday, and the till it paired is the one member-jobs till', async () => {
    chain.clock.set('2027-01-09T09:00:00');
    const next = await jobs.runIfNewDay();
    expect(next).toMatchObject({ day: '2027-01-09', membersExpired: 0, birthdayBonuses: 0 });
    const tills = await chain.server.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM tills WHERE member_jobs AND revoked_at IS NULL');
    expect(tills.rows[0]!.n).toBe('1');
    await chain.syncAll();
    for (const l of chain.all()) expect([l.name, entries(l, 'birthday')]).toEqual([l.name, 1]);
  });
});
