import type { SettingsStore } from '../shop/settings-store.js';
import { CounterSettings, defaultCounterSettings } from '../../../shared/contract/counter.js';

/** The counter devices' settings ('counter' in the shop's settings; a till's own, never synced). */
export function createCounterSettings(settings: SettingsStore) {
  return {
    get(): CounterSettings {
      const parsed = CounterSettings.safeParse(settings.get<unknown>('counter', null) ?? {});
      return parsed.success ? parsed.data : defaultCounterSettings;
    },
    set(next: CounterSettings): void {
      settings.set('counter', next);
    },
  };
}
export type CounterSettingsStore = ReturnType<typeof createCounterSettings>;
