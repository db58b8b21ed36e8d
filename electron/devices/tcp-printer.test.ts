import iconv from 'iconv-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReceiptData } from '../../shared/contract/receipt.js';
import { decodeEscPos } from '../../tests/helpers/escpos-decode.js';
import { closedLoopbackPort, startFakePrinter, type FakePrinter } from '../../tests/helpers/fake-printer.js';
import { receiptJob } from '../core/receipts/jobs.js';
import { PrinterError } from './printer.js';
import { TcpPrinter } from './tcp-printer.js';

// Real TCP on 127.0.0.1 only: never any other address.

const sale: ReceiptData = {
  shop: { name: '幸福小超市', header: '', footer: '谢谢惠顾' },
  receiptNo: '20260131-0042',
  kind: 'sale',
  refundOf: null,
  soldAt: '2026-01-31T09:05:07',
  cashier: '王小明',
  lines: [
    { name: '农夫山泉饮用天然水', qty: 2, unitPriceFen: 200, discountFen: 0, totalFen: 400 },
    { name: '大白兔奶糖', qty: 1, unitPriceFen: 1290, discountFen: 90, totalFen: 1200 },
  ],
  subtotalFen: 1690,
  discountFen: 90,
  roundingFen: 0,
  totalFen: 1600,
  payments: [{ method: 'cash', amountFen: 1600, tenderedFen: 2000, changeFen: 400 }],
  member: { maskedPhone: '138****5678', name: '李女士', tier: '金卡会员', upgradedTo: null, pointsEarned: 16, pointsBalance: 516, notes: [] },
  reprint: false,
};

let fake: FakePrinter | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function rejection(promise: Promise<unknown>): Promise<PrinterError> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PrinterError);
  return e as PrinterError;
}

describe('TcpPrinter', () => {
  it('prints a Chinese receipt over TCP that decodes back to what the customer should read', async () => {
    fake = await startFakePrinter();
    const printer = new TcpPrinter({ host: fake.host, port: fake.port });
    await printer.send(receiptJob(sale, { paperWidth: 58, locale: 'zh-CN', openDrawerOnCash: true }));

    const [job] = fake.jobs();
    const d = decodeEscPos(job!);
    expect(d.unknown).toEqual([]);
    expect(d.text.replace(/ /g, '')).toContain('幸福小超市'); // double width, centred
    expect(d.text).toContain('农夫山泉饮用天然水');
    expect(d.text).toContain('大白兔奶糖');
    expect(d.text).toMatch(/应收 +￥16\.00/);
    expect(d.text).toMatch(/现金 +￥16\.00/);
    expect(d.text).toMatch(/找零 +￥4\.00/);
    expect(d.text).toMatch(/138\*\*\*\*5678/);
    expect(d.barcodes.map((b) => b.data)).toEqual(['20260131-0042']);
    expect(d.cuts).toBe(1);
    expect(d.drawerPulses).toHaveLength(1);
    expect(Math.max(...d.widths)).toBeLessThanOrEqual(32);
  });

  it('runs one job at a time, in order', async () => {
    fake = await startFakePrinter();
    const printer = new TcpPrinter({ host: fake.host, port: fake.port });
    const texts = ['第一张', '第二张', '第三张'];
    await Promise.all(texts.map((t) => printer.send(jobBytes(t))));
    expect(fake.jobs().map((j) => decodeEscPos(j).text)).toEqual(texts);
  });

  it('reports a refused port as "refused" and probes it as offline', async () => {
    const port = await closedLoopbackPort();
    const printer = new TcpPrinter({ host: '127.0.0.1', port });
    const e = await rejection(printer.send(jobBytes('x')));
    expect(e.code).toBe('refused');
    expect(e.message).toContain(`127.0.0.1:${port}`);
    expect(await printer.probe()).toBe('offline');
  });

  it('times out, within the set time, on a printer that accepts but never reads', async () => {
    fake = await startFakePrinter({ mode: 'hang' });
    const printer = new TcpPrinter({ host: fake.host, port: fake.port, writeTimeoutMs: 400 });
    const started = Date.now();
    const e = await rejection(printer.send(jobBytes('缺纸')));
    const took = Date.now() - started;
    expect(e.code).toBe('timeout');
    expect(took).toBeGreaterThanOrEqual(350);
    expect(took).toBeLessThan(2000);
    // A hung printer still accepts connections: the probe cannot tell, the failed job can.
    expect(await printer.probe()).toBe('ready');
  });

  it('times out on a large job the printer stops reading (socket buffers full)', async () => {
    fake = await startFakePrinter({ mode: 'hang' });
    const printer = new TcpPrinter({ host: fake.host, port: fake.port, writeTimeoutMs: 400 });
    const e = await rejection(printer.send(new Uint8Array(16 * 1024 * 1024).fill(0x41)));
    expect(e.code).toBe('timeout');
  });

  it('reports a dropped connection as offline', async () => {
    fake = await startFakePrinter({ mode: 'reset' });
    const printer = new TcpPrinter({ host: fake.host, port: fake.port, writeTimeoutMs: 1000 });
    const e = await rejection(printer.send(jobBytes('x')));
    expect(e.code).toBe('offline');
  });

  it('does not hang on a printer that closes without reading', async () => {
    // Indistinguishable at the TCP level from a printer that read the job and closed, so
    // this can only promise a prompt answer (in practice: resolved), not a failure.
    fake = await startFakePrinter({ mode: 'close' });
    const printer = new TcpPrinter({ host: fake.host, port: fake.port, writeTimeoutMs: 1000 });
    const started = Date.now();
    await printer.send(jobBytes('x')).catch((e: unknown) => expect(e).toBeInstanceOf(PrinterError));
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('keeps working after failures: the queue is not stuck', async () => {
    fake = await startFakePrinter({ mode: 'hang' });
    const printer = new TcpPrinter({ host: fake.host, port: fake.port, writeTimeoutMs: 300 });
    const first = rejection(printer.send(jobBytes('一')));
    const f = fake;
    await vi.waitFor(() => expect(f.connections()).toBe(1)); // the first job is hanging now
    await fake.setMode('accept');
    const second = printer.send(jobBytes('二'));
    expect((await first).code).toBe('timeout');
    await second;
    expect(fake.jobs().map((j) => decodeEscPos(j).text)).toEqual(['二']);
  });
});

/** A minimal job: Kanji mode on (FS &), GB18030 text, LF. */
function jobBytes(text: string): Uint8Array {
  return Uint8Array.from([0x1c, 0x26, ...iconv.encode(text, 'gb18030'), 0x0a]);
}
