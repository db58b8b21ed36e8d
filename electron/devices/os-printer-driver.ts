import { cupsDriver } from './cups-printer.js';
import type { SystemPrinterDriver } from './system-printer.js';
import { windowsDriver } from './windows-printer.js';

/**
 * The OS printer driver for this platform: the Windows spooler, or CUPS (Linux, macOS). Plain
 * Node (child processes), so Electron main and the browser host both print to OS printers.
 */
export function systemPrinterDriver(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): SystemPrinterDriver {
  return platform === 'win32' ? windowsDriver() : cupsDriver({ env });
}
