import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock } from '../../../tests/helpers/core.js';
import { startFakePrinter } from '../../../tests/helpers/fake-printer.js';
import { decodeEscPos } from '../../../tests/helpers/escpos-decode.js';
import { pdfText } from '../../../tests/helpers/pdf-text.js';
import { dailyReportPdf } from './daily-report-files.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });

/** A shop on 2026-11-20 with a member who buys twice (earning points), redeems some, and a walk-in sale. */
async function busyDay() {
  const clock = fixedClock('2026-11-20T10:00:00');
  const s = await openShop({ clock });
  cleanups.push(() => s.core.dispose());
  const m = await ok(s.core, 'members.enrol', { phone: '13812345678', name: '王芳' }, s.cashier.token);
  const buy = (qty: number, extra: object = {}) => ok(s.core, 'sales.commit', {
    clientRef: clientRef(), memberId: m.id, lines: [{ productId: s.products[1]!.id, qty }], payments: [{ method: 'wechat', amountFen: 750 * qty }], expectedTotalFen: 750 * qty, ...extra,
  }, s.cashier.token);
  await buy(4); // ¥30 → 30 points
  clock.set('2026-11-20T15:00:00');
  await buy(2); // ¥15 → 15 points
  await ok(s.core, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: s.products[0]!.id, qty: 1 }], payments: [{ method: 'cash', amountFen: 300, tenderedFen: 500 }], expectedTotalFen: 300 }, s.cashier.token);
  return { ...s, clock, m };
}

describe('stats over the real till', () => {
  it('counts the day: revenue, member share, repeat buyers and the points the till granted', async () => {
    const s = await busyDay();
    const { current, previous } = await ok(s.core, 'stats.overview', { from: '2026-11-20', to: '2026-11-20' }, s.manager.token);
    const earned = (await ok(s.core, 'points.statement', { memberId: s.m.id }, s.manager.token)).items
      .filter((e) => e.reason === 'earn' || e.reason === 'enrol').reduce((n, e) => n + e.delta, 0);
    expect(current).toMatchObject({
      revenueFen: 3000 + 1500 + 300, sales: 3, averageTicketFen: 1600, memberRevenueFen: 4500, activeMembers: 1, newMembers: 1,
      repeatRate: 1, pointsEarned: earned, pointsOutstanding: earned, pointsRedeemed: 0,
    });
    expect(current.memberShare).toBeCloseTo(4500 / 4800, 12);
    expect(earned).toBeGreaterThanOrEqual(45);
    expect(previous).toMatchObject({ from: '2026-11-19', to: '2026-11-19', sales: 0, revenueFen: 0, averageTicketFen: null, memberShare: null });
    const [member] = (await ok(s.core, 'stats.members', { figure: 'active', from: '2026-11-20', to: '2026-11-20' }, s.manager.token)).items;
    expect(member).toMatchObject({ id: s.m.id, periodSales: 2, periodSpendFen: 4500 });
  });

  it('refuses the dashboard to a cashier', async () => {
    const s = await busyDay();
    for (const [method, input] of [['stats.overview', { from: '2026-11-20', to: '2026-11-20' }], ['stats.members', { figure: 'active', from: '2026-11-20', to: '2026-11-20' }],
      ['stats.dailyReport', { day: '2026-11-20' }], ['stats.exportDailyReport', { day: '2026-11-20', format: 'csv' }]] as const) {
      expect(await s.core.dispatcher.call(method, input as never, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await s.core.dispatcher.call('stats.overview', { from: '2026-11-21', to: '2026-11-20' }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('prints the daily report (日结) on the receipt printer in Chinese, from the queue', async () => {
    const s = await busyDay();
    const printer = await startFakePrinter();
    cleanups.push(() => printer.close());
    await ok(s.core, 'devices.setConfig', { printer: { type: 'network', host: '127.0.0.1', port: printer.port, paperWidth: 58, openDrawerOnCash: false } }, s.manager.token);
    await ok(s.core, 'stats.printDailyReport', { day: '2026-11-20' }, s.manager.token);
    const text = decodeEscPos(await printer.waitForJob(), { cpl: 32 }).text;
    expect(text).toContain('日结报表');
    expect(text).toMatch(/营业额\s+￥48\.00/);
    expect(text).toMatch(/微信支付 ×2\s+￥45\.00/);
    expect(text).toMatch(/乐事薯片 原味 70g ×6\s+￥45\.00/); // wrapped: name, then amount
  });

  it('exports the daily report as CSV that Excel reads (BOM) and as a PDF', async () => {
    const s = await busyDay();
    const csv = await ok(s.core, 'stats.exportDailyReport', { day: '2026-11-20', format: 'csv' }, s.manager.token);
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFsection,item,value')).toBe(true);
    expect(text).toContain('营业概况,营业额,¥48.00');
    const pdf = await ok(s.core, 'stats.exportDailyReport', { day: '2026-11-20', format: 'pdf' }, s.manager.token);
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(pdf.mime).toBe('application/pdf');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const shown = await pdfText(bytes);
    expect(shown).toContain('营业额');
    expect(shown).toContain('¥48.00');
  });

  it('refuses a PDF clearly when there is no Chinese font at all (not even the shipped one)', async () => {
    await expect(dailyReportPdf({ title: 't', sections: [] }, null)).rejects.toMatchObject({ error: { code: 'rule_violation', messageKey: 'errors.pdf_font_missing' } });
  });
});
