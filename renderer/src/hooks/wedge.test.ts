import { describe, expect, it, vi } from 'vitest';
import { createWedgeDetector, isPrintableKey, type WedgeDecision, type WedgeKey } from './wedge.js';

const opts = { minLength: 6, maxGapMs: 35 };

/** Feeds `text` one key every `gap` ms from `start`, then optionally Enter; returns every decision. */
function feed(d: ReturnType<typeof createWedgeDetector>, text: string, gap: number, start = 0, enter = true) {
  const out: WedgeDecision[] = [];
  let t = start;
  for (const ch of text) {
    out.push(d.key({ key: ch, time: t }));
    t += gap;
  }
  if (enter) out.push(d.key({ key: 'Enter', time: t - gap + Math.min(gap, 10) }));
  return { out, end: t };
}

describe('wedge detector', () => {
  it('a fast burst ending in Enter is a scan; nothing is replayed', () => {
    const d = createWedgeDetector(opts);
    const { out } = feed(d, '6901234567892', 4);
    expect(out.slice(0, -1).every((x) => x.action === 'hold' && x.replay === '')).toBe(true);
    expect(out.at(-1)).toEqual({ action: 'scan', code: '6901234567892', replay: '' });
    expect(d.pending()).toBe(false);
  });

  it('slow typing is handed back key by key once each gap expires', () => {
    const d = createWedgeDetector(opts);
    expect(d.key({ key: 'k', time: 0 })).toEqual({ action: 'hold', replay: '' });
    expect(d.expire(20)).toBe('');
    expect(d.expire(35)).toBe('k');
    expect(d.key({ key: 'l', time: 150 })).toEqual({ action: 'hold', replay: '' });
    expect(d.expire(190)).toBe('l');
    expect(d.pending()).toBe(false);
  });

  it('a late key replays the stale burst before it starts a new one (timer not yet run)', () => {
    const d = createWedgeDetector(opts);
    d.key({ key: 'a', time: 0 });
    expect(d.key({ key: 'b', time: 100 })).toEqual({ action: 'hold', replay: 'a' });
    expect(d.expire(200)).toBe('b');
  });

  it('a slow sequence ending in Enter is typing: Enter passes after the replay', () => {
    const d = createWedgeDetector(opts);
    const { out } = feed(d, '690123456789', 80);
    // Each key replays the one before it (stale); Enter replays the last one and passes.
    expect(out.slice(1, -1).map((x) => x.replay).join('')).toBe('69012345678');
    expect(out.at(-1)).toEqual({ action: 'pass', replay: '9' });
  });

  it('a short fast burst with Enter is typing (a PIN, a quantity), not a scan', () => {
    const d = createWedgeDetector(opts);
    const { out } = feed(d, '8888', 3);
    expect(out.at(-1)).toEqual({ action: 'pass', replay: '8888' });
  });

  it('exactly minLength keys is a scan; one fewer is not', () => {
    expect(feed(createWedgeDetector(opts), '123456', 5).out.at(-1)).toMatchObject({ action: 'scan', code: '123456' });
    expect(feed(createWedgeDetector(opts), '12345', 5).out.at(-1)).toMatchObject({ action: 'pass', replay: '12345' });
  });

  it('a gap just over maxGapMs inside a burst splits it into typing', () => {
    const d = createWedgeDetector(opts);
    feed(d, '1234', 5, 0, false); // last key at 15
    expect(d.key({ key: '5', time: 15 + 36 })).toEqual({ action: 'hold', replay: '1234' });
    expect(feed(d, '67', 5, 56).out.at(-1)).toEqual({ action: 'pass', replay: '567' });
  });

  it('Enter that comes too late after a long fast burst is typing', () => {
    const d = createWedgeDetector(opts);
    feed(d, '6901234567892', 4, 0, false); // last key at 48
    expect(d.key({ key: 'Enter', time: 48 + 40 })).toEqual({ action: 'pass', replay: '6901234567892' });
  });

  it('Shift between capital letters neither breaks nor extends a scan', () => {
    const d = createWedgeDetector(opts);
    const keys: WedgeKey[] = [
      { key: 'Shift', time: 0 },
      { key: 'S', time: 2 },
      { key: 'Shift', time: 4 },
      { key: 'K', time: 6 },
      { key: 'U', time: 9 },
      ...'1001-A'.split('').map((key, i) => ({ key, time: 12 + i * 3 })),
    ];
    for (const k of keys) expect(d.key(k).action).not.toBe('scan');
    expect(d.key({ key: 'Enter', time: 40 })).toEqual({ action: 'scan', code: 'SKU1001-A', replay: '' });
  });

  it('named keys, chords, auto-repeat and IME composition end a burst as typing and pass', () => {
    for (const k of [
      { key: 'Backspace', time: 5 },
      { key: 'Tab', time: 5 },
      { key: 'ArrowDown', time: 5 },
      { key: 'F12', time: 5 },
      { key: 'v', time: 5, ctrlKey: true },
      { key: '1', time: 5, altKey: true },
      { key: 'a', time: 5, repeat: true },
      { key: 'Process', time: 5, isComposing: true },
    ]) {
      const d = createWedgeDetector(opts);
      d.key({ key: 'x', time: 0 });
      expect(d.key(k), k.key).toEqual({ action: 'pass', replay: 'x' });
      expect(d.pending()).toBe(false);
    }
  });

  it('keys with nothing held pass untouched', () => {
    const d = createWedgeDetector(opts);
    expect(d.key({ key: 'Enter', time: 0 })).toEqual({ action: 'pass', replay: '' });
    expect(d.key({ key: 'Escape', time: 1 })).toEqual({ action: 'pass', replay: '' });
    expect(d.expire(1000)).toBe('');
  });

  it('reclaims keys the timer handed out too early, when the next key shows the burst went on', () => {
    const d = createWedgeDetector(opts);
    feed(d, '690336', 3, 0, false); // last key at 15
    // The machine was busy: the timer ran at 60 ms, before the rest of the burst arrived.
    expect(d.expire(60)).toBe('690336');
    const reclaim = vi.fn(() => true);
    // The next key is stamped 18 ms: part of the same burst.
    expect(d.key({ key: '3', time: 18 }, reclaim)).toEqual({ action: 'hold', replay: '' });
    expect(reclaim).toHaveBeenCalledWith('690336');
    const rest = feed(d, '526511', 3, 21);
    expect(rest.out.at(-1)).toEqual({ action: 'scan', code: '6903363526511', replay: '' });
  });

  it('keeps what it cannot take back, and never reclaims after a real pause', () => {
    const d = createWedgeDetector(opts);
    feed(d, '1234', 3, 0, false);
    expect(d.expire(50)).toBe('1234');
    expect(d.key({ key: '5', time: 12 }, () => false)).toEqual({ action: 'hold', replay: '' });
    expect(d.flush()).toBe('5');
    feed(d, '1234', 3, 100, false); // last at 109
    expect(d.expire(150)).toBe('1234');
    const reclaim = vi.fn(() => true);
    expect(d.key({ key: '5', time: 150 }, reclaim)).toEqual({ action: 'hold', replay: '' });
    expect(reclaim).not.toHaveBeenCalled();
  });

  it('flush gives back what is held', () => {
    const d = createWedgeDetector(opts);
    d.key({ key: '4', time: 0 });
    d.key({ key: '2', time: 1 });
    expect(d.flush()).toBe('42');
    expect(d.pending()).toBe(false);
  });

  it('honours other thresholds', () => {
    const d = createWedgeDetector({ minLength: 3, maxGapMs: 100 });
    expect(feed(d, '123', 90).out.at(-1)).toMatchObject({ action: 'scan', code: '123' });
  });

  it('knows printable keys', () => {
    expect(['a', 'Z', '0', '-', ' ', '中', '😀'].every(isPrintableKey)).toBe(true);
    expect(['Enter', 'Tab', 'F1', 'Shift', '', '\u007f', '\n'].some(isPrintableKey)).toBe(false);
  });
});
