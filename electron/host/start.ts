#!/usr/bin/env node
/**
 * `npm start`: the desktop app where Electron is installed, the browser host where it is not.
 *
 *   npm start [-- --data-dir DIR] [--port N] [-- <extra Electron/Chromium switches>]
 *
 * Runs from dist/node (after `npm run build`). It never `require`s the 'electron' package:
 * that package's index.js downloads the binary when it is missing, which hangs or fails
 * offline. Instead it reads the same files index.js reads (path.txt, dist/) to decide.
 * Plain Node, no 'electron' import (lint-enforced for electron/host).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { projectRoot } from './paths.js';
import { resolveDataDir } from './data-dir.js';

/** The Electron build of better-sqlite3 (scripts/build-electron-native.mjs writes it). */
export const NATIVE_BINDING = path.join('native', 'electron', 'better_sqlite3.node');
export const NATIVE_SCRIPT = path.join('scripts', 'build-electron-native.mjs');

export type ElectronRuntime =
  | { installed: true; executable: string; abi: string | null }
  | { installed: false; reason: string };

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Mirrors node_modules/electron/index.js without its download side effect:
 * path.txt names the executable inside dist/; ELECTRON_OVERRIDE_DIST_PATH replaces dist/.
 */
export function detectElectronRuntime(electronDir: string, env: NodeJS.ProcessEnv = process.env): ElectronRuntime {
  const relative = readText(path.join(electronDir, 'path.txt'));
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  let executable: string;
  if (override) executable = path.join(override, relative || 'electron');
  else if (relative) executable = path.join(electronDir, 'dist', relative);
  else return { installed: false, reason: `${path.join(electronDir, 'path.txt')} is missing` };
  if (!isFile(executable)) return { installed: false, reason: `${executable} does not exist` };
  return { installed: true, executable, abi: readText(path.join(electronDir, 'abi_version')) };
}

/**
 * True when the file is a native module for this ABI. better-sqlite3 is not an N-API
 * module: it exports `node_register_module_v<ABI>`, and that symbol name is what Node and
 * Electron look up when loading it, so finding it in the bytes is a real ABI check. It
 * catches the trap of a "successful" rebuild against Node's headers (ABI 115 on Node 20).
 */
export function nativeBindingMatches(file: string, abi: string | null): boolean {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return false;
  }
  if (bytes.length === 0) return false;
  return abi === null || bytes.includes(`node_register_module_v${abi}`);
}

export interface StartDeps {
  root: string;
  env: NodeJS.ProcessEnv;
  log(line: string): void;
  error(line: string): void;
  /** electron/host/serve.ts, loaded only when needed (it opens the core). */
  serve(options: { dataDir: string; port: number }): Promise<{ host: { openUrl: string } }>;
  /** Runs scripts/build-electron-native.mjs; answers its exit status. */
  buildNative(root: string): number;
  /** Runs Electron until it exits; answers its exit code. */
  launch(executable: string, args: string[], env: NodeJS.ProcessEnv): Promise<number>;
}

export const NOT_INSTALLED_LINE = 'The Electron runtime is not installed here, so Counter POS is served in the browser instead.';

/** Answers an exit code, or -1 while the browser host keeps running. */
export async function runStart(argv: string[], deps: StartDeps): Promise<number> {
  let values: { 'data-dir'?: string | undefined; port?: string | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true, // what follows `--` goes to Electron untouched
      options: { 'data-dir': { type: 'string' }, port: { type: 'string' } },
    }));
  } catch (err) {
    deps.error(`${err instanceof Error ? err.message : String(err)}\nusage: npm start -- [--data-dir DIR] [--port N] [-- electron switches]`);
    return 2;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    deps.error('--port must be a number from 0 to 65535');
    return 2;
  }

  const runtime = detectElectronRuntime(path.join(deps.root, 'node_modules', 'electron'), deps.env);
  if (!runtime.installed) {
    deps.log(NOT_INSTALLED_LINE);
    const dataDir = resolveDataDir(values['data-dir'], deps.env);
    const { host } = await deps.serve({ dataDir, port });
    deps.log(`Open ${host.openUrl}`);
    return -1;
  }

  const binding = path.join(deps.root, NATIVE_BINDING);
  if (!nativeBindingMatches(binding, runtime.abi)) {
    // Missing, or built for another Electron (an upgrade): rebuild, then check again.
    const status = deps.buildNative(deps.root);
    if (status !== 0 || !nativeBindingMatches(binding, runtime.abi)) {
      deps.error('Counter POS cannot start in Electron without its database engine (see above).');
      deps.error('Run "npm run native:electron" once on a machine with internet access, or use "npm run start:web" for the browser.');
      return 1;
    }
  }

  // --port belongs to the browser host; only --data-dir travels (absolute: Electron's
  // working directory is not necessarily ours). POS_DATA_DIR travels in the environment.
  const args = [deps.root];
  if (values['data-dir'] !== undefined) args.push('--data-dir', path.resolve(values['data-dir']));
  args.push(...positionals);
  // With ELECTRON_RUN_AS_NODE set, the binary would run as plain Node and ignore the app.
  const env = { ...deps.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return deps.launch(runtime.executable, args, env);
}

function launchElectron(executable: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, { stdio: 'inherit', env, windowsHide: false });
    const forward = (signal: NodeJS.Signals) => () => {
      if (child.exitCode === null) child.kill(signal);
    };
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, forward(signal));
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function buildNativeScript(root: string): number {
  const result = spawnSync(process.execPath, [path.join(root, NATIVE_SCRIPT)], { stdio: 'inherit', cwd: root });
  return result.status ?? 1;
}

export const defaultDeps = (): StartDeps => ({
  root: projectRoot(),
  env: process.env,
  log: (line) => console.log(line),
  error: (line) => console.error(line),
  serve: async (options) => (await import('./serve.js')).serve(options),
  buildNative: buildNativeScript,
  launch: launchElectron,
});

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return fs.realpathSync(fileURLToPath(import.meta.url)) === fs.realpathSync(entry);
  } catch {
    return import.meta.url === pathToFileURL(entry).href;
  }
}

if (invokedDirectly()) {
  runStart(process.argv.slice(2), defaultDeps()).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
