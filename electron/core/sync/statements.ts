import type { Statement } from 'better-sqlite3';
import type { Database } from '../db/open.js';

/**
 * Statements built from a table's name and columns, prepared once per text: pushing or
 * applying a page runs the same few shapes thousands of times.
 */
export function statementCache(db: Database): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
}
