import fs from 'node:fs';
import path from 'node:path';
import { listBackups } from './backup-file.js';
import { BACKUP_DIR_NAME, probeWritable } from './backups.js';

/** Below this much free space the till would fail mid-sale; it refuses to open instead. */
export const MIN_FREE_BYTES = 4 * 1024 * 1024;

export type StartCheckCode = 'folder_unwritable' | 'disk_full' | 'shop_file_missing';

/** A reason not to open the shop, found before SQLite touches anything. */
export class StartCheckError extends Error {
  constructor(
    readonly check: StartCheckCode,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * Checks the data folder before the shop opens: a folder that takes no writes (read-only
 * drive, permissions), a full disk, or a shop file that has disappeared from a folder that
 * holds its backups (a moved file, an unmounted drive). Each would otherwise end in a
 * half-working till, or worse, in a new empty shop created over the real one's absence.
 */
export function checkDataDir(dataDir: string, dbFile: string): void {
  const problem = probeWritable(dataDir);
  if (problem) {
    throw new StartCheckError(problem === 'ENOSPC' ? 'disk_full' : 'folder_unwritable', `the folder ${dataDir} takes no writes (${problem})`, problem);
  }
  let free: number | null = null;
  try {
    const s = fs.statfsSync(dataDir);
    free = s.bavail * s.bsize;
  } catch {
    free = null; // statfs is not available everywhere; SQLite reports a full disk itself
  }
  if (free !== null && free < MIN_FREE_BYTES) {
    throw new StartCheckError('disk_full', `the disk holding ${dataDir} is full (${Math.round(free / 1024)} KB free)`, 'ENOSPC');
  }
  if (!fs.existsSync(dbFile)) {
    const backups = listBackups(path.join(dataDir, BACKUP_DIR_NAME));
    const orphanWal = fs.existsSync(`${dbFile}-wal`);
    if (backups.length > 0 || orphanWal) {
      throw new StartCheckError('shop_file_missing', `the shop file ${dbFile} is missing, but this folder held a shop (${backups.length} backups${orphanWal ? ', a -wal file' : ''})`, 'ENOENT');
    }
  }
}
