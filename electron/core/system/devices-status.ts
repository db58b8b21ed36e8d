import type { DeviceState } from '../../../shared/contract/system.js';
import type { DeviceConfig } from '../../../shared/contract/devices.js';
import type { PrinterPort } from '../print/print-queue.js';

/**
 * What the status bar shows about the counter hardware. The device layer (electron/devices)
 * implements it; the core only reads it, so tests can pass a fake.
 */
export interface DeviceStatusSource {
  status(): { printer: DeviceState; scanner: DeviceState };
}

/**
 * The counter hardware as the core sees it: configure it from the saved settings, print
 * through it, hear its state changes and the codes a serial scanner reads.
 */
export interface DeviceHub extends DeviceStatusSource {
  apply(config: DeviceConfig): void;
  printer(): PrinterPort;
  /** Probe now (after a settings change, a test print, a failed job). */
  refresh(): Promise<{ printer: DeviceState; scanner: DeviceState }>;
  serialPorts(): Promise<Array<{ path: string; manufacturer: string | null }>>;
  onStatus(listener: (s: { printer: DeviceState; scanner: DeviceState }) => void): () => void;
  onScan(listener: (code: string) => void): () => void;
  close(): Promise<void>;
}

export const noDevices: DeviceStatusSource = {
  status: () => ({ printer: 'not_configured', scanner: 'not_configured' }),
};
