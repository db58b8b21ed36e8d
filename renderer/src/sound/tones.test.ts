import { describe, expect, it } from 'vitest';
import { TONES, soundForCart, soundForMessage, tonePlan } from './tones.js';

describe('till sounds', () => {
  it('each event has its own tone', () => {
    const signature = (s: keyof typeof TONES) => JSON.stringify(TONES[s].map((t) => [t.freqHz, t.startMs, t.durationMs, t.wave]));
    const all = (['scan', 'notFound', 'refused', 'completed'] as const).map(signature);
    expect(new Set(all).size).toBe(4);
    // The scan beep is short: it plays on every item.
    expect(Math.max(...TONES.scan.map((t) => t.startMs + t.durationMs))).toBeLessThanOrEqual(100);
  });

  it('volume scales the gain; off or volume 0 plays nothing', () => {
    expect(tonePlan('scan', { enabled: true, volume: 100 })).toEqual(TONES.scan);
    expect(tonePlan('completed', { enabled: true, volume: 50 }).map((t) => t.gain)).toEqual(TONES.completed.map((t) => t.gain / 2));
    expect(tonePlan('scan', { enabled: true, volume: 0 })).toEqual([]);
    expect(tonePlan('refused', { enabled: false, volume: 100 })).toEqual([]);
    expect(tonePlan('notFound', { enabled: true, volume: -5 })).toEqual([]);
    expect(tonePlan('notFound', { enabled: true, volume: 250 })).toEqual(TONES.notFound);
  });

  it('a scan that adds a line or more of one beeps; removing is silent; a completed sale chimes', () => {
    const empty = { lines: [], lastSaleId: null };
    const one = { lines: [{ key: 'a', qty: 1 }], lastSaleId: null };
    const two = { lines: [{ key: 'a', qty: 2 }], lastSaleId: null };
    const more = { lines: [{ key: 'a', qty: 2 }, { key: 'b', qty: 1 }], lastSaleId: null };
    expect(soundForCart(empty, one)).toBe('scan');
    expect(soundForCart(one, two)).toBe('scan');
    expect(soundForCart(two, more)).toBe('scan');
    expect(soundForCart(more, two)).toBeNull();
    expect(soundForCart(two, one)).toBeNull();
    expect(soundForCart(two, { lines: [], lastSaleId: 17 })).toBe('completed');
    expect(soundForCart({ lines: [], lastSaleId: 17 }, { lines: [], lastSaleId: 17 })).toBeNull();
  });

  it('a code not found and a refused tender each have theirs; other messages are silent', () => {
    expect(soundForMessage('checkout.scan.unknown')).toBe('notFound');
    expect(soundForMessage('checkout.scan.unknownCard')).toBe('notFound');
    expect(soundForMessage('errors.tendered_too_little')).toBe('refused');
    expect(soundForMessage('checkout.pay.refused')).toBe('refused');
    expect(soundForMessage('errors.stored_value_insufficient')).toBe('refused');
    expect(soundForMessage('checkout.held.held')).toBeNull();
  });
});
