import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock, type testCore } from '../../../tests/helpers/core.js';
import { grantOrSpend, threeMembers, type PointsOp } from '../../../tests/helpers/points-history.js';
import { EXPIRY_CANDIDATES_SQL } from './points.js';

/**
 * The points write-off runs behind the till at the first start of a day (daily.ts). What a
 * cashier or a member would notice: the till serves at once; points past their last day
 * cannot be spent on the day's first sale, written off yet or not; a write-off stopped
 * half-way is finished by the next start, nothing twice; entries written between two slices
 * are never missed.
 */
type Shop = Awaited<ReturnType<typeof openShop>> & { clock: ReturnType<typeof fixedClock> };
const shops: Shop[] = [];
const cores: Array<ReturnType<typeof testCore>> = [];
afterEach(async () => {
  for (const s of shops.splice(0)) await s.core.dispose();
  for (const c of cores.splice(0)) await c.dispose();
});

async function shop(at: string) {
  const clock = fixedClock(at);
  const s = { ...(await openShop({ clock })), clock };
  shops.push(s);
  await s.core.services.daily.idle(); // the shop's own first start
  return s;
}

const expireEntries = (s: Shop) => s.core.db.prepare("SELECT member_id AS memberId, delta FROM points_ledger WHERE reason = 'expire' ORDER BY id").all();
const mark = (s: Shop) => s.core.services.settings.get<{ on: string; lastId: number } | null>('points.expiryMark', null);

/** A sale of `qty` × 中华 (¥45 each) for the member, spending `redeemPoints`; the core's answer as is. */
function buyRedeeming(s: Shop, memberId: number, qty: number, redeemPoints: number, totalFen: number) {
  return s.core.dispatcher.call('sales.commit', {
    clientRef: clientRef(), memberId, redeemPoints,
    lines: [{ productId: s.products[2]!.id, qty }], payments: [{ method: 'cash', amountFen: totalFen }], expectedTotalFen: totalFen,
  }, s.cashier.token);
}

