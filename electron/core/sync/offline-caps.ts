import type { SettingsStore } from '../shop/settings-store.js';
import type { OfflineCaps } from '../../../shared/contract/sync.js';
import { DEFAULT_OFFLINE_CAPS } from './spend-guard.js';

/** The owner's offline caps (Settings › 多收银台), one of the shop's shared settings. */
export function createOfflineCaps(settings: SettingsStore) {
  return {
    get: (): OfflineCaps => ({ ...DEFAULT_OFFLINE_CAPS, ...settings.get<Partial<OfflineCaps>>('sync.offlineCaps', {}) }),
    set(patch: Partial<OfflineCaps>): OfflineCaps {
      const next = { ...this.get(), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      settings.set('sync.offlineCaps', next);
      return next;
    },
  };
}
export type OfflineCapsStore = ReturnType<typeof createOfflineCaps>;
