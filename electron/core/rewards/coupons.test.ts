import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock } from '../../../tests/helpers/core.js';
import { classifyBarcode } from '../../../shared/barcode.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const shops: Shop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });
async function shop(clock = fixedClock('2026-11-22T10:00:00')) {
  const s = await openShop({ clock });
  shops.push(s);
  const m = await ok(s.core, 'members.enrol', { phone: '13812345678', birthday: '11-20' }, s.cashier.token);
  const tenOff = await ok(s.core, 'coupons.saveTemplate', { name: '满50减10', kind: 'amount', value: 1000, minSpendFen: 5000, validDays: 30 }, s.owner);
  const pct = await ok(s.core, 'coupons.saveTemplate', { name: '生日9折券', kind: 'percent', value: 10, validDays: 7 }, s.owner);
  return { ...s, m, tenOff, pct, clock };
}

const sell = (s: Shop, memberId: number | null, couponCodes: string[], qty: number, totalFen: number) => s.core.dispatcher.call('sales.commit', {
  clientRef: clientRef(), memberId, couponCodes, lines: [{ productId: s.products[1]!.id, qty }], payments: totalFen > 0 ? [{ method: 'wechat', amountFen: totalFen }] : [], expectedTotalFen: totalFen,
}, s.cashier.token);

describe('coupons', () => {
  it('issues scannable single-use coupons; a sale takes them off and a second use is refused with the receipt it went to', async () => {
    const s = await shop();
    const { codes: [code] } = await ok(s.core, 'coupons.issue', { templateId: s.tenOff.id, memberIds: [s.m.id] }, s.manager.token);
    expect(classifyBarcode(code!)).toBe('ean13');
    expect(code!.startsWith('28')).toBe(true);
    expect(await ok(s.core, 'coupons.check', { code: code!, memberId: s.m.id, linesTotalFen: 7500 }, s.cashier.token)).toMatchObject({ discountFen: 1000, coupon: { status: 'valid' } });
    const r = await sell(s, s.m.id, [code!], 10, 7500 - 1000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.sale.discountFen).toBe(1000);
    const again = await sell(s, s.m.id, [code!], 10, 6500);
    expect(again).toMatchObject({ ok: false, error: { messageKey: 'errors.coupon_used', details: { receiptNo: r.value.sale.receiptNo } } });
  });

  it('refuses with a clear reason: below the minimum spend, another member, expired, unknown', async () => {
    const s = await shop();
    const other = await ok(s.core, 'members.enrol', { phone: '13912345678' }, s.cashier.token);
    const { codes: [code] } = await ok(s.core, 'coupons.issue', { templateId: s.tenOff.id, memberIds: [s.m.id] }, s.manager.token);
    expect(await s.core.dispatcher.call('coupons.check', { code: code!, memberId: s.m.id, linesTotalFen: 4999 }, s.cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.coupon_min_spend', details: { minSpendFen: 5000 } } });
    expect(await s.core.dispatcher.call('coupons.check', { code: code!, memberId: other.id, linesTotalFen: 9000 }, s.cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.coupon_other_member' } });
    expect(await s.core.dispatcher.call('coupons.check', { code: '2800000000000', memberId: s.m.id, linesTotalFen: 9000 }, s.cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.coupon_not_found' } });
    s.clock.set('2026-12-22T10:00:00'); // valid 30 days: 11-22 .. 12-21
    expect(await s.core.dispatcher.call('coupons.check', { code: code!, memberId: s.m.id, linesTotalFen: 9000 }, s.cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.coupon_expired', details: { validTo: '2026-12-21' } } });
    expect(await ok(s.core, 'coupons.forMember', { memberId: s.m.id }, s.cashier.token)).toEqual([]);
    expect((await ok(s.core, 'coupons.forMember', { memberId: s.m.id, includeSpent: true }, s.cashier.token)).map((c) => c.status)).toEqual(['expired']);
  });

  it('gives the birthday coupon automatically, once a year, and a percentage coupon takes its share', async () => {
    const s = await shop();
    await ok(s.core, 'rewards.setRules', { birthdayCouponTemplateId: s.pct.id, birthdayWindow: 'week' }, s.owner);
    expect(await ok(s.core, 'rewards.runDaily', {}, s.owner)).toMatchObject({ birthdayCoupons: 1 });
    expect(await ok(s.core, 'rewards.runDaily', {}, s.owner)).toMatchObject({ birthdayCoupons: 0 });
    const [c] = await ok(s.core, 'coupons.forMember', { memberId: s.m.id }, s.cashier.token);
    expect(c).toMatchObject({ name: '生日9折券', reason: 'birthday', status: 'valid' });
    const r = await sell(s, s.m.id, [c!.code], 2, 1500 - 150);
    expect(r.ok && r.value.sale.totalFen).toBe(1350);
  });

  it('a complaint can be compensated with a coupon', async () => {
    const s = await shop();
    const logged = await ok(s.core, 'complaints.log', { channel: 'in_store', category: 'service', severity: 'medium', description: '等太久', memberId: s.m.id }, s.cashier.token);
    await ok(s.core, 'complaints.compensate', { id: logged.id, compensation: { kind: 'coupon', templateId: s.tenOff.id }, reason: '致歉' }, s.manager.token);
    expect((await ok(s.core, 'coupons.forMember', { memberId: s.m.id }, s.cashier.token)).map((c) => c.reason)).toEqual(['complaint']);
  });
});
