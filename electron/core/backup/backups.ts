import fs from 'node:fs';
import path from 'node:path';
import { LATEST_VERSION, migrate, openFile, type Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { SettingsStore } from '../shop/settings-store.js';
import {
  copyBackup, inspectFile, listBackups, newestFirst, rotate, shopFacts, writeBackup,
  type BackupFacts, type BackupManifest, type BackupReason, type Engine,
} from './backup-file.js';

export const BACKUP_DIR_NAME = 'backups';
export type BackupLocation = 'primary' | 'extra';

export interface BackupsDeps {
  db: Database;
  dbFile: string;
  dataDir: string;
  clock: Clock;
  settings: SettingsStore;
  audit: AuditLog;
  appVersion: string;
  /** False before the shop is set up: an empty database is not worth a backup. */
  isSetUp(): boolean;
  logger: { error(message: string, err?: unknown): void };
  /** After a restore: end every session, re-read settings held in memory (devices). */
  afterRestore(): void;
  /** The Electron build of better-sqlite3, when running in Electron. */
  nativeBinding?: string | undefined;
}

export interface RunResult {
  backup: BackupManifest;
  /** The copy to the second folder, when one is set. */
  extra: { dir: string; ok: boolean; error?: string } | null;
  removed: string[];
}

const EXTRA_DIR_KEY = 'backup.extraDir';
const LAST_DAILY_KEY = 'backup.lastDaily';

/** Writes a file into a folder and removes it: the only honest test that a folder takes writes. */
export function probeWritable(dir: string): string | null {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.pos-write-test-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
    return null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
  }
}

/** Copies a backup over a database file through the backup API (page by page, under SQLite's locks). */
export async function copyInto(backupFile: string, target: string, engine: Engine = {}): Promise<void> {
  const src = openFile(backupFile, { readonly: true, ...(engine.nativeBinding ? { nativeBinding: engine.nativeBinding } : {}) });
  try {
    await src.backup(target);
  } finally {
    src.close();
  }
}

/** Checks a backup before it may replace anything: sound, and not from a newer app. */
export function checkRestorable(file: string, engine: Engine = {}): BackupFacts {
  let facts: BackupFacts;
  try {
    facts = inspectFile(file, engine);
  } catch (err) {
    throw new DomainError('rule_violation', { reason: err instanceof Error ? err.message.slice(0, 200) : 'unreadable' }, 'errors.backup_damaged');
  }
  if (facts.integrity !== 'ok') throw new DomainError('rule_violation', { reason: facts.integrity }, 'errors.backup_damaged');
  if (facts.schemaVersion > LATEST_VERSION) throw new DomainError('rule_violation', { schemaVersion: facts.schemaVersion }, 'errors.backup_too_new');
  if (facts.schemaVersion === 0 || !('staff' in facts.counts)) throw new DomainError('rule_violation', { reason: 'not a shop database' }, 'errors.backup_damaged');
  return facts;
}

/**
 * Backups of the live shop: taken with SQLite's online backup API at the first start of
 * each day and on quit (and on demand), into `<dataDir>/backups` and, when set, copied to a
 * second folder (a USB drive); each verified before it counts; rotated 7/4/12.
 */
