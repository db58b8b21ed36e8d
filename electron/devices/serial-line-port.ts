import { RegexParser, SerialPort } from 'serialport';
import type { DeviceState } from '../../shared/contract/system.js';
import { closePort, openPort, serialErrorState } from './serial-errors.js';

export interface SerialLinePortOptions {
  /** `/dev/ttyACM0`, `/dev/ttyUSB0`, `COM4`… */
  path: string;
  /** Scanners and counter scales in serial mode default to 9600 8N1. */
  baudRate?: number;
  /** First reconnect attempt after this long, doubling up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

export interface SerialLineHandlers {
  /** Each line as it comes (CR, LF or CRLF stripped; empty lines dropped by the splitter). */
  line: (line: string) => void;
  /** The port is open (again): e.g. start polling it. */
  opened?: (port: SerialPort) => void;
  /** The port went away (cable pulled, device off) — not called for our own close(). */
  lost?: () => void;
}

/**
 * A serial device that talks in lines and must survive its cable being pulled: the serial
 * scanner and the serial scale. It opens the port, splits what arrives into lines, and when
 * the port disappears it reports 'offline' and reopens the same path with backoff, so
 * plugging the device back in just works. Opening errors become the device's state
 * (`serialErrorState`: no such port, busy, no permission) while it keeps retrying.
 */
export class SerialLinePort {
  private current: DeviceState = 'offline';
  private port: SerialPort | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private running = false;
  private readonly stateListeners = new Set<(state: DeviceState) => void>();

  constructor(
    private readonly options: SerialLinePortOptions,
    private readonly handlers: SerialLineHandlers,
  ) {}

  get state(): DeviceState {
    return this.current;
  }

  get path(): string {
    return this.options.path;
  }

  /** Whether this port is the one open now (a poll loop stops when its port is gone). */
  isCurrent(port: SerialPort): boolean {
    return this.running && this.port === port;
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
    port.pipe(new RegexParser({ regex: /[\r\n]+/ })).on('data', (line: string) => this.handlers.line(line));
    port.once('close', () => {
      if (this.port !== port) return; // our own close()
      this.port = null;
      this.handlers.lost?.();
      this.setState('offline');
      this.scheduleRetry();
    });
    this.setState('ready');
    this.handlers.opened?.(port);
  }

  private scheduleRetry(): void {
    if (!this.running || this.retryTimer) return;
    const delay = Math.min(this.options.maxRetryMs ?? 10_000, (this.options.retryMs ?? 500) * 2 ** this.attempt);
    this.attempt++;
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private setState(state: DeviceState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
