import type { DeviceState } from './contract/system.js';
import type { PrintJob } from './contract/checkout.js';
import type { SyncStatus } from './contract/sync.js';
import type { DisplayFrame } from './display/state.js';

/**
 * What the core pushes to the page without being asked: hardware state, codes read by a
 * serial scanner, print jobs finishing or failing. Carried by Electron IPC ('pos:event')
 * or by the browser host's server-sent events (/api/events).
 */
export type PosEvent =
  | { type: 'devices.status'; printer: DeviceState; scanner: DeviceState }
  | { type: 'scanner.code'; code: string }
  | { type: 'print.job'; job: PrintJob }
  | { type: 'sync.status'; status: SyncStatus }
  /** What the customer display shows now (issue 16): the till's projected state and its sequence number. */
  | ({ type: 'display.state' } & DisplayFrame)
  /** The serial scale's reading (称重), whenever it changes. */
  | { type: 'scale.weight'; reading: { grams: number; stable: boolean; net: boolean; overload: boolean } | null };
