import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { DeviceStatusSource } from './devices-status.js';

export function systemHandlers(
  audit: AuditLog,
  devices: DeviceStatusSource,
  info: () => { version: string; dataDir: string; dbFile: string; schemaVersion: number },
): PartialHandlers<'devices.status' | 'audit.list' | 'system.info'> {
  return {
    'devices.status': () => devices.status(),
    'audit.list': (q) => audit.list(q),
    'system.info': () => info(),
  };
}
