import { describe, expect, it } from 'vitest';
import type { ReceiptData } from '../../../shared/contract/receipt.js';
import { columns, decodeEscPos } from '../../../tests/helpers/escpos-decode.js';
import { receiptMarkup, type ReceiptTemplateOptions } from './receipt-template.js';
import { toEscPos, toSvg, toText } from './render.js';

const sale: ReceiptData = {
  shop: { name: '幸福小超市', header: '北京市朝阳区幸福路8号\n电话 010-12345678', footer: '谢谢惠顾，欢迎再来！' },
  receiptNo: '20260131-0042',
  kind: 'sale',
  refundOf: null,
  soldAt: '2026-01-31T09:05:07',
  cashier: '王小明',
  lines: [
    { name: '农夫山泉饮用天然水550ml', qty: 2, unitPriceFen: 200, discountFen: 0, totalFen: 400 },
    { name: '康师傅红烧牛肉面（五连包）家庭装特惠', qty: 1, unitPriceFen: 1650, discountFen: 150, totalFen: 1500 },
    { name: '大白兔奶糖', qty: 3, unitPriceFen: 1290, discountFen: 0, totalFen: 3870 },
  ],
  subtotalFen: 5920,
  discountFen: 150,
  roundingFen: 20,
  totalFen: 5750,
  payments: [
    { method: 'wechat', amountFen: 750, tenderedFen: null, changeFen: null },
    { method: 'cash', amountFen: 5000, tenderedFen: 10000, changeFen: 5000 },
  ],
  member: {
    maskedPhone: '138****5678',
    name: '李女士',
    tier: '银卡会员',
    upgradedTo: '金卡会员',
    pointsEarned: 57,
    pointsBalance: 1234,
    notes: ['200积分将于2026-03-31过期'],
  },
  reprint: false,
};

function print(data: ReceiptData, options: ReceiptTemplateOptions) {
  const bytes = toEscPos(receiptMarkup(data, options), { paperWidth: options.paperWidth });
  return decodeEscPos(bytes, { cpl: options.paperWidth === 58 ? 32 : 48 });
}

