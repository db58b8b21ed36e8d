import type { Database } from 'better-sqlite3';
import type { SyncTable } from '../../../shared/sync/tables.js';

/**
 * The triggers that make every shared row syncable in the same transaction that writes it,
 * whatever code writes it (a sale, an import, the demo generator, a merge): a gid for each new
 * row in `sync_rows`, and — once the till is paired (`sync_state.enabled`) — an outbox entry
 * with its own change id and a hybrid-logical-clock stamp (an update also stamps each field it
 * changed in `sync_field_clock`, so an older edit from another till cannot overwrite it). Rows the feed applies from other
 * tills (`sync_state.applying`) make no outbox entries.
 *
 * Pure SQL (no functions registered on the connection), so the sqlite3 shell or a restore
 * tool can still write to the file. A later migration that adds a column to a shared table
 * calls `installSyncTriggers` again for it, so updates of the new column are sent too.
 */

/** A UUIDv7: 48 bits of Unix milliseconds, version 7, variant 10, 74 random bits. */
const MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";
export const UUID7_SQL = `lower(substr(printf('%012x', ${MS}), 1, 8) || '-' || substr(printf('%012x', ${MS}), 9, 4) || '-7' ||
  substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' ||
  hex(randomblob(6)))`;

/**
 * Advances the clock: max(wall, last) with a counter for stamps in the same millisecond, and
 * (from migration 015) takes the next outbox seq from the same row. The seq lived in
 * sqlite_sequence (AUTOINCREMENT) before: a page of its own written at every entry, where
 * sync_state's page is written anyway — one page fewer per sale to the WAL and its fsync.
 */
const tick = (seq: boolean) => `UPDATE sync_state SET hlc_counter = CASE WHEN ${MS} > hlc_wall THEN 0 ELSE hlc_counter + 1 END,
  hlc_wall = max(hlc_wall, ${MS})${seq ? ', outbox_seq = outbox_seq + 1' : ''} WHERE enabled = 1;`;

/** Whether this file's outbox takes its seq from sync_state (migration 015 on). */
export const hasOutboxSeq = (db: Database): boolean => columns(db, 'sync_state').includes('outbox_seq');
export const HLC_SQL = "printf('%013d-%06d-%s', hlc_wall, hlc_counter, node_id)";

/** The SQL condition for a table's shared rows (all of them, unless `only` says otherwise). */
export function sharedRowsSql(table: SyncTable, row?: 'NEW' | 'OLD'): string {
  if (!table.only) return '1';
  const column = `${row ? `${row}.` : ''}"${table.only.column}"`;
  return `${column} IN (${table.only.values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`;
}

/** How a row is named in sync_rows: its rowid, or for a table without rowids its key as JSON. */
export function ridSql(table: SyncTable, row: 'NEW' | 'OLD'): string {
  return table.key ? `json_array(${table.key.map((c) => `${row}.${c}`).join(', ')})` : `CAST(${row}.rowid AS TEXT)`;
}

function columns(db: Database, name: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as Array<{ name: string }>).map((c) => c.name);
}

/** The columns that travel: all but the local ones and a rowid alias `id`. */
export function syncedColumns(db: Database, table: SyncTable): string[] {
  const local = new Set(table.local ?? []);
  return columns(db, table.name).filter((c) => !local.has(c) && !(c === 'id' && !table.key));
}

export function installSyncTriggers(db: Database, table: SyncTable): void {
  const n = table.name;
  const cols = syncedColumns(db, table);
  const newRid = ridSql(table, 'NEW');
  const oldRid = ridSql(table, 'OLD');
  const quiet = '(SELECT applying FROM sync_state) = 0';
  // Migration 013 installs these before 015 gives sync_state its seq column: the older form then.
  const seq = hasOutboxSeq(db);
  const TICK = tick(seq);
  const only = (row: 'NEW' | 'OLD') => (table.only ? ` AND ${sharedRowsSql(table, row)}` : '');
  const entry = (op: string, rid: string, fields: string) => `
    INSERT INTO outbox (${seq ? 'seq, ' : ''}gid, tbl, rid, op, fields, row_gid, hlc)
      SELECT ${seq ? 'outbox_seq, ' : ''}${UUID7_SQL}, '${n}', ${rid}, '${op}', ${fields}, (SELECT gid FROM sync_rows WHERE tbl = '${n}' AND rid = ${rid}), ${HLC_SQL}
      FROM sync_state WHERE enabled = 1;`;
  const changed = cols.map((c) => `OLD."${c}" IS NOT NEW."${c}"`).join(' OR ');
  const changedList = `rtrim(${cols.map((c) => `CASE WHEN OLD."${c}" IS NOT NEW."${c}" THEN '${c},' ELSE '' END`).join(' || ')}, ',')`;
  db.exec(`
    DROP TRIGGER IF EXISTS sync_${n}_insert;
    DROP TRIGGER IF EXISTS sync_${n}_update;
    DROP TRIGGER IF EXISTS sync_${n}_delete;
    CREATE TRIGGER sync_${n}_insert AFTER INSERT ON ${n} WHEN ${quiet}${only('NEW')} BEGIN
      INSERT INTO sync_rows (tbl, rid, gid) VALUES ('${n}', ${newRid}, ${UUID7_SQL})
        ON CONFLICT (tbl, rid) DO UPDATE SET gid = excluded.gid;
      ${TICK}
      ${entry('insert', newRid, 'NULL')}
    END;
    CREATE TRIGGER sync_${n}_update AFTER UPDATE ON ${n} WHEN ${quiet}${only('NEW')} AND (${changed}) BEGIN
      ${TICK}
      ${entry('update', newRid, changedList)}
      ${cols.map((c) => `INSERT INTO sync_field_clock (row_gid, field, hlc)
        SELECT (SELECT gid FROM sync_rows WHERE tbl = '${n}' AND rid = ${newRid}), '${c}', ${HLC_SQL} FROM sync_state WHERE enabled = 1 AND OLD."${c}" IS NOT NEW."${c}"
        ON CONFLICT (row_gid, field) DO UPDATE SET hlc = excluded.hlc;`).join('\n      ')}
    END;
    CREATE TRIGGER sync_${n}_delete AFTER DELETE ON ${n} WHEN ${quiet}${only('OLD')} BEGIN
      ${TICK}
      ${entry('delete', oldRid, 'NULL')}
      DELETE FROM sync_rows WHERE tbl = '${n}' AND rid = ${oldRid};
    END;
  `);
}
