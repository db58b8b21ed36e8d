import { describe, expect, it } from 'vitest';
import { isOpenNpsKey, keyForScore, scoreForKey } from './nps-keys.js';

describe('NPS score keys', () => {
  it('gives every score 0–10 exactly one key, and back', () => {
    const keys = Array.from({ length: 11 }, (_, score) => keyForScore(score));
    expect(new Set(keys).size).toBe(11);
    for (let score = 0; score <= 10; score++) expect(scoreForKey(keyForScore(score))).toBe(score);
    expect(keys).toEqual(['-', '1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
  });

  it('ignores other keys', () => {
    for (const key of ['a', 'Enter', '+', '10', ' ', 'F5']) expect(scoreForKey(key)).toBeNull();
  });

  it('opens on Alt+N only', () => {
    const k = { key: 'n', code: 'KeyN', altKey: true, ctrlKey: false, metaKey: false, shiftKey: false };
    expect(isOpenNpsKey(k)).toBe(true);
    expect(isOpenNpsKey({ ...k, key: 'ñ' })).toBe(true);
    expect(isOpenNpsKey({ ...k, altKey: false })).toBe(false);
    expect(isOpenNpsKey({ ...k, ctrlKey: true })).toBe(false);
    expect(isOpenNpsKey({ ...k, code: 'KeyM', key: 'm' })).toBe(false);
  });
});
