import { create } from 'zustand';
import type { ShopStatus } from '../../../shared/contract/shop.js';
import type { SectionId, SettingsTabId } from '../app/sections.js';

const SECTION_KEY = 'pos.section';

function storedSection(): SectionId {
  try {
    const v = sessionStorage.getItem(SECTION_KEY);
    if (v) return v as SectionId;
  } catch {
    /* ignore */
  }
  return 'checkout';
}

export type TransportProblem = 'missing' | 'expired' | null;

export interface AppState {
  /** shop.status, once read. */
  status: ShopStatus | null;
  bootError: boolean;
  /** Why no call can be made: no secret in the link, or the host refused it. */
  transportProblem: TransportProblem;
  /** The section the shell shows: a small state router (no URL routes; the fragment carries the secret). */
  section: SectionId;
  settingsTab: SettingsTabId;
  helpOpen: boolean;
  setStatus(status: ShopStatus): void;
  setBootError(v: boolean): void;
  setTransportProblem(p: TransportProblem): void;
  navigate(section: SectionId): void;
  setSettingsTab(tab: SettingsTabId): void;
  setHelpOpen(open: boolean): void;
}

export const useApp = create<AppState>()((set) => ({
  status: null,
  bootError: false,
  transportProblem: null,
  section: storedSection(),
  settingsTab: 'shop',
  helpOpen: false,
  setStatus: (status) => set({ status, bootError: false }),
  setBootError: (bootError) => set({ bootError }),
  setTransportProblem: (transportProblem) => set({ transportProblem }),
  navigate: (section) => {
    try {
      sessionStorage.setItem(SECTION_KEY, section);
    } catch {
      /* ignore */
    }
    set({ section });
  },
  setSettingsTab: (settingsTab) => set({ settingsTab }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
}));
