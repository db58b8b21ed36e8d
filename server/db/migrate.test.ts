import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../tests/helpers/postgres.js';
import { migrateServer, ServerDatabaseTooNewError } from './migrate.js';
import { serverMigrations } from './migrations/index.js';
import { openDb, type Db } from './pool.js';

/** The shop server's migrations on a real, empty PostgreSQL database. */
let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await testDatabase();
  db = openDb(database.url);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

const tables = async () =>
  (await db.pool.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map((r) => r.t);

describe('server migrations', () => {
  it('build the schema from empty, once; a second run (or a second server at once) changes nothing', async () => {
    const [a, b] = await Promise.all([migrateServer(db), migrateServer(db)]);
    expect(a).toBe(serverMigrations.at(-1)!.version);
    expect(b).toBe(a);
    expect(await tables()).toEqual(['accounts', 'branches', 'chain_settings', 'exceptions', 'facts', 'feed_counter', 'feed_replays', 'holds',
      // head-office summaries (migration 005)
      'hq_cohorts', 'hq_complaints', 'hq_days', 'hq_feedback_days', 'hq_member_days', 'hq_member_months', 'hq_member_span', 'hq_members', 'hq_owner', 'hq_points_days', 'hq_rfm_members', 'hq_rfm_window', 'hq_scope_customers', 'hq_sessions', 'hq_span_days', 'hq_visit_gaps', 'hq_visits_days',
      'member_branches', 'member_directory', 'member_rows', 'pairing_codes', 'schema_migrations', 'shop', 'tills']);
    const applied = await db.pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(applied.rows).toEqual(serverMigrations.map((m) => ({ version: m.version, name: m.name })));
    const shop = await db.pool.query('SELECT shop_id FROM shop');
    expect(shop.rows).toHaveLength(1);
    expect((await db.pool.query('SELECT n FROM feed_counter')).rows).toEqual([{ n: '0' }]);
    await expect(db.pool.query('INSERT INTO shop DEFAULT VALUES')).rejects.toThrow(/duplicate key/);
  });

  it('applies a migration and its record in one transaction: one that fails leaves nothing', async () => {
    const failing = {
      version: serverMigrations.at(-1)!.version + 1,
      name: 'half-done',
      async up(c: PoolClient) {
        await c.query('CREATE TABLE half_done (x int)');
        throw new Error('power cut');
      },
    };
    await expect(migrateServer(db, [...serverMigrations, failing])).rejects.toThrow('power cut');
    expect(await tables()).not.toContain('half_done');
    expect((await db.pool.query('SELECT max(version) AS v FROM schema_migrations')).rows[0]).toEqual({ v: serverMigrations.at(-1)!.version });
  });

  it('refuses a database made by a newer server', async () => {
    await db.pool.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'future')");
    await expect(migrateServer(db)).rejects.toBeInstanceOf(ServerDatabaseTooNewError);
    await db.pool.query('DELETE FROM schema_migrations WHERE version = 99');
  });
});

describe('server migration 003 (branches) from version 2', () => {
  it('puts the tills, their open pairing codes and their facts into the first branch', async () => {
    const old = await testDatabase();
    const oldDb = openDb(old.url);
    try {
      await migrateServer(oldDb, serverMigrations.filter((m) => m.version <= 2));
      const till = '0190a5c1-0000-7000-8000-000000000001';
      await oldDb.pool.query("INSERT INTO tills (till_id, code, name, token_sha256) VALUES ($1, 'T1', 'front', sha256('x'::bytea))", [till]);
      await oldDb.pool.query(
        `INSERT INTO facts (gid, row_gid, feed_no, till_id, till_seq, tbl, op, row, hlc, txn_end)
         VALUES (gen_random_uuid(), gen_random_uuid(), 1, $1, 1, 'sales', 'insert', '{}', '0', true)`,
        [till],
      );
      await migrateServer(oldDb);
      const b1 = (await oldDb.pool.query<{ branch_id: string; name: string }>("SELECT branch_id, name FROM branches WHERE code = 'B1'")).rows[0]!;
      expect(b1.name).toBe('总店');
      expect((await oldDb.pool.query('SELECT branch_id FROM tills')).rows).toEqual([{ branch_id: b1.branch_id }]);
      expect((await oldDb.pool.query('SELECT branch_id FROM facts')).rows).toEqual([{ branch_id: b1.branch_id }]);
      await expect(oldDb.pool.query("INSERT INTO tills (till_id, code, name, token_sha256) VALUES (gen_random_uuid(), 'T2', 'x', sha256('y'::bytea))")).rejects.toThrow(/branch_id/);
    } finally {
      await oldDb.close();
      await old.drop();
    }
  });
});

