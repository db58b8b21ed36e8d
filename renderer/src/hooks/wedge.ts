/**
 * Keyboard-wedge scanner detection, as a pure state machine (no DOM, no timers), so it is
 * unit-tested with exact timings.
 *
 * A wedge scanner "types" its code far faster than a person, then presses Enter. The
 * detector holds back every printable key while a burst may be going on; then:
 * - Enter within `maxGapMs` of the last key, after at least `minLength` keys: a scan. The
 *   held keys never reach the focused field and the Enter is swallowed.
 * - Anything else (a gap longer than `maxGapMs`, a short burst ending in Enter, Backspace,
 *   Tab, a shortcut…): the held keys were typing and are handed back, in order, to be
 *   replayed into the page before the key that revealed it.
 * Modifier keys alone (Shift between a scanner's capital letters) neither end nor extend a
 * burst. IME composition, auto-repeat and Ctrl/Alt/Meta chords are never part of a scan.
 *
 * Gaps are measured between the keys' own timestamps (the OS stamps a scanner's keys as they
 * come), but the page learns that a burst went quiet from a timer. On a starved machine that
 * timer can run before the rest of a burst reaches the page; when a key then shows (by its
 * timestamp) that the burst had not ended, the keys handed back too early are reclaimed —
 * if the caller can take them back out of the field they went into.
 */
export interface WedgeOptions {
  /** Fewest characters that count as a scan; shorter bursts are typing. */
  minLength: number;
  /** Longest gap between two keys of one scan, in ms. */
  maxGapMs: number;
}

export interface WedgeKey {
  key: string;
  /** Event time in ms (KeyboardEvent.timeStamp). */
  time: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
  repeat?: boolean;
}

export type WedgeDecision =
  /** Let this key through; first replay `replay` (held keys that turned out to be typing). */
  | { action: 'pass'; replay: string }
  /** Keep this key back for now (it may be part of a scan); first replay `replay`. */
  | { action: 'hold'; replay: string }
  /** Swallow this key (the terminator): the held keys were a scan of `code`. */
  | { action: 'scan'; code: string; replay: string };

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Fn', 'OS']);

/** One printable character (what a keydown's `key` is for text), not a named key like "Enter". */
export function isPrintableKey(key: string): boolean {
  return [...key].length === 1 && key >= ' ' && key !== '\u007f';
}

export interface WedgeDetector {
  /**
   * Decides about one key. `reclaim(text)` is asked to take back keys the timer handed out
   * too early (see above); it answers whether it could.
   */
  key(k: WedgeKey, reclaim?: (text: string) => boolean): WedgeDecision;
  /** The gap timer fired at `now`: keys held longer than `maxGapMs` are typing. Returns them ('' if none). */
  expire(now: number): string;
  /** Whether keys are being held back. */
  pending(): boolean;
  /** Gives back whatever is held (e.g. when the page leaves) and starts afresh. */
  flush(): string;
}

export function createWedgeDetector(options: WedgeOptions): WedgeDetector {
  const minLength = Math.max(1, options.minLength);
  const maxGap = Math.max(1, options.maxGapMs);
  let held = '';
  let last = Number.NEGATIVE_INFINITY;
  /** What the last expire() handed out, in case it was too early. */
  let expired: { text: string; last: number } | null = null;

  const take = () => {
    const text = held;
    held = '';
    return text;
  };

  return {
    key(k, reclaim) {
      if (MODIFIERS.has(k.key)) {
        const stale = held && k.time - last > maxGap ? take() : '';
        return { action: 'pass', replay: stale };
      }
      const chord = k.ctrlKey || k.altKey || k.metaKey;
      const burstKey = (isPrintableKey(k.key) || k.key === 'Enter') && !chord && !k.repeat && !k.isComposing;
      if (expired && !held && burstKey && k.time - expired.last <= maxGap && reclaim?.(expired.text)) {
        held = expired.text;
        last = expired.last;
      }
      expired = null;
      // A burst that went quiet for too long was typing, whatever comes now.
      const replay = held && k.time - last > maxGap ? take() : '';
      if (k.isComposing || k.key === 'Process' || k.key === 'Unidentified' || k.repeat || chord) {
        return { action: 'pass', replay: replay + take() };
      }
      if (k.key === 'Enter') {
        if (held.length >= minLength) return { action: 'scan', code: take(), replay };
        return { action: 'pass', replay: replay + take() };
      }
      if (isPrintableKey(k.key)) {
        held += k.key;
        last = k.time;
        return { action: 'hold', replay };
      }
      return { action: 'pass', replay: replay + take() };
    },
    expire(now) {
      if (!held || now - last < maxGap) return '';
      expired = { text: held, last };
      return take();
    },
    pending: () => held.length > 0,
    flush() {
      expired = null;
      return take();
    },
  };
}
