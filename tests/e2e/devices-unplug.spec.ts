import { test, expect } from './fixtures.js';
import { demoShop, useFakePrinter } from './pages/checkout-shop.js';
import { startFakePrinter } from '../helpers/fake-printer.js';
import { decodeEscPos } from '../helpers/escpos-decode.js';

/**
 * The receipt printer is unplugged in the middle of the day: the status bar says so, the sale
 * still completes (its receipt waits as a failed job), nothing crashes, and when the printer
 * is back the status bar says so and the receipt prints on retry.
 */
test('a printer unplugged mid-use shows offline, the sale still completes, and it reconnects', async ({ page, host, signIn, shell }) => {
  const printer = await startFakePrinter();
  try {
    const shop = await demoShop(host);
    await useFakePrinter(shop, printer);
    await page.goto(host.openUrl);
    const owner = shop.staff['王店主']!;
    await signIn.signIn('王店主', owner.pin);
    await expect(shell.heading('收银')).toBeFocused();
    await shop.call('devices.testPrint', {});
    await expect(shell.statusBar).toContainText('小票打印机：就绪');

    await printer.setMode('refuse'); // the cable is pulled
    const current = await shop.call<{ id: number } | null>('shifts.current', {});
    if (!current) await shop.call('shifts.open', { openingFloatFen: 10000 });
    const p = shop.products[0]!;
    const sale = await shop.call<{ sale: { receiptNo: string }; printJobId: number }>('sales.commit', {
      clientRef: `unplug-${Date.now()}`, lines: [{ productId: p.id, qty: 1 }], payments: [{ method: 'wechat', amountFen: p.priceFen }], expectedTotalFen: p.priceFen,
    });
    expect(sale.sale.receiptNo).toMatch(/^\d{8}-\d{4}$/);
    await expect(shell.statusBar).toContainText('小票打印机：离线', { timeout: 15_000 });
    // The till is still usable while the printer is away.
    await page.keyboard.press('F3');
    await expect(shell.heading('会员')).toBeFocused();
    await page.keyboard.press('F2');
    await expect(shell.heading('收银')).toBeFocused();

    await printer.setMode('accept'); // plugged back in
    await expect.poll(async () => {
      const jobs = await shop.call<Array<{ id: number; status: string }>>('print.jobs', { status: 'failed', limit: 20 });
      return jobs.some((j) => j.id === sale.printJobId);
    }).toBe(true);
    await shop.call('print.retry', { jobId: sale.printJobId });
    await expect(shell.statusBar).toContainText('小票打印机：就绪', { timeout: 15_000 });
    const printed = decodeEscPos(await printer.waitForJob(1));
    expect(printed.text).toContain(sale.sale.receiptNo);
  } finally {
    await printer.close();
  }
});
