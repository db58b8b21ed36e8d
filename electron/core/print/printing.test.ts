import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { startFakePrinter, type FakePrinter } from '../../../tests/helpers/fake-printer.js';
import { decodeEscPos } from '../../../tests/helpers/escpos-decode.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });

async function shopWithPrinter(mode: 'accept' | 'refuse' | 'hang' = 'accept') {
  const printer = await startFakePrinter({ mode });
  const s = await openShop({ clock: { now: () => new Date('2026-11-22T18:30:00') } });
  cleanups.push(() => s.core.dispose(), () => printer.close());
  await ok(s.core, 'devices.setConfig', { printer: { type: 'network', host: '127.0.0.1', port: printer.port, paperWidth: 58, openDrawerOnCash: true } }, s.manager.token);
  return { ...s, printer };
}

async function cashSale(s: Shop) {
  return ok(s.core, 'sales.commit', {
    clientRef: clientRef(),
    lines: [{ productId: s.products[0]!.id, qty: 2 }, { productId: s.products[1]!.id, qty: 1 }],
    payments: [{ method: 'cash', amountFen: 1350, tenderedFen: 2000 }],
    expectedTotalFen: 1350,
  }, s.cashier.token);
}

const settle = (s: Shop) => s.core.services.print.idle();

describe('receipts on a network printer', () => {
  it('prints the committed sale in GB18030 with items, totals, change, the receipt barcode, a cut and the drawer pulse', async () => {
    const s = await shopWithPrinter();
    const { sale, printJobId } = await cashSale(s);
    expect(printJobId).not.toBeNull();
    const bytes = await s.printer.waitForJob(0);
    const r = decodeEscPos(bytes, { cpl: 32 });
    expect(r.text).toContain('测试小店');
    expect(r.text).toContain('可口可乐 330ml');
    expect(r.text).toContain('乐事薯片 原味 70g');
    expect(r.text).toContain('￥13.50');
    expect(r.text).toContain('￥20.00'); // tendered
    expect(r.text).toContain('￥6.50'); // change
    expect(r.text).toContain('收银小王');
    expect(r.barcodes.map((b) => b.data)).toContain(sale.receiptNo);
    expect(r.cuts).toBeGreaterThan(0);
    expect(r.drawerPulses).toHaveLength(1);
    expect(r.unknown).toEqual([]);
    await settle(s);
    expect(await ok(s.core, 'print.jobs', {}, s.cashier.token)).toMatchObject([{ id: printJobId, status: 'done', kind: 'receipt' }]);
  });

  it('a printer that is off never loses the sale: the job fails with its reason and prints on retry', async () => {
    const s = await shopWithPrinter('refuse');
    const { sale, printJobId } = await cashSale(s);
    await settle(s);
    expect(await ok(s.core, 'sales.get', { id: sale.id }, s.cashier.token)).toMatchObject({ totalFen: 1350 });
    const [job] = await ok(s.core, 'print.jobs', { status: 'failed' }, s.cashier.token);
    expect(job).toMatchObject({ id: printJobId, status: 'failed', attempts: 1 });
    expect(job!.lastError).toBeTruthy();
    await s.printer.setMode('accept');
    await ok(s.core, 'print.retry', { jobId: printJobId! }, s.cashier.token);
    const r = decodeEscPos(await s.printer.waitForJob(0), { cpl: 32 });
    expect(r.text).toContain('可口可乐 330ml');
    await settle(s);
    expect((await ok(s.core, 'print.jobs', {}, s.cashier.token))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('reprints a past receipt marked as a reprint, without opening the drawer', async () => {
    const s = await shopWithPrinter();
    const { sale } = await cashSale(s);
    await s.printer.waitForJob(0);
    await settle(s);
    await ok(s.core, 'print.receipt', { saleId: sale.id }, s.cashier.token);
    const r = decodeEscPos(await s.printer.waitForJob(1), { cpl: 32 });
    expect(r.text).toContain('重打');
    expect(r.drawerPulses).toHaveLength(0);
  });

  it('prints the shift report when the shift closes, and the counted drawer balances', async () => {
    const s = await shopWithPrinter();
    await cashSale(s);
    await s.printer.waitForJob(0);
    await settle(s);
    const report = await ok(s.core, 'shifts.close', { countedCashFen: 21350 }, s.cashier.token);
    expect(report.differenceFen).toBe(0);
    const r = decodeEscPos(await s.printer.waitForJob(1), { cpl: 32 });
    expect(r.text).toContain('交班');
    expect(r.text).toContain('￥213.50');
  });

  it('previews a receipt as SVG and text for the screen', async () => {
    const s = await shopWithPrinter();
    const { sale } = await cashSale(s);
    const p = await ok(s.core, 'receipts.preview', { saleId: sale.id, paperWidth: 80 }, s.cashier.token);
    expect(p.svg).toMatch(/^<svg/);
    expect(p.text).toContain('可口可乐 330ml');
  });

  it('test print and open drawer go to the printer; the status says where it stands', async () => {
    const s = await shopWithPrinter();
    expect(await ok(s.core, 'devices.testPrint', {}, s.cashier.token)).toEqual({ printer: 'ready' });
    expect(decodeEscPos(await s.printer.waitForJob(0), { cpl: 32 }).text).toContain('打印测试');
    await ok(s.core, 'devices.openDrawer', { reason: '换零钱' }, s.cashier.token);
    expect(decodeEscPos(await s.printer.waitForJob(1)).drawerPulses).toHaveLength(1);
    await s.printer.setMode('refuse');
    expect(await ok(s.core, 'devices.testPrint', {}, s.cashier.token)).toEqual({ printer: 'offline' });
    expect(await ok(s.core, 'devices.status', {}, s.cashier.token)).toMatchObject({ printer: 'offline' });
  });
});

export type { FakePrinter };

describe('member cards', () => {
  it('prints a member card whose barcode is the card number the till finds the member by', async () => {
    const s = await shopWithPrinter();
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678', name: '王芳' }, s.cashier.token);
    await ok(s.core, 'members.printCard', { id: m.id }, s.cashier.token);
    const r = decodeEscPos(await s.printer.waitForJob(0), { cpl: 32 });
    expect(r.text).toContain('会员卡');
    expect(r.text).toContain('王芳');
    expect(r.text).toContain('138****5678');
    expect(r.barcodes.map((b) => b.data)).toEqual([m.cardNo]);
    expect(await ok(s.core, 'members.find', { query: r.barcodes[0]!.data }, s.cashier.token)).toMatchObject({ by: 'card', members: [{ id: m.id }] });
  });
});