export function createBackups(d: BackupsDeps) {
  const primaryDir = path.join(d.dataDir, BACKUP_DIR_NAME);
  const engine: Engine = { nativeBinding: d.nativeBinding };
  const extraDir = () => d.settings.get<string | null>(EXTRA_DIR_KEY, null);
  // One backup at a time: a quit arriving during the daily backup waits for it.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };

  function dirOf(location: BackupLocation): string {
    if (location === 'primary') return primaryDir;
    const dir = extraDir();
    if (!dir) throw new DomainError('not_found', { location }, 'errors.backup_not_found');
    return dir;
  }

  /** A backup's path from its listed name: names are matched against the folder, never joined blindly. */
  function locate(location: BackupLocation, name: string): string {
    const found = listBackups(dirOf(location)).find((b) => b.name === name);
    if (!found) throw new DomainError('not_found', { name }, 'errors.backup_not_found');
    return found.file;
  }

  async function take(reason: BackupReason, options: { rotate: boolean } = { rotate: true }): Promise<RunResult> {
    const now = d.clock.now();
    let backup: BackupManifest;
    try {
      backup = await writeBackup(d.db, primaryDir, reason, now, d.appVersion, engine);
    } catch (err) {
      d.logger.error(`backup (${reason}) failed`, err);
      throw new DomainError('rule_violation', { reason: (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message.slice(0, 200) : 'unknown') }, 'errors.backup_failed');
    }
    const removed = options.rotate ? rotate(primaryDir) : [];
    let extra: RunResult['extra'] = null;
    const second = extraDir();
    if (second) {
      try {
        await copyBackup(path.join(primaryDir, backup.name), backup, second, engine);
        if (options.rotate) removed.push(...rotate(second));
        extra = { dir: second, ok: true };
      } catch (err) {
        // The drive may simply be unplugged: the backup in the data folder still counts.
        d.logger.error('backup copy to the second folder failed', err);
        extra = { dir: second, ok: false, error: (err as NodeJS.ErrnoException).code ?? String(err) };
      }
    }
    return { backup, extra, removed };
  }

  return {
    primaryDir,
    settings: () => ({ extraDir: extraDir() }),

    setSettings(input: { extraDir: string | null }, by: number | null) {
      const before = extraDir();
      const next = input.extraDir === null || input.extraDir.trim() === '' ? null : path.resolve(input.extraDir.trim());
      if (next !== null) {
        if (!path.isAbsolute(input.extraDir!.trim())) throw new DomainError('bad_input', { field: 'extraDir' }, 'errors.backup_folder_unusable');
        if (path.resolve(next) === path.resolve(primaryDir)) throw new DomainError('rule_violation', { dir: next }, 'errors.backup_folder_unusable');
        const problem = probeWritable(next);
        if (problem) throw new DomainError('rule_violation', { dir: next, problem }, 'errors.backup_folder_unusable');
      }
      d.db.transaction(() => {
        d.settings.set(EXTRA_DIR_KEY, next);
        d.audit.record({ staffId: by, action: 'backup.settings', details: { before: { extraDir: before }, after: { extraDir: next } } });
      })();
      return { extraDir: next };
    },

    run: (reason: BackupReason) => serial(() => take(reason)),

    /** The daily backup, once per shop-local day, after the shop exists. */
    async runIfNewDay(): Promise<RunResult | null> {
      if (!d.db.open || !d.isSetUp()) return null;
      const today = localDate(d.clock.now());
      if (d.settings.get<string | null>(LAST_DAILY_KEY, null) === today) return null;
      const result = await serial(() => take('daily'));
      if (d.db.open) d.settings.set(LAST_DAILY_KEY, today);
      return result;
    },

    /** Waits for a backup under way (before closing the database). */
    idle: () => queue.then(() => undefined),

    list() {
      const second = extraDir();
      const folders = [
        { location: 'primary' as const, dir: primaryDir, available: probeWritable(primaryDir) === null },
        ...(second ? [{ location: 'extra' as const, dir: second, available: fs.existsSync(second) && probeWritable(second) === null }] : []),
      ];
      const items = folders.flatMap((f) => listBackups(f.dir).map((b) => ({
        location: f.location,
        name: b.name,
        reason: b.reason,
        createdAt: b.manifest?.createdAt ?? b.name,
        bytes: b.manifest?.bytes ?? fs.statSync(b.file).size,
        verified: b.manifest?.integrity === 'ok',
        lastSale: b.manifest?.lastSale ?? null,
        counts: b.manifest?.counts ?? {},
        at: b.at,
        seq: b.seq,
      })));
      items.sort((a, b) => newestFirst(a, b) || (a.location < b.location ? -1 : 1));
      return {
        folders,
        lastDaily: d.settings.get<string | null>(LAST_DAILY_KEY, null),
        items: items.map(({ at: _at, seq: _seq, ...rest }) => rest),
      };
    },

    /** Opens the backup afresh and checks it: what a restore would bring back. */
    inspect(location: BackupLocation, name: string) {
      const file = locate(location, name);
      const listed = listBackups(path.dirname(file)).find((b) => b.name === name)!;
      let facts: BackupFacts;
      try {
        facts = inspectFile(file, engine);
      } catch (err) {
        facts = { integrity: err instanceof Error ? err.message.slice(0, 200) : 'unreadable', schemaVersion: 0, counts: {}, lastSale: null, bytes: fs.statSync(file).size };
      }
      return {
        location, name, reason: listed.reason,
        createdAt: listed.manifest?.createdAt ?? name,
        appVersion: listed.manifest?.appVersion ?? null,
        ...facts,
        restorable: facts.integrity === 'ok' && facts.schemaVersion > 0 && facts.schemaVersion <= LATEST_VERSION,
      };
    },

    /**
     * Replaces the live shop with a backup, in place: a safety backup of the current data
     * first, then the backup's pages are written into the live file through SQLite's backup
     * API (the open connection sees the new content, no file is swapped under it), older
     * schemas are migrated, and everyone is signed out.
     */
    restore(location: BackupLocation, name: string, by: { staffId: number; name: string } | null) {
      return serial(async () => {
        const file = locate(location, name);
        const facts = checkRestorable(file, engine);
        const before = shopFacts(d.db);
        // Rotation waits until the restore is done: it must not remove the file being restored.
        const safety = await take('pre-restore', { rotate: false });
        await copyInto(file, d.dbFile, engine);
        migrate(d.db, d.dbFile);
        const staffStillThere = by !== null && d.db.prepare('SELECT 1 FROM staff WHERE id = ?').get(by.staffId) !== undefined;
        d.audit.record({
          staffId: staffStillThere ? by.staffId : null,
          action: 'backup.restore',
          entity: 'backup',
          entityId: name,
          details: {
            by: by?.name ?? null,
            safetyBackup: safety.backup.name,
            before: { counts: before.counts, lastSale: before.lastSale },
            after: { counts: facts.counts, lastSale: facts.lastSale, schemaVersion: facts.schemaVersion },
          },
        });
        d.afterRestore();
        rotate(primaryDir);
        const second = extraDir();
        if (second && fs.existsSync(second)) rotate(second);
        return { safetyBackup: safety.backup.name, restored: name, counts: facts.counts, lastSale: facts.lastSale };
      });
    },
  };
}
export type Backups = ReturnType<typeof createBackups>;
