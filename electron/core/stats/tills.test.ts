import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock } from '../../../tests/helpers/core.js';
import { importSalesCsv } from '../checkout/sales-csv.js';
import { PER_TILL_SQL } from './tills.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });

const DAY = { from: '2026-12-06', to: '2026-12-06' };

/**
 * Figures per till over one file holding several tills' facts, as a paired till holds them.
 * The other tills are played by switching this file's own till code (sync_state.till_code):
 * shifts, receipt numbers and "this till" all follow it, exactly as the feed's rows would
 * arrive with their shift's till code.
 */
async function shop() {
  const clock = fixedClock('2026-12-06T10:00:00');
  const s = await openShop({ clock, syncLoop: false });
  cleanups.push(() => s.core.dispose());
  const asTill = (code: string) => s.core.db.prepare('UPDATE sync_state SET till_code = ?').run(code);
  const sell = (productIndex: number, qty: number) => {
    const p = s.products[productIndex]!;
    return ok(s.core, 'sales.commit', {
      clientRef: clientRef(), lines: [{ productId: p.id, qty }], payments: [{ method: 'card', amountFen: p.priceFen * qty }], expectedTotalFen: p.priceFen * qty, print: false,
    }, s.cashier.token);
  };
  return { ...s, clock, asTill, sell };
}

describe('stats per till', () => {
  it('a single till is the whole shop, read from the summary', async () => {
    const s = await shop();
    await s.sell(0, 1);
    await s.sell(1, 2);
    const { tills } = await ok(s.core, 'stats.tills', DAY, s.manager.token);
    // Not paired: the till has no code yet; its shifts are '' ("this till").
    expect(tills).toEqual([{ till: '', thisTill: true, revenueFen: 1800, sales: 2, refunds: 0, averageTicketFen: 900 }]);
  });

  it('several tills: each till its own shifts\' sales, a refund the till that paid it back, imports apart, adding up to the shop', async () => {
    const s = await shop();
    // What pairing does: this till becomes T1 and its shifts so far are T1's.
    s.asTill('T1');
    s.core.db.prepare("UPDATE shifts SET till_code = 'T1' WHERE till_code = ''").run();
    await s.sell(0, 1); // T1: ¥3

    s.asTill('T2');
    await ok(s.core, 'shifts.open', { openingFloatFen: 0 }, s.cashier.token);
    const big = await s.sell(1, 2); // T2: ¥15
    await s.sell(0, 1); // T2: ¥3
    expect(big.sale.receiptNo).toMatch(/^T2-/);
    s.asTill('T3');
    await ok(s.core, 'shifts.open', { openingFloatFen: 0 }, s.cashier.token); // T3 is open but sells nothing

    s.asTill('T1');
    // T1 refunds T2's ¥15 sale: the money left T1's drawer.
    const lines = (await ok(s.core, 'sales.get', { id: big.sale.id }, s.manager.token)).lines;
    await ok(s.core, 'sales.refund', {
      saleId: big.sale.id, clientRef: clientRef(), lines: lines.map((l) => ({ lineId: l.id, qty: l.qty })), payments: [{ method: 'card', amountFen: 1500 }], reason: '退货', print: false,
    }, s.manager.token);
    // History imported from the old system: no shift, so no till.
    const csv = 'receipt_no,sold_at,member_phone,total,payment_method,refund_of\nOLD-1,2026-12-06 09:00:00,,12.00,cash,\n';
    expect(importSalesCsv(s.core.db, s.core.services.audit, Buffer.from(csv), null).errors).toEqual([]);

    const { tills } = await ok(s.core, 'stats.tills', DAY, s.manager.token);
    expect(tills).toEqual([
      { till: 'T1', thisTill: true, revenueFen: 300 - 1500, sales: 1, refunds: 1, averageTicketFen: -1200 },
      { till: 'T2', thisTill: false, revenueFen: 1800, sales: 2, refunds: 0, averageTicketFen: 900 },
      { till: 'T3', thisTill: false, revenueFen: 0, sales: 0, refunds: 0, averageTicketFen: null },
      { till: null, thisTill: false, revenueFen: 1200, sales: 1, refunds: 0, averageTicketFen: 1200 },
    ]);
    const { current } = await ok(s.core, 'stats.overview', DAY, s.manager.token);
    expect(tills.reduce((n, t) => n + t.revenueFen, 0)).toBe(current.revenueFen);
    expect(tills.reduce((n, t) => n + t.sales, 0)).toBe(current.sales);
    expect(tills.reduce((n, t) => n + t.refunds, 0)).toBe(current.refunds);

    // Another day: every till the shop knows, at zero (no null row: nothing imported then).
    const before = await ok(s.core, 'stats.tills', { from: '2026-12-05', to: '2026-12-05' }, s.manager.token);
    expect(before.tills.map((t) => [t.till, t.revenueFen, t.averageTicketFen])).toEqual([['T1', 0, null], ['T2', 0, null], ['T3', 0, null]]);
    // A cashier does not see the shop's figures.
    const r = await s.core.dispatcher.call('stats.tills', DAY, s.cashier.token);
    expect(r.ok ? 'allowed' : r.error.code).toBe('forbidden');
  });

  it('reads a range of the period\'s sales by date and each shift by its key, never all sales', async () => {
    const s = await shop();
    const plan = (s.core.db.prepare(`EXPLAIN QUERY PLAN ${PER_TILL_SQL}`).all({ ...DAY, own: 'T1' }) as Array<{ detail: string }>).map((r) => r.detail);
    expect(plan.some((d) => /^SEARCH s USING INDEX sales_business_date \(business_date>\? AND business_date<\?\)/.test(d))).toBe(true);
    expect(plan.some((d) => /^SEARCH sh USING INTEGER PRIMARY KEY/.test(d))).toBe(true);
    expect(plan.filter((d) => /^SCAN (s|sales)\b/.test(d))).toEqual([]);
  });
});
