import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDb, type Db } from '../../../server/db/pool.js';
import { serverMigrations } from '../../../server/db/migrations/index.js';
import { migrateServer } from '../../../server/db/migrate.js';
import { startEmbeddedPostgres } from '../../../server/embedded.js';
import { CACHE_DIR } from '../../cache.js';
import { CHAIN_GENERATOR_VERSION, generateChain, type ChainCounts } from './generate-chain.js';

/**
 * The generated chain is cached as a PostgreSQL database named by seed, scale, the server's
 * schema version and the generator's version, like the shop bench caches its shop file: in the
 * PostgreSQL of POS_BENCH_PG_URL (else POS_TEST_PG_URL), or else one the bench runs itself with
 * its data in bench/.cache/chain-pg. A database whose generation did not finish has no
 * bench_chain row and is made again. Figures that write work on a copy (`workingCopy`: CREATE
 * DATABASE … TEMPLATE), so the cached chain never changes. When the server's schema moved on
 * and a complete chain of an older schema (same seed, scale and generator) is cached, it is
 * copied and brought forward by the server's own migrations — what upgrading a head office
 * does — instead of generating it again (an hour at full scale).
 */
export interface CachedChain {
  url: string; name: string; counts: ChainCounts; generated: boolean; seconds: number; admin: string; describe: string;
  /**
   * Figures that write run on the cached chain itself instead of a copy (`--in-place`): a copy of
   * the full-scale chain (43 GB; CREATE DATABASE … TEMPLATE also writes it all through the WAL)
   * does not fit beside it on a small disk. The first such figure marks the cache used, so the
   * next run generates it again.
   */
  inPlace: boolean;
}

async function adminUrl(): Promise<{ url: string; describe: string }> {
  const env = process.env.POS_BENCH_PG_URL ?? process.env.POS_TEST_PG_URL;
  if (env) return { url: env, describe: `PostgreSQL at ${new URL(env).host}` };
  const dir = path.join(CACHE_DIR, 'chain-pg');
  fs.mkdirSync(dir, { recursive: true });
  const cluster = await startEmbeddedPostgres(dir);
  return { url: cluster.url, describe: `embedded PostgreSQL in ${dir}` };
}

const withDatabase = (admin: string, name: string) => {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
};

async function asAdmin<T>(admin: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const chainName = (seed: number, scale: number, schema: number) =>
  `pos_bench_chain_seed${seed}_scale${String(scale).replace('.', '_')}_schema${schema}_gen${CHAIN_GENERATOR_VERSION}`;

/** The newest complete cached chain of an older schema, copied to `name` and migrated; false if none. */
async function carryForward(admin: string, name: string, o: { seed: number; scale: number; log: (m: string) => void }): Promise<boolean> {
  const versions = serverMigrations.slice(0, -1).map((m) => m.version).reverse(); // newest first
  const cached = new Set(await asAdmin(admin, async (c) => (await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = ANY($1)',
    [versions.map((v) => chainName(o.seed, o.scale, v))])).rows.map((r) => r.datname)));
  for (const version of versions) {
    const from = chainName(o.seed, o.scale, version);
    if (!cached.has(from)) continue;
    const source = openDb(withDatabase(admin, from));
    const complete = await source.query('SELECT 1 FROM bench_chain').then((r) => r.rows.length > 0, () => false).finally(() => source.close());
    if (!complete) continue;
    o.log(`cached chain at schema ${version}: copying it and running the server's migrations to ${serverMigrations.at(-1)!.version}`);
    await asAdmin(admin, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${from}`));
    const db = openDb(withDatabase(admin, name), { max: 2, statementTimeoutMs: 0 });
    try {
      await migrateServer(db);
      await db.query('VACUUM ANALYZE');
    } finally {
      await db.close();
    }
    return true;
  }
  return false;
}

export async function cachedChain(o: { seed: number; scale: number; inPlace?: boolean; log: (m: string) => void }): Promise<CachedChain> {
  const inPlace = o.inPlace ?? false;
  const { url: admin, describe } = await adminUrl();
  const name = chainName(o.seed, o.scale, serverMigrations.at(-1)!.version);
  const url = withDatabase(admin, name);
  let exists = await asAdmin(admin, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rows.length > 0);
  if (!exists) exists = await carryForward(admin, name, o);
  if (exists) {
    const db = openDb(url);
    try {
      const { rows } = await db.query<{ counts: ChainCounts; seconds: number }>('SELECT counts, seconds FROM bench_chain').catch(() => ({ rows: [] as Array<{ counts: ChainCounts; seconds: number }> }));
      if (rows[0]) return { url, name, counts: rows[0].counts, seconds: rows[0].seconds, generated: false, admin, describe, inPlace };
    } finally {
      await db.close();
    }
    o.log(`cached chain ${name} is incomplete: generating it again`);
    await asAdmin(admin, (c) => c.query(`DROP DATABASE ${name} WITH (FORCE)`));
  }
  await asAdmin(admin, (c) => c.query(`CREATE DATABASE ${name}`));
  const started = Date.now();
  const db = openDb(url, { max: 2, statementTimeoutMs: 0 });
  try {
    const counts = await generateChain(db, o);
    const seconds = Math.round((Date.now() - started) / 1000);
    await db.query('CREATE TABLE bench_chain (counts jsonb NOT NULL, seconds integer NOT NULL)');
    await db.query('INSERT INTO bench_chain VALUES ($1, $2)', [JSON.stringify(counts), seconds]);
    return { url, name, counts, seconds, generated: true, admin, describe, inPlace };
  } finally {
    await db.close();
  }
}

/** A private copy of the cached chain (no connection to it may be open), dropped by `drop` — or the chain itself with `inPlace`. */
export async function workingCopy(chain: CachedChain, label: string): Promise<{ db: Db; drop(): Promise<void> }> {
  if (chain.inPlace) {
    const db = openDb(chain.url, { max: 4, statementTimeoutMs: 0 });
    // No longer the generated chain once written to: the next run makes it again.
    await db.query('DELETE FROM bench_chain');
    return { db, drop: () => db.close() };
  }
  const name = `${chain.name.slice(0, 40)}_${label}_${process.pid}`;
  await asAdmin(chain.admin, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name}`);
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${chain.name}`);
  });
  const db = openDb(withDatabase(chain.admin, name), { max: 4, statementTimeoutMs: 0 });
  return {
    db,
    async drop() {
      await db.close();
      await asAdmin(chain.admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
