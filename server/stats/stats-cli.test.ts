import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../tests/helpers/postgres.js';
import { makeChain, pushAll, randomHistory } from '../../tests/helpers/chain-facts.js';
import { statsJson } from '../../shared/stats/stats-json.js';
import { migrateServer } from '../db/migrate.js';
import { openDb, type Db } from '../db/pool.js';
import { createChainStats, resolveScope } from './service.js';

const run = promisify(execFile);
let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await testDatabase();
  db = openDb(database.url);
  await migrateServer(db);
  const tills = await makeChain(db);
  randomHistory(tills, 11, { members: 25, sales: 120 });
  await pushAll(db, tills, 11);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

const pos = (...args: string[]) => run('npx', ['tsx', 'electron/host/cli.ts', ...args], { cwd: process.cwd(), timeout: 60_000 });

describe('npm run pos -- stats --server', () => {
  it('prints the head-office figures of a branch as the till prints its own: the same JSON keys', async () => {
    const p = { from: '2026-02-01', to: '2026-03-15' };
    const { stdout } = await pos('stats', '--server', database.url, '--branch', 'B2', '--from', p.from, '--to', p.to, '--json');
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    const stats = createChainStats(db);
    expect(printed).toEqual(await stats.json(await resolveScope(db, 'B2'), p));
    // The till's object (stats-json.ts) has exactly these keys, in this order.
    const h = await stats.headline(await resolveScope(db, 'B2'), p);
    expect(Object.keys(printed)).toEqual(Object.keys(statsJson(h, [], [])));
    expect(printed.sales).toBeGreaterThan(0);
    const chain = JSON.parse((await pos('stats', '--server', database.url, '--from', p.from, '--to', p.to, '--json')).stdout) as { sales: number; tills: unknown[] };
    expect(chain.sales).toBeGreaterThan(printed.sales as number);
    expect(chain.tills).toHaveLength(6);
  }, 120_000);

  it('says so for a branch that does not exist, with exit code 2', async () => {
    await expect(pos('stats', '--server', database.url, '--branch', 'B9')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('no branch B9') });
  }, 60_000);
});
