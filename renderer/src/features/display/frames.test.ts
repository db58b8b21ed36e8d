import { describe, expect, it } from 'vitest';
import { isNewer } from './frames.js';

describe('customer display frames', () => {
  it('takes the first, then only later ones of the same run, and any of a new run', () => {
    expect(isNewer(null, { epoch: 5, seq: 0 })).toBe(true);
    expect(isNewer({ epoch: 5, seq: 3 }, { epoch: 5, seq: 4 })).toBe(true);
    expect(isNewer({ epoch: 5, seq: 3 }, { epoch: 5, seq: 3 })).toBe(false);
    expect(isNewer({ epoch: 5, seq: 3 }, { epoch: 5, seq: 2 })).toBe(false);
    expect(isNewer({ epoch: 5, seq: 900 }, { epoch: 9, seq: 1 })).toBe(true);
  });
});
