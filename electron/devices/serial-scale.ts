import { RegexParser, SerialPort } from 'serialport';
import type { DeviceState } from '../../shared/contract/system.js';
import { parseWeightLine, SICS_WEIGHT_NOW, type WeightReading } from '../../shared/scale/weight-string.js';
import { closePort, openPort, serialErrorState } from './serial-errors.js';

export interface SerialScaleOptions {
  path: string;
  /** Most counter scales default to 9600 8N1. */
  baudRate?: number;
  /** continuous: the scale sends its weight line by itself; sics: the till asks (`SI`) every pollMs. */
  protocol: 'continuous' | 'sics';
  pollMs?: number;
  /** A reading older than this is no reading (cable pulled, scale off). */
  staleMs?: number;
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * A serial scale (电子秤, RS-232 or USB-COM). Lines are read as they come (CR, LF or CRLF);
 * shared/scale/weight-string.ts turns each into a reading, and listeners hear each change.
 * Reconnects with backoff like the serial scanner, so unplugging and replugging just works.
 */
export class SerialScale {
  private current: DeviceState = 'offline';
  private port: SerialPort | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private running = false;
  private last: { reading: WeightReading; at: number } | null = null;
  private readonly readingListeners = new Set<(r: WeightReading | null) => void>();
  private readonly stateListeners = new Set<(s: DeviceState) => void>();

  constructor(private readonly options: SerialScaleOptions) {}

  get state(): DeviceState {
    return this.current;
  }

  /** The latest reading, or null when there is none or it is stale. */
  reading(now = Date.now()): WeightReading | null {
    if (!this.last || now - this.last.at > (this.options.staleMs ?? 2000)) return null;
    return this.last.reading;
  }

  onReading(listener: (r: WeightReading | null) => void): () => void {
    this.readingListeners.add(listener);
    return () => this.readingListeners.delete(listener);
  }

  onStateChange(listener: (state: DeviceState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = true;
    return this.connect();
  }

  async close(): Promise<void> {
    this.running = false;
    for (const t of [this.retryTimer, this.pollTimer]) if (t) clearTimeout(t);
    this.retryTimer = this.pollTimer = null;
    const port = this.port;
    this.port = null;
    if (port) await closePort(port);
    this.setState('offline');
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate ?? 9600, autoOpen: false });
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
    if (!this.running) return closePort(port);
    this.port = port;
    this.attempt = 0;
    const lines = port.pipe(new RegexParser({ regex: /[\r\n]+/ }));
    lines.on('data', (line: string) => {
      const r = parseWeightLine(line);
      if (!r) return;
      const prev = this.last?.reading;
      this.last = { reading: r, at: Date.now() };
      if (!prev || prev.grams !== r.grams || prev.stable !== r.stable || prev.net !== r.net || prev.overload !== r.overload) {
        for (const l of this.readingListeners) l(r);
      }
    });
    port.once('close', () => {
      if (this.port !== port) return;
      this.port = null;
      this.last = null;
      for (const l of this.readingListeners) l(null);
      this.setState('offline');
      this.scheduleRetry();
    });
    this.setState('ready');
    if (this.options.protocol === 'sics') this.poll(port);
  }

  /** Poll and answer: one `SI` at a time, again after pollMs. */
  private poll(port: SerialPort): void {
    if (!this.running || this.port !== port) return;
    port.write(SICS_WEIGHT_NOW, () => {});
    this.pollTimer = setTimeout(() => this.poll(port), this.options.pollMs ?? 250);
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
    for (const l of this.stateListeners) l(state);
  }
}
