import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../tests/helpers/postgres.js';
import { CHAIN_DAYS, CHAIN_FIRST_DAY, makeChain, pushAll, randomHistory } from '../../tests/helpers/chain-facts.js';
import { readFacts, reference } from '../../tests/helpers/chain-reference.js';
import { addDays } from '../../shared/dates.js';
import { previousPeriod } from '../../shared/stats/periods.js';
import { migrateServer } from '../db/migrate.js';
import { openDb, type Db } from '../db/pool.js';
import { HQ_TABLES, REBUILD_HQ_SQL } from '../db/migrations/005-chain-stats.js';
import { HQ_DAY_COUNT_TABLES } from '../db/migrations/006-chain-day-counts.js';
import { createChainStats, resolveScope } from './service.js';

/**
 * The head-office figures (server/stats) on a real PostgreSQL against a plain-loop computation
 * from the ingested facts, on random chains of three branches with two tills each (members
 * enrolled in one branch buy in others) and random periods, for the chain and every branch.
 */
let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await testDatabase();
  db = openDb(database.url);
  await migrateServer(db);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

async function freshChain() {
  await db.query(`TRUNCATE facts, exceptions, accounts, holds, tills, member_branches, member_rows, member_directory, feed_replays CASCADE; DELETE FROM branches WHERE code <> 'B1'; UPDATE feed_counter SET n = 0;
    TRUNCATE ${HQ_TABLES.join(', ')}`);
  return makeChain(db);
}

/** Every summary row, in a canonical order (cells a later push emptied are kept at 0 by ingest, never by the rebuild). */
async function summaries() {
  const out: Record<string, unknown[]> = {};
  for (const t of [...HQ_TABLES, ...HQ_DAY_COUNT_TABLES]) {
    const where = { hq_cohorts: 'WHERE members <> 0', hq_visit_gaps: 'WHERE n <> 0', hq_span_days: 'WHERE firsts <> 0 OR lasts <> 0', hq_rfm_members: 'WHERE freq <> 0 OR spend <> 0' }[t as string] ?? '';
    out[t] = (await db.query(`SELECT * FROM ${t} ${where} ORDER BY 1${t === 'hq_rfm_window' ? '' : ', 2'}${t === 'hq_scope_customers' || t === 'hq_rfm_window' ? '' : ', 3'}${t === 'hq_visit_gaps' ? ', 4' : ''}`)).rows;
  }
  return out;
}

const day = (k: number) => addDays(CHAIN_FIRST_DAY, k);
const periodArb = fc.tuple(fc.integer({ min: -10, max: CHAIN_DAYS + 10 }), fc.oneof(fc.integer({ min: 0, max: 75 }), fc.integer({ min: 63, max: 420 }))).map(([start, len]) => ({ from: day(start), to: day(start + len) }));