describe('the points write-off at the first start of a day', () => {
  it('runs behind the till; until it has run, the expired points cannot pay for the first sale', async () => {
    const s = await shop('2026-01-10T10:00:00');
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    await ok(s.core, 'points.adjust', { memberId: m.id, delta: 1000, reason: '开业活动' }, s.manager.token); // last day 2027-01-10
    s.clock.set('2026-06-01T10:00:00');
    await ok(s.core, 'points.adjust', { memberId: m.id, delta: 200, reason: '补录' }, s.manager.token); // last day 2027-06-01
    const daily = s.core.services.daily;

    // The morning after the first lot's last day: the start returns before anything is written off…
    s.clock.set('2027-01-11T08:00:00');
    expect(daily.startIfNewDay((err) => { throw err; })).toBe(true);
    expect(expireEntries(s)).toEqual([]);
    // …and here the app is stopped before the write-off's first slice: the till would serve now.
    await daily.stop();
    expect(expireEntries(s)).toEqual([]);

    // The member panel shows only what can be spent; a sale asking for the expired points is refused.
    expect(await ok(s.core, 'points.summary', { memberId: m.id }, s.cashier.token)).toMatchObject({ balance: 1200, usable: 200 });
    const refused = await buyRedeeming(s, m.id, 5, 1000, 22500 - 1000);
    expect(refused).toMatchObject({ ok: false, error: { messageKey: 'errors.points_over_limit', details: { usable: 200 } } });
    // The points still valid pay as usual (¥2 off ¥225).
    const sale = await buyRedeeming(s, m.id, 5, 200, 22500 - 200);
    expect(sale).toMatchObject({ ok: true });
    if (!sale.ok) return;
    const earned = sale.value.sale.pointsEarned;
    expect(expireEntries(s)).toEqual([]);

    // The next start finishes the day: exactly the expired lot is written off, the sale's spend took none of it.
    expect(daily.startIfNewDay((err) => { throw err; })).toBe(true);
    await daily.idle();
    expect(expireEntries(s)).toEqual([{ memberId: m.id, delta: -1000 }]);
    expect(await ok(s.core, 'points.summary', { memberId: m.id }, s.cashier.token)).toMatchObject({ balance: earned, usable: earned });
    expect(mark(s)).toMatchObject({ on: '2027-01-11' });
    expect(daily.startIfNewDay((err) => { throw err; })).toBe(false);
  });

  it('stopped after a slice, the next run writes off the rest and nobody twice', async () => {
    const s = await shop('2026-01-10T10:00:00');
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const m = await ok(s.core, 'members.enrol', { phone: `1381234560${i}` }, s.cashier.token);
      await ok(s.core, 'points.adjust', { memberId: m.id, delta: 100 + i, reason: '开业活动' }, s.manager.token);
      ids.push(m.id);
    }
    s.clock.set('2027-01-11T08:00:00');
    const points = s.core.services.points;
    const before = mark(s);
    const steps = points.expireSteps(2);
    expect(steps.next().done).toBe(false); // the candidates are listed
    expect(steps.next().done).toBe(false); // one slice: two members
    steps.return({ points: 0, members: 0 }); // the app quits here
    expect(expireEntries(s)).toEqual([{ memberId: ids[0], delta: -100 }, { memberId: ids[1], delta: -101 }]);
    expect(mark(s)).toEqual(before); // the day is not marked done

    expect(points.expireAll()).toEqual({ points: 102 + 103 + 104, members: 3 });
    expect(expireEntries(s)).toEqual(ids.map((id, i) => ({ memberId: id, delta: -(100 + i) })));
    expect(points.expireAll()).toEqual({ points: 0, members: 0 });
  });

  it('finds who to look at by index ranges, never by walking the ledger', async () => {
    const s = await shop('2026-01-10T10:00:00');
    for (const [name, sql] of Object.entries(EXPIRY_CANDIDATES_SQL)) {
      const args = name === 'writtenAfter' ? [1] : name === 'expiredBetween' ? ['2026-01-01', '2026-01-10'] : ['2026-01-10'];
      const plan = s.core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args).map((r) => (r as { detail: string }).detail).join(' | ');
      expect(plan, name).toMatch(/^SEARCH points_ledger USING (INDEX points_ledger_expiry|INTEGER PRIMARY KEY)/);
      expect(plan, name).not.toMatch(/SCAN/);
    }
  });
});


describe('the write-off in slices (property)', () => {
  const step = fc.oneof(
    grantOrSpend,
    // A first start of a day: the write-off one member per slice, with grants (backdated, as
    // merges and refunds bring) and spends between the slices.
    fc.record({ kind: fc.constant('day' as const), days: fc.integer({ min: 1, max: 15 }), between: fc.array(fc.array(grantOrSpend, { maxLength: 2 }), { maxLength: 4 }) }),
  );

  it('spends between slices never take expired points, and the next run misses nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
      const shop = await threeMembers(cores);
      const { clock, core, ids, points } = shop;
      const apply = (o: PointsOp) => {
        const id = shop.apply(o);
        // What can be spent is never more than the balance (the expired part waits to be written off).
        expect(points.usable(id)).toBeLessThanOrEqual(Math.max(0, points.balance(id)));
      };
      for (const s of steps) {
        if (s.kind !== 'day') { apply(s); continue; }
        clock.advance(s.days * 86_400_000);
        const run = points.expireSteps(1);
        let k = 0;
        while (!run.next().done) for (const o of s.between[k++] ?? []) apply(o);
        // The next run (with the mark) catches whatever came in between; a full replay then finds nothing.
        points.expireAll();
        core.db.prepare("DELETE FROM settings WHERE key = 'points.expiryMark'").run();
        expect(points.expireAll()).toEqual({ points: 0, members: 0 });
        // Written off, every balance is what can be spent.
        for (const id of ids) expect(points.usable(id)).toBe(Math.max(0, points.balance(id)));
      }
      await shop.dispose();
    }), { numRuns: 30 });
  }, 300_000);
});
