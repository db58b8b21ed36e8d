import type { DeviceConfig } from '../../shared/contract/devices.js';
import type { DeviceHub } from '../core/system/devices-status.js';
import type { PrinterPort } from '../core/print/print-queue.js';
import { DeviceMonitor, reportingTo } from './device-monitor.js';
import { createPrinter } from './printer-config.js';
import type { ReceiptPrinter } from './printer.js';
import { SerialScanner, listSerialPorts } from './serial-scanner.js';
import type { SystemPrinterDriver } from './system-printer.js';
import { systemPrinterDriver } from './os-printer-driver.js';

/**
 * The real counter hardware behind the core's DeviceHub port: the receipt printer the
 * settings name, an optional serial scanner, and the monitor that keeps the status bar true.
 * Re-applying settings swaps devices without restarting the app.
 */
export function createDeviceHub(options: { system?: SystemPrinterDriver | null; intervalMs?: number } = {}): DeviceHub {
  // OS printers through CUPS or the Windows spooler: plain child processes, so the browser host prints too.
  const system = options.system === undefined ? systemPrinterDriver() : options.system;
  const monitor = new DeviceMonitor({ intervalMs: options.intervalMs ?? 15_000 });
  const scanListeners = new Set<(code: string) => void>();
  let printer: ReceiptPrinter | null = null;
  let scanner: SerialScanner | null = null;
  let scannerKey = '';
  let started = false;

  const port: PrinterPort = {
    configured: () => printer !== null,
    send: (bytes) => (printer ? printer.send(bytes) : Promise.reject(new Error('not_configured'))),
  };

  return {
    status: () => monitor.status(),
    printer: () => port,
    apply(config: DeviceConfig) {
      const made = createPrinter(config.printer, { system });
      printer = made ? reportingTo(monitor, made) : null;
      monitor.setDevice('printer', printer);
      const key = config.scanner.serial ? `${config.scanner.serial.path}@${config.scanner.serial.baudRate}` : '';
      if (key !== scannerKey) {
        void scanner?.close();
        scanner = null;
        scannerKey = key;
        if (config.scanner.serial) {
          scanner = new SerialScanner({ path: config.scanner.serial.path, baudRate: config.scanner.serial.baudRate });
          scanner.onCode((code) => { for (const l of scanListeners) l(code); });
          void scanner.start();
        }
        monitor.setDevice('scanner', scanner);
      }
      if (!started) { monitor.start(); started = true; } else void monitor.refresh();
    },
    refresh: () => monitor.refresh(),
    async serialPorts() {
      return (await listSerialPorts()).map((p) => ({ path: p.path, manufacturer: p.manufacturer ?? null }));
    },
    onStatus: (listener) => monitor.subscribe((now) => listener(now)),
    onScan(listener) {
      scanListeners.add(listener);
      return () => scanListeners.delete(listener);
    },
    async close() {
      monitor.stop();
      await scanner?.close();
      scanner = null;
    },
  };
}
