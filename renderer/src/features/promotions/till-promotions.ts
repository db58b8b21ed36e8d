import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { Promotion } from '../../../../shared/promotions/index.js';
import { invoke } from '../../api/client.js';
import type { PromotionSnapshot } from '../checkout/model/cart.js';

/**
 * The promotions the till prices with, from promotions.forSale: reloaded when the member
 * changes and every minute, with the core's clock carried forward from the answer, so a timed
 * price (20:00 后八折) switches on at the core's hour — the hour the core will price the commit at.
 */
interface State {
  promotions: readonly Promotion[];
  usedToday: Readonly<Record<string, number>>;
  /** Core time minus page time at the answer, ms. */
  offsetMs: number;
  loaded: boolean;
  memberId: number | null;
  load(memberId: number | null): Promise<void>;
}

export const useTillPromotions = create<State>((set) => ({
  promotions: [], usedToday: {}, offsetMs: 0, loaded: false, memberId: null,
  async load(memberId) {
    set({ memberId });
    const r = await invoke('promotions.forSale', { memberId }, { quiet: true });
    if (r.ok) set({ promotions: r.value.promotions, usedToday: r.value.usedToday, offsetMs: new Date(r.value.now).getTime() - Date.now(), loaded: true });
  },
}));

/**
 * The core's time now (the page's clock until promotions.forSale first answers): what the till
 * prices with — member day, birthday, timed prices — so the screen and the commit agree even
 * when the page's clock and the core's differ.
 */
export function shopNow(): Date {
  return new Date(Date.now() + useTillPromotions.getState().offsetMs);
}

/** The snapshot at this moment (for code that reads the stores rather than a render). */
export function promotionSnapshotNow(): PromotionSnapshot | null {
  const s = useTillPromotions.getState();
  return s.loaded ? { promotions: s.promotions, usedToday: s.usedToday, now: new Date(Date.now() + s.offsetMs) } : null;
}

const TICK_MS = 5_000;
const RELOAD_MS = 60_000;

/** For the checkout page: the snapshot, renewed every few seconds (so hours switch) and reloaded for each member. */
export function usePromotionSnapshot(memberId: number | null): PromotionSnapshot | null {
  const state = useTillPromotions();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    void useTillPromotions.getState().load(memberId);
    const reload = setInterval(() => void useTillPromotions.getState().load(memberId), RELOAD_MS);
    return () => clearInterval(reload);
  }, [memberId]);
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(id);
  }, []);
  const [snap, setSnap] = useState<PromotionSnapshot | null>(null);
  useEffect(() => {
    if (!state.loaded) return;
    const now = new Date(Date.now() + state.offsetMs);
    // A new object only when the minute changes (or the list does): pricing re-runs no more than needed.
    setSnap((old) => (old && old.promotions === state.promotions && old.usedToday === state.usedToday && Math.floor(old.now.getTime() / 60_000) === Math.floor(now.getTime() / 60_000)
      ? old : { promotions: state.promotions, usedToday: state.usedToday, now }));
  }, [tick, state.loaded, state.promotions, state.usedToday, state.offsetMs]);
  return snap;
}
