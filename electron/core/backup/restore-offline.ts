import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE_NAME, openDatabase, openFile } from '../db/open.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { createAuditLog } from '../audit/audit-log.js';
import { APP_VERSION } from '../version.js';
import { listBackups, manifestFile, writeBackup, type BackupFacts, type BackupManifest } from './backup-file.js';
import { BACKUP_DIR_NAME, checkRestorable, copyInto } from './backups.js';
import { shopInUse } from './in-use-marker.js';
import { DomainError } from '../lib/domain-error.js';

export interface OfflineRestore {
  file: string;
  facts: BackupFacts;
  /** When the backup was taken, from its manifest (null for a bare file). */
  createdAt: string | null;
  /** The safety backup of the data that was there, when it could be read. */
  safetyBackup: string | null;
  /** Where a damaged shop file was moved, when it could not be read. */
  movedAside: string | null;
}

/** `FILE` as given, or the name of a backup in the shop's own backups folder. */
export function resolveBackupFile(dataDir: string, given: string): string | null {
  if (fs.existsSync(given) && fs.statSync(given).isFile()) return path.resolve(given);
  const listed = listBackups(path.join(dataDir, BACKUP_DIR_NAME)).find((b) => b.name === given);
  return listed?.file ?? null;
}

export function readManifest(file: string): BackupManifest | null {
  try {
    return JSON.parse(fs.readFileSync(manifestFile(file), 'utf8')) as BackupManifest;
  } catch {
    return null;
  }
}

/**
 * Restores a backup into a data folder whose shop is not running (the CLI; also the way
 * out when the shop file is damaged and the app cannot start). The current file is first
 * backed up (or, when it cannot even be read, moved aside whole with its -wal), then the
 * backup is written into place through SQLite's backup API and brought up to this app's
 * schema. Stop the app before running it.
 */
export async function restoreDataDir(dataDir: string, file: string, clock: Clock = systemClock): Promise<OfflineRestore> {
  // Swapping the file under a running till would lose its next sales (or worse): refuse.
  const user = shopInUse(dataDir);
  if (user) throw new DomainError('conflict', { rule: 'shop_open', pid: user.pid, since: user.since }, 'errors.shop_open');
  const facts = checkRestorable(file);
  fs.mkdirSync(dataDir, { recursive: true });
  const dbFile = path.join(dataDir, DB_FILE_NAME);
  let safetyBackup: string | null = null;
  let movedAside: string | null = null;
  if (fs.existsSync(dbFile)) {
    let readable = false;
    try {
      const live = openFile(dbFile);
      try {
        readable = live.pragma('quick_check', { simple: true }) === 'ok';
        if (readable) safetyBackup = (await writeBackup(live, path.join(dataDir, BACKUP_DIR_NAME), 'pre-restore', clock.now(), APP_VERSION)).name;
      } finally {
        live.close();
      }
    } catch {
      readable = false;
    }
    if (!readable) movedAside = moveAside(dataDir, dbFile, clock.now());
  }
  await copyInto(file, dbFile);
  const db = openDatabase(dbFile); // migrates a backup from an older version
  try {
    createAuditLog(db, clock).record({
      staffId: null, action: 'backup.restore', entity: 'backup', entityId: path.basename(file),
      details: { by: 'cli', safetyBackup, movedAside, after: { counts: facts.counts, lastSale: facts.lastSale, schemaVersion: facts.schemaVersion } },
    });
  } finally {
    db.close();
  }
  return { file, facts, createdAt: readManifest(file)?.createdAt ?? null, safetyBackup, movedAside };
}

/** Keeps an unreadable shop file (and its -wal/-shm) for support, out of the way of the restore. */
function moveAside(dataDir: string, dbFile: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const dir = path.join(dataDir, `damaged-${stamp}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (fs.existsSync(dbFile + suffix)) fs.renameSync(dbFile + suffix, path.join(dir, path.basename(dbFile) + suffix));
  }
  return dir;
}
