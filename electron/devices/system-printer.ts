import type { DeviceState } from '../../shared/contract/system.js';
import { JobQueue, PrinterError, type ReceiptPrinter } from './printer.js';

/**
 * A printer installed in the operating system (a USB receipt printer with a Windows driver,
 * or a CUPS queue). The drivers are plain Node child processes (cups-printer.ts,
 * windows-printer.ts, picked by os-printer-driver.ts), so Electron main and the browser host
 * both use them; with no driver such a printer reports 'not_configured'.
 *
 * Implementations must send the bytes RAW (Windows: a "RAW" datatype print job; CUPS: a raw
 * queue or `-o raw`), not through webContents.print(), which would render a page and lose
 * the ESC/POS commands (cut, drawer pulse, Chinese code page).
 */
export interface SystemPrinterDriver {
  /** Names of installed printers, for the settings page. */
  list(): Promise<string[]>;
  send(deviceName: string, bytes: Uint8Array): Promise<void>;
  probe(deviceName: string): Promise<DeviceState>;
}

export class SystemPrinter implements ReceiptPrinter {
  readonly kind = 'system' as const;
  private readonly queue = new JobQueue();

  constructor(
    readonly deviceName: string,
    private readonly driver: SystemPrinterDriver | null,
  ) {}

  send(bytes: Uint8Array): Promise<void> {
    const driver = this.driver;
    if (!driver) return Promise.reject(new PrinterError('unavailable', 'No OS printer driver on this machine'));
    return this.queue.run(() => driver.send(this.deviceName, bytes));
  }

  probe(): Promise<DeviceState> {
    const driver = this.driver;
    if (!driver) return Promise.resolve('not_configured');
    return this.queue.run(() => driver.probe(this.deviceName).catch((): DeviceState => 'error'));
  }
}
