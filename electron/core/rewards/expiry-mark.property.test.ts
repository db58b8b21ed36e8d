import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testCore, fixedClock, shopWithOwner } from '../../../tests/helpers/core.js';
import { ok } from '../../../tests/helpers/shop.js';
import { addDays } from '../lib/dates.js';

/**
 * The daily expiry replays only members who can have something new to write off (a lot that
 * lapsed since the last run, or a ledger entry since it). For any sequence of grants (some
 * backdated, as merges and refunds bring), spends and daily runs, a full replay of every member
 * right after must find nothing the marked run missed.
 */
const cores: Array<ReturnType<typeof testCore>> = [];
afterEach(async () => { for (const c of cores.splice(0)) await c.dispose(); });

const step = fc.oneof(
  fc.record({ kind: fc.constant('grant' as const), member: fc.nat(2), points: fc.integer({ min: 1, max: 500 }), expiresIn: fc.integer({ min: -40, max: 40 }) }),
  fc.record({ kind: fc.constant('spend' as const), member: fc.nat(2), points: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('day' as const), days: fc.integer({ min: 1, max: 15 }) }),
);

describe('points expiry with a mark', () => {
  it('misses nothing a full replay would write off', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
      const clock = fixedClock('2026-01-05T09:00:00');
      const core = testCore({ clock });
      cores.push(core);
      const { token } = await shopWithOwner(core);
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) ids.push((await ok(core, 'members.enrol', { phone: `1380013800${i}` }, token)).id);
      const points = core.services.points;
      const today = () => clock.now().toISOString().slice(0, 10);
      for (const s of steps) {
        if (s.kind === 'grant') points.post(ids[s.member]!, s.points, 'adjust', { expiresOn: addDays(today(), s.expiresIn) });
        else if (s.kind === 'spend') {
          const usable = points.usable(ids[s.member]!);
          if (usable > 0) points.post(ids[s.member]!, -Math.min(usable, s.points), 'redeem');
        } else {
          clock.advance(s.days * 86_400_000);
          points.expireAll();
          core.db.prepare("DELETE FROM settings WHERE key = 'points.expiryMark'").run();
          expect(points.expireAll()).toEqual({ points: 0, members: 0 });
        }
      }
      await core.dispose();
      cores.splice(cores.indexOf(core), 1);
    }), { numRuns: 40 });
  }, 120_000);
});
