import { describe, expect, it } from 'vitest';
import { parseWeightLine, sellableGrams } from './weight-string.js';

describe('serial scale lines', () => {
  it('reads the continuous ST/US,GS/NT string', () => {
    expect(parseWeightLine('ST,GS,+0001.250kg')).toEqual({ grams: 1250, stable: true, net: false, overload: false });
    expect(parseWeightLine('US,GS,+0000.870kg')).toEqual({ grams: 870, stable: false, net: false, overload: false });
    expect(parseWeightLine('ST,NT,+0000.500kg')).toMatchObject({ grams: 500, net: true });
    expect(parseWeightLine('ST,GS,-0000.020kg')).toMatchObject({ grams: -20 });
    expect(parseWeightLine('OL,GS,+9999.999kg')).toMatchObject({ overload: true, stable: false });
    expect(parseWeightLine('\x02ST,GS,+   1250 g\x03')).toMatchObject({ grams: 1250, stable: true });
  });
  it('reads MT-SICS answers', () => {
    expect(parseWeightLine('S S      1.250 kg')).toEqual({ grams: 1250, stable: true, net: false, overload: false });
    expect(parseWeightLine('S D      0.998 kg')).toMatchObject({ grams: 998, stable: false });
    expect(parseWeightLine('S +')).toMatchObject({ overload: true });
    expect(parseWeightLine('ES')).toBeNull();
    expect(parseWeightLine('garbage')).toBeNull();
  });
  it('sells only a stable positive weight within range, after the tare', () => {
    const r = parseWeightLine('ST,GS,+0001.250kg');
    expect(sellableGrams(r, 0, 30_000)).toEqual({ grams: 1250 });
    expect(sellableGrams(r, 50, 30_000)).toEqual({ grams: 1200 });
    expect(sellableGrams(r, 1250, 30_000)).toEqual({ problem: 'zero_weight' });
    expect(sellableGrams(r, 0, 1000)).toEqual({ problem: 'over_range' });
    expect(sellableGrams(parseWeightLine('US,GS,+0001.250kg'), 0, 30_000)).toEqual({ problem: 'unstable' });
    expect(sellableGrams(null, 0, 30_000)).toEqual({ problem: 'no_reading' });
  });
});
