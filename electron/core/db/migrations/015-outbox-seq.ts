import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';
import { SYNC_TABLES } from '../../../../shared/sync/tables.js';
import { installSyncTriggers } from '../sync-triggers.js';

/**
 * A cheaper outbox (issue 14's checkout target: a paired till within 0.9× of an unpaired one).
 *
 * Each outbox entry used to write three B-tree pages beside the outbox's own: the UNIQUE index
 * on gid, and sqlite_sequence for AUTOINCREMENT. With synchronous=FULL every dirty page of a
 * sale goes through the WAL and its fsync, and a sale queues about six entries, so these
 * pages were most of what pairing cost the checkout.
 *
 * - The seq comes from sync_state.outbox_seq, raised by the triggers' clock tick (sync_state's
 *   page is written at every entry anyway). It never goes back — the server refuses a seq it
 *   has seen — so it starts from the highest seq this file ever gave (sqlite_sequence keeps it
 *   even when the outbox is empty).
 * - No index on gid: gids are UUIDv7s made here (74 random bits) and the server's facts table
 *   is where uniqueness is enforced; nothing on the till looks an entry up by gid.
 * - Pending entries are kept as they are, and every shared table's triggers are made again.
 */
export const m015OutboxSeq: Migration = {
  version: 15,
  name: 'outbox-seq',
  up(db: Database) {
    db.exec(`
      ALTER TABLE sync_state ADD COLUMN outbox_seq INTEGER NOT NULL DEFAULT 0 CHECK (outbox_seq >= 0);
      UPDATE sync_state SET outbox_seq = max(
        coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0),
        coalesce((SELECT max(seq) FROM outbox), 0));

      CREATE TABLE outbox_new (
        seq     INTEGER PRIMARY KEY,
        gid     TEXT NOT NULL,
        tbl     TEXT NOT NULL,
        rid     TEXT NOT NULL,
        op      TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        fields  TEXT,
        row_gid TEXT,
        hlc     TEXT NOT NULL,
        txn_end INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      INSERT INTO outbox_new SELECT seq, gid, tbl, rid, op, fields, row_gid, hlc, txn_end FROM outbox;
    `);
    // The triggers name the outbox: drop them with it, and make them again on the new table —
    // for the tables of this version (SyncTable.since); a later migration installs its own.
    const tables = SYNC_TABLES.filter((x) => (x.since ?? 13) <= 15);
    for (const t of tables) db.exec(`DROP TRIGGER IF EXISTS sync_${t.name}_insert; DROP TRIGGER IF EXISTS sync_${t.name}_update; DROP TRIGGER IF EXISTS sync_${t.name}_delete;`);
    db.exec('DROP TABLE outbox; ALTER TABLE outbox_new RENAME TO outbox;');
    for (const t of tables) installSyncTriggers(db, t);
  },
};
