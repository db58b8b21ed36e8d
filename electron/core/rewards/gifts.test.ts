import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock } from '../../../tests/helpers/core.js';
import { lotsTakenBy } from './gifts.js';
import { startFakePrinter } from '../../../tests/helpers/fake-printer.js';
import { decodeEscPos } from '../../../tests/helpers/escpos-decode.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const shops: Shop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });

/** A shop with a thermos (stock 3, 500 points), a service without stock and a member with 1,000 points. */
async function giftShop() {
  const clock = fixedClock('2026-11-22T10:00:00');
  const s = await openShop({ clock });
  shops.push(s);
  const cup = await ok(s.core, 'gifts.save', { name: '保温杯', kind: 'gift', pointsCost: 500, initialStock: 3 }, s.owner);
  const wash = await ok(s.core, 'gifts.save', { name: '免费洗车', kind: 'service', pointsCost: 300, trackStock: false }, s.owner);
  const m = await ok(s.core, 'members.enrol', { phone: '13812345678', name: '张三' }, s.cashier.token);
  await ok(s.core, 'points.adjust', { memberId: m.id, delta: 1000, reason: '开业赠送' }, s.manager.token);
  const redeem = (over: Record<string, unknown> = {}, token = s.cashier.token) =>
    s.core.dispatcher.call('gifts.redeem', { memberId: m.id, giftId: cup.id, qty: 1, clientRef: clientRef(), ...over }, token);
  const summary = () => ok(s.core, 'points.summary', { memberId: m.id }, s.cashier.token);
  const stockOf = async (id: number) => (await ok(s.core, 'gifts.list', { includeInactive: true }, s.cashier.token)).find((g) => g.id === id)!.stock;
  return { ...s, clock, cup, wash, m, redeem, summary, stockOf };
}

