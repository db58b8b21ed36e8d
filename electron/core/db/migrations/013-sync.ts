import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';
import { SYNC_TABLES } from '../../../../shared/sync/tables.js';
import { installSyncTriggers, ridSql, sharedRowsSql, UUID7_SQL } from '../sync-triggers.js';

/**
 * Every shared row gets a global id, and every change to one can go through the outbox in
 * its own transaction (electron/core/db/sync-triggers.ts). A single till with no server keeps
 * working exactly as before: rows get gids, but nothing is queued until the till is paired
 * with a shop server (`sync_state.enabled`), when its whole history is queued once.
 *
 * - sync_state: this till's identity (node_id, the clock's node), its pairing, the clock and
 *   the feed cursor. One row.
 * - sync_rows: local row → gid, with the till it came from (NULL: this one).
 * - outbox: changes waiting for the server's answer, in order; `seq` is the till's sequence.
 * - sync_field_clock: per row and field, the stamp of the value the till holds, so a feed
 *   entry older than a local edit does not overwrite it (last writer wins per field).
 * - sync_pending_refs: a reference that arrived before its row; filled in when the row does.
 * - sync_exceptions: what a manager must see: refused or overdrawn entries, feed rows that
 *   could not be applied. Nothing is dropped silently.
 * - shifts.till_code: each till has its own shift; "one open shift" is per till.
 * - The seeded tiers get fixed gids (the same on every till).
 */
export const m013Sync: Migration = {
  version: 13,
  name: 'sync',
  up(db: Database) {
    db.exec(`
      CREATE TABLE sync_state (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        node_id      TEXT NOT NULL,
        enabled      INTEGER NOT NULL DEFAULT 0,
        applying     INTEGER NOT NULL DEFAULT 0,
        hlc_wall     INTEGER NOT NULL DEFAULT 0,
        hlc_counter  INTEGER NOT NULL DEFAULT 0,
        server_url   TEXT,
        fingerprint  TEXT,
        till_id      TEXT,
        till_code    TEXT NOT NULL DEFAULT '',
        till_name    TEXT,
        token        TEXT,
        shop_id      TEXT,
        feed_cursor  INTEGER NOT NULL DEFAULT 0,
        paired_at    TEXT,
        last_contact TEXT
      ) STRICT;
      INSERT INTO sync_state (id, node_id) VALUES (1, ${UUID7_SQL});

      CREATE TABLE sync_rows (
        tbl    TEXT NOT NULL,
        rid    TEXT NOT NULL,
        gid    TEXT NOT NULL UNIQUE,
        origin TEXT,
        PRIMARY KEY (tbl, rid)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE outbox (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        gid     TEXT NOT NULL UNIQUE,
        tbl     TEXT NOT NULL,
        rid     TEXT NOT NULL,
        op      TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        fields  TEXT,
        row_gid TEXT,
        hlc     TEXT NOT NULL,
        txn_end INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE sync_field_clock (
        row_gid TEXT NOT NULL,
        field   TEXT NOT NULL,
        hlc     TEXT NOT NULL,
        PRIMARY KEY (row_gid, field)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_pending_refs (
        tbl     TEXT NOT NULL,
        rid     TEXT NOT NULL,
        col     TEXT NOT NULL,
        ref_gid TEXT NOT NULL,
        PRIMARY KEY (tbl, rid, col)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sync_pending_refs_gid ON sync_pending_refs(ref_gid);

      CREATE TABLE sync_exceptions (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        kind        TEXT NOT NULL,      -- rejected | overdraft | feed_stopped
        tbl         TEXT,
        row_gid     TEXT,
        reason      TEXT NOT NULL,
        details     TEXT NOT NULL DEFAULT '{}',
        resolved_at TEXT,
        resolved_by INTEGER REFERENCES staff(id)
      ) STRICT;
      CREATE INDEX sync_exceptions_open ON sync_exceptions(id) WHERE resolved_at IS NULL;

      ALTER TABLE shifts ADD COLUMN till_code TEXT NOT NULL DEFAULT '';
      DROP INDEX shifts_one_open;
      CREATE UNIQUE INDEX shifts_one_open ON shifts(till_code) WHERE closed_at IS NULL;
    `);
    // Only the tables that existed at version 13 (SyncTable.since); later ones are installed
    // by their own migration.
    for (const table of SYNC_TABLES.filter((x) => (x.since ?? 13) <= 13)) {
      // Rows from before this version get their gids now (74 random bits each: no clash).
      db.exec(`INSERT INTO sync_rows (tbl, rid, gid) SELECT '${table.name}', ${ridSql(table, 'NEW').replaceAll('NEW.', '')}, ${UUID7_SQL} FROM ${table.name} WHERE ${sharedRowsSql(table)}`);
      installSyncTriggers(db, table);
    }
    // The three tiers migration 002 puts in every new file are the same rows on every till:
    // they get the same gids everywhere, so a till joining a shop takes the shop's edits of them.
    db.exec(`UPDATE sync_rows SET gid = '00000000-0000-7000-8000-00000000000' || rid WHERE tbl = 'tiers' AND rid IN ('1', '2', '3')`);
  },
};
