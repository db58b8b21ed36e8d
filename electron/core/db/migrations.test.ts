import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase, schemaVersion, DatabaseTooNewError, LATEST_VERSION } from './open.js';
import { migrations } from './migrations/index.js';
import { tempShopFiles } from '../../../tests/helpers/temp-dir.js';

const tempFile = tempShopFiles();

function schemaOf(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  const rows = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<{ type: string; name: string; sql: string | null }>;
  db.close();
  return rows.map((r) => `${r.type} ${r.name}: ${(r.sql ?? '').replace(/\s+/g, ' ')}`);
}

describe('migrations', () => {
  it('versions are 1..N in order with no gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('builds the whole schema from an empty file, with WAL, FULL sync and foreign keys', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    expect(schemaOf(file)).toMatchSnapshot();
  });

  it('migrates a file at every previous version, keeping its rows and copying it aside first', () => {
    for (let from = 1; from < LATEST_VERSION; from++) {
      const file = tempFile();
      const old = openDatabase(file, { migrations: migrations.slice(0, from) });
      old.prepare("INSERT INTO settings (key, value) VALUES ('probe', '\"kept\"')").run();
      old.close();

      const copies: string[] = [];
      const db = openDatabase(file, { onPreMigrationCopy: (c) => copies.push(c) });
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(db.prepare("SELECT value FROM settings WHERE key = 'probe'").get()).toEqual({ value: '"kept"' });
      db.close();

      expect(copies).toHaveLength(1);
      const copy = new BetterSqlite3(copies[0]!, { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(from);
      expect(copy.prepare("SELECT value FROM settings WHERE key = 'probe'").get()).toEqual({ value: '"kept"' });
      copy.close();
      // Migrating step by step ends in the same schema as building from empty.
      const fresh = tempFile();
      openDatabase(fresh).close();
      expect(schemaOf(file)).toEqual(schemaOf(fresh));
    }
  }, 180_000); // two dozen files each migrated and built from empty: well past the default on a loaded machine

  it('takes no copy when there is nothing to migrate', () => {
    const file = tempFile();
    openDatabase(file).close();
    const copies: string[] = [];
    openDatabase(file, { onPreMigrationCopy: (c) => copies.push(c) }).close();
    expect(copies).toEqual([]);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('refuses a database newer than the app and leaves it untouched', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    const check = new BetterSqlite3(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    check.close();
  });

  it('rolls back a failing migration: the file stays at the last good version', () => {
    const file = tempFile();
    const broken = [...migrations.slice(0, 1), { version: 2, name: 'broken', up: (d: BetterSqlite3.Database) => { d.exec('CREATE TABLE half (x INTEGER)'); throw new Error('boom'); } }];
    expect(() => openDatabase(file, { migrations: broken })).toThrow('boom');
    const check = new BetterSqlite3(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    check.close();
  });

  it('keeps the audit log and sales append-only', () => {
    const db = openDatabase(tempFile());
    db.prepare("INSERT INTO audit_log (at, action) VALUES ('2026-01-01T00:00:00', 'x')").run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.prepare("INSERT INTO sales (receipt_no, kind, business_date, sold_at, subtotal_fen, total_fen) VALUES ('20260101-0001', 'sale', '2026-01-01', '2026-01-01T10:00:00', 100, 100)").run();
    expect(() => db.prepare('UPDATE sales SET total_fen = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM sales').run()).toThrow(/append-only/);
    db.close();
  });
});