describe('head-office figures', () => {
  it('equal a plain computation from the raw facts, chain-wide and per branch, on random chains and periods', async () => {
    const stats = createChainStats(db);
    await fc.assert(fc.asyncProperty(fc.integer(), fc.integer({ min: 5, max: 40 }), fc.integer({ min: 20, max: 160 }), fc.array(periodArb, { minLength: 2, maxLength: 3 }),
      async (seed, members, sales, periods) => {
        const tills = await freshChain();
        const rules = randomHistory(tills, seed, { members, sales });
        await pushAll(db, tills, seed);
        const ref = reference(await readFacts(db), { lapseDays: rules.lapseDays, redeemPointsPerYuan: rules.perYuan });
        const codes = new Map(tills.map((t) => [t.tillId, { code: t.code, branch: t.branchId }]));
        for (const code of [null, 'B1', 'B2', 'B3']) {
          const scope = await resolveScope(db, code);
          const branch = code === null ? null : scope.id;
          for (const p of periods) {
            const overview = await stats.overview(scope, p);
            expect(overview.current).toEqual(ref.headline(branch, p));
            expect(overview.previous).toEqual(ref.headline(branch, previousPeriod(p), false));
            expect(await stats.cohorts(scope, p)).toEqual(ref.cohorts(branch, p));
            const rfm = await stats.rfm(scope, p.to);
            expect({ members: rfm.members, cells: rfm.cells }).toEqual(ref.rfm(branch, p.to));
            expect((await stats.tills(scope, p)).tills).toEqual(ref.tills(codes, branch, p));
            expect(await stats.series(scope, p)).toEqual(ref.series(branch, p));
          }
        }
        // RFM as of the latest day pushed reads the rolling sums (migration 006): equal too.
        const latest = (await db.query<{ as_of: string }>('SELECT as_of FROM hq_rfm_window')).rows[0]?.as_of;
        if (latest) {
          for (const code of [null, 'B1', 'B2', 'B3']) {
            const scope = await resolveScope(db, code);
            const rfm = await stats.rfm(scope, latest);
            expect({ members: rfm.members, cells: rfm.cells }).toEqual(ref.rfm(code === null ? null : scope.id, latest));
          }
        }
        // The same facts summarised from scratch (the migration's backfill) give the same rows.
        const kept = await summaries();
        await db.tx((c) => c.query(REBUILD_HQ_SQL));
        expect(await summaries()).toEqual(kept);
      }), { numRuns: 8 });
  }, 240_000);

  it('keep RFM as of the latest day equal to a plain computation over histories longer than its window', async () => {
    const stats = createChainStats(db);
    await fc.assert(fc.asyncProperty(fc.integer(), fc.integer({ min: 400, max: 900 }), async (seed, days) => {
      const tills = await freshChain();
      const rules = randomHistory(tills, seed, { members: 25, sales: 200, days });
      await pushAll(db, tills, seed);
      const ref = reference(await readFacts(db), { lapseDays: rules.lapseDays, redeemPointsPerYuan: rules.perYuan });
      const latest = (await db.query<{ as_of: string }>('SELECT as_of FROM hq_rfm_window')).rows[0]!.as_of;
      for (const code of [null, 'B1', 'B2', 'B3']) {
        const scope = await resolveScope(db, code);
        const rfm = await stats.rfm(scope, latest);
        expect({ members: rfm.members, cells: rfm.cells }).toEqual(ref.rfm(code === null ? null : scope.id, latest));
      }
      const kept = await summaries();
      await db.tx((c) => c.query(REBUILD_HQ_SQL));
      expect(await summaries()).toEqual(kept);
    }), { numRuns: 6 });
  }, 240_000);

  it('count a member who shops in two branches once for the chain and once in each branch', async () => {
    const tills = await freshChain();
    const [a, , b] = tills; // T1 in B1, T3 in B2
    const m = '0190a5c1-0000-7000-8000-00000000aaaa';
    const item = (seq: number, table: string, row: Record<string, string | number | null>, rowGid = crypto.randomUUID()) =>
      ({ seq, gid: crypto.randomUUID(), rowGid, table, op: 'insert' as const, row, hlc: `1800000000000-00000${seq}-x`, txnEnd: true });
    const { ingestPush } = await import('../ingest.js');
    await ingestPush(db, a!.tillId, [item(1, 'members', { enrolled_at: '2026-03-01T10:00:00', status: 'active' }, m), item(2, 'sales', { kind: 'sale', business_date: '2026-03-02', total_fen: 1000, member_id: m })]);
    await ingestPush(db, b!.tillId, [item(1, 'sales', { kind: 'sale', business_date: '2026-03-05', total_fen: 500, member_id: m })]);
    const stats = createChainStats(db);
    const p = { from: '2026-03-01', to: '2026-03-31' };
    const chain = await stats.headline(await resolveScope(db, null), p);
    const b1 = await stats.headline(await resolveScope(db, 'B1'), p);
    const b2 = await stats.headline(await resolveScope(db, 'b2'), p);
    expect([chain.activeMembers, chain.repeatRate, chain.newMembers, chain.revenueFen]).toEqual([1, 1, 1, 1500]);
    expect([b1.activeMembers, b1.repeatRate, b1.newMembers, b1.revenueFen]).toEqual([1, 0, 1, 1000]);
    expect([b2.activeMembers, b2.repeatRate, b2.newMembers, b2.revenueFen]).toEqual([1, 0, 0, 500]);
    await expect(resolveScope(db, 'B9')).rejects.toThrow('no branch B9');
  });
});

describe('server migrations 005 (chain stats) and 006 (day counts) on a server that already holds facts', () => {
  it('builds the same summaries from the facts as ingest kept', async () => {
    const tills = await freshChain();
    randomHistory(tills, 7, { members: 30, sales: 150 });
    await pushAll(db, tills, 7);
    const kept = await summaries();
    expect(kept.hq_days!.length).toBeGreaterThan(0);
    // Back to version 4 with the facts kept, then migrate: 005 and 006 run over the existing facts.
    await db.query(`DROP TABLE ${HQ_TABLES.join(', ')}, ${HQ_DAY_COUNT_TABLES.join(', ')}, hq_owner, hq_sessions;
      DROP FUNCTION hq_visit_gaps_keep, hq_span_days_keep, hq_day_counts_truncate, hq_rfm_roll; DELETE FROM schema_migrations WHERE version >= 5;
      DROP INDEX tills_one_member_jobs; ALTER TABLE tills DROP COLUMN member_jobs; ALTER TABLE pairing_codes DROP COLUMN member_jobs`); // 007 runs again too
    await migrateServer(db);
    expect(await summaries()).toEqual(kept);
  });
});
