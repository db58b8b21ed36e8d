import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { startFakePrinter } from '../../../tests/helpers/fake-printer.js';
import { decodeEscPos } from '../../../tests/helpers/escpos-decode.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const cleanups: Array<() => unknown> = [];
afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });
async function shop() {
  const s = await openShop();
  cleanups.push(() => s.core.dispose());
  await ok(s.core, 'storedValue.setRules', { bonuses: [{ minFen: 10000, bonusFen: 2000 }, { minFen: 50000, bonusFen: 15000 }], tierGrants: [] }, s.owner);
  const m = await ok(s.core, 'members.enrol', { phone: '13812345678', name: '王芳' }, s.cashier.token);
  return { ...s, m };
}
const balance = (s: Shop, id: number) => ok(s.core, 'storedValue.balance', { memberId: id }, s.cashier.token);

describe('stored value', () => {
  it('a top-up of ¥100 gets the ¥20 bonus, kept apart from the principal; the cash goes into the shift', async () => {
    const s = await shop();
    expect(await ok(s.core, 'storedValue.quote', { amountFen: 10000 }, s.cashier.token)).toEqual({ bonusFen: 2000, tierName: null });
    const r = await ok(s.core, 'storedValue.topUp', { memberId: s.m.id, amountFen: 10000, method: 'cash', tenderedFen: 10000, clientRef: clientRef() }, s.cashier.token);
    expect(r).toMatchObject({ bonusFen: 2000, principalFen: 10000, bonusBalanceFen: 2000, changeFen: 0 });
    expect(await balance(s, s.m.id)).toEqual({ principalFen: 10000, bonusFen: 2000, totalFen: 12000 });
    const report = await ok(s.core, 'shifts.report', {}, s.cashier.token);
    expect(report.expectedCashFen).toBe(20000 + 10000);
    expect(report.byMethod).toEqual([{ method: 'cash', salesFen: 0, refundsFen: 0, topUpsFen: 10000 }]);
  });

  it('pays part of a sale from the balance, principal and bonus in proportion; a refund gives each back exactly', async () => {
    const s = await shop();
    await ok(s.core, 'storedValue.topUp', { memberId: s.m.id, amountFen: 10000, method: 'wechat', clientRef: clientRef() }, s.cashier.token);
    const { sale } = await ok(s.core, 'sales.commit', {
      clientRef: clientRef(), memberId: s.m.id, lines: [{ productId: s.products[2]!.id, qty: 1 }, { productId: s.products[1]!.id, qty: 2 }],
      payments: [{ method: 'stored_value', amountFen: 6000 }], expectedTotalFen: 6000,
    }, s.cashier.token);
    // 6000 of 12000: bonus part 6000 × 2000/12000 = 1000.
    expect(await balance(s, s.m.id)).toEqual({ principalFen: 5000, bonusFen: 1000, totalFen: 6000 });
    expect(sale.pointsEarned).toBe(0); // stored value earns no points
    const tooMuch = await s.core.dispatcher.call('sales.commit', { clientRef: clientRef(), memberId: s.m.id, lines: [{ productId: s.products[2]!.id, qty: 2 }], payments: [{ method: 'stored_value', amountFen: 9000 }], expectedTotalFen: 9000 }, s.cashier.token);
    expect(tooMuch).toMatchObject({ ok: false, error: { messageKey: 'errors.stored_value_insufficient' } });
    for (const line of sale.lines) {
      const lines = [{ lineId: line.id, qty: line.qty }];
      const { amountFen } = await ok(s.core, 'sales.refundQuote', { saleId: sale.id, lines }, s.manager.token);
      await ok(s.core, 'sales.refund', { saleId: sale.id, clientRef: clientRef(), lines, payments: [{ method: 'stored_value', amountFen }] }, s.manager.token);
    }
    expect(await balance(s, s.m.id)).toEqual({ principalFen: 10000, bonusFen: 2000, totalFen: 12000 });
  });

  it('statement shows every entry with running balances; only managers adjust, with a reason', async () => {
    const s = await shop();
    await ok(s.core, 'storedValue.topUp', { memberId: s.m.id, amountFen: 50000, method: 'card', clientRef: clientRef() }, s.cashier.token);
    expect(await s.core.dispatcher.call('storedValue.adjust', { memberId: s.m.id, principalDelta: -100, bonusDelta: 0, reason: 'x' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ok(s.core, 'storedValue.adjust', { memberId: s.m.id, principalDelta: 0, bonusDelta: -5000, reason: '活动调整' }, s.manager.token);
    const st = await ok(s.core, 'storedValue.statement', { memberId: s.m.id }, s.cashier.token);
    expect(st.items.map((e) => [e.reason, e.principalDelta, e.bonusDelta, e.principalBalance, e.bonusBalance])).toEqual([
      ['adjust', 0, -5000, 50000, 10000], ['topup', 50000, 15000, 50000, 15000],
    ]);
    expect(st.items[1]!.receiptNo).toMatch(/^\d{8}-\d{4}$/);
    expect(await s.core.dispatcher.call('storedValue.adjust', { memberId: s.m.id, principalDelta: -60000, bonusDelta: 0, reason: 'x' }, s.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.stored_value_insufficient' } });
  });

  it('a top-up above a set amount grants a tier, and prints a top-up receipt', async () => {
    const s = await shop();
    const printer = await startFakePrinter();
    cleanups.push(() => printer.close());
    await ok(s.core, 'devices.setConfig', { printer: { type: 'network', host: '127.0.0.1', port: printer.port, paperWidth: 58, openDrawerOnCash: false } }, s.manager.token);
    const gold = (await ok(s.core, 'tiers.list', {}, s.owner)).find((t) => t.name === '金卡会员')!;
    await ok(s.core, 'storedValue.setRules', { bonuses: [{ minFen: 10000, bonusFen: 2000 }], tierGrants: [{ minFen: 100000, tierId: gold.id }] }, s.owner);
    const r = await ok(s.core, 'storedValue.topUp', { memberId: s.m.id, amountFen: 100000, method: 'alipay', clientRef: clientRef() }, s.cashier.token);
    expect(r.tierName).toBe('金卡会员');
    expect((await ok(s.core, 'members.card', { id: s.m.id }, s.cashier.token)).tier.name).toBe('金卡会员');
    // The daily re-evaluation keeps it: it is held like a paid tier.
    expect(await ok(s.core, 'tiers.reevaluate', {}, s.owner)).toMatchObject({ downgraded: 0 });
    const text = decodeEscPos(await printer.waitForJob(0), { cpl: 32 }).text;
    expect(text).toContain('储值充值');
    expect(text).toContain('￥1000.00');
    expect(text).toContain('￥20.00');
    expect(text).toContain('138****5678');
  });
});

describe('stored value and member changes', () => {
  it('merging moves the duplicate balance, principal and bonus apart; erasing waits until nothing is owed', async () => {
    const s = await shop();
    const dup = await ok(s.core, 'members.enrol', { phone: '13912345678' }, s.cashier.token);
    await ok(s.core, 'storedValue.topUp', { memberId: dup.id, amountFen: 10000, method: 'card', clientRef: clientRef() }, s.cashier.token);
    await ok(s.core, 'members.merge', { keepId: s.m.id, mergeId: dup.id }, s.manager.token);
    expect(await balance(s, s.m.id)).toEqual({ principalFen: 10000, bonusFen: 2000, totalFen: 12000 });
    expect(await balance(s, dup.id)).toEqual({ principalFen: 0, bonusFen: 0, totalFen: 0 });
    expect(await s.core.dispatcher.call('members.erase', { id: s.m.id, reason: '顾客要求' }, s.owner)).toMatchObject({ ok: false, error: { messageKey: 'errors.stored_value_outstanding', details: { balanceFen: 12000 } } });
    await ok(s.core, 'storedValue.adjust', { memberId: s.m.id, principalDelta: -10000, bonusDelta: -2000, reason: '退还余额' }, s.manager.token);
    expect((await s.core.dispatcher.call('members.erase', { id: s.m.id, reason: '顾客要求' }, s.owner)).ok).toBe(true);
  });
});
