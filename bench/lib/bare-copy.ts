/**
 * The physical-limit baselines (issue 19): the same rows written into the same schema with
 * every trigger dropped — no summaries, no sync bookkeeping, no append-only guards — on a copy
 * of the same file, with the same pragmas and indexes. What SQLite itself costs for the rows a
 * sale (or an import) writes, so a ratio against it shows what the app's upkeep adds.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DB_FILE_NAME, tuneConnection } from '../../electron/core/db/open.js';

/** Drops every trigger of the schema; answers how many there were. */
export function dropTriggers(db: BetterSqlite3.Database): number {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[];
  db.transaction(() => { for (const n of names) db.exec(`DROP TRIGGER "${n.replaceAll('"', '""')}"`); })();
  return names.length;
}

/**
 * A copy of the shop's file in `dir` (checkpointed first, so the copy holds every row), opened
 * with the app's pragmas (open.ts) and its triggers dropped.
 */
export function bareCopy(source: BetterSqlite3.Database, dir: string, synchronous: 'NORMAL' | 'FULL'): { db: BetterSqlite3.Database; triggers: number } {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, DB_FILE_NAME);
  source.pragma('wal_checkpoint(TRUNCATE)');
  fs.copyFileSync(source.name, file);
  const db = openLikeTheApp(file, synchronous);
  return { db, triggers: dropTriggers(db) };
}

/** A plain better-sqlite3 connection to `file` with the app's pragmas (open.ts), its triggers kept. */
export function openLikeTheApp(file: string, synchronous: 'NORMAL' | 'FULL'): BetterSqlite3.Database {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  tuneConnection(db);
  return db;
}
