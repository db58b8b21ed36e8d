import { SerialPort } from 'serialport';
import type { DeviceState } from '../../shared/contract/system.js';
import type { ReportingDevice } from './device-monitor.js';
import { SerialLinePort, type SerialLinePortOptions } from './serial-line-port.js';

export type SerialScannerOptions = SerialLinePortOptions;

/**
 * A barcode scanner in serial mode. Each code arrives as a line ending in CR, LF or CRLF
 * (the scanner's "suffix" setting); it is trimmed and handed to onCode listeners.
 * When the port disappears (USB cable pulled) the state goes 'offline' and the scanner
 * reopens the same path with backoff (SerialLinePort), so plugging it back in just works.
 * Keyboard-wedge scanners need none of this: they type into the page.
 */
export class SerialScanner implements ReportingDevice {
  private readonly codeListeners = new Set<(code: string) => void>();
  private readonly port: SerialLinePort;

  constructor(options: SerialScannerOptions) {
    this.port = new SerialLinePort(options, {
      line: (line) => {
        const code = line.trim();
        if (code !== '') for (const listener of this.codeListeners) listener(code);
      },
    });
  }

  get state(): DeviceState {
    return this.port.state;
  }

  get path(): string {
    return this.port.path;
  }

  onCode(listener: (code: string) => void): () => void {
    this.codeListeners.add(listener);
    return () => this.codeListeners.delete(listener);
  }

  onStateChange(listener: (state: DeviceState) => void): () => void {
    return this.port.onStateChange(listener);
  }

  /** Starts connecting; resolves after the first attempt (whatever its outcome). */
  start(): Promise<void> {
    return this.port.start();
  }

  /** Closes the port and stops reconnecting. */
  close(): Promise<void> {
    return this.port.close();
  }
}

export interface SerialPortInfo {
  path: string;
  manufacturer: string | null;
  vendorId: string | null;
  productId: string | null;
  serialNumber: string | null;
}

/** Serial ports the OS reports, for the settings page; empty when listing fails. */
export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  try {
    const ports = await SerialPort.list();
    return ports.map((p) => ({
      path: p.path,
      manufacturer: p.manufacturer ?? null,
      vendorId: p.vendorId ?? null,
      productId: p.productId ?? null,
      serialNumber: p.serialNumber ?? null,
    }));
  } catch {
    return [];
  }
}
