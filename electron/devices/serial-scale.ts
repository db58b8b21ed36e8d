import type { SerialPort } from 'serialport';
import type { DeviceState } from '../../shared/contract/system.js';
import { parseWeightLine, SICS_WEIGHT_NOW, type WeightReading } from '../../shared/scale/weight-string.js';
import { SerialLinePort, type SerialLinePortOptions } from './serial-line-port.js';

export interface SerialScaleOptions extends SerialLinePortOptions {
  /** continuous: the scale sends its weight line by itself; sics: the till asks (`SI`) every pollMs. */
  protocol: 'continuous' | 'sics';
  pollMs?: number;
  /** A reading older than this is no reading (cable pulled, scale off). */
  staleMs?: number;
}

/**
 * A serial scale (电子秤, RS-232 or USB-COM). Lines are read as they come (CR, LF or CRLF);
 * shared/scale/weight-string.ts turns each into a reading, and listeners hear each change.
 * Reconnects with backoff like the serial scanner (SerialLinePort), so unplugging and
 * replugging just works; a pulled cable also drops the last reading at once.
 */
export class SerialScale {
  private pollTimer: NodeJS.Timeout | null = null;
  private last: { reading: WeightReading; at: number } | null = null;
  private readonly readingListeners = new Set<(r: WeightReading | null) => void>();
  private readonly port: SerialLinePort;

  constructor(private readonly options: SerialScaleOptions) {
    this.port = new SerialLinePort(options, {
      line: (line) => this.take(line),
      opened: (port) => {
        if (this.options.protocol === 'sics') this.poll(port);
      },
      lost: () => {
        this.last = null;
        for (const l of this.readingListeners) l(null);
      },
    });
  }

  get state(): DeviceState {
    return this.port.state;
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
    return this.port.onStateChange(listener);
  }

  start(): Promise<void> {
    return this.port.start();
  }

  async close(): Promise<void> {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    await this.port.close();
  }

  private take(line: string): void {
    const r = parseWeightLine(line);
    if (!r) return;
    const prev = this.last?.reading;
    this.last = { reading: r, at: Date.now() };
    if (!prev || prev.grams !== r.grams || prev.stable !== r.stable || prev.net !== r.net || prev.overload !== r.overload) {
      for (const l of this.readingListeners) l(r);
    }
  }

  /** Poll and answer: one `SI` at a time, again after pollMs, while this port is the open one. */
  private poll(port: SerialPort): void {
    if (!this.port.isCurrent(port)) return;
    port.write(SICS_WEIGHT_NOW, () => {});
    this.pollTimer = setTimeout(() => this.poll(port), this.options.pollMs ?? 250);
  }
}
