import pg from 'pg';
import type { PoolClient } from 'pg';

/**
 * The server's one door to PostgreSQL: a pg Pool with short limits (a till waits on us with
 * a 3 s timeout, so a query that hangs longer only holds a connection) and a transaction
 * helper that always ends what it began.
 */
export interface Db {
  pool: pg.Pool;
  /** One statement outside any transaction (the pool's query). */
  query<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** Runs fn in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  tx<T>(fn: (client: PoolClient) => Promise<T>, options?: { isolation?: 'read committed' | 'repeatable read'; readOnly?: boolean }): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  max?: number;
  statementTimeoutMs?: number;
  onError?: (err: Error) => void;
}

export function openDb(url: string, options: DbOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    application_name: 'counter-pos-server',
  });
  // An idle client whose connection drops emits here; unhandled it would end the process.
  pool.on('error', (err) => (options.onError ?? ((e) => console.error(`postgres: ${e.message}`)))(err));

  return {
    pool,
    query: (text, values) => pool.query(text, values),
    async tx(fn, txOptions = {}) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        const mode = [txOptions.isolation ? `ISOLATION LEVEL ${txOptions.isolation.toUpperCase()}` : '', txOptions.readOnly ? 'READ ONLY' : ''].filter(Boolean).join(' ');
        await client.query(`BEGIN ${mode}`);
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackErr) {
          // The connection itself failed: do not give it back to the pool.
          broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
