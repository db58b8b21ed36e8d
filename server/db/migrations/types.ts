import type { PoolClient } from 'pg';

/** One schema step of the shop server. Shipped migrations are never edited: add a new one. */
export interface ServerMigration {
  version: number;
  name: string;
  /** Runs inside the runner's transaction, together with its schema_migrations row. */
  up(client: PoolClient): Promise<void>;
}
