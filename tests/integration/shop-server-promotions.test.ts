import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok, clientRef } from '../helpers/shop.js';
import { twoTillShop, type Till } from '../helpers/two-tills.js';
import type { PromotionInput } from '../../shared/contract/promotions.js';

/**
 * Promotions with a shop server (issue 17 across tills): the owner sets 第二件半价 at till 1,
 * till 2 prices with it after one sync and records which promotion gave what; the record
 * reaches till 1, so a per-member daily limit used at one till is used up at the other; a
 * change of the promotion at till 2 (ended) stops it at till 1.
 */
const shop = twoTillShop();
beforeEach(() => shop.start(), 60_000);
afterEach(() => shop.stop());

const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const sync = async (...tills: Till[]) => { for (const t of tills) await t.services.sync.syncOnce(); };
const promotionRows = (t: Till) => t.db.prepare('SELECT p.name, sp.discount_fen AS fen FROM sale_promotions sp JOIN promotions p ON p.id = sp.promotion_id ORDER BY sp.id').all();

describe('promotions across tills', () => {
  it('set at one till, applied at the other, its daily limit shared, its end reaching both', async () => {
    const s = await shop.twoTills(0);
    const today = localDay(s.one.services.clock.now());
    const input: PromotionInput = {
      localId: null, active: true, name: '蛋糕第二件半价', rule: { kind: 'nth', n: 2, pricePct: 50 }, priority: 0, startDate: today, endDate: null,
      weekdays: [], fromTime: null, toTime: null, tierIds: null, perSaleLimit: null, perMemberDayLimit: 1,
      stacks: { others: true, coupons: true, points: true, tier: true }, scope: { all: false, productIds: [s.product.at1], categoryIds: [] },
    };
    await ok(s.one, 'promotions.save', input, s.owner1);
    await sync(s.one, s.two);

    // Till 2 sees it, with the product mapped to its own id, and prices 2 cakes at ¥15 + ¥7.50.
    const forSale = await ok(s.two, 'promotions.forSale', { memberId: s.member.at2 }, s.owner2);
    expect(forSale.promotions.map((p) => ({ name: p.name, productIds: p.scope.productIds }))).toEqual([{ name: '蛋糕第二件半价', productIds: [s.product.at2] }]);
    const sale = await ok(s.two, 'sales.commit', {
      clientRef: clientRef(), memberId: s.member.at2, lines: [{ productId: s.product.at2, qty: 2 }], payments: [{ method: 'cash', amountFen: 2250 }], expectedTotalFen: 2250,
    }, s.owner2);
    expect(sale.sale.totalFen).toBe(2250);
    await sync(s.two, s.one);
    expect(promotionRows(s.one)).toEqual([{ name: '蛋糕第二件半价', fen: 750 }]);
    const facts = await shop.server.db.pool.query<{ n: string }>("SELECT count(*) AS n FROM facts WHERE tbl = 'sale_promotions'");
    expect(Number(facts.rows[0]!.n)).toBe(1);

    // The member used today's one application at till 2: till 1 no longer offers it to them, and prices full.
    expect((await ok(s.one, 'promotions.forSale', { memberId: s.member.at1 }, s.owner1)).usedToday).toEqual({ [forSale.promotions[0]!.id]: 1 });
    const refused = await s.one.dispatcher.call('sales.commit', {
      clientRef: clientRef(), memberId: s.member.at1, lines: [{ productId: s.product.at1, qty: 2 }], payments: [{ method: 'cash', amountFen: 2250 }], expectedTotalFen: 2250,
    }, s.owner1);
    expect(refused).toMatchObject({ ok: false, error: { messageKey: 'errors.price_changed' } });
    await ok(s.one, 'sales.commit', {
      clientRef: clientRef(), memberId: s.member.at1, lines: [{ productId: s.product.at1, qty: 2 }], payments: [{ method: 'cash', amountFen: 3000 }], expectedTotalFen: 3000,
    }, s.owner1);

    // Till 2 ends the promotion (yesterday); after a sync a walk-in at till 1 pays full too.
    const row = (await ok(s.two, 'promotions.list', {}, s.owner2))[0]!;
    const { localId, active, id: _gid, updatedAt: _at, ...fields } = row;
    const yesterday = localDay(new Date(s.one.services.clock.now().getTime() - 86_400_000));
    await ok(s.two, 'promotions.save', { ...fields, localId, active, startDate: yesterday, endDate: yesterday }, s.owner2);
    await sync(s.two, s.one);
    expect((await ok(s.one, 'promotions.forSale', { memberId: null }, s.owner1)).promotions).toEqual([]);
    expect(promotionRows(s.two)).toEqual([{ name: '蛋糕第二件半价', fen: 750 }]);
  });
});
