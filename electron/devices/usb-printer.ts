import fs from 'node:fs';
import type { DeviceState } from '../../shared/contract/system.js';
import { JobQueue, PrinterError, type ReceiptPrinter } from './printer.js';

export interface UsbPrinterOptions {
  /** The kernel's USB printer device, `/dev/usb/lp0` on Linux (usblp). */
  path: string;
  /** A printer out of paper stops taking data and the write blocks: give up after this long. */
  writeTimeoutMs?: number;
}

/**
 * A USB receipt printer written through its device file, without CUPS. Opened per job with
 * O_WRONLY and never O_CREAT: if the printer is unplugged the file is gone and the job fails
 * as 'offline', instead of quietly filling a regular file of that name. The user running the
 * till needs write access (Debian: the `lp` group).
 */
export class UsbPrinter implements ReceiptPrinter {
  readonly kind = 'usb' as const;
  private readonly queue = new JobQueue();

  constructor(private readonly options: UsbPrinterOptions) {}

  send(bytes: Uint8Array): Promise<void> {
    return this.queue.run(async () => {
      const timeoutMs = this.options.writeTimeoutMs ?? 15_000;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PrinterError('timeout', `Printer ${this.options.path} did not take the job within ${timeoutMs} ms (out of paper or cover open?)`)), timeoutMs);
      });
      const job = this.write(bytes);
      // A write still blocked in the kernel closes its file when it ends; nothing waits on it.
      job.catch(() => {});
      try {
        await Promise.race([job, timeout]);
      } finally {
        clearTimeout(timer);
      }
    });
  }

  probe(): Promise<DeviceState> {
    return fs.promises.access(this.options.path, fs.constants.W_OK).then(
      (): DeviceState => 'ready',
      (err: NodeJS.ErrnoException): DeviceState => (err.code === 'ENOENT' || err.code === 'ENODEV' ? 'offline' : 'error'),
    );
  }

  private async write(bytes: Uint8Array): Promise<void> {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(this.options.path, fs.constants.O_WRONLY | fs.constants.O_NOCTTY);
    } catch (err) {
      throw this.error(err);
    }
    try {
      let done = 0;
      while (done < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
        done += bytesWritten;
      }
    } catch (err) {
      throw this.error(err);
    } finally {
      await handle.close().catch(() => {});
    }
  }

  private error(err: unknown): PrinterError {
    const code = (err as NodeJS.ErrnoException).code;
    const where = this.options.path;
    if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO') return new PrinterError('offline', `Printer ${where} is not connected (${code})`, { cause: err });
    if (code === 'EBUSY') return new PrinterError('refused', `Printer ${where} is in use by another program`, { cause: err });
    if (code === 'EACCES' || code === 'EPERM') return new PrinterError('io', `No permission to write ${where} (add the till's user to the "lp" group)`, { cause: err });
    return new PrinterError('io', `Printer ${where}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