describe('server migration 004 (member directory) from version 3', () => {
  it('places the facts already there, finds their members, fills the directory and marks who visited the first branch', async () => {
    const old = await testDatabase();
    const oldDb = openDb(old.url);
    try {
      await migrateServer(oldDb, serverMigrations.filter((m) => m.version <= 3));
      const till = '0190a5c1-0000-7000-8000-000000000001';
      const member = '0190a5c1-0000-7000-8000-0000000000aa';
      const coupon = '0190a5c1-0000-7000-8000-0000000000cc';
      await oldDb.pool.query("INSERT INTO tills (till_id, code, name, token_sha256, branch_id) SELECT $1, 'T1', 'front', sha256('x'::bytea), branch_id FROM branches", [till]);
      const fact = (n: number, rowGid: string, tbl: string, row: object) => oldDb.pool.query(
        `INSERT INTO facts (gid, row_gid, feed_no, till_id, till_seq, tbl, op, row, hlc, txn_end, branch_id)
         SELECT gen_random_uuid(), $2, $1, $3, $1, $4, 'insert', $5, '0', true, branch_id FROM tills`, [n, rowGid, till, tbl, JSON.stringify(row)]);
      await fact(1, member, 'members', { phone: '13900139000', card_no: '2900000000017', name: '王芳' });
      await fact(2, coupon, 'coupons', { member_id: member, code: 'C1' });
      await fact(3, '0190a5c1-0000-7000-8000-0000000000dd', 'coupon_uses', { coupon_id: coupon });
      await fact(4, '0190a5c1-0000-7000-8000-0000000000ee', 'sales', { member_id: member });
      await fact(5, '0190a5c1-0000-7000-8000-0000000000ff', 'products', { sku: 'X' });
      await migrateServer(oldDb);
      const placed = await oldDb.pool.query('SELECT tbl, scope, member_gid FROM facts ORDER BY feed_no');
      expect(placed.rows).toEqual([
        { tbl: 'members', scope: 'member', member_gid: member },
        { tbl: 'coupons', scope: 'member', member_gid: member },
        { tbl: 'coupon_uses', scope: 'member', member_gid: member },
        { tbl: 'sales', scope: 'branch', member_gid: null },
        { tbl: 'products', scope: 'chain', member_gid: null },
      ]);
      expect((await oldDb.pool.query('SELECT phone, card_no, last4 FROM member_directory')).rows).toEqual([{ phone: '13900139000', card_no: '2900000000017', last4: '9000' }]);
      expect((await oldDb.pool.query('SELECT members FROM chain_settings')).rows).toEqual([{ members: '1' }]);
      expect((await oldDb.pool.query("SELECT b.code FROM member_branches m JOIN branches b USING (branch_id)")).rows).toEqual([{ code: 'B1' }]);
      expect((await oldDb.pool.query('SELECT code FROM branches WHERE head_office')).rows).toEqual([{ code: 'B1' }]);
    } finally {
      await oldDb.close();
      await old.drop();
    }
  });
});

describe('server migration 007 (member-jobs till) from version 6', () => {
  it('keeps the tills and codes there as ordinary ones, and allows one active member-jobs till', async () => {
    const old = await testDatabase();
    const oldDb = openDb(old.url);
    try {
      await migrateServer(oldDb, serverMigrations.filter((m) => m.version <= 6));
      await oldDb.pool.query("INSERT INTO tills (till_id, code, name, token_sha256, branch_id) SELECT gen_random_uuid(), 'T1', 'front', sha256('x'::bytea), branch_id FROM branches");
      await oldDb.pool.query("INSERT INTO pairing_codes (code_hash, expires_at, branch_id) SELECT sha256('c'::bytea), now() + interval '1 hour', branch_id FROM branches");
      await migrateServer(oldDb);
      expect((await oldDb.pool.query('SELECT code, member_jobs FROM tills')).rows).toEqual([{ code: 'T1', member_jobs: false }]);
      expect((await oldDb.pool.query('SELECT member_jobs FROM pairing_codes')).rows).toEqual([{ member_jobs: false }]);
      const jobsTill = (code: string, token: string) => oldDb.pool.query(
        "INSERT INTO tills (till_id, code, name, token_sha256, branch_id, member_jobs) SELECT gen_random_uuid(), $1, 'jobs', sha256($2::bytea), branch_id, true FROM branches", [code, token]);
      await jobsTill('T2', 'y');
      await expect(jobsTill('T3', 'z')).rejects.toThrow(/tills_one_member_jobs/);
      await oldDb.pool.query("UPDATE tills SET revoked_at = now() WHERE code = 'T2'");
      await jobsTill('T3', 'z'); // a revoked one does not count
    } finally {
      await oldDb.close();
      await old.drop();
    }
  });
});
