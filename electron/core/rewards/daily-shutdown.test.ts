import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createCore } from '../app.js';
import { makeTempDir } from '../../../tests/helpers/temp-dir.js';
import { fixedClock } from '../../../tests/helpers/core.js';
import { createDailyJobs } from './daily.js';
import type { Points } from './points.js';
import type { RewardsRulesStore } from './rules.js';
import type { Coupons } from './coupons.js';

const cleanups: Array<() => void> = [];
afterEach(() => { for (const c of cleanups.splice(0)) c(); });
const turns = async (n: number) => { for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r)); };

/** A core whose logger keeps what it was told, on a fresh shop (so the day's jobs start at once). */
function startCore() {
  const tmp = makeTempDir();
  cleanups.push(() => tmp.cleanup());
  const errors: string[] = [];
  const core = createCore({ dataDir: tmp.dir, autoBackup: false, syncLoop: false, logger: { error: (m, e) => errors.push(`${m} ${String(e)}`) } });
  return { core, errors };
}

describe('closing the core while the daily jobs run behind the till', () => {
  it('close() right after start: the tier review never touches the closed database', async () => {
    const { core, errors } = startCore();
    core.close(); // what the IPC and host tests do; the slices were still to come
    await turns(20);
    expect(errors).toEqual([]); // was: "daily jobs failed TypeError: The database connection is not open"
    expect(core.db.open).toBe(false);
  });

  it('shutdown() waits for the slice under way and stops before the next', async () => {
    const { core, errors } = startCore();
    await core.shutdown();
    await turns(20);
    expect(errors).toEqual([]);
  });

  it('a stop between slices runs no further slice, and the day is not marked done', async () => {
    const db = new Database(':memory:');
    const ran: string[] = [];
    let lastRun: string | null = null;
    const daily = createDailyJobs({
      db: db as never, clock: fixedClock('2026-11-22T09:00:00'),
      // A write-off with nothing to do: done at its first step.
      // eslint-disable-next-line require-yield
      points: { expireSteps: function* () { return { points: 0, members: 0 }; } } as unknown as Points,
      rules: { get: () => ({ birthdayBonus: 0, birthdayWindow: 'day', birthdayCouponTemplateId: null }) } as unknown as RewardsRulesStore,
      coupons: {} as Coupons,
      lastRun: { get: () => lastRun, set: (day) => { lastRun = day; } },
      extra: [],
      sliced: [function* () {
        for (const n of [1, 2, 3]) { ran.push(`slice ${n}: ${String(db.prepare('SELECT 1').pluck().get())}`); yield; }
      }],
    });
    const failures: unknown[] = [];
    expect(daily.startIfNewDay((err) => failures.push(err))).toBe(true);
    await turns(2); // a slice or two have run, not all three
    const before = [...ran];
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(3);
    void daily.stop();
    db.close(); // close() does not wait
    await turns(20);
    expect(failures).toEqual([]);
    expect(ran).toEqual(before);
    expect(lastRun).toBeNull();
  });
});
