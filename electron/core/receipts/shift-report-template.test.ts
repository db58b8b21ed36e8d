import { describe, expect, it } from 'vitest';
import type { ShiftReport } from '../../../shared/contract/receipt.js';
import { decodeEscPos } from '../../../tests/helpers/escpos-decode.js';
import { shiftReportJob } from './jobs.js';

const report: ShiftReport = {
  shiftId: 17,
  shopName: '幸福小超市',
  staffName: '王小明',
  openedAt: '2026-01-31T08:00:00',
  closedAt: '2026-01-31T20:01:30',
  openingFloatFen: 20000,
  salesCount: 42,
  refundsCount: 2,
  byMethod: [
    { method: 'cash', salesFen: 123456, refundsFen: 1290, topUpsFen: 0 },
    { method: 'wechat', salesFen: 99900, refundsFen: 0, topUpsFen: 0 },
    { method: 'alipay', salesFen: 5000, refundsFen: 500, topUpsFen: 0 },
  ],
  expectedCashFen: 142166,
  countedCashFen: 142000,
  differenceFen: -166,
};

describe('shift report (交班报表)', () => {
  it.each([58, 80] as const)('prints sales and refunds by method and the cash count on %i mm', (paperWidth) => {
    const d = decodeEscPos(shiftReportJob(report, { paperWidth, locale: 'zh-CN', printedAt: '2026-01-31T20:02:00' }));
    const cpl = paperWidth === 58 ? 32 : 48;
    expect(d.unknown).toEqual([]);
    expect(Math.max(...d.widths)).toBeLessThanOrEqual(cpl);
    const t = d.text;
    expect(t).toContain('幸福小超市');
    expect(t).toContain('交班报表');
    expect(t).toContain('班次：#17');
    expect(t).toContain('收银员：王小明');
    expect(t).toContain('开班：2026-01-31 08:00:00');
    expect(t).toContain('交班：2026-01-31 20:01:30');
    expect(t).toMatch(/销售笔数 +42/);
    expect(t).toMatch(/退款笔数 +2/);
    // Each method's block: name, then its sales and refunds.
    const lines = d.lines.map((l) => l.trim());
    const cash = lines.indexOf('现金');
    expect(lines[cash + 1]).toMatch(/^销售 +￥1234\.56$/);
    expect(lines[cash + 2]).toMatch(/^退款 +￥12\.90$/);
    const alipay = lines.indexOf('支付宝');
    expect(lines[alipay + 1]).toMatch(/^销售 +￥50\.00$/);
    expect(lines[alipay + 2]).toMatch(/^退款 +￥5\.00$/);
    expect(t).toMatch(/销售合计 +￥2283\.56/);
    expect(t).toMatch(/退款合计 +￥17\.90/);
    expect(t).toMatch(/备用金 +￥200\.00/);
    expect(t).toMatch(/应有现金 +￥1421\.66/);
    expect(t).toMatch(/实点现金 +￥1420\.00/);
    expect(t).toMatch(/差额 +-￥1\.66 短款/);
    expect(t).toContain('打印时间：2026-01-31 20:02:00');
    expect(d.cuts).toBe(1);
    expect(d.drawerPulses).toEqual([]);
  });

  it('shows an open shift, an uncounted drawer, a surplus, and English labels', () => {
    const open = decodeEscPos(shiftReportJob({ ...report, closedAt: null, countedCashFen: null, differenceFen: null }, { paperWidth: 58, locale: 'zh-CN' }));
    expect(open.text).toContain('交班：未交班');
    expect(open.text).toMatch(/实点现金 +未清点/);
    expect(open.text).not.toContain('差额');

    const en = decodeEscPos(shiftReportJob({ ...report, countedCashFen: 142500, differenceFen: 334 }, { paperWidth: 80, locale: 'en' }));
    expect(en.text).toContain('SHIFT REPORT');
    expect(en.text).toMatch(/Expected cash +￥1421\.66/);
    expect(en.text).toMatch(/Counted cash +￥1425\.00/);
    expect(en.text).toMatch(/Difference +\+￥3\.34 over/);
    expect(en.text).toContain('WeChat Pay');
  });
});
