import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { AuditLog } from '../audit/audit-log.js';
import { DomainError } from '../lib/domain-error.js';
import type { CounterSettings } from '../../../shared/contract/counter.js';
import type { CounterSettingsStore } from './counter-settings.js';
import type { DisplayService } from './display-service.js';
import { readPicture, readPictures } from './display-media.js';
import type { PathPickerPort, PoleDisplayPort, ScreensPort, SystemPrintersPort } from './ports.js';

export interface CounterDeps {
  settings: CounterSettingsStore;
  display: DisplayService;
  pole: PoleDisplayPort;
  screens: ScreensPort | null;
  printers: SystemPrintersPort;
  picker: PathPickerPort | null;
  audit: AuditLog;
}

/** Applies saved settings to the devices: at start, and after each change. */
export function applyCounterSettings(d: Pick<CounterDeps, 'pole' | 'screens' | 'display'>, s: CounterSettings): void {
  d.pole.apply(s.pole);
  d.screens?.apply(s.display);
  d.display.replayPole();
}

export function counterHandlers(d: CounterDeps): PartialHandlers<
  'counter.settings' | 'counter.setSettings' | 'counter.screens' | 'counter.pickPath' | 'display.show' | 'display.current' | 'display.media' | 'devices.systemPrinters' | 'devices.testPole'
> {
  return {
    'counter.settings': () => d.settings.get(),
    'counter.setSettings': (patch, ctx) => {
      const before = d.settings.get();
      const after: CounterSettings = {
        display: { ...before.display, ...patch.display },
        pole: patch.pole === undefined ? before.pole : patch.pole,
        sound: { ...before.sound, ...patch.sound },
      };
      d.settings.set(after);
      applyCounterSettings(d, after);
      d.audit.record({ staffId: ctx.session!.staffId, action: 'counter.setSettings', details: { before, after } });
      return after;
    },
    'counter.screens': () => d.screens?.list() ?? [],
    // Only a path comes back; nothing is read or saved until the owner saves the settings.
    'counter.pickPath': async ({ kind }) => {
      if (!d.picker) throw new DomainError('rule_violation', { rule: 'no_file_dialog' }, 'errors.no_file_dialog');
      return { path: await d.picker.pick(kind) };
    },
    'display.show': (state) => ({ seq: d.display.show(state).seq }),
    'display.current': () => d.display.current(),
    'display.media': () => {
      const s = d.settings.get().display;
      return {
        pictures: readPictures(s.picturesDir),
        paymentCode: s.paymentCodeFile ? readPicture(s.paymentCodeFile) : null,
        slideSeconds: s.slideSeconds,
        thanksSeconds: s.thanksSeconds,
      };
    },
    'devices.systemPrinters': async () => {
      try {
        return await d.printers.list();
      } catch {
        return []; // no CUPS / no PowerShell: nothing to pick from, the name can still be typed
      }
    },
    'devices.testPole': async () => {
      if (!d.settings.get().pole) throw new DomainError('rule_violation', { rule: 'pole_not_configured' }, 'errors.pole_not_configured');
      try {
        await d.pole.show({ lamp: 'total', amountFen: 888, line1: 'COUNTER POS', line2: 'TEST          8.88' });
      } catch {
        // The state says why.
      }
      return { pole: d.pole.state() };
    },
  };
}
