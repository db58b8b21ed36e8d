import { RegexParser, SerialPort } from 'serialport';
import type { DeviceState } from '../../shared/contract/system.js';
import type { ReportingDevice } from './device-monitor.js';
import { closePort, openPort, serialErrorState } from './serial-errors.js';

export interface SerialScannerOptions {
  /** `/dev/ttyACM0`, `/dev/ttyUSB0`, `COM4`… */
  path: string;
  /** Scanners in serial (RS-232 / USB-COM) mode default to 9600 8N1. */
  baudRate?: number;
  /** First reconnect attempt after this long, doubling up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * A barcode scanner in serial mode. Each code arrives as a line ending in CR, LF or CRLF
 * (the scanner's "suffix" setting); it is trimmed and handed to onCode listeners.
 * When the port disappears (USB cable pulled) the state goes 'offline' and the scanner
 * reopens the same path with backoff, so plugging it back in just works.
 * Keyboard-wedge scanners need none of this: they type into the page.
 */
export class SerialScanner implements ReportingDevice {
  private current: DeviceState = 'offline';
  private port: SerialPort | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private running = false;
  private readonly codeListeners = new Set<(code: string) => void>();
  private readonly stateListeners = new Set<(state: DeviceState) => void>();

  constructor(private readonly options: SerialScannerOptions) {}

  get state(): DeviceState {
    return this.current;
  }

  get path(): string {
    return this.options.path;
  }

  onCode(listener: (code: string) => void): () => void {
    this.codeListeners.add(listener);
    return () => this.codeListeners.delete(listener);
  }

  onStateChange(listener: (state: DeviceState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Starts connecting; resolves after the first attempt (whatever its outcome). */
  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = true;
    return this.connect();
  }

  /** Closes the port and stops reconnecting. */
  async close(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const port = this.port;
    this.port = null;
    if (port) await closePort(port);
    this.setState('offline');
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate ?? 9600, autoOpen: false });
    // Read errors are followed by 'close', handled below; this only keeps them from crashing the app.
    port.on('error', () => {});
    try {
      await openPort(port);
    } catch (e) {
      if (this.running) {
        this.setState(serialErrorState(e));
        this.scheduleRetry();
      }
      return;
    }
    if (!this.running) return closePort(port); // close() was called while opening

    this.port = port;
    this.attempt = 0;
    const lines = port.pipe(new RegexParser({ regex: /[\r\n]+/ }));
    lines.on('data', (line: string) => {
      const code = line.trim();
      if (code !== '') for (const listener of this.codeListeners) listener(code);
    });
    port.once('close', () => {
      if (this.port !== port) return; // our own close()
      this.port = null;
      this.setState('offline');
      this.scheduleRetry();
    });
    this.setState('ready');
  }

  private scheduleRetry(): void {
    if (!this.running || this.retryTimer) return;
    const base = this.options.retryMs ?? 500;
    const delay = Math.min(this.options.maxRetryMs ?? 10_000, base * 2 ** this.attempt);
    this.attempt++;
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private setState(state: DeviceState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

export interface SerialPortInfo {
  path: string;
  manufacturer: string | null;
  vendorId: string | null;
  productId: string | null;
  serialNumber: string | null;
}

/** Serial ports the OS reports, for the settings page; empty when listing fails. */
export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  try {
    const ports = await SerialPort.list();
    return ports.map((p) => ({
      path: p.path,
      manufacturer: p.manufacturer ?? null,
      vendorId: p.vendorId ?? null,
      productId: p.productId ?? null,
      serialNumber: p.serialNumber ?? null,
    }));
  } catch {
    return [];
  }
}
