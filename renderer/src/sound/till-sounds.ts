import { create } from 'zustand';
import type { SoundSettings, TillSound } from './tones.js';
import { soundForCart, soundForMessage, type CartSnapshot } from './tones.js';
import { playSound } from './player.js';

/** The shop's sound settings (counter.settings), loaded by the till; sounds on at 60 until then. */
export const useSoundSettings = create<SoundSettings & { set(s: SoundSettings): void }>()((set) => ({
  enabled: true,
  volume: 60,
  set: (s) => set({ enabled: s.enabled, volume: s.volume }),
}));

/** Every sound goes through here: tests and the page listen (the last sound is kept for them). */
const listeners = new Set<(sound: TillSound, tones: number) => void>();
export function onTillSound(cb: (sound: TillSound, tones: number) => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function tillSound(sound: TillSound): void {
  const { enabled, volume } = useSoundSettings.getState();
  const tones = playSound(sound, { enabled, volume });
  for (const l of listeners) l(sound, tones);
  // For the end-to-end tests (and anyone curious): the last sound and how many tones it played.
  if (typeof document !== 'undefined') document.documentElement.dataset.lastSound = `${sound}:${tones}`;
}

/** Watches the cart and the till's messages; returns the unsubscribe. */
export function watchTillSounds(
  cart: { getState(): CartSnapshot; subscribe(cb: (s: CartSnapshot, prev: CartSnapshot) => void): () => void },
  notices: { subscribe(cb: (messageKey: string) => void): () => void },
): () => void {
  const offCart = cart.subscribe((next, prev) => {
    const s = soundForCart(prev, next);
    if (s) tillSound(s);
  });
  const offNotices = notices.subscribe((key) => {
    const s = soundForMessage(key);
    if (s) tillSound(s);
  });
  return () => {
    offCart();
    offNotices();
  };
}
