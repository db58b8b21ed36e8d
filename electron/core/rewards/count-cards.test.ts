import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock } from '../../../tests/helpers/core.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const shops: Shop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });

async function salon() {
  const clock = fixedClock('2026-11-22T10:00:00');
  const s = await openShop({ clock });
  shops.push(s);
  const cut = await ok(s.core, 'products.save', { sku: 'CUT', name: '洗剪吹', priceFen: 5000 }, s.owner);
  const pack = await ok(s.core, 'products.save', { sku: 'CUT10', name: '洗剪吹10次卡', priceFen: 40000 }, s.owner);
  const type = await ok(s.core, 'countCards.saveType', { name: '洗剪吹10次卡', packageProductId: pack.id, serviceProductId: cut.id, uses: 10, validMonths: 12 }, s.owner);
  const m = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
  return { ...s, cut, pack, type, m, clock };
}

const pay = (total: number) => (total > 0 ? [{ method: 'wechat' as const, amountFen: total }] : []);

describe('count cards', () => {
  it('selling the package gives the member a card; each use deducts one at no charge and the receipt shows what is left', async () => {
    const s = await salon();
    const sold = await ok(s.core, 'sales.commit', { clientRef: clientRef(), memberId: s.m.id, lines: [{ productId: s.pack.id, qty: 1 }], payments: pay(40000), expectedTotalFen: 40000 }, s.cashier.token);
    const [card] = await ok(s.core, 'countCards.forMember', { memberId: s.m.id }, s.cashier.token);
    expect(card).toMatchObject({ name: '洗剪吹10次卡', remaining: 10, expiresOn: '2027-11-22', serviceName: '洗剪吹' });
    const used = await ok(s.core, 'sales.commit', { clientRef: clientRef(), memberId: s.m.id, lines: [{ productId: s.cut.id, qty: 1, countCardId: card!.id }], payments: [], expectedTotalFen: 0 }, s.cashier.token);
    expect(used.sale.totalFen).toBe(0);
    expect((await ok(s.core, 'countCards.forMember', { memberId: s.m.id }, s.cashier.token))[0]!.remaining).toBe(9);
    const receipt = await ok(s.core, 'receipts.preview', { saleId: used.sale.id }, s.cashier.token);
    expect(receipt.text).toContain('剩余 9 次');
    void sold;
  });

  it('refuses a use for another service, of another member, beyond the uses left, or after expiry', async () => {
    const s = await salon();
    await ok(s.core, 'sales.commit', { clientRef: clientRef(), memberId: s.m.id, lines: [{ productId: s.pack.id, qty: 1 }], payments: pay(40000), expectedTotalFen: 40000 }, s.cashier.token);
    const [card] = await ok(s.core, 'countCards.forMember', { memberId: s.m.id }, s.cashier.token);
    const other = await ok(s.core, 'members.enrol', { phone: '13912345678' }, s.cashier.token);
    const use = (over: object) => s.core.dispatcher.call('sales.commit', { clientRef: clientRef(), memberId: s.m.id, lines: [{ productId: s.cut.id, qty: 1, countCardId: card!.id }], payments: [], expectedTotalFen: 0, ...over }, s.cashier.token);
    expect(await use({ lines: [{ productId: s.products[0]!.id, qty: 1, countCardId: card!.id }] })).toMatchObject({ ok: false, error: { messageKey: 'errors.count_card_wrong_service' } });
    expect(await use({ memberId: other.id })).toMatchObject({ ok: false, error: { messageKey: 'errors.count_card_not_found' } });
    expect(await use({ lines: [{ productId: s.cut.id, qty: 11, countCardId: card!.id }] })).toMatchObject({ ok: false, error: { messageKey: 'errors.count_card_exhausted', details: { remaining: 10 } } });
    expect(await s.core.dispatcher.call('sales.commit', { clientRef: clientRef(), lines: [{ productId: s.pack.id, qty: 1 }], payments: pay(40000), expectedTotalFen: 40000 }, s.cashier.token))
      .toMatchObject({ ok: false, error: { messageKey: 'errors.count_card_needs_member' } });
    s.clock.set('2027-11-23T10:00:00');
    expect(await use({})).toMatchObject({ ok: false, error: { messageKey: 'errors.count_card_expired' } });
    await ok(s.core, 'rewards.runDaily', {}, s.owner);
    expect(await ok(s.core, 'countCards.forMember', { memberId: s.m.id, includeSpent: true }, s.cashier.token)).toMatchObject([{ remaining: 0, expired: true }]);
  });

  it('refunding a use gives the visit back; an unused package refunds whole, a used one cannot', async () => {
    const s = await salon();
    const sold = await ok(s.core, 'sales.commit', { clientRef: clientRef(), memberId: s.m.id, lines: [{ productId: s.pack.id, qty: 2 }], payments: pay(80000), expectedTotalFen: 80000 }, s.cashier.token);
    const cards = await ok(s.core, 'countCards.forMember', { memberId: s.m.id }, s.cashier.token);
    expect(cards).toHaveLength(2);
    const used = await ok(s.core, 'sales.commit', { clientRef: clientRef(), memberId: s.m.id, lines: [{ productId: s.cut.id, qty: 2, countCardId: cards[0]!.id }], payments: [], expectedTotalFen: 0 }, s.cashier.token);
    await ok(s.core, 'sales.refund', { saleId: used.sale.id, clientRef: clientRef(), lines: [{ lineId: used.sale.lines[0]!.id, qty: 1 }], payments: [] }, s.manager.token);
    expect((await ok(s.core, 'countCards.forMember', { memberId: s.m.id }, s.cashier.token)).map((c) => c.remaining).sort()).toEqual([10, 9]);
    const line = sold.sale.lines[0]!;
    const quote = await ok(s.core, 'sales.refundQuote', { saleId: sold.sale.id, lines: [{ lineId: line.id, qty: 2 }] }, s.manager.token);
    expect(await s.core.dispatcher.call('sales.refund', { saleId: sold.sale.id, clientRef: clientRef(), lines: [{ lineId: line.id, qty: 2 }], payments: pay(quote.amountFen) }, s.manager.token))
      .toMatchObject({ ok: false, error: { messageKey: 'errors.count_card_used', details: { unused: 1 } } });
    await ok(s.core, 'sales.refund', { saleId: sold.sale.id, clientRef: clientRef(), lines: [{ lineId: line.id, qty: 1 }], payments: pay(40000) }, s.manager.token);
    expect((await ok(s.core, 'countCards.forMember', { memberId: s.m.id }, s.cashier.token)).map((c) => c.remaining)).toEqual([9]);
  });
  it('refuses a second type with the same name or the same package product, naming the field (not an internal error)', async () => {
    const s = await salon();
    const other = await ok(s.core, 'products.save', { sku: 'CUT5', name: '洗剪吹5次卡', priceFen: 22000 }, s.owner);
    const sameName = await s.core.dispatcher.call('countCards.saveType', { name: '洗剪吹10次卡', packageProductId: other.id, serviceProductId: s.cut.id, uses: 5 }, s.owner);
    expect(sameName.ok ? null : sameName.error).toMatchObject({ code: 'conflict', messageKey: 'errors.count_card_name_taken', details: { field: 'name' } });
    const samePackage = await s.core.dispatcher.call('countCards.saveType', { name: '洗剪吹十次', packageProductId: s.pack.id, serviceProductId: s.cut.id, uses: 10 }, s.owner);
    expect(samePackage.ok ? null : samePackage.error).toMatchObject({ code: 'conflict', messageKey: 'errors.count_card_package_taken', details: { field: 'packageProductId' } });
    // Saving a type under its own name and package is an edit, not a conflict.
    const edited = await ok(s.core, 'countCards.saveType', { id: s.type.id, name: '洗剪吹10次卡', packageProductId: s.pack.id, serviceProductId: s.cut.id, uses: 10, validMonths: 6 }, s.owner);
    expect(edited.validMonths).toBe(6);
  });
});
