import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../tests/helpers/escpos-decode.js';
import { makeTempDir } from '../../tests/helpers/temp-dir.js';
import { testPage } from '../core/print/job-renderer.js';
import { PrinterError } from './printer.js';
import { createPrinter } from './printer-config.js';
import { UsbPrinter } from './usb-printer.js';

/**
 * The USB printer's device file stands in as a named pipe (mkfifo): like /dev/usb/lp0 it is
 * not a regular file, a write blocks until the other side takes the bytes, and with nobody
 * reading (a printer out of paper) it never completes.
 */
const dirs: Array<{ cleanup(): void }> = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});
const fifo = () => {
  const tmp = makeTempDir();
  dirs.push(tmp);
  const file = path.join(tmp.dir, 'lp0');
  execFileSync('mkfifo', [file]);
  return file;
};

describe('UsbPrinter (device file)', () => {
  it('writes the whole job to the device, as the printer reads it', async () => {
    const dev = fifo();
    const printer = createPrinter({ type: 'usb', path: dev, paperWidth: 58, openDrawerOnCash: false });
    expect(printer?.kind).toBe('usb');
    const reading = new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      fs.createReadStream(dev).on('data', (c) => chunks.push(c as Buffer)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
    });
    const job = testPage('幸福小超市', { paperWidth: 58, openDrawerOnCash: false, locale: 'zh-CN' });
    await printer!.send(job);
    const got = await reading;
    expect(Buffer.compare(got, Buffer.from(job))).toBe(0);
    expect(decodeEscPos(got).text).toContain('幸福小超市');
    expect(await printer!.probe()).toBe('ready');
  });

  it('an unplugged printer is offline and no file is created in its place', async () => {
    const tmp = makeTempDir();
    dirs.push(tmp);
    const gone = path.join(tmp.dir, 'lp9');
    const printer = new UsbPrinter({ path: gone });
    const e = await printer.send(new Uint8Array([0x1b, 0x40])).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PrinterError);
    expect((e as PrinterError).code).toBe('offline');
    expect(fs.existsSync(gone)).toBe(false);
    expect(await printer.probe()).toBe('offline');
  });

  it('a printer that stops taking data times out instead of hanging the queue', async () => {
    const dev = fifo(); // nobody reads: the open itself blocks, as a stalled printer's write does
    const printer = new UsbPrinter({ path: dev, writeTimeoutMs: 300 });
    const e = await printer.send(new Uint8Array([0x1b, 0x40])).catch((err: unknown) => err);
    expect((e as PrinterError).code).toBe('timeout');
    // Unblock the stuck open so the worker thread is released.
    fs.createReadStream(dev).on('error', () => {}).resume();
  });
});
