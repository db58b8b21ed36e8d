import type { DeviceState } from '../../shared/contract/system.js';
import type { DeviceStatusSource } from '../core/system/devices-status.js';
import { stateForError, type ReceiptPrinter } from './printer.js';

/** A device checked by asking (printers). */
export interface ProbedDevice {
  probe(): Promise<DeviceState>;
}

/** A device that says when its state changes (the serial scanner). */
export interface ReportingDevice {
  readonly state: DeviceState;
  onStateChange(listener: (state: DeviceState) => void): () => void;
}

export type MonitoredDevice = ProbedDevice | ReportingDevice;
export type DeviceSlot = 'printer' | 'scanner';
export interface DeviceStatus {
  printer: DeviceState;
  scanner: DeviceState;
}
export type StatusListener = (status: DeviceStatus, previous: DeviceStatus) => void;

export interface DeviceMonitorOptions {
  printer?: MonitoredDevice | null;
  scanner?: MonitoredDevice | null;
  /** How often start() re-probes. A connect every 15 s is nothing for a printer. */
  intervalMs?: number;
}

/**
 * Keeps the printer and scanner states the status bar shows. Probed devices are asked on
 * refresh() and every intervalMs after start(); reporting devices push their changes.
 * Listeners hear only real changes. Implements the core's DeviceStatusSource.
 */
export class DeviceMonitor implements DeviceStatusSource {
  private current: DeviceStatus = { printer: 'not_configured', scanner: 'not_configured' };
  private readonly devices: Record<DeviceSlot, MonitoredDevice | null> = { printer: null, scanner: null };
  private readonly unwatch: Record<DeviceSlot, (() => void) | null> = { printer: null, scanner: null };
  private readonly listeners = new Set<StatusListener>();
  private inFlight: Promise<DeviceStatus> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly intervalMs: number;

  constructor(options: DeviceMonitorOptions = {}) {
    this.intervalMs = options.intervalMs ?? 15_000;
    this.setDevice('printer', options.printer ?? null);
    this.setDevice('scanner', options.scanner ?? null);
  }

  status(): DeviceStatus {
    return { ...this.current };
  }

  subscribe(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Swap a device after the settings change; null = not configured. */
  setDevice(slot: DeviceSlot, device: MonitoredDevice | null): void {
    this.unwatch[slot]?.();
    this.unwatch[slot] = null;
    this.devices[slot] = device;
    if (!device) return this.set(slot, 'not_configured');
    if ('onStateChange' in device) {
      this.unwatch[slot] = device.onStateChange((s) => {
        if (this.devices[slot] === device) this.set(slot, s);
      });
      this.set(slot, device.state);
    }
  }

  /** Record what a real job just showed, without waiting for the next probe. */
  report(slot: DeviceSlot, state: DeviceState): void {
    if (this.devices[slot]) this.set(slot, state);
  }

  /** Probes now. Concurrent calls share one round of probes. */
  refresh(): Promise<DeviceStatus> {
    this.inFlight ??= this.probeAll().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Probes now and then every intervalMs until stop(). */
  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.intervalMs);
    // The status bar must never keep the app (or a test run) alive.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const slot of ['printer', 'scanner'] as const) {
      this.unwatch[slot]?.();
      this.unwatch[slot] = null;
    }
    this.listeners.clear();
  }

  private async probeAll(): Promise<DeviceStatus> {
    await Promise.all(
      (['printer', 'scanner'] as const).map(async (slot) => {
        const device = this.devices[slot];
        if (!device || !('probe' in device)) return;
        const state = await device.probe().catch((): DeviceState => 'error');
        // The settings may have changed while we waited: a stale answer must not win.
        if (this.devices[slot] === device) this.set(slot, state);
      }),
    );
    return this.status();
  }

  private set(slot: DeviceSlot, state: DeviceState): void {
    if (this.current[slot] === state) return;
    const previous = this.status();
    this.current = { ...this.current, [slot]: state };
    const now = this.status();
    for (const listener of this.listeners) listener(now, previous);
  }
}

/**
 * Wraps a printer so each job's outcome updates the monitor at once: a receipt that failed
 * because the paper ran out shows in the status bar now, not at the next probe.
 */
export function reportingTo(monitor: DeviceMonitor, printer: ReceiptPrinter): ReceiptPrinter {
  return {
    kind: printer.kind,
    probe: () => printer.probe(),
    async send(bytes) {
      try {
        await printer.send(bytes);
        monitor.report('printer', 'ready');
      } catch (e) {
        monitor.report('printer', stateForError(e));
        throw e;
      }
    },
  };
}
