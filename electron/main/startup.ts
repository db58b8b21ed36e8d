/**
 * Decisions taken before the window opens, as pure functions: where the shop lives, which
 * better-sqlite3 binary to load, and what to tell the owner when the shop cannot open.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DatabaseTooNewError, NativeModuleError } from '../core/db/open.js';

/** File name of the Electron-ABI build, in native/electron/ (dev) and in resources/ (packaged). */
export const ELECTRON_NATIVE_FILE = 'better_sqlite3.node';

export interface LaunchContext {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** app.getPath('userData'): appData/"Counter POS", the same folder the CLI defaults to. */
  userDataDir: string;
  isPackaged: boolean;
  /** app.getAppPath(): the project root in development, …/resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath: where extraResources land when packaged. */
  resourcesPath: string;
  exists: (file: string) => boolean;
}

export interface LaunchOptions {
  dataDir: string;
  /** Set when the Electron build of better-sqlite3 was found. */
  nativeBinding?: string;
  /** Where it was looked for (for the error message when it is missing). */
  nativeBindingPath: string;
}

/**
 * `--data-dir DIR` (also `--data-dir=DIR`), else POS_DATA_DIR, else userData. Lenient
 * parsing: Electron's argv also carries the app path and Chromium switches.
 */
export function dataDirFlag(argv: readonly string[]): string | undefined {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' } },
  });
  const flag = values['data-dir'];
  return typeof flag === 'string' && flag !== '' ? flag : undefined;
}

export function resolveLaunchOptions(ctx: LaunchContext): LaunchOptions {
  const chosen = dataDirFlag(ctx.argv) ?? (ctx.env.POS_DATA_DIR || undefined) ?? ctx.userDataDir;
  const nativeBindingPath = ctx.isPackaged
    ? path.join(ctx.resourcesPath, ELECTRON_NATIVE_FILE)
    : path.join(ctx.appPath, 'native', 'electron', ELECTRON_NATIVE_FILE);
  return {
    dataDir: path.resolve(chosen),
    nativeBindingPath,
    ...(ctx.exists(nativeBindingPath) ? { nativeBinding: nativeBindingPath } : {}),
  };
}

export interface StartFailure {
  title: string;
  /** What happened, that nothing was changed, and the way out. */
  message: string;
}

const UNCHANGED = 'Nothing was changed: the shop file was left exactly as it was.';

/**
 * Turns a core start-up error into a dialog. The app then quits: it never opens a new,
 * empty shop in place of one it could not read, because a cashier would start selling
 * into it and the real books would look lost.
 */
export function describeStartFailure(err: unknown, ctx: { dataDir: string; dbFile: string; isPackaged: boolean; nativeBindingPath: string }): StartFailure {
  const title = 'Counter POS cannot open the shop';
  const detail = err instanceof Error ? err.message : String(err);
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';
  const say = (...lines: string[]) => ({ title, message: [...lines, '', `Details: ${detail}`].join('\n') });

  if (err instanceof NativeModuleError) {
    return ctx.isPackaged
      ? say('A part of Counter POS (its database engine) is missing or damaged.', UNCHANGED, 'Reinstall Counter POS from its installer.')
      : say(
          `The database engine is not built for Electron (looked for ${ctx.nativeBindingPath}).`,
          UNCHANGED,
          'Run "npm run native:electron" on a machine with internet access, or use the browser host: "npm run start:web".',
        );
  }
  if (err instanceof DatabaseTooNewError) {
    return say(
      `The shop in ${ctx.dataDir} was last used by a newer version of Counter POS.`,
      UNCHANGED,
      'Install that newer version (or later) and open the shop with it.',
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')) {
    return say(
      `The shop file ${ctx.dbFile} is damaged or is not a Counter POS database.`,
      UNCHANGED,
      `Restore it from a backup: copies named "${path.basename(ctx.dbFile)}.pre-….bak" may be beside it. Keep the damaged file for support.`,
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return say('Another program is using the shop file.', UNCHANGED, 'Close the other program (or the other copy of Counter POS) and start again.');
  }
  if (['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM', 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC'].includes(code) || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY_')) {
    return say(
      `The shop folder ${ctx.dataDir} cannot be read or written.`,
      UNCHANGED,
      'Check that the disk is connected and not full, that this user may write to the folder, or start with --data-dir pointing at the right folder.',
    );
  }
  return say(`The shop in ${ctx.dataDir} could not be opened.`, UNCHANGED, 'Start Counter POS again. If this message returns, contact support with the details below.');
}
