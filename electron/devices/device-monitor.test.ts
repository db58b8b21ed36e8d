import iconv from 'iconv-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceState } from '../../shared/contract/system.js';
import { startFakePrinter, type FakePrinter } from '../../tests/helpers/fake-printer.js';
import { DeviceMonitor, reportingTo, type DeviceStatus, type ReportingDevice } from './device-monitor.js';
import { TcpPrinter } from './tcp-printer.js';

const job = Uint8Array.from([0x1c, 0x26, ...iconv.encode('测试', 'gb18030'), 0x0a]);

let fake: FakePrinter | null = null;
let monitor: DeviceMonitor | null = null;
afterEach(async () => {
  monitor?.stop();
  monitor = null;
  await fake?.close();
  fake = null;
});

/** A scanner-like device whose state the test sets. */
function reportingDevice(initial: DeviceState): ReportingDevice & { set(s: DeviceState): void } {
  let state = initial;
  const listeners = new Set<(s: DeviceState) => void>();
  return {
    get state() {
      return state;
    },
    onStateChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    set(s) {
      state = s;
      for (const l of listeners) l(s);
    },
  };
}

describe('DeviceMonitor', () => {
  it('follows a network printer that goes away mid-use and comes back', async () => {
    fake = await startFakePrinter();
    const printer = new TcpPrinter({ host: fake.host, port: fake.port, connectTimeoutMs: 1000 });
    monitor = new DeviceMonitor({ printer, intervalMs: 50 });
    const seen: DeviceState[] = [];
    monitor.subscribe((s) => seen.push(s.printer));
    expect(monitor.status().printer).toBe('not_configured'); // unknown until the first probe
    monitor.start();
    const m = monitor;
    await vi.waitFor(() => expect(m.status().printer).toBe('ready'));
    await printer.send(job);

    await fake.setMode('refuse'); // switched off
    await vi.waitFor(() => expect(m.status().printer).toBe('offline'));
    await expect(printer.send(job)).rejects.toMatchObject({ code: 'refused' });

    await fake.setMode('accept'); // back on, same port
    await vi.waitFor(() => expect(m.status().printer).toBe('ready'));
    await printer.send(job);

    expect(seen).toEqual(['ready', 'offline', 'ready']); // changes only, no repeats
    expect(fake.jobs()).toHaveLength(2);
  });

  it('probes on demand and shares a probe already running', async () => {
    let probes = 0;
    let state: DeviceState = 'ready';
    monitor = new DeviceMonitor({ printer: { probe: async () => (probes++, state) } });
    const [a, b] = await Promise.all([monitor.refresh(), monitor.refresh()]);
    expect(a).toEqual({ printer: 'ready', scanner: 'not_configured' });
    expect(b).toEqual(a);
    expect(probes).toBe(1);
    state = 'offline';
    expect((await monitor.refresh()).printer).toBe('offline');
    // A probe that throws counts as an error, not a crash.
    monitor.setDevice('printer', { probe: () => Promise.reject(new Error('boom')) });
    expect((await monitor.refresh()).printer).toBe('error');
    monitor.setDevice('printer', null);
    expect(monitor.status().printer).toBe('not_configured');
  });

  it('listens to devices that report their own state, until stopped', async () => {
    const scanner = reportingDevice('offline');
    monitor = new DeviceMonitor({ scanner });
    const events: Array<[DeviceStatus, DeviceStatus]> = [];
    monitor.subscribe((now, before) => events.push([now, before]));
    expect(monitor.status().scanner).toBe('offline');
    scanner.set('ready');
    expect(monitor.status().scanner).toBe('ready');
    expect(events).toEqual([[{ printer: 'not_configured', scanner: 'ready' }, { printer: 'not_configured', scanner: 'offline' }]]);
    // Replaced devices no longer count.
    const other = reportingDevice('ready');
    monitor.setDevice('scanner', other);
    scanner.set('error');
    expect(monitor.status().scanner).toBe('ready');
    monitor.stop();
    other.set('offline');
    expect(events).toHaveLength(1);
  });

  it('ignores an answer from a device that was replaced while it was probing', async () => {
    let release: (s: DeviceState) => void = () => {};
    const slow = { probe: () => new Promise<DeviceState>((r) => (release = r)) };
    monitor = new DeviceMonitor({ printer: slow });
    const pending = monitor.refresh();
    monitor.setDevice('printer', { probe: async () => 'offline' });
    release('ready');
    await pending;
    expect(monitor.status().printer).not.toBe('ready');
  });

  it('updates at once from a real job through reportingTo()', async () => {
    fake = await startFakePrinter({ mode: 'hang' });
    const raw = new TcpPrinter({ host: fake.host, port: fake.port, writeTimeoutMs: 200 });
    monitor = new DeviceMonitor({ printer: raw });
    await monitor.refresh();
    expect(monitor.status().printer).toBe('ready');
    const printer = reportingTo(monitor, raw);
    await expect(printer.send(job)).rejects.toMatchObject({ code: 'timeout' });
    expect(monitor.status().printer).toBe('error'); // e.g. out of paper
    await fake.setMode('accept');
    await printer.send(job);
    expect(monitor.status().printer).toBe('ready');
  });
});
