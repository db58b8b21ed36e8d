import type { Db } from './pool.js';
import type { ServerMigration } from './migrations/types.js';
import { serverMigrations } from './migrations/index.js';

/** A database made by a newer server: refuse to run rather than misread it. */
export class ServerDatabaseTooNewError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(`the shop database is at schema ${found}, this server knows up to ${supported}: update the server`);
  }
}

// Any fixed number: every server process of this app takes the same lock while it migrates.
const MIGRATION_LOCK = 7_320_014;

/**
 * Applies pending migrations in order, each in its own transaction together with its
 * schema_migrations row, so a crash leaves the database at the last completed step. A session
 * advisory lock makes a second server started at the same moment wait instead of racing.
 * Returns the version the database is at.
 */
export async function migrateServer(db: Db, migrations: readonly ServerMigration[] = serverMigrations): Promise<number> {
  const latest = migrations.at(-1)?.version ?? 0;
  const lock = await db.pool.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await lock.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await lock.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = rows[0]?.v ?? 0;
    if (current > latest) throw new ServerDatabaseTooNewError(current, latest);
    for (const m of migrations.filter((x) => x.version > current)) {
      await db.tx(async (client) => {
        await m.up(client);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      });
    }
    return Math.max(current, latest);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    lock.release();
  }
}
