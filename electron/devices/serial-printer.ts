import { SerialPort } from 'serialport';
import type { DeviceState } from '../../shared/contract/system.js';
import { JobQueue, PrinterError, type ReceiptPrinter } from './printer.js';
import { closePort, openPort, serialErrorState, withTimeout } from './serial-errors.js';

export interface SerialPrinterOptions {
  /** `/dev/ttyUSB0`, `/dev/ttyACM0`, `COM3`… */
  path: string;
  /** Most receipt printers ship at 9600 or 115200 (set by DIP switches or their utility). */
  baudRate: number;
  openTimeoutMs?: number;
  /** Time for the whole job to drain; 9600 baud moves ~1 KB/s, so keep this generous. */
  writeTimeoutMs?: number;
}

/**
 * A receipt printer on a serial (or USB-serial) port. The port is opened per job and closed
 * after: the printer may be unplugged between receipts, and an idle open port would keep a
 * vanished ttyUSB device busy.
 */
export class SerialPrinter implements ReceiptPrinter {
  readonly kind = 'serial' as const;
  private readonly queue = new JobQueue();

  constructor(private readonly options: SerialPrinterOptions) {}

  send(bytes: Uint8Array): Promise<void> {
    return this.queue.run(async () => {
      const port = await this.open();
      try {
        await withTimeout(write(port, bytes), this.options.writeTimeoutMs ?? 30_000, () =>
          new PrinterError('timeout', `Printer on ${this.options.path} did not take the job (out of paper or cover open?)`),
        );
      } catch (e) {
        throw e instanceof PrinterError ? e : this.error(e);
      } finally {
        await closePort(port);
      }
    });
  }

  probe(): Promise<DeviceState> {
    return this.queue.run(async () => {
      try {
        await closePort(await this.open());
        return 'ready';
      } catch (e) {
        return e instanceof PrinterError && e.code === 'offline' ? 'offline' : 'error';
      }
    });
  }

  private async open(): Promise<SerialPort> {
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate, autoOpen: false });
    // Without a listener a late error (device unplugged mid-job) would crash the process.
    port.on('error', () => {});
    try {
      await withTimeout(openPort(port), this.options.openTimeoutMs ?? 3000, () => new PrinterError('offline', `Could not open ${this.options.path} in time`));
      return port;
    } catch (e) {
      await closePort(port);
      throw e instanceof PrinterError ? e : this.error(e);
    }
  }

  private error(e: unknown): PrinterError {
    const message = e instanceof Error ? e.message : String(e);
    return serialErrorState(e) === 'offline'
      ? new PrinterError('offline', `Printer on ${this.options.path} is not connected (${message})`, { cause: e })
      : new PrinterError('io', `Printer on ${this.options.path}: ${message}`, { cause: e });
  }
}

function write(port: SerialPort, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    port.write(Buffer.from(bytes), (err) => {
      if (err) return reject(err);
      // drain: wait until the OS has sent everything, so closing does not cut the job short.
      port.drain((e) => (e ? reject(e) : resolve()));
    });
  });
}
