import type { AuditLog } from '../audit/audit-log.js';
import type { EventBus } from '../lib/event-bus.js';
import type { SettingsStore } from '../shop/settings-store.js';
import type { Logger } from '../dispatch/dispatcher.js';
import type { TopUpRules } from '../../../shared/contract/stored-value.js';
import { createCounterSettings } from './counter-settings.js';
import { createDisplayService } from './display-service.js';
import { applyCounterSettings, counterHandlers } from './handlers.js';
import type { PathPickerPort, PoleDisplayPort, ScreensPort, SystemPrintersPort } from './ports.js';

export interface CounterPorts {
  pole: PoleDisplayPort;
  screens: ScreensPort | null;
  printers: SystemPrintersPort;
  /** The desktop app's open dialog; null in the browser host. */
  picker?: PathPickerPort | null;
}

/**
 * The counter's customer-facing side (issue 16): settings, the display's state, the pole
 * display. app.ts passes the real devices (or a test's), Electron main its screens.
 */
export function createCounter(d: { settings: SettingsStore; audit: AuditLog; events: EventBus; topUpRules: () => TopUpRules; ports: CounterPorts; logger?: Logger | undefined }) {
  const settings = createCounterSettings(d.settings);
  const { pole, screens, printers } = d.ports;
  const picker = d.ports.picker ?? null;
  let poleFailing = false;
  const display = createDisplayService({
    events: d.events,
    pole,
    offer: () => ({ enabled: settings.get().display.topUpOffer, bonuses: d.topUpRules().bonuses }),
    // Logged once per outage, not once per scan.
    onPoleError: (err) => {
      if (!poleFailing) d.logger?.error('pole display: could not show the frame', err);
      poleFailing = true;
    },
  });
  d.events.subscribe((e) => {
    if (e.type === 'display.state' && pole.state() === 'ready') poleFailing = false;
  });
  applyCounterSettings({ pole, screens, display }, settings.get());
  return {
    settings,
    display,
    handlers: counterHandlers({ settings, display, pole, screens, printers, picker, audit: d.audit }),
    close: () => pole.close(),
  };
}
