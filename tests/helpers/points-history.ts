/**
 * Random points histories for the expiry property tests: three members on a fixed clock,
 * grants (some already past their last day, as merges and refunds bring them) and spends
 * of no more than what can be spent, posted as the till posts them.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DB_FILE_NAME } from '../../electron/core/db/open.js';
import { addDays } from '../../electron/core/lib/dates.js';
import { fixedClock, shopWithOwner, testCore } from './core.js';
import { ok } from './shop.js';
import { makeTempDir } from './temp-dir.js';

export type PointsOp =
  | { kind: 'grant'; member: number; points: number; expiresIn: number }
  | { kind: 'spend'; member: number; points: number };

/** One grant or spend by one of the three members; a grant lasts from 40 days ago to 40 days on. */
export const grantOrSpend: fc.Arbitrary<PointsOp> = fc.oneof(
  fc.record({ kind: fc.constant('grant' as const), member: fc.nat(2), points: fc.integer({ min: 1, max: 500 }), expiresIn: fc.integer({ min: -40, max: 40 }) }),
  fc.record({ kind: fc.constant('spend' as const), member: fc.nat(2), points: fc.integer({ min: 1, max: 300 }) }),
);

type Core = ReturnType<typeof testCore>;

const START = '2026-01-05T09:00:00';
let template: { file: string; ids: number[] } | null = null;

/**
 * The shop with its owner and three members, made once per test file and copied for each run
 * (migrating a new file from empty for each of 30–40 runs took most of two minutes on a loaded machine).
 */
async function templateShop(): Promise<{ file: string; ids: number[] }> {
  if (template) return template;
  const tmp = makeTempDir();
  const core = testCore({ clock: fixedClock(START), dataDir: tmp.dir });
  const { token } = await shopWithOwner(core);
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) ids.push((await ok(core, 'members.enrol', { phone: `1380013800${i}` }, token)).id);
  await core.services.daily.idle();
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  await core.shutdown();
  process.once('exit', () => tmp.cleanup()); // the template serves every run of the test file
  template = { file: path.join(tmp.dir, DB_FILE_NAME), ids };
  return template;
}

/** A shop with three members; `cores` collects the core so an afterEach can dispose of it if a run fails. */
export async function threeMembers(cores: Core[]) {
  const { file, ids } = await templateShop();
  const clock = fixedClock(START);
  const dir = makeTempDir();
  fs.copyFileSync(file, path.join(dir.dir, DB_FILE_NAME));
  const core = testCore({ clock, dataDir: dir.dir });
  cores.push(core);
  const points = core.services.points;
  const today = () => clock.now().toISOString().slice(0, 10);
  return {
    clock, core, ids, points,
    /** Posts the op; answers the member's id. */
    apply(o: PointsOp): number {
      const id = ids[o.member]!;
      if (o.kind === 'grant') points.post(id, o.points, 'adjust', { expiresOn: addDays(today(), o.expiresIn) });
      else {
        const usable = points.usable(id);
        if (usable > 0) points.post(id, -Math.min(usable, o.points), 'redeem');
      }
      return id;
    },
    async dispose() {
      await core.dispose();
      dir.cleanup();
      cores.splice(cores.indexOf(core), 1);
    },
  };
}
