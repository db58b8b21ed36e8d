import { afterEach, describe, expect, it } from 'vitest';
import { shopWithOwner, testCore } from '../../../tests/helpers/core.js';
import { ok } from '../../../tests/helpers/shop.js';
import { importSalesCsv } from './sales-csv.js';

const cores: Array<ReturnType<typeof testCore>> = [];
afterEach(async () => { for (const c of cores.splice(0)) await c.dispose(); });

describe('sales.list by period (the rows behind the dashboard\'s revenue and sales figures)', () => {
  it('lists a period\'s sales and refunds by business date, newest first, and only one kind when asked', async () => {
    const core = testCore();
    cores.push(core);
    const { token } = await shopWithOwner(core);
    const file = ['receipt_no,sold_at,member_phone,total,payment_method,refund_of',
      'A1,2025-03-31T20:00:00,,10.00,cash,',
      'A2,2025-04-01T09:00:00,,20.00,cash,',
      'A3,2025-04-02T09:00:00,,30.00,wechat,',
      'R1,2025-04-02T10:00:00,,-5.00,cash,A2',
      'A4,2025-04-03T09:00:00,,40.00,cash,'].join('\n');
    expect(importSalesCsv(core.db, core.services.audit, Buffer.from(file), null).errors).toEqual([]);

    const period = await ok(core, 'sales.list', { from: '2025-04-01', to: '2025-04-02', offset: 0, limit: 50 }, token);
    expect(period.total).toBe(3);
    expect(period.items.map((s) => s.receiptNo)).toEqual(['R1', 'A3', 'A2']);
    const sales = await ok(core, 'sales.list', { from: '2025-04-01', to: '2025-04-02', kind: 'sale', offset: 0, limit: 1 }, token);
    expect(sales.total).toBe(2);
    expect(sales.items.map((s) => s.receiptNo)).toEqual(['A3']);
    // The dashboard's figure for the same period counts the same sales.
    const overview = await ok(core, 'stats.overview', { from: '2025-04-01', to: '2025-04-02' }, token);
    expect(overview.current.sales).toBe(sales.total);
    expect(overview.current.revenueFen).toBe(period.items.reduce((n, s) => n + s.totalFen, 0));
    // One day still works as before; no filter lists everything.
    expect((await ok(core, 'sales.list', { date: '2025-03-31', offset: 0, limit: 10 }, token)).total).toBe(1);
    expect((await ok(core, 'sales.list', { offset: 0, limit: 10 }, token)).total).toBe(5);
  });
});
