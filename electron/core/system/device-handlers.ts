import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { SettingsStore } from '../shop/settings-store.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { DeviceHub } from './devices-status.js';
import { DomainError } from '../lib/domain-error.js';
import { DeviceConfig, defaultPrinterConfig, defaultScannerConfig } from '../../../shared/contract/devices.js';

/** Device settings live in the shop's settings; reading falls back to defaults field by field. */
export function createDeviceSettings(settings: SettingsStore) {
  return {
    get(): DeviceConfig {
      const saved = settings.get<unknown>('devices', null);
      const parsed = DeviceConfig.safeParse(saved);
      return parsed.success ? parsed.data : { printer: defaultPrinterConfig, scanner: defaultScannerConfig };
    },
    set(config: DeviceConfig): void {
      settings.set('devices', config);
    },
  };
}
export type DeviceSettings = ReturnType<typeof createDeviceSettings>;

export function deviceHandlers(d: { hub: DeviceHub; config: DeviceSettings; audit: AuditLog; testPage: () => Uint8Array; drawer: () => Uint8Array }): PartialHandlers<
  'devices.config' | 'devices.setConfig' | 'devices.testPrint' | 'devices.openDrawer' | 'devices.serialPorts'
> {
  return {
    'devices.config': () => d.config.get(),
    'devices.setConfig': (patch, ctx) => {
      const before = d.config.get();
      const after: DeviceConfig = { printer: patch.printer ?? before.printer, scanner: patch.scanner ?? before.scanner };
      d.config.set(after);
      d.hub.apply(after);
      d.audit.record({ staffId: ctx.session!.staffId, action: 'devices.setConfig', details: { before, after } });
      return after;
    },
    'devices.testPrint': async () => {
      const port = d.hub.printer();
      if (!port.configured()) throw new DomainError('rule_violation', { rule: 'printer_not_configured' }, 'errors.printer_not_configured');
      try {
        await port.send(d.testPage());
      } catch {
        // The state below says why (offline, out of paper); the call itself answered.
      }
      return { printer: (await d.hub.refresh()).printer };
    },
    'devices.openDrawer': async ({ reason }, ctx) => {
      const port = d.hub.printer();
      if (!port.configured()) throw new DomainError('rule_violation', { rule: 'printer_not_configured' }, 'errors.printer_not_configured');
      d.audit.record({ staffId: ctx.session!.staffId, action: 'devices.openDrawer', details: { reason } });
      try {
        await port.send(d.drawer());
      } catch (err) {
        throw new DomainError('rule_violation', { rule: 'printer_failed', message: err instanceof Error ? err.message : String(err) }, 'errors.printer_failed');
      }
      return {};
    },
    'devices.serialPorts': () => d.hub.serialPorts(),
  };
}
