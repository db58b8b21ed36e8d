import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { testCore } from '../../../tests/helpers/core.js';
import { grantOrSpend, threeMembers } from '../../../tests/helpers/points-history.js';

/**
 * The daily expiry replays only members who can have something new to write off (a lot that
 * lapsed since the last run, or a ledger entry since it). For any sequence of grants (some
 * backdated, as merges and refunds bring), spends and daily runs, a full replay of every member
 * right after must find nothing the marked run missed.
 */
const cores: Array<ReturnType<typeof testCore>> = [];
afterEach(async () => { for (const c of cores.splice(0)) await c.dispose(); });

const step = fc.oneof(
  grantOrSpend,
  fc.record({ kind: fc.constant('day' as const), days: fc.integer({ min: 1, max: 15 }) }),
);

describe('points expiry with a mark', () => {
  it('misses nothing a full replay would write off', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
      const shop = await threeMembers(cores);
      const { clock, core, points } = shop;
      for (const s of steps) {
        if (s.kind !== 'day') shop.apply(s);
        else {
          clock.advance(s.days * 86_400_000);
          points.expireAll();
          core.db.prepare("DELETE FROM settings WHERE key = 'points.expiryMark'").run();
          expect(points.expireAll()).toEqual({ points: 0, members: 0 });
        }
      }
      await shop.dispose();
    }), { numRuns: 40 });
  }, 120_000);
});
