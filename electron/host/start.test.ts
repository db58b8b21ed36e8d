import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NATIVE_BINDING, NOT_INSTALLED_LINE, detectElectronRuntime, nativeBindingMatches, runStart, type StartDeps } from './start.js';

// The launcher must decide without loading the 'electron' package (its index.js downloads).
vi.mock('electron', () => {
  throw new Error('start.ts must not load electron');
});

let root: string;
const electronDir = () => path.join(root, 'node_modules', 'electron');

/** A stand-in node_modules/electron: path.txt, dist/<exe>, abi_version, like a real install. */
function fakeElectron(options: { pathTxt?: string | null; executable?: boolean; abi?: string } = {}) {
  const dir = electronDir();
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  fs.writeFileSync(path.join(dir, 'abi_version'), options.abi ?? '150');
  const relative = options.pathTxt === undefined ? 'electron' : options.pathTxt;
  if (relative !== null) fs.writeFileSync(path.join(dir, 'path.txt'), relative);
  if (options.executable !== false && relative) {
    fs.mkdirSync(path.dirname(path.join(dir, 'dist', relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist', relative), '#!/bin/sh\n', { mode: 0o755 });
  }
}

function writeNative(abi: string) {
  const file = path.join(root, NATIVE_BINDING);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.concat([Buffer.from('\x7fELF....'), Buffer.from(`node_register_module_v${abi}\0`)]));
}

function deps(over: Partial<StartDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const d: StartDeps = {
    root,
    env: {},
    log: (line) => void out.push(line),
    error: (line) => void err.push(line),
    serve: vi.fn(async () => ({ host: { openUrl: 'http://127.0.0.1:43210/#secret' } })),
    buildNative: vi.fn(() => 1),
    launch: vi.fn(async () => 0),
    ...over,
  };
  return { d, out, err };
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-start-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('detectElectronRuntime', () => {
  it('finds the binary named by path.txt under dist/', () => {
    fakeElectron();
    expect(detectElectronRuntime(electronDir(), {})).toEqual({ installed: true, executable: path.join(electronDir(), 'dist', 'electron'), abi: '150' });
  });

  it('follows a nested path.txt (macOS layout)', () => {
    fakeElectron({ pathTxt: 'Electron.app/Contents/MacOS/Electron' });
    expect(detectElectronRuntime(electronDir(), {})).toMatchObject({
      installed: true,
      executable: path.join(electronDir(), 'dist', 'Electron.app', 'Contents', 'MacOS', 'Electron'),
    });
  });

  it('is not installed when the package has no binary (types-only install) or no package at all', () => {
    fakeElectron({ executable: false });
    expect(detectElectronRuntime(electronDir(), {})).toMatchObject({ installed: false });
    fs.rmSync(electronDir(), { recursive: true });
    fakeElectron({ pathTxt: null });
    expect(detectElectronRuntime(electronDir(), {})).toMatchObject({ installed: false });
    expect(detectElectronRuntime(path.join(root, 'nowhere'), {})).toMatchObject({ installed: false });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, with or without path.txt', () => {
    const override = path.join(root, 'custom-electron');
    fs.mkdirSync(override);
    fs.writeFileSync(path.join(override, 'electron'), '');
    fakeElectron({ executable: false });
    expect(detectElectronRuntime(electronDir(), { ELECTRON_OVERRIDE_DIST_PATH: override })).toMatchObject({
      installed: true,
      executable: path.join(override, 'electron'),
    });
    fs.rmSync(path.join(electronDir(), 'path.txt'));
    expect(detectElectronRuntime(electronDir(), { ELECTRON_OVERRIDE_DIST_PATH: override })).toMatchObject({ installed: true });
    expect(detectElectronRuntime(electronDir(), { ELECTRON_OVERRIDE_DIST_PATH: path.join(root, 'empty') })).toMatchObject({ installed: false });
  });
});

describe('nativeBindingMatches', () => {
  it('checks the module registration symbol against the ABI', () => {
    writeNative('150');
    const file = path.join(root, NATIVE_BINDING);
    expect(nativeBindingMatches(file, '150')).toBe(true);
    expect(nativeBindingMatches(file, '115')).toBe(false);
    expect(nativeBindingMatches(file, null)).toBe(true);
    expect(nativeBindingMatches(path.join(root, 'missing.node'), null)).toBe(false);
    fs.writeFileSync(file, '');
    expect(nativeBindingMatches(file, null)).toBe(false);
  });

  it('rejects the Node build the tests use (ABI of this Node)', () => {
    const nodeBuild = path.resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    if (!fs.existsSync(nodeBuild)) return;
    expect(nativeBindingMatches(nodeBuild, process.versions.modules)).toBe(true);
    expect(nativeBindingMatches(nodeBuild, '150')).toBe(false);
  });
});

describe('runStart without the Electron runtime', () => {
  it('prints one line, serves in the browser and prints the URL to open', async () => {
    fakeElectron({ executable: false });
    const { d, out, err } = deps({ env: { POS_DATA_DIR: '/ignored/when/flag/given' } });
    const code = await runStart(['--data-dir', 'shop-a', '--port', '4321'], d);

    expect(code).toBe(-1); // keeps running
    expect(out).toEqual([NOT_INSTALLED_LINE, 'Open http://127.0.0.1:43210/#secret']);
    expect(NOT_INSTALLED_LINE).not.toContain('\n');
    expect(err).toEqual([]);
    expect(d.serve).toHaveBeenCalledWith({ dataDir: path.resolve('shop-a'), port: 4321 });
    expect(d.launch).not.toHaveBeenCalled();
    expect(d.buildNative).not.toHaveBeenCalled();
  });

  it('defaults to POS_DATA_DIR and a free port', async () => {
    const { d } = deps({ env: { POS_DATA_DIR: path.join(root, 'shop') } });
    await runStart([], d);
    expect(d.serve).toHaveBeenCalledWith({ dataDir: path.join(root, 'shop'), port: 0 });
  });

  it('refuses a bad port or an unknown option before doing anything', async () => {
    for (const argv of [['--port', 'abc'], ['--port', '70000'], ['--bogus']]) {
      const { d, err } = deps();
      expect(await runStart(argv, d)).toBe(2);
      expect(err.length).toBeGreaterThan(0);
      expect(d.serve).not.toHaveBeenCalled();
    }
  });
});

describe('runStart with the Electron runtime', () => {
  it('launches Electron on the project with --data-dir (absolute) and extra switches, never --port', async () => {
    fakeElectron();
    writeNative('150');
    const { d, out } = deps({ env: { ELECTRON_RUN_AS_NODE: '1', POS_DATA_DIR: '/x' } });
    const code = await runStart(['--data-dir', 'shop-a', '--port', '4321', '--', '--enable-logging'], d);

    expect(code).toBe(0);
    expect(out).toEqual([]);
    expect(d.buildNative).not.toHaveBeenCalled();
    expect(d.serve).not.toHaveBeenCalled();
    const [executable, args, env] = vi.mocked(d.launch).mock.calls[0]!;
    expect(executable).toBe(path.join(electronDir(), 'dist', 'electron'));
    expect(args).toEqual([root, '--data-dir', path.resolve('shop-a'), '--enable-logging']);
    expect(env.ELECTRON_RUN_AS_NODE).toBeUndefined();
    expect(env.POS_DATA_DIR).toBe('/x');
  });

  it('builds the Electron better-sqlite3 first when it is missing or for another ABI', async () => {
    fakeElectron();
    writeNative('115');
    const buildNative = vi.fn(() => {
      writeNative('150');
      return 0;
    });
    const { d } = deps({ buildNative });
    expect(await runStart([], d)).toBe(0);
    expect(buildNative).toHaveBeenCalledWith(root);
    expect(d.launch).toHaveBeenCalledTimes(1);
  });

  it('stops with the way out when the native build fails, without launching', async () => {
    fakeElectron();
    const { d, err } = deps({ buildNative: vi.fn(() => 1) });
    expect(await runStart([], d)).toBe(1);
    expect(err.join('\n')).toContain('npm run native:electron');
    expect(err.join('\n')).toContain('npm run start:web');
    expect(d.launch).not.toHaveBeenCalled();
  });

  it('does not trust a build script that exits 0 but leaves the wrong ABI behind', async () => {
    fakeElectron();
    const { d } = deps({
      buildNative: vi.fn(() => {
        writeNative('115'); // the @electron/rebuild trap: "success", Node's ABI
        return 0;
      }),
    });
    expect(await runStart([], d)).toBe(1);
    expect(d.launch).not.toHaveBeenCalled();
  });
});
