import type { DeviceState } from '../../shared/contract/system.js';

export type PrinterKind = 'network' | 'serial' | 'system' | 'usb';

/**
 * A receipt printer takes finished ESC/POS bytes (electron/core/receipts renders them).
 * Implementations run one job at a time and never hang: every wait has a timeout.
 */
export interface ReceiptPrinter {
  readonly kind: PrinterKind;
  /** Resolves once the printer has taken the whole job; rejects with a PrinterError. */
  send(bytes: Uint8Array): Promise<void>;
  /** A cheap reachability check for the status bar; never rejects. */
  probe(): Promise<DeviceState>;
}

/**
 * Why a job failed, in terms the cashier can act on:
 * - offline: nothing answers (switched off, cable out, wrong address, port gone, dropped mid-job)
 * - refused: the host is there but refuses the port (wrong port, or busy with another till)
 * - timeout: connected, but the printer stopped taking data (out of paper, cover open, jammed)
 * - unavailable: this kind of printer cannot be used here (e.g. OS printing outside Electron)
 * - io: anything else (permissions, port locked by another program…)
 */
export type PrinterErrorCode = 'offline' | 'refused' | 'timeout' | 'unavailable' | 'io';

export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  constructor(
    readonly code: PrinterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What a failed job says about the device, for the status bar. */
export function stateForError(error: unknown): DeviceState {
  if (!(error instanceof PrinterError)) return 'error';
  return error.code === 'offline' || error.code === 'refused' ? 'offline' : error.code === 'unavailable' ? 'not_configured' : 'error';
}

/**
 * Runs async tasks strictly one after another. Printers take one connection at a time and
 * two receipts must not interleave on the paper.
 */
export class JobQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
