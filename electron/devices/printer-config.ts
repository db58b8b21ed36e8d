import type { PrinterConfig } from '../../shared/contract/devices.js';
import type { ReceiptPrinter } from './printer.js';
import { SerialPrinter } from './serial-printer.js';
import { SystemPrinter, type SystemPrinterDriver } from './system-printer.js';
import { TcpPrinter } from './tcp-printer.js';
import { UsbPrinter } from './usb-printer.js';

export { BAUD_RATES, PrinterConfig, defaultPrinterConfig } from '../../shared/contract/devices.js';

export interface PrinterDeps {
  /** The OS printers (CUPS or the Windows spooler); null: none (OS printers report not_configured). */
  system?: SystemPrinterDriver | null;
}

/** The printer for these settings, or null when none is set up. */
export function createPrinter(config: PrinterConfig, deps: PrinterDeps = {}): ReceiptPrinter | null {
  switch (config.type) {
    case 'none':
      return null;
    case 'network':
      return new TcpPrinter({ host: config.host, port: config.port });
    case 'serial':
      return new SerialPrinter({ path: config.path, baudRate: config.baudRate });
    case 'usb':
      return new UsbPrinter({ path: config.path });
    case 'system':
      return new SystemPrinter(config.deviceName, deps.system ?? null);
  }
}
