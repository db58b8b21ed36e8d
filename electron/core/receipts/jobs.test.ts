import { describe, expect, it } from 'vitest';
import type { ReceiptData } from '../../../shared/contract/receipt.js';
import { decodeEscPos } from '../../../tests/helpers/escpos-decode.js';
import { drawerJob, opensDrawer, receiptJob } from './jobs.js';
import { CASH_DRAWER_PULSE, concatBytes, toEscPos } from './render.js';

const cashSale: ReceiptData = {
  shop: { name: '小店', header: '', footer: '' },
  receiptNo: '20260131-0001',
  kind: 'sale',
  refundOf: null,
  soldAt: '2026-01-31T10:00:00',
  cashier: '老板',
  lines: [{ name: '可乐', qty: 1, unitPriceFen: 300, discountFen: 0, totalFen: 300 }],
  subtotalFen: 300,
  discountFen: 0,
  roundingFen: 0,
  totalFen: 300,
  payments: [{ method: 'cash', amountFen: 300, tenderedFen: 500, changeFen: 200 }],
  member: null,
  reprint: false,
};
const wechatSale: ReceiptData = { ...cashSale, payments: [{ method: 'wechat', amountFen: 300, tenderedFen: null, changeFen: null }] };

describe('cash drawer', () => {
  it('is ESC p 0 25 250', () => {
    expect([...CASH_DRAWER_PULSE]).toEqual([0x1b, 0x70, 0x00, 0x19, 0xfa]);
    expect([...drawerJob()]).toEqual([0x1b, 0x70, 0x00, 0x19, 0xfa]);
    expect(decodeEscPos(drawerJob()).drawerPulses).toEqual([{ pin: 0, onMs: 50, offMs: 500 }]);
  });

  it('opens first, for cash, when enabled, and never on a reprint', () => {
    const settings = { paperWidth: 58, locale: 'zh-CN', openDrawerOnCash: true } as const;
    const job = receiptJob(cashSale, settings);
    expect([...job.subarray(0, 5)]).toEqual([...CASH_DRAWER_PULSE]);
    expect(decodeEscPos(job).drawerPulses).toHaveLength(1);

    expect(opensDrawer(cashSale, settings)).toBe(true);
    expect(opensDrawer({ ...cashSale, kind: 'refund', refundOf: '20260130-0001' }, settings)).toBe(true); // cash goes out
    expect(opensDrawer(cashSale, { openDrawerOnCash: false })).toBe(false);
    expect(opensDrawer(wechatSale, settings)).toBe(false);
    expect(opensDrawer({ ...cashSale, reprint: true }, settings)).toBe(false);
    expect(decodeEscPos(receiptJob(wechatSale, settings)).drawerPulses).toEqual([]);
  });
});

describe('toEscPos', () => {
  it('starts with ESC @, selects GB18030 (FS &) for Chinese, and cuts unless told not to', () => {
    const bytes = toEscPos('可乐 | ￥3.00', { paperWidth: 80 });
    expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    const d = decodeEscPos(bytes);
    expect(d.text).toMatch(/可乐 +￥3\.00/);
    expect(d.commands.some((c) => c.name === 'kanji-on')).toBe(true);
    expect(d.cuts).toBe(1);
    expect(decodeEscPos(toEscPos('x', { paperWidth: 80, cutting: false })).cuts).toBe(0);
    // ￥ is the GB2312 pair A3 A4.
    expect(Buffer.from(bytes).includes(Buffer.from([0xa3, 0xa4]))).toBe(true);
  });

  it('prints the same text in the generic dialect for clone printers', () => {
    const d = decodeEscPos(toEscPos('^^^小店\n{code:20260131-0001; option:qrcode}', { paperWidth: 58, dialect: 'generic' }));
    expect(d.unknown).toEqual([]);
    expect(d.text.replace(/ /g, '')).toContain('小店');
    expect(d.images).toBe(1); // QR as GS v 0 raster
  });

  it('concatBytes joins jobs', () => {
    expect([...concatBytes(Uint8Array.of(1), Uint8Array.of(), Uint8Array.of(2, 3))]).toEqual([1, 2, 3]);
  });
});
