import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceState } from '../../shared/contract/system.js';
import { PrinterError } from './printer.js';
import { SerialPrinter } from './serial-printer.js';
import { SerialScanner, listSerialPorts } from './serial-scanner.js';
import { hasSocat, openEnd, startPtyPair } from '../../tests/helpers/pty-pair.js';

/**
 * Serial devices through a pseudo-terminal pair made by socat: what is written to one end is
 * read on the other, as over a null-modem cable. `link=` gives each end a stable path, so
 * restarting socat (new /dev/pts numbers) looks like unplugging and replugging a USB device.
 */
const title = hasSocat ? 'serial devices over a socat pty pair' : 'serial devices over a socat pty pair (SKIPPED: socat is not on PATH; apt-get install socat)';

const write = (port: SerialPort, data: string | Uint8Array) =>
  new Promise<void>((resolve, reject) => port.write(data, (e) => (e ? reject(e) : port.drain((d) => (d ? reject(d) : resolve())))));
const close = (port: SerialPort) => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));

describe.skipIf(!hasSocat)(title, () => {
  let dir = '';
  const cleanup: Array<() => Promise<unknown>> = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-serial-'));
  });
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('scanner: emits each trimmed code, survives socat dying, and reconnects when it returns', async () => {
    let pair = await startPtyPair(dir);
    const first = pair;
    cleanup.push(() => first.stop()); // stop() is idempotent: also safe after the test stopped it
    expect(pair.pts).toHaveLength(2);
    expect(fs.realpathSync(pair.b)).toBe(pair.pts[1]);

    const scanner = new SerialScanner({ path: pair.b, retryMs: 50, maxRetryMs: 200 });
    cleanup.push(() => scanner.close());
    const codes: string[] = [];
    const states: DeviceState[] = [];
    scanner.onCode((c) => codes.push(c));
    scanner.onStateChange((s) => states.push(s));
    await scanner.start();
    expect(scanner.state).toBe('ready');

    let gun = await openEnd(pair.a);
    const firstGun = gun;
    cleanup.push(() => close(firstGun));
    await write(gun, '6901234567892\r');
    await vi.waitFor(() => expect(codes).toEqual(['6901234567892']));
    // CRLF, LF, several codes in one burst, stray whitespace, empty lines.
    await write(gun, '  ABC-123 \r\n\r\n4006381333931\n20260131-0042\r');
    await vi.waitFor(() => expect(codes).toEqual(['6901234567892', 'ABC-123', '4006381333931', '20260131-0042']));
    await close(gun);

    // Unplugged: the pty pair disappears.
    await pair.stop();
    await vi.waitFor(() => expect(scanner.state).toBe('offline'));

    // Plugged back in (same path, new /dev/pts device): it reconnects by itself.
    pair = await startPtyPair(dir);
    cleanup.push(() => pair.stop());
    await vi.waitFor(() => expect(scanner.state).toBe('ready'), { timeout: 5000 });
    gun = await openEnd(pair.a);
    cleanup.push(() => close(gun));
    await write(gun, '6920202888883\r');
    await vi.waitFor(() => expect(codes.at(-1)).toBe('6920202888883'));
    expect(states).toEqual(['ready', 'offline', 'ready']);
  });

  it('scanner: waits for a port that does not exist yet, and stops retrying after close()', async () => {
    const scanner = new SerialScanner({ path: path.join(dir, 'b'), retryMs: 50, maxRetryMs: 100 });
    await scanner.start();
    expect(scanner.state).toBe('offline');
    const pair = await startPtyPair(dir);
    cleanup.push(() => pair.stop());
    await vi.waitFor(() => expect(scanner.state).toBe('ready'), { timeout: 5000 });
    await scanner.close();
    expect(scanner.state).toBe('offline');
    // The port is free again: closing released it.
    const again = await openEnd(pair.b);
    await close(again);
  });

  it('serial printer: sends the job through the port and probes it', async () => {
    const pair = await startPtyPair(dir);
    cleanup.push(() => pair.stop());
    const paper = await openEnd(pair.a);
    cleanup.push(() => close(paper));
    const received: Buffer[] = [];
    paper.on('data', (chunk: Buffer) => received.push(chunk));

    const printer = new SerialPrinter({ path: pair.b, baudRate: 9600 });
    expect(await printer.probe()).toBe('ready');
    const job = Uint8Array.from([0x1b, 0x40, 0x1c, 0x26, 0xbf, 0xc9, 0xc0, 0xd6, 0x0a, 0x1b, 0x70, 0x00, 0x19, 0xfa]); // ESC @, FS &, 可乐, LF, drawer
    await printer.send(job);
    await vi.waitFor(() => expect([...Buffer.concat(received)]).toEqual([...job]));
  });

  it('serial printer: a missing port is offline', async () => {
    const printer = new SerialPrinter({ path: path.join(dir, 'nothing-here'), baudRate: 9600 });
    expect(await printer.probe()).toBe('offline');
    const e = await printer.send(Uint8Array.of(0x0a)).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PrinterError);
    expect((e as PrinterError).code).toBe('offline');
  });
});

describe('listSerialPorts', () => {
  it('returns plain objects and never throws', async () => {
    const ports = await listSerialPorts();
    for (const p of ports) expect(typeof p.path).toBe('string');
  });
});
