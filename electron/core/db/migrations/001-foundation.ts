import type { Migration } from './types.js';

/**
 * Shop settings, staff with hashed PINs, and the append-only audit log.
 * Timestamps are shop-local ISO strings (`YYYY-MM-DDTHH:mm:ss`) because every report
 * is asked in shop-local dates; the shop's clock is the machine's clock.
 */
export const m001Foundation: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL            -- JSON
      ) STRICT;

      CREATE TABLE staff (
        id              INTEGER PRIMARY KEY,
        name            TEXT NOT NULL,
        role            TEXT NOT NULL CHECK (role IN ('cashier','manager','owner')),
        pin_hash        TEXT NOT NULL,
        active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
        locale          TEXT,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until    TEXT,
        created_at      TEXT NOT NULL,
        created_by      INTEGER REFERENCES staff(id)
      ) STRICT;
      CREATE UNIQUE INDEX staff_active_name ON staff(name) WHERE active = 1;

      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        staff_id  INTEGER REFERENCES staff(id),
        action    TEXT NOT NULL,
        entity    TEXT,
        entity_id TEXT,
        details   TEXT                 -- JSON: before/after or what was done
      ) STRICT;
      CREATE INDEX audit_log_action ON audit_log(action, id);

      -- Nobody edits history: the audit log only grows.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
