/**
 * The till's sounds, generated (Web Audio oscillators, no files): a short high beep for a scan
 * that adds a line, a low double buzz for a code not found, a falling pair for a refused
 * tender, a rising three-note chime for a completed sale. Kept apart from the player so which
 * event gives which tone, and that off or volume 0 gives none, are plain functions to test.
 */
export type TillSound = 'scan' | 'notFound' | 'refused' | 'completed';

export interface Tone {
  freqHz: number;
  /** From the start of the sound. */
  startMs: number;
  durationMs: number;
  wave: 'sine' | 'square' | 'triangle';
  /** 0–1 at full volume. */
  gain: number;
}

export const TONES: Record<TillSound, readonly Tone[]> = {
  scan: [{ freqHz: 2700, startMs: 0, durationMs: 70, wave: 'square', gain: 0.25 }],
  notFound: [
    { freqHz: 220, startMs: 0, durationMs: 150, wave: 'square', gain: 0.35 },
    { freqHz: 220, startMs: 210, durationMs: 150, wave: 'square', gain: 0.35 },
  ],
  refused: [
    { freqHz: 660, startMs: 0, durationMs: 140, wave: 'triangle', gain: 0.5 },
    { freqHz: 440, startMs: 160, durationMs: 220, wave: 'triangle', gain: 0.5 },
  ],
  completed: [
    { freqHz: 1047, startMs: 0, durationMs: 120, wave: 'sine', gain: 0.45 },
    { freqHz: 1319, startMs: 130, durationMs: 120, wave: 'sine', gain: 0.45 },
    { freqHz: 1568, startMs: 260, durationMs: 260, wave: 'sine', gain: 0.45 },
  ],
};

export interface SoundSettings {
  enabled: boolean;
  /** 0–100. */
  volume: number;
}

/** The tones to play for a sound at these settings: none when sounds are off or at volume 0. */
export function tonePlan(sound: TillSound, settings: SoundSettings): Tone[] {
  const volume = Math.max(0, Math.min(100, Math.round(settings.volume)));
  if (!settings.enabled || volume === 0) return [];
  return TONES[sound].map((t) => ({ ...t, gain: (t.gain * volume) / 100 }));
}

/** Messages at the till that mean "code not found" or "tender refused" (the notice's messageKey). */
const NOT_FOUND = new Set(['checkout.scan.unknown', 'checkout.scan.unknownCard']);
const REFUSED = new Set([
  'checkout.pay.refused', 'errors.payments_mismatch', 'errors.tendered_too_little', 'errors.stored_value_insufficient', 'errors.stored_value_needs_member',
  'errors.spend_refused_stored_value', 'errors.offline_cap_member_stored_value', 'errors.offline_cap_till_stored_value', 'errors.points_insufficient',
]);

export function soundForMessage(messageKey: string): TillSound | null {
  if (NOT_FOUND.has(messageKey)) return 'notFound';
  if (REFUSED.has(messageKey)) return 'refused';
  return null;
}

/** The cart's view the sounds need: its lines (key, qty) and the completed sale's id. */
export interface CartSnapshot {
  lines: ReadonlyArray<{ key: string; qty: number }>;
  lastSaleId: number | null;
}

/**
 * What a change of the cart sounds like: a new completed sale chimes; a new line, or more of a
 * line (scanning the same item again adds to its line), beeps. Removing, lowering a quantity
 * or emptying the cart is silent.
 */
export function soundForCart(prev: CartSnapshot, next: CartSnapshot): TillSound | null {
  if (next.lastSaleId !== null && next.lastSaleId !== prev.lastSaleId) return 'completed';
  const before = new Map(prev.lines.map((l) => [l.key, l.qty]));
  return next.lines.some((l) => l.qty > (before.get(l.key) ?? 0)) ? 'scan' : null;
}
