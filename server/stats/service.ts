import type { Db } from '../db/pool.js';
import type { HeadlineRules } from '../../shared/stats/rules.js';
import { previousPeriod, type Period } from '../../shared/stats/periods.js';
import { statsJson } from '../../shared/stats/stats-json.js';
import { CHAIN_SCOPE } from '../db/migrations/005-chain-stats.js';
import { activeCounts, headline } from './headline.js';
import { cohorts, rfm } from './cohorts-rfm.js';
import { series, tills } from './series.js';

/** The tills' defaults (electron/core: DEFAULT_CARE_RULES.lapseDays, DEFAULT_REWARDS_RULES.redeemPointsPerYuan; tests/integration/head-office-defaults.test.ts checks they agree). */
export const DEFAULT_LAPSE_DAYS = 90;
export const DEFAULT_POINTS_PER_YUAN = 100;

/** A scope of the figures: the whole chain, or one branch by its code. */
export interface Scope { id: string; code: string | null; name: string }

export class UnknownBranchError extends Error {
  constructor(readonly code: string) {
    super(`no branch ${code}`);
  }
}

export async function branchesOf(db: Db): Promise<Array<{ code: string; name: string }>> {
  const { rows } = await db.query<{ code: string; name: string }>('SELECT code, name FROM branches');
  return rows.sort((a, b) => Number(a.code.slice(1)) - Number(b.code.slice(1)));
}

/** The chain for no code; a branch by its code (B2), or UnknownBranchError. */
export async function resolveScope(db: Db, code?: string | null): Promise<Scope> {
  if (!code) return { id: CHAIN_SCOPE, code: null, name: '' };
  const { rows } = await db.query<{ branch_id: string; code: string; name: string }>('SELECT branch_id, code, name FROM branches WHERE code = upper($1)', [code]);
  if (!rows[0]) throw new UnknownBranchError(code.toUpperCase());
  return { id: rows[0].branch_id, code: rows[0].code, name: rows[0].name };
}

/**
 * The shop's rules the figures depend on, as the tills last pushed them (settings `care.rules`
 * and `rewards.rules`, last writer by hlc), else the tills' defaults.
 */
export async function chainRules(db: Db): Promise<HeadlineRules> {
  const { rows } = await db.query<{ key: string; value: string }>(
    `SELECT i.row->>'key' AS key, v.value FROM facts i
     JOIN LATERAL (SELECT f.row->>'value' AS value FROM facts f WHERE f.row_gid = i.row_gid AND f.tbl = 'settings' AND f.row ? 'value'
                   ORDER BY f.hlc DESC LIMIT 1) v ON true
     WHERE i.tbl = 'settings' AND i.op = 'insert' AND i.row->>'key' IN ('care.rules', 'rewards.rules')`);
  const read = (key: string): Record<string, unknown> => {
    try {
      return JSON.parse(rows.find((r) => r.key === key)?.value ?? '{}') as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const lapseDays = read('care.rules').lapseDays;
  const perYuan = read('rewards.rules').redeemPointsPerYuan;
  return {
    lapseDays: typeof lapseDays === 'number' && lapseDays > 0 ? lapseDays : DEFAULT_LAPSE_DAYS,
    redeemPointsPerYuan: typeof perYuan === 'number' && perYuan > 0 ? perYuan : DEFAULT_POINTS_PER_YUAN,
  };
}

/** The head-office figures: the till's stats contract, answered for a scope from PostgreSQL. */
export function createChainStats(db: Db) {
  return {
    async headline(scope: Scope, p: Period) {
      return headline(db, scope.id, p, await chainRules(db));
    },
    /** The period and the one before it; their active counts from one grouping over three periods. */
    async overview(scope: Scope, p: Period) {
      const rules = await chainRules(db);
      const prev = previousPeriod(p);
      const [, before, now] = await activeCounts(db, scope.id, [previousPeriod(prev), prev, p]);
      const [current, previous] = await Promise.all([
        headline(db, scope.id, p, rules, { active: now! }),
        headline(db, scope.id, prev, rules, { active: before!, withLapse: false }),
      ]);
      return { current, previous };
    },
    series: (scope: Scope, p: Period) => series(db, scope.id, p),
    cohorts: (scope: Scope, p: Period) => cohorts(db, scope.id, p),
    rfm: (scope: Scope, asOf: string) => rfm(db, scope.id, asOf),
    tills: async (scope: Scope, p: Period) => ({ tills: await tills(db, scope.id, p) }),
    /** The `pos stats --json` object, exactly the till's keys (electron/core/stats/stats-json.ts). */
    async json(scope: Scope, p: Period) {
      const [h, c, t] = await Promise.all([this.headline(scope, p), cohorts(db, scope.id, p), tills(db, scope.id, p)]);
      return statsJson(h, c, t);
    },
  };
}

export type ChainStats = ReturnType<typeof createChainStats>;
