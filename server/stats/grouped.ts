import type pg from 'pg';
import type { Db } from '../db/pool.js';

/**
 * A query that groups every member of a window (active members, RFM): at the chain's size
 * that is a million or more groups, which the default work_mem (4 MB) would hash and sort on
 * disk. It runs in a read-only transaction with room to do it in memory, for that query only.
 */
export const GROUPING_WORK_MEM = '256MB';

export function grouped<R extends pg.QueryResultRow>(db: Db, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
  return db.tx(async (c) => {
    await c.query(`SET LOCAL work_mem = '${GROUPING_WORK_MEM}'`);
    return c.query<R>(text, values);
  }, { readOnly: true });
}
