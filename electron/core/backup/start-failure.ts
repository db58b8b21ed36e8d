import path from 'node:path';
import { DatabaseTooNewError, NativeModuleError } from '../db/open.js';
import { listBackups } from './backup-file.js';
import { BACKUP_DIR_NAME } from './backups.js';
import { StartCheckError } from './start-checks.js';

export interface StartFailure {
  title: string;
  /** What happened, that nothing was changed, and the way out. */
  message: string;
  /** The same in one line, for the terminal (browser host, CLI). */
  line: string;
}

export interface StartFailureContext {
  dataDir: string;
  dbFile: string;
  isPackaged: boolean;
  nativeBindingPath: string;
}

const UNCHANGED = 'Nothing was changed: the shop file was left exactly as it was.';

/** The way out through a backup: the newest one in the data folder, with the command that restores it. */
export function restoreHint(dataDir: string): string {
  const newest = listBackups(path.join(dataDir, BACKUP_DIR_NAME))[0];
  if (!newest) {
    return `Restore a backup: npm run pos -- restore BACKUP_FILE --data-dir "${dataDir}" (backups are in a "${BACKUP_DIR_NAME}" folder, also on the second backup drive if one was set).`;
  }
  const when = newest.manifest?.createdAt ?? newest.at.toISOString();
  return `Restore the latest backup (taken ${when}): npm run pos -- restore "${newest.file}" --data-dir "${dataDir}".`;
}

/**
 * Turns a core start-up error into words for the owner: a dialog (Electron) or one line
 * (browser host, CLI). The app then quits: it never opens a new, empty shop in place of
 * one it could not read, because a cashier would start selling into it and the real books
 * would look lost.
 */
export function describeStartFailure(err: unknown, ctx: StartFailureContext): StartFailure {
  const title = 'Counter POS cannot open the shop';
  const detail = err instanceof Error ? err.message : String(err);
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';
  const say = (what: string, ...wayOut: string[]): StartFailure => ({
    title,
    message: [what, UNCHANGED, ...wayOut, '', `Details: ${detail}`].join('\n'),
    line: `${title}: ${what} ${wayOut.join(' ')} (${detail})`,
  });

  if (err instanceof NativeModuleError) {
    return ctx.isPackaged
      ? say('A part of Counter POS (its database engine) is missing or damaged.', 'Reinstall Counter POS from its installer.')
      : say(
          `The database engine is not built for Electron (looked for ${ctx.nativeBindingPath}).`,
          'Run "npm run native:electron" on a machine with internet access, or use the browser host: "npm run start:web".',
        );
  }
  if (err instanceof DatabaseTooNewError) {
    return say(`The shop in ${ctx.dataDir} was last used by a newer version of Counter POS.`, 'Install that newer version (or later) and open the shop with it.');
  }
  if (err instanceof StartCheckError && err.check === 'shop_file_missing') {
    return say(
      `The shop file ${ctx.dbFile} is missing, but this folder held a shop: Counter POS will not start an empty shop in its place.`,
      'If the shop lives on a drive that is not connected, connect it and start again.',
      restoreHint(ctx.dataDir),
    );
  }
  if ((err instanceof StartCheckError && err.check === 'disk_full') || code === 'ENOSPC' || code === 'SQLITE_FULL') {
    return say(
      `The disk holding the shop (${ctx.dataDir}) is full.`,
      'Free some space on it (or move the shop with --data-dir to a disk with room) and start again.',
      restoreHint(ctx.dataDir),
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')) {
    return say(
      `The shop file ${ctx.dbFile} is damaged or is not a Counter POS database.`,
      restoreHint(ctx.dataDir),
      'Keep the damaged file for support.',
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return say('Another program is using the shop file.', 'Close the other program (or the other copy of Counter POS) and start again.');
  }
  if (err instanceof StartCheckError || ['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM', 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EISDIR'].includes(code) || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY_') || code.startsWith('SQLITE_CANTOPEN_')) {
    return say(
      `The shop folder ${ctx.dataDir} cannot be read or written.`,
      'Check that the disk is connected and not full or read-only, that this user may write to the folder, or start with --data-dir pointing at the right folder.',
      restoreHint(ctx.dataDir),
    );
  }
  return say(`The shop in ${ctx.dataDir} could not be opened.`, 'Start Counter POS again. If this message returns, contact support with the details below.', restoreHint(ctx.dataDir));
}