describe('receipt template (zh-CN, printed and decoded)', () => {
  it('names the coupons and the points deduction inside the discount', () => {
    const withRewards: ReceiptData = {
      ...sale,
      discountFen: 150 + 1000 + 500,
      totalFen: 5750 - 1500,
      deductions: [
        { kind: 'coupon', name: '生日券', points: null, amountFen: 1000 },
        { kind: 'points', name: '', points: 500, amountFen: 500 },
      ],
    };
    const text = print(withRewards, { paperWidth: 58, locale: 'zh-CN' }).text;
    expect(text).toMatch(/折扣 +-￥16\.50/);
    expect(text).toMatch(/ {2}优惠券 生日券 +-￥10\.00/);
    expect(text).toMatch(/ {2}500积分抵扣 +-￥5\.00/);
    expect(print(withRewards, { paperWidth: 80, locale: 'en' }).text).toMatch(/Points 500 +-￥5\.00/);
  });

  it.each([58, 80] as const)('prints everything a customer checks on %i mm paper', (paperWidth) => {
    const d = print(sale, { paperWidth, locale: 'zh-CN' });
    const text = d.text;
    expect(d.unknown).toEqual([]);
    expect(text).toContain('幸福小超市');
    expect(text).toContain('北京市朝阳区幸福路8号');
    expect(text).toContain('单号：20260131-0042');
    expect(text).toContain('时间：2026-01-31 09:05:07');
    expect(text).toContain('收银员：王小明');
    // Names may wrap on 58 mm: compare without line breaks.
    const flat = d.lines.map((l) => l.trim()).join('');
    for (const line of sale.lines) expect(flat).toContain(line.name);
    expect(text).toMatch(/2 × ￥2\.00 +￥4\.00/);
    expect(text).toMatch(/3 × ￥12\.90 +￥38\.70/);
    expect(text).toMatch(/折扣 +-￥1\.50/);
    expect(text).toMatch(/小计 +￥59\.20/);
    expect(text).toMatch(/抹零 +-￥0\.20/);
    expect(text).toMatch(/应收 +￥57\.50/);
    expect(text).toMatch(/微信支付 +￥7\.50/);
    expect(text).toMatch(/现金 +￥50\.00/);
    expect(text).toMatch(/实收 +￥100\.00/);
    expect(text).toMatch(/找零 +￥50\.00/);
    expect(text).toMatch(/手机 +138\*\*\*\*5678/);
    expect(text).toMatch(/会员 +李女士/);
    expect(text).toContain('升级为 金卡会员');
    expect(text).toMatch(/获得积分 +\+57/);
    expect(text).toMatch(/积分余额 +1234/);
    expect(text).toContain('200积分将于2026-03-31过期');
    expect(text).toContain('谢谢惠顾，欢迎再来！');
    expect(text).not.toContain('¥'); // never the half-width yen sign
    expect(d.barcodes).toEqual([{ type: 73, data: '20260131-0042' }]);
    expect(d.cuts).toBe(1);
    expect(d.drawerPulses).toEqual([]); // the drawer is a job-level decision (jobs.ts)
  });

  it.each([
    [58, 32],
    [80, 48],
  ] as const)('never prints wider than the paper: %i mm = %i columns', (paperWidth, cpl) => {
    const long: ReceiptData = {
      ...sale,
      shop: { ...sale.shop, name: '非常非常长的连锁便利店名称旗舰店' },
      lines: [{ name: '特别特别长的商品名称'.repeat(4), qty: 120, unitPriceFen: 999_999, discountFen: 1_000_000, totalFen: 118_999_880 }],
    };
    for (const data of [sale, long, { ...long, kind: 'refund' as const, refundOf: '20260130-0001', reprint: true }]) {
      const d = print(data, { paperWidth, locale: 'zh-CN' });
      expect(Math.max(...d.widths)).toBeLessThanOrEqual(cpl);
      // The widths the decoder tracks agree with counting CJK as 2 columns.
      for (const line of d.lines) expect(columns(line)).toBeLessThanOrEqual(cpl);
    }
    // 80 mm really uses its width: the rule spans all 48 columns.
    expect(print(sale, { paperWidth, locale: 'zh-CN' }).lines).toContain('-'.repeat(cpl));
  });

  it('marks refunds with 退款 and the original receipt number', () => {
    const refund: ReceiptData = {
      ...sale,
      receiptNo: '20260201-0003',
      kind: 'refund',
      refundOf: '20260131-0042',
      lines: [{ name: '大白兔奶糖', qty: 1, unitPriceFen: 1290, discountFen: 0, totalFen: 1290 }],
      subtotalFen: 1290,
      discountFen: 0,
      roundingFen: 0,
      totalFen: 1290,
      payments: [{ method: 'cash', amountFen: 1290, tenderedFen: null, changeFen: null }],
      member: null,
    };
    const d = print(refund, { paperWidth: 58, locale: 'zh-CN' });
    expect(d.lines.map((l) => l.trim())).toContain('退款');
    expect(d.text).toContain('原单号：20260131-0042');
    expect(d.text).toMatch(/退款金额 +￥12\.90/);
    expect(d.text).not.toContain('应收');
    expect(d.text).not.toContain('重打');
    expect(d.text).not.toContain('抹零'); // zero amounts are left off
    expect(d.barcodes[0]?.data).toBe('20260201-0003');
  });

  it('marks reprints with 重打', () => {
    const d = print({ ...sale, reprint: true }, { paperWidth: 58, locale: 'zh-CN' });
    expect(d.text).toContain('重打');
    expect(print(sale, { paperWidth: 58, locale: 'zh-CN' }).text).not.toContain('重打');
  });

  it('prints English labels', () => {
    const d = print({ ...sale, kind: 'refund', refundOf: '20260130-0007', reprint: true }, { paperWidth: 80, locale: 'en' });
    for (const label of ['Receipt No.: 20260131-0042', 'Refund of: 20260130-0007', 'Cashier: 王小明', 'REFUND', 'REPRINT', 'Upgraded to 金卡会员']) {
      expect(d.text).toContain(label);
    }
    expect(d.text).toMatch(/Subtotal +￥59\.20/);
    expect(d.text).toMatch(/Rounding +-￥0\.20/);
    expect(d.text).toMatch(/REFUND TOTAL +￥57\.50/);
    expect(d.text).toMatch(/WeChat Pay +￥7\.50/);
    expect(d.text).toMatch(/Tendered +￥100\.00/);
    expect(d.text).toMatch(/Change +￥50\.00/);
    expect(d.text).toMatch(/Points balance +1234/);
    for (const zh of ['单号', '收银员', '小计', '找零', '退款']) expect(d.text).not.toContain(zh);
  });

  it('can print the receipt number as a QR code, or not at all', () => {
    const qr = print(sale, { paperWidth: 58, locale: 'zh-CN', code: 'qr' });
    expect(qr.barcodes).toEqual([]);
    expect(qr.images).toBe(1); // receiptline sends QR codes as a raster image
    expect(qr.lines.map((l) => l.trim())).toContain('20260131-0042');
    const none = print(sale, { paperWidth: 58, locale: 'zh-CN', code: 'none' });
    expect(none.barcodes).toEqual([]);
    expect(none.images).toBe(0);
  });

  it('falls back to QR when the barcode would be wider than the paper', () => {
    const longNo = 'ABCDEFGHIJKLMNOPQRST';
    const narrow = print({ ...sale, receiptNo: longNo }, { paperWidth: 58, locale: 'zh-CN' });
    expect(narrow.barcodes).toEqual([]);
    expect(narrow.images).toBe(1);
    const wide = print({ ...sale, receiptNo: longNo }, { paperWidth: 80, locale: 'zh-CN' });
    expect(wide.barcodes).toEqual([{ type: 73, data: longNo }]);
  });

  it('prints markup characters in names literally', () => {
    const tricky: ReceiptData = {
      ...sale,
      shop: { name: 'A|B {shop}', header: '---', footer: '=' },
      cashier: '"^_~`\\',
      lines: [{ name: '-', qty: 1, unitPriceFen: 100, discountFen: 0, totalFen: 100 }, { name: 'x\ny|z', qty: 1, unitPriceFen: 1, discountFen: 0, totalFen: 1 }],
    };
    const d = print(tricky, { paperWidth: 80, locale: 'zh-CN' });
    const trimmed = d.lines.map((l) => l.trim());
    expect(trimmed).toContain('---');
    expect(trimmed).toContain('=');
    expect(trimmed).toContain('-');
    expect(trimmed).toContain('x y|z');
    expect(d.text).toContain('收银员："^_~`\\');
    expect(d.text.replace(/ /g, '')).toContain('A|B{shop}'); // shop name is double width
    expect(d.cuts).toBe(1); // '=' in the footer did not become a cut
  });

  it('renders the same markup to SVG and plain text for the on-screen preview', () => {
    const markup = receiptMarkup(sale, { paperWidth: 58, locale: 'zh-CN' });
    const svg = toSvg(markup, 58);
    expect(svg.startsWith('<svg')).toBe(true);
    // One <tspan> per character, so look for the pieces.
    expect(svg).toContain('>兔</tspan>');
    expect(svg).toContain('>￥</tspan>');
    expect(svg).toContain('lang="zh-Hans"');
    const text = toText(markup, 58);
    expect(text).toMatch(/应收 +￥57\.50/);
    expect(Math.max(...text.split('\n').map(columns))).toBeLessThanOrEqual(32);
  });
});
