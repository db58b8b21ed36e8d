import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations as allMigrations, LATEST_VERSION } from './migrations/index.js';
import type { Migration } from './migrations/types.js';

export type { Database } from 'better-sqlite3';

export const DB_FILE_NAME = 'shop.sqlite';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(`The shop database is schema ${fileVersion}, newer than this app (${appVersion}). Update the app.`);
  }
}

export class NativeModuleError extends Error {}

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for this runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  /** Defaults to FULL: a completed sale must survive a power cut. Benchmarks may lower it. */
  synchronous?: 'FULL' | 'NORMAL';
  migrations?: readonly Migration[];
  /** Called with the path of the copy taken before migrating an existing file. */
  onPreMigrationCopy?: (file: string) => void;
  readonly?: boolean;
}

/**
 * Opens (creating if needed) the shop database and brings its schema up to date.
 * The only place in the app that constructs a better-sqlite3 handle.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  let db: Database;
  try {
    db = new BetterSqlite3(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version|invalid ELF|Could not locate the bindings/i.test(message)) {
      throw new NativeModuleError(
        `better-sqlite3's native module does not match this runtime. Run "npm rebuild better-sqlite3" (Node) or "npm run native:electron" (Electron). ${message}`,
      );
    }
    throw err;
  }
  try {
    if (!options.readonly) writersWait(db);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    tuneConnection(db, { readonly: options.readonly === true });
    if (!options.readonly) migrate(db, file, options.migrations ?? allMigrations, options.onPreMigrationCopy);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Page cache, memory-mapped reads and checkpoint size for a shop file of a few GB (issue 19;
 * measured on the bench's 2,000,000-sale shop, 2.7 GB, README "Performance"). A sale touches
 * pages all over the file (a member's stats, their member-days, the indexes of every row):
 * - mmap_size: reads of pages the OS already caches come from the mapping, not a read() call
 *   and a copy each (2 GiB, this SQLite build's ceiling; beyond it pages are read as before).
 * - cache_size: 64 MiB of pages kept by the connection (16 MiB by default here), so the
 *   dashboard's sorts and a day's hot index pages stay in memory.
 * - wal_autocheckpoint: checkpoint every 4,000 pages (16 MB of WAL) instead of 1,000: the pages
 *   every sale dirties (today's rows, the summaries, the outbox) are copied back once per
 *   checkpoint instead of four times, and a FULL checkpoint's fsync of the file comes a quarter
 *   as often. The WAL is reset at each checkpoint, so it stays near that size.
 * - temp_store = MEMORY: a statement that fires a trigger inside a transaction keeps a statement
 *   journal (to undo just that statement if it fails), and with temp storage in files that cost
 *   ~18 µs per statement here even for a trigger doing `SELECT 1` — a sale runs ~45 statements,
 *   most of them firing triggers, and an imported member four (measured with a bare insert loop,
 *   26 → 8 µs a row; strace shows no temporary file opened, so the cost is inside SQLite's set-up
 *   of a journal that may spill to a file — not traced further).
 *   The price: temporary tables and sorts that outgrow cache_size stay in RAM too instead of
 *   spilling to /tmp (peak memory of the largest dashboard sort at full scale not measured yet).
 *   VACUUM INTO (backups) writes into its own target file either way.
 * The bench's physical-limit copies use the same (bench/lib/bare-copy.ts).
 */
export function tuneConnection(db: Database, o: { readonly?: boolean } = {}): void {
  db.pragma('mmap_size = 2147418112');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  if (!o.readonly) db.pragma('wal_autocheckpoint = 4000');
}

/**
 * Makes every `db.transaction(fn)` of this handle BEGIN IMMEDIATE. A DEFERRED transaction
 * that reads first and writes later upgrades its lock at the first write, and if another
 * connection (pos backup, pos stats, a second process) holds the write lock then, SQLite
 * answers SQLITE_BUSY at once — busy_timeout cannot help, since waiting could deadlock on a
 * stale snapshot. IMMEDIATE takes the write lock at BEGIN, where busy_timeout does wait.
 * Done here, at the one place handles are made, so no service can forget it; nested
 * transactions still become savepoints. A reader that wants a snapshot without the write
 * lock asks for `.deferred` explicitly.
 */
function writersWait(db: Database): void {
  const make = db.transaction.bind(db);
  db.transaction = ((fn: (...args: never[]) => unknown) => make(fn).immediate) as Database['transaction'];
}

/**
 * Opens a database file as it is: no pragmas, no migrations. For backup copies, which are
 * checked and read but never brought up to date in place.
 */
export function openFile(file: string, options: { readonly?: boolean; nativeBinding?: string } = {}): Database {
  return new BetterSqlite3(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
    fileMustExist: true,
  });
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies pending migrations, each in its own transaction that also bumps user_version,
 * so a crash leaves the file at the last completed step. An existing file is first
 * copied aside with VACUUM INTO (a consistent snapshot, unlike a file copy of a live WAL db).
 */
export function migrate(
  db: Database,
  file: string,
  migrations: readonly Migration[] = allMigrations,
  onCopy?: (file: string) => void,
): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;

  if (current > 0 && file !== ':memory:') {
    const copy = path.join(path.dirname(file), `${path.basename(file)}.pre-v${latest}-from-v${current}.${Date.now()}.bak`);
    if (fs.existsSync(copy)) fs.rmSync(copy);
    db.prepare('VACUUM INTO ?').run(copy);
    onCopy?.(copy);
  }
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}

export { LATEST_VERSION };