describe('gift catalogue', () => {
  it('the owner adds gifts and services; the counter lists the active ones with their stock', async () => {
    const s = await giftShop();
    expect(s.cup).toMatchObject({ name: '保温杯', kind: 'gift', pointsCost: 500, trackStock: true, stock: 3, active: true });
    expect(s.wash).toMatchObject({ kind: 'service', trackStock: false, stock: null });
    await ok(s.core, 'gifts.save', { id: s.wash.id, name: '免费洗车', kind: 'service', pointsCost: 300, trackStock: false, active: false }, s.owner);
    expect((await ok(s.core, 'gifts.list', {}, s.cashier.token)).map((g) => g.name)).toEqual(['保温杯']);
    expect((await ok(s.core, 'gifts.list', { includeInactive: true }, s.owner)).map((g) => g.name)).toEqual(['保温杯', '免费洗车']);
    expect(await s.core.dispatcher.call('gifts.save', { name: '保温杯', kind: 'gift', pointsCost: 1 }, s.owner)).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors.gift_name_taken' } });
    expect(await s.core.dispatcher.call('gifts.save', { id: s.cup.id, name: '保温杯', kind: 'gift', pointsCost: 1, initialStock: 5 }, s.owner)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.core.dispatcher.call('gifts.save', { id: 999, name: '雨伞', kind: 'gift', pointsCost: 1 }, s.owner)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await s.core.dispatcher.call('gifts.save', { name: '雨伞', kind: 'gift', pointsCost: 1 }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a manager restocks and corrects with a reason; stock never goes below zero; a gift without stock has none to move', async () => {
    const s = await giftShop();
    expect(await ok(s.core, 'gifts.restock', { giftId: s.cup.id, delta: 10, reason: '进货' }, s.manager.token)).toMatchObject({ stock: 13 });
    expect(await ok(s.core, 'gifts.restock', { giftId: s.cup.id, delta: -2, reason: '破损' }, s.manager.token)).toMatchObject({ stock: 11 });
    expect(await s.core.dispatcher.call('gifts.restock', { giftId: s.cup.id, delta: -12, reason: '盘点' }, s.manager.token))
      .toMatchObject({ ok: false, error: { messageKey: 'errors.gift_stock_negative', details: { stock: 11 } } });
    expect(await s.core.dispatcher.call('gifts.restock', { giftId: s.wash.id, delta: 1, reason: '进货' }, s.manager.token))
      .toMatchObject({ ok: false, error: { messageKey: 'errors.gift_stock_untracked' } });
    expect(await s.core.dispatcher.call('gifts.restock', { giftId: s.cup.id, delta: 1, reason: '进货' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.core.dispatcher.call('gifts.restock', { giftId: s.cup.id, delta: 1, reason: ' ' }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const moves = s.core.db.prepare('SELECT delta, reason, note FROM gift_stock_ledger WHERE gift_id = ? ORDER BY id').all(s.cup.id);
    expect(moves).toEqual([{ delta: 3, reason: 'restock', note: '' }, { delta: 10, reason: 'restock', note: '进货' }, { delta: -2, reason: 'correction', note: '破损' }]);
    expect(s.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'gifts.restock'").get()).toEqual({ n: 2 });
  });
});

describe('redeeming points for a gift', () => {
  it('spends the points and the stock in one go; the statement shows a gift entry with the balance after it', async () => {
    const s = await giftShop();
    const r = await ok(s.core, 'gifts.redeem', { memberId: s.m.id, giftId: s.cup.id, qty: 1, expectedPoints: 500, clientRef: 'gift-test-001' }, s.cashier.token);
    expect(r).toMatchObject({ balance: 500, usable: 500, stock: 2, redemption: { giftName: '保温杯', qty: 1, points: 500, staffName: '收银小王', cancelled: null } });
    const [entry] = (await ok(s.core, 'points.statement', { memberId: s.m.id }, s.cashier.token)).items;
    expect(entry).toMatchObject({ reason: 'gift', delta: -500, balance: 500, note: '保温杯 ×1', staffName: '收银小王' });
    // The same request again (a retry after a lost answer) does not redeem twice.
    expect(await ok(s.core, 'gifts.redeem', { memberId: s.m.id, giftId: s.cup.id, qty: 1, clientRef: 'gift-test-001' }, s.cashier.token)).toMatchObject({ redemption: { id: r.redemption.id }, balance: 500 });
    // A service has no stock to take.
    expect(await ok(s.core, 'gifts.redeem', { memberId: s.m.id, giftId: s.wash.id, qty: 1, clientRef: clientRef() }, s.cashier.token)).toMatchObject({ balance: 200, stock: null });
    expect((await ok(s.core, 'gifts.redemptions', { memberId: s.m.id }, s.cashier.token))).toMatchObject({ total: 2, items: [{ giftName: '免费洗车' }, { giftName: '保温杯' }] });
    expect(s.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'gifts.redeem'").get()).toEqual({ n: 2 });
  });

  it('takes the earliest-expiring points first, like the checkout deduction', async () => {
    const s = await giftShop(); // 1,000 points expiring 2027-11-22
    s.clock.set('2027-03-01T10:00:00');
    await ok(s.core, 'points.adjust', { memberId: s.m.id, delta: 400, reason: '活动' }, s.manager.token); // expires 2028-03-01
    await ok(s.core, 'gifts.redeem', { memberId: s.m.id, giftId: s.cup.id, qty: 2, clientRef: clientRef() }, s.cashier.token);
    const entries = s.core.services.points.entries(s.m.id);
    expect(lotsTakenBy(entries, entries.at(-1)!.id)).toEqual([{ expiresOn: '2027-11-22', points: 1000 }]);
    s.clock.set('2027-11-23T10:00:00');
    // Nothing of the old lot is left to expire; the new lot is untouched.
    expect(await s.summary()).toMatchObject({ balance: 400, usable: 400 });
  });

  it('refuses: not enough usable points, an inactive gift, not enough stock, a changed cost, a frozen, erased or merged member', async () => {
    const s = await giftShop();
    expect(await s.redeem({ qty: 3 })).toMatchObject({ ok: false, error: { code: 'rule_violation', messageKey: 'errors.points_insufficient', details: { usable: 1000, needed: 1500 } } });
    await ok(s.core, 'points.adjust', { memberId: s.m.id, delta: 5000, reason: '测试' }, s.manager.token);
    expect(await s.redeem({ qty: 4 })).toMatchObject({ ok: false, error: { messageKey: 'errors.gift_out_of_stock', details: { stock: 3 } } });
    expect(await s.redeem({ qty: 0 })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.redeem({ expectedPoints: 400 })).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors.gift_cost_changed', details: { points: 500 } } });
    expect(await s.redeem({ giftId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await ok(s.core, 'gifts.save', { id: s.cup.id, name: '保温杯', kind: 'gift', pointsCost: 500, active: false }, s.owner);
    expect(await s.redeem()).toMatchObject({ ok: false, error: { messageKey: 'errors.gift_inactive' } });
    await ok(s.core, 'gifts.save', { id: s.cup.id, name: '保温杯', kind: 'gift', pointsCost: 500, active: true }, s.owner);

    await ok(s.core, 'members.setStatus', { id: s.m.id, status: 'frozen', reason: '挂失' }, s.manager.token);
    expect(await s.redeem()).toMatchObject({ ok: false, error: { messageKey: 'errors.gift_member_frozen' } });
    await ok(s.core, 'members.setStatus', { id: s.m.id, status: 'active', reason: '找回' }, s.manager.token);

    const dup = await ok(s.core, 'members.enrol', { phone: '13912345678' }, s.cashier.token);
    await ok(s.core, 'members.merge', { keepId: s.m.id, mergeId: dup.id }, s.manager.token);
    expect(await s.redeem({ memberId: dup.id })).toMatchObject({ ok: false, error: { messageKey: 'errors.member_closed' } });
    await ok(s.core, 'members.erase', { id: s.m.id, reason: '本人要求' }, s.owner);
    expect(await s.redeem()).toMatchObject({ ok: false, error: { messageKey: 'errors.member_closed' } });
    // Nothing was written by any refusal.
    expect(s.core.db.prepare('SELECT count(*) AS n FROM gift_redemptions').get()).toEqual({ n: 0 });
    expect(s.core.db.prepare("SELECT count(*) AS n FROM points_ledger WHERE reason LIKE 'gift%'").get()).toEqual({ n: 0 });
    expect(await s.stockOf(s.cup.id)).toBe(3);
  });

  it('points past their last day but not yet written off cannot be spent on a gift', async () => {
    const s = await giftShop();
    s.clock.set('2027-11-23T09:00:00'); // the 1,000 points lapsed yesterday; the daily job has not run
    expect(await s.redeem()).toMatchObject({ ok: false, error: { messageKey: 'errors.points_insufficient', details: { usable: 0 } } });
  });
});

describe('cancelling a redemption', () => {
  it('a manager cancels with a reason: the points come back with the expiry they had, the stock comes back, once only', async () => {
    const s = await giftShop();
    s.clock.set('2027-03-01T10:00:00');
    await ok(s.core, 'points.adjust', { memberId: s.m.id, delta: 400, reason: '活动' }, s.manager.token);
    const before = await s.summary();
    const { redemption } = await ok(s.core, 'gifts.redeem', { memberId: s.m.id, giftId: s.cup.id, qty: 2, clientRef: clientRef() }, s.cashier.token);
    expect(await s.core.dispatcher.call('gifts.cancel', { redemptionId: redemption.id, reason: '顾客不要了' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const cancelled = await ok(s.core, 'gifts.cancel', { redemptionId: redemption.id, reason: '顾客不要了' }, s.manager.token);
    expect(cancelled).toMatchObject({ balance: 1400, usable: 1400, redemption: { cancelled: { staffName: '李店长', reason: '顾客不要了' } } });
    expect(await s.summary()).toEqual(before);
    expect(await s.stockOf(s.cup.id)).toBe(3);
    const [entry] = (await ok(s.core, 'points.statement', { memberId: s.m.id }, s.cashier.token)).items;
    expect(entry).toMatchObject({ reason: 'gift_cancel', delta: 1000, expiresOn: '2027-11-22', balance: 1400, note: '保温杯 ×2: 顾客不要了' });
    expect(await s.core.dispatcher.call('gifts.cancel', { redemptionId: redemption.id, reason: '再来一次' }, s.manager.token))
      .toMatchObject({ ok: false, error: { messageKey: 'errors.gift_redemption_cancelled' } });
    expect(await s.core.dispatcher.call('gifts.cancel', { redemptionId: 999, reason: 'x' }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(s.core.db.prepare("SELECT delta, reason, note FROM gift_stock_ledger WHERE redemption_id = ? ORDER BY id").all(redemption.id))
      .toEqual([{ delta: -2, reason: 'redeem', note: '' }, { delta: 2, reason: 'cancel', note: '顾客不要了' }]);
    expect(s.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'gifts.cancel'").get()).toEqual({ n: 1 });
  });

  it('points given back after their last day come back expired and are written off by the next expiry run', async () => {
    const s = await giftShop();
    const { redemption } = await ok(s.core, 'gifts.redeem', { memberId: s.m.id, giftId: s.cup.id, qty: 1, clientRef: clientRef() }, s.cashier.token);
    s.clock.set('2027-11-23T10:00:00');
    await ok(s.core, 'rewards.runDaily', {}, s.owner); // the 500 left expire
    expect(await ok(s.core, 'gifts.cancel', { redemptionId: redemption.id, reason: '补录' }, s.manager.token)).toMatchObject({ balance: 500, usable: 0 });
    await ok(s.core, 'rewards.runDaily', {}, s.owner);
    expect(await s.summary()).toMatchObject({ balance: 0, usable: 0 });
  });

  it('the dashboard counts gift redemptions as redeemed points, net of cancellations', async () => {
    const s = await giftShop();
    const a = await ok(s.core, 'gifts.redeem', { memberId: s.m.id, giftId: s.cup.id, qty: 1, clientRef: clientRef() }, s.cashier.token);
    await ok(s.core, 'gifts.redeem', { memberId: s.m.id, giftId: s.wash.id, qty: 1, clientRef: clientRef() }, s.cashier.token);
    await ok(s.core, 'gifts.cancel', { redemptionId: a.redemption.id, reason: '撤销' }, s.manager.token);
    const { current } = await ok(s.core, 'stats.overview', { from: '2026-11-22', to: '2026-11-22' }, s.manager.token);
    expect(current).toMatchObject({ pointsRedeemed: 300, pointsOutstanding: 700 });
  });

  it('prints a 兑换单 on the receipt printer with the gift, the points and the balance after', async () => {
    const printer = await startFakePrinter();
    const s = await giftShop();
    try {
      await ok(s.core, 'devices.setConfig', { printer: { type: 'network', host: '127.0.0.1', port: printer.port, paperWidth: 58, openDrawerOnCash: false } }, s.manager.token);
      const { printJobId } = await ok(s.core, 'gifts.redeem', { memberId: s.m.id, giftId: s.cup.id, qty: 1, clientRef: clientRef() }, s.cashier.token);
      expect(printJobId).not.toBeNull();
      const r = decodeEscPos(await printer.waitForJob(0), { cpl: 32 });
      for (const word of ['测试小店', '积分兑换单', '张三 138****5678', '保温杯 ×1', '兑换所需积分', '积分余额', '收银小王']) expect(r.text).toContain(word);
      expect(r.unknown).toEqual([]);
      // No slip when the cashier says so.
      expect(await ok(s.core, 'gifts.redeem', { memberId: s.m.id, giftId: s.cup.id, qty: 1, clientRef: clientRef(), print: false }, s.cashier.token)).toMatchObject({ printJobId: null });
    } finally {
      await s.core.services.print.idle();
      await printer.close();
    }
  });
});
