import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock } from '../../../tests/helpers/core.js';

type Shop = Awaited<ReturnType<typeof openShop>> & { clock: ReturnType<typeof fixedClock> };
const shops: Shop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });
async function shop(at = '2026-11-18T10:00:00') { // a Wednesday
  const clock = fixedClock(at);
  const s = { ...(await openShop({ clock })), clock };
  shops.push(s);
  return s;
}

async function buy(s: Shop, memberId: number | null, lines: Array<[number, number]>, opts: { redeemPoints?: number; method?: 'cash' | 'wechat' } = {}) {
  const commit = (total: number) => s.core.dispatcher.call('sales.commit', {
    clientRef: clientRef(), memberId, redeemPoints: opts.redeemPoints ?? 0,
    lines: lines.map(([i, qty]) => ({ productId: s.products[i]!.id, qty })),
    payments: total > 0 ? [{ method: opts.method ?? 'wechat', amountFen: total }] : [], expectedTotalFen: total,
  }, s.cashier.token);
  const probe = await commit(0);
  if (probe.ok) return probe.value;
  if (probe.error.code !== 'conflict') throw new Error(JSON.stringify(probe.error));
  const r = await commit((probe.error.details as { totalFen: number }).totalFen);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const summary = (s: Shop, id: number) => ok(s.core, 'points.summary', { memberId: id }, s.cashier.token);

describe('points', () => {
  it('earns 1 point per whole yuan paid, times the tier and the member-day multiplier; tobacco earns none', async () => {
    const s = await shop();
    await ok(s.core, 'rewards.setRules', { memberDay: { kind: 'weekday', weekday: 3 }, memberDayPointsPct: 200 }, s.owner);
    const gold = (await ok(s.core, 'tiers.list', {}, s.owner)).find((t) => t.name === '金卡会员')!;
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    s.core.db.prepare('UPDATE members SET tier_id = ? WHERE id = ?').run(gold.id, m.id);
    // chips ¥7.50 × 2 = ¥15.00, 95折 = ¥14.25; tobacco ¥45 × 95% = ¥42.75 earns nothing.
    const r = await buy(s, m.id, [[1, 2], [2, 1]]);
    expect(r.sale.totalFen).toBe(1425 + 4275);
    // 14.25 yuan paid on points-earning goods -> 14 × 1.5 (gold) × 2 (member day) = 42.75 -> 42
    expect(r.sale.pointsEarned).toBe(42);
    expect(await summary(s, m.id)).toMatchObject({ balance: 42, usable: 42 });
    s.clock.set('2026-11-19T10:00:00'); // Thursday: no member day
    const r2 = await buy(s, m.id, [[1, 2]]);
    expect(r2.sale.pointsEarned).toBe(21);
  });

  it('redeems any part of the balance as a deduction, capped at the share of the order, oldest points first', async () => {
    const s = await shop();
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    await ok(s.core, 'points.adjust', { memberId: m.id, delta: 1000, reason: '开业活动' }, s.manager.token);
    // ¥9 of cola: at most 50% = ¥4.50 = 450 points.
    const over = await s.core.dispatcher.call('sales.commit', { clientRef: clientRef(), memberId: m.id, redeemPoints: 500, lines: [{ productId: s.products[0]!.id, qty: 3 }], payments: [{ method: 'cash', amountFen: 400 }], expectedTotalFen: 400 }, s.cashier.token);
    expect(over).toMatchObject({ ok: false, error: { messageKey: 'errors.points_over_limit', details: { maxDeductionFen: 450, usable: 1000 } } });
    const r = await buy(s, m.id, [[0, 3]], { redeemPoints: 300 });
    expect(r.sale).toMatchObject({ totalFen: 600, discountFen: 300 });
    expect(r.sale.pointsEarned).toBe(6); // earned on the ¥6 actually paid
    expect(await summary(s, m.id)).toMatchObject({ balance: 1000 - 300 + 6 });
    const noMember = await s.core.dispatcher.call('sales.commit', { clientRef: clientRef(), redeemPoints: 10, lines: [{ productId: s.products[0]!.id, qty: 1 }], payments: [{ method: 'cash', amountFen: 290 }], expectedTotalFen: 290 }, s.cashier.token);
    expect(noMember).toMatchObject({ ok: false, error: { messageKey: 'errors.points_need_member' } });
  });

  it('expires points FIFO after 12 months, once, and shows what is expiring soon', async () => {
    const s = await shop('2026-01-10T10:00:00');
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    await buy(s, m.id, [[1, 2]]); // 15 points, expire 2027-01-10
    s.clock.set('2026-06-01T10:00:00');
    await buy(s, m.id, [[1, 4]]); // 30 points, expire 2027-06-01
    s.clock.set('2026-12-20T10:00:00');
    await buy(s, m.id, [[0, 3]], { redeemPoints: 10 }); // spends 10 of the January lot
    // ¥9 less 10 points (10 fen) = ¥8.90 paid -> 8 points.
    expect(await summary(s, m.id)).toMatchObject({ balance: 15 + 30 - 10 + 8, expiringSoon: 5, expiringBy: '2027-01-20' });
    s.clock.set('2027-01-11T08:00:00');
    expect(await ok(s.core, 'rewards.runDaily', {}, s.owner)).toMatchObject({ expiredPoints: 5, membersExpired: 1 });
    expect(await ok(s.core, 'rewards.runDaily', {}, s.owner)).toMatchObject({ expiredPoints: 0 });
    expect(await summary(s, m.id)).toMatchObject({ balance: 30 + 8 });
    const st = await ok(s.core, 'points.statement', { memberId: m.id }, s.cashier.token);
    expect(st.items.map((e) => [e.reason, e.delta, e.balance])).toEqual([
      ['expire', -5, 38], ['earn', 8, 43], ['redeem', -10, 35], ['earn', 30, 45], ['earn', 15, 15],
    ]);
  });

  it('a refund reverses the points the refunded part earned and gives back the points it used; a whole refund restores the balance exactly', async () => {
    const s = await shop();
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    await ok(s.core, 'points.adjust', { memberId: m.id, delta: 200, reason: '测试' }, s.manager.token);
    const before = (await summary(s, m.id)).balance;
    const r = await buy(s, m.id, [[1, 3], [0, 2]], { redeemPoints: 150 }); // 2250 + 600 = 2850 - 150 = 2700 -> 27 pts
    expect(r.sale.pointsEarned).toBe(27);
    expect((await summary(s, m.id)).balance).toBe(before - 150 + 27);
    let refunded = 0;
    for (const [line, qty] of [[0, 1], [1, 2], [0, 2]] as const) {
      const { amountFen } = await ok(s.core, 'sales.refundQuote', { saleId: r.sale.id, lines: [{ lineId: r.sale.lines[line]!.id, qty }] }, s.manager.token);
      await ok(s.core, 'sales.refund', { saleId: r.sale.id, clientRef: clientRef(), lines: [{ lineId: r.sale.lines[line]!.id, qty }], payments: [{ method: 'wechat', amountFen }] }, s.manager.token);
      refunded += amountFen;
    }
    expect(refunded).toBe(2700);
    expect((await summary(s, m.id)).balance).toBe(before);
  });

  it('a refund of points already spent takes the balance below zero and the next points pay it back', async () => {
    const s = await shop();
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    const chips = await buy(s, m.id, [[1, 4]]); // ¥30 -> 30 points
    await buy(s, m.id, [[2, 2]], { redeemPoints: 30 }); // tobacco earns none; spends all 30
    expect((await summary(s, m.id)).balance).toBe(0);
    const { amountFen } = await ok(s.core, 'sales.refundQuote', { saleId: chips.sale.id, lines: [{ lineId: chips.sale.lines[0]!.id, qty: 4 }] }, s.manager.token);
    await ok(s.core, 'sales.refund', { saleId: chips.sale.id, clientRef: clientRef(), lines: [{ lineId: chips.sale.lines[0]!.id, qty: 4 }], payments: [{ method: 'wechat', amountFen }] }, s.manager.token);
    expect(await summary(s, m.id)).toMatchObject({ balance: -30, usable: 0 });
    await buy(s, m.id, [[1, 4]]); // 30 new points pay the debt first
    expect(await summary(s, m.id)).toMatchObject({ balance: 0, usable: 0 });
    await buy(s, m.id, [[1, 2]]);
    expect(await summary(s, m.id)).toMatchObject({ balance: 15, usable: 15 });
  });

  it('manual adjustments need a manager, a reason, and are audited; a cashier cannot adjust', async () => {
    const s = await shop();
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    expect(await s.core.dispatcher.call('points.adjust', { memberId: m.id, delta: 10, reason: 'x' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ok(s.core, 'points.adjust', { memberId: m.id, delta: 10, reason: '补录' }, s.manager.token)).toEqual({ balance: 10 });
    expect(await s.core.dispatcher.call('points.adjust', { memberId: m.id, delta: -11, reason: '扣除' }, s.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.points_insufficient' } });
    expect(s.core.db.prepare("SELECT details FROM audit_log WHERE action = 'points.adjust'").pluck().get()).toContain('"after":10');
  });

  it('gives enrolment, referral (on the first purchase) and birthday bonuses, each once', async () => {
    const s = await shop('2026-11-18T10:00:00');
    await ok(s.core, 'rewards.setRules', { enrolBonus: 100, referralBonus: 300, birthdayBonus: 200, birthdayWindow: 'week' }, s.owner);
    const a = await ok(s.core, 'members.enrol', { phone: '13812345678', birthday: '11-15' }, s.cashier.token);
    const b = await ok(s.core, 'members.enrol', { phone: '13912345678', referrerId: a.id }, s.cashier.token);
    expect((await summary(s, a.id)).balance).toBe(100);
    await buy(s, b.id, [[0, 1]]);
    await buy(s, b.id, [[0, 1]]);
    expect((await summary(s, a.id)).balance).toBe(400);
    expect(await ok(s.core, 'rewards.runDaily', {}, s.owner)).toMatchObject({ birthdayBonuses: 1 });
    expect(await ok(s.core, 'rewards.runDaily', {}, s.owner)).toMatchObject({ birthdayBonuses: 0 });
    expect((await summary(s, a.id)).balance).toBe(600);
  });

  it('merging moves points with their expiry; erasing forfeits them', async () => {
    const s = await shop();
    const a = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    const b = await ok(s.core, 'members.enrol', { phone: '13912345678' }, s.cashier.token);
    await ok(s.core, 'points.adjust', { memberId: b.id, delta: 70, reason: '测试' }, s.manager.token);
    await ok(s.core, 'members.merge', { keepId: a.id, mergeId: b.id }, s.manager.token);
    expect((await summary(s, a.id)).balance).toBe(70);
    expect((await summary(s, b.id)).balance).toBe(0);
    await ok(s.core, 'members.erase', { id: a.id, reason: '顾客要求' }, s.owner);
    expect((await summary(s, a.id)).balance).toBe(0);
  });
});
