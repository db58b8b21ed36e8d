/**
 * Decisions taken before the window opens, as pure functions: where the shop lives, which
 * better-sqlite3 binary to load, and what to tell the owner when the shop cannot open.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

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

// The words for a shop that cannot open are shared with the browser host and the CLI.
export { describeStartFailure, type StartFailure } from '../core/backup/start-failure.js';
