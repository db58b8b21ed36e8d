import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backupsToKeep, DEFAULT_ROTATION, isoWeek } from './rotation.js';

const at = (y: number, m: number, d: number, h = 21) => new Date(y, m - 1, d, h);

describe('backup rotation', () => {
  it('knows ISO weeks across year ends', () => {
    expect(isoWeek(at(2026, 1, 1))).toBe('2026-W01'); // a Thursday
    expect(isoWeek(at(2027, 1, 1))).toBe('2026-W53'); // a Friday belongs to the previous year's last week
    expect(isoWeek(at(2024, 12, 30))).toBe('2025-W01');
  });

  it('after a year of nightly backups keeps 7 days, 4 weeks and 12 months, about 20 files', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({ name: `b${i}`, at: at(2026, 1, 1 + i) }));
    const keep = backupsToKeep(items);
    const kept = items.filter((i) => keep.has(i.name));
    expect(kept.length).toBeGreaterThanOrEqual(19);
    expect(kept.length).toBeLessThanOrEqual(23);
    // The last 7 nights.
    for (let k = 1; k <= 7; k++) expect(keep.has(`b${400 - k}`)).toBe(true);
    // The oldest kept is the end of a month about a year before the newest.
    const oldest = kept[0]!.at;
    expect(oldest.getDate()).toBe(new Date(oldest.getFullYear(), oldest.getMonth() + 1, 0).getDate());
    expect(items.at(-1)!.at.getTime() - oldest.getTime()).toBeGreaterThan(300 * 86_400_000);
  });

  it('never keeps more than the policy allows, always keeps the newest, and is stable when re-applied', () => {
    fc.assert(fc.property(
      fc.array(fc.date({ min: new Date(2025, 0, 1), max: new Date(2027, 11, 31), noInvalidDate: true }), { maxLength: 200 }),
      (dates) => {
        const items = dates.map((d, i) => ({ name: `b${i}`, at: d }));
        const keep = backupsToKeep(items);
        const p = DEFAULT_ROTATION;
        expect(keep.size).toBeLessThanOrEqual(Math.max(1, p.last) + p.daily + p.weekly + p.monthly);
        if (items.length > 0) {
          const newest = items.reduce((a, b) => (b.at > a.at ? b : a));
          expect([...keep].some((n) => items.find((i) => i.name === n)!.at.getTime() === newest.at.getTime())).toBe(true);
        }
        // Rotating what is left removes nothing more.
        const left = items.filter((i) => keep.has(i.name));
        expect(backupsToKeep(left)).toEqual(keep);
      },
    ), { numRuns: 200 });
  });
});
