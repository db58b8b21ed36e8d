import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReceiptData } from '../../shared/contract/receipt.js';
import { decodeEscPos } from '../../tests/helpers/escpos-decode.js';
import { startFakePrinter, type FakePrinter } from '../../tests/helpers/fake-printer.js';
import { hasCups, startCups, type TestCups } from '../../tests/helpers/cups.js';
import { shopWithOwner, testCore } from '../../tests/helpers/core.js';
import { receiptJob } from '../core/receipts/jobs.js';
import { cupsDriver, isCupsQueueName, parseQueueList, parseQueueState } from './cups-printer.js';
import { PrinterError } from './printer.js';
import { SystemPrinter } from './system-printer.js';

const sale: ReceiptData = {
  shop: { name: '幸福小超市', header: '', footer: '谢谢惠顾' },
  receiptNo: '20261207-0007', kind: 'sale', refundOf: null, soldAt: '2026-12-07T09:05:07', cashier: '王小明',
  lines: [{ name: '农夫山泉饮用天然水', qty: 2, unitPriceFen: 200, discountFen: 0, totalFen: 400 }],
  subtotalFen: 400, discountFen: 0, roundingFen: 0, totalFen: 400,
  payments: [{ method: 'cash', amountFen: 400, tenderedFen: 500, changeFen: 100 }],
  member: null, reprint: false,
};

describe('CUPS output parsing', () => {
  it('reads queue lists and states as lpstat prints them (LANG=C)', () => {
    expect(parseQueueList('pos58\nkitchen_80\n\n')).toEqual(['pos58', 'kitchen_80']);
    expect(parseQueueState('printer pos58 is idle.  enabled since Mon Dec  7 09:14:41 2026')).toBe('ready');
    expect(parseQueueState('printer pos58 now printing pos58-3.  enabled since …')).toBe('ready');
    expect(parseQueueState('printer pos58 disabled since Mon Dec  7 09:14:41 2026 -\n\treason unknown')).toBe('offline');
  });
  it('refuses names lp could read as options or that CUPS does not allow', () => {
    expect(isCupsQueueName('POS-58_USB')).toBe(true);
    for (const bad of ['-o', 'a b', 'a/b', 'a#b', '', 'x\u0007']) expect(isCupsQueueName(bad), bad).toBe(false);
  });
});

const title = hasCups ? 'raw jobs through a real CUPS' : 'raw jobs through a real CUPS (SKIPPED: cupsd/lp not installed; apt-get install cups)';

describe.skipIf(!hasCups)(title, () => {
  let cups: TestCups;
  let fake: FakePrinter;
  beforeAll(async () => {
    cups = await startCups();
  }, 20_000);
  afterAll(async () => {
    await cups?.stop();
  });
  afterEach(async () => {
    await fake?.close();
  });

  it('lists the queues, prints a receipt RAW (the fake printer decodes it), and reads a stopped queue as offline', async () => {
    fake = await startFakePrinter();
    cups.addRawQueue('pos58', `socket://127.0.0.1:${fake.port}`);
    const driver = cupsDriver({ env: cups.env });
    expect(await driver.list()).toContain('pos58');
    const printer = new SystemPrinter('pos58', driver);
    expect(await printer.probe()).toBe('ready');

    const bytes = receiptJob(sale, { paperWidth: 58, locale: 'zh-CN', openDrawerOnCash: true });
    await printer.send(bytes);
    const job = await fake.waitForJob(0, 15_000);
    // RAW: byte for byte what the till rendered, no filter in between.
    expect(Buffer.compare(job, Buffer.from(bytes))).toBe(0);
    const d = decodeEscPos(job);
    expect(d.unknown).toEqual([]);
    expect(d.text).toContain('农夫山泉饮用天然水');
    expect(d.text).toMatch(/应收 +￥4\.00/);
    expect(d.commands.map((c) => c.name)).toEqual(expect.arrayContaining(['cut', 'drawer']));

    cups.run('cupsdisable', ['pos58']);
    expect(await printer.probe()).toBe('offline');
    cups.run('cupsenable', ['pos58']);
    expect(await printer.probe()).toBe('ready');
  }, 30_000);

  it('says what is wrong: a queue that does not exist, or no CUPS at all', async () => {
    const driver = cupsDriver({ env: cups.env });
    const e = await driver.send('no_such_queue', new Uint8Array([0x1b, 0x40])).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PrinterError);
    expect((e as PrinterError).code).toBe('offline');
    const down = cupsDriver({ env: { ...cups.env, CUPS_SERVER: '/nonexistent/cups.sock' } });
    const e2 = await down.send('pos58', new Uint8Array([0x1b, 0x40])).catch((err: unknown) => err);
    expect((e2 as PrinterError).code).toBe('offline');
    expect(await down.list()).toEqual([]);
  });

  it('the browser host prints to it too: the core sends its test page through the OS printer', async () => {
    fake = await startFakePrinter();
    cups.addRawQueue('counter80', `socket://127.0.0.1:${fake.port}`);
    const saved = process.env.CUPS_SERVER;
    process.env.CUPS_SERVER = cups.socket; // the core's default driver reads the environment, as on a shop PC
    const core = testCore();
    try {
      const { token } = await shopWithOwner(core);
      const queues = await core.dispatcher.call('devices.systemPrinters', {}, token);
      expect(queues.ok && queues.value).toEqual(expect.arrayContaining(['counter80']));
      const set = await core.dispatcher.call('devices.setConfig', { printer: { type: 'system', deviceName: 'counter80', paperWidth: 80, openDrawerOnCash: false } }, token);
      expect(set.ok).toBe(true);
      const r = await core.dispatcher.call('devices.testPrint', {}, token);
      expect(r.ok && r.value.printer).toBe('ready');
      const d = decodeEscPos(await fake.waitForJob(0, 15_000));
      expect(d.text).toContain('测试小店');
    } finally {
      if (saved === undefined) delete process.env.CUPS_SERVER;
      else process.env.CUPS_SERVER = saved;
      await core.dispose();
    }
  }, 30_000);
});
