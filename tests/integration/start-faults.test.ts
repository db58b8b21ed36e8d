import { afterAll, describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createCore } from '../../electron/core/app.js';
import { DB_FILE_NAME } from '../../electron/core/db/open.js';
import { describeStartFailure } from '../../electron/main/startup.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/**
 * A shop that cannot open says why and how to get out (restore a backup) — in the Electron
 * dialog (describeStartFailure) and in one line from the CLI and browser host — and never
 * opens a new empty shop in its place. Each fault is made for real where this machine
 * allows it: a tmpfs that is full, a read-only bind mount (root ignores chmod), a folder made
 * immutable with chattr; where none is possible the test says so and is skipped.
 */
const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const cleanups: Array<() => void> = [];
afterAll(() => { for (const c of cleanups.splice(0).reverse()) { try { c(); } catch { /* best effort */ } } });

const isRoot = process.getuid?.() === 0;
function can(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}
const probeDir = makeTempDir('pos-probe-');
cleanups.push(() => probeDir.cleanup());
const canMount = isRoot && (() => {
  const ok = can('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probeDir.dir]);
  if (ok) spawnSync('umount', [probeDir.dir]);
  return ok;
})();
const canChattr = (() => {
  const f = path.join(probeDir.dir, 'chattr-probe');
  fs.writeFileSync(f, 'x');
  const ok = can('chattr', ['+i', f]);
  if (ok) spawnSync('chattr', ['-i', f]);
  return ok;
})();

/** A real shop with one backup, closed. */
async function shopIn(dir: string) {
  const core = createCore({ dataDir: dir, autoBackup: false, logger: { error: () => {} } });
  const setup = await core.dispatcher.call('shop.setup', { shopName: '测试小店', receiptHeader: '', locale: 'zh-CN', owner: { name: '老板', pin: '1234' } });
  expect(setup.ok).toBe(true);
  const backup = await core.services.backups.run('manual');
  await core.shutdown();
  return { dbFile: path.join(dir, DB_FILE_NAME), backup: path.join(dir, 'backups', backup.backup.name) };
}

function startError(dataDir: string): unknown {
  try {
    createCore({ dataDir, autoBackup: false, logger: { error: () => {} } }).close();
  } catch (err) {
    return err;
  }
  return null;
}

/** The CLI's answer: exit code and stderr, from a real process. */
async function cli(dataDir: string): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', 'backup', '--data-dir', dataDir], { cwd: root });
    return { code: 0, stderr: '' };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

function expectExplained(err: unknown, dataDir: string, what: RegExp) {
  expect(err).not.toBeNull();
  const failure = describeStartFailure(err, { dataDir, dbFile: path.join(dataDir, DB_FILE_NAME), isPackaged: true, nativeBindingPath: '' });
  expect(failure.message).toMatch(what);
  expect(failure.message).toContain('Nothing was changed');
  expect(failure.message).toMatch(/npm run pos -- restore/);
  expect(failure.line).not.toContain('\n');
  return failure;
}

async function expectCliLine(dataDir: string, what: RegExp) {
  const { code, stderr } = await cli(dataDir);
  expect(code).toBe(1);
  const lines = stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(what);
  expect(lines[0]).toContain('npm run pos -- restore');
}

describe('a shop that cannot open', () => {
  it('a damaged file: refused, untouched, restore named; the CLI restores it and the shop opens again', async () => {
    const tmp = makeTempDir();
    cleanups.push(() => tmp.cleanup());
    const { dbFile, backup } = await shopIn(tmp.dir);
    for (const f of [`${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
    // Keep the first page's size but scramble the header: SQLite calls it "not a database".
    const bytes = fs.readFileSync(dbFile);
    bytes.fill(0x5a, 0, 100);
    fs.writeFileSync(dbFile, bytes);

    expectExplained(startError(tmp.dir), tmp.dir, /damaged/);
    expect(fs.readFileSync(dbFile).equals(bytes)).toBe(true);
    await expectCliLine(tmp.dir, /damaged/);

    const restored = await run(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', 'restore', backup, '--data-dir', tmp.dir], { cwd: root });
    expect(restored.stdout).toMatch(/restored .*shop-.*-manual\.sqlite/);
    expect(restored.stdout).toMatch(/moved to .*damaged-/);
    const core = createCore({ dataDir: tmp.dir, autoBackup: false });
    expect(core.services.shop.isSetUp()).toBe(true);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    core.close();
  }, 30_000);

  it('an unreadable file: refused with the way out', async () => {
    const tmp = makeTempDir();
    cleanups.push(() => tmp.cleanup());
    const { dbFile } = await shopIn(tmp.dir);
    if (isRoot) {
      // chmod does not stop root: an unreadable path it is — something that is not a file.
      for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
      fs.mkdirSync(dbFile);
    } else {
      fs.chmodSync(dbFile, 0o000);
      cleanups.push(() => fs.chmodSync(dbFile, 0o600));
    }
    expectExplained(startError(tmp.dir), tmp.dir, /cannot be read or written/);
    await expectCliLine(tmp.dir, /cannot be read or written/);
  }, 30_000);

  it('a shop file gone from a folder that held a shop: no new empty shop in its place', async () => {
    const tmp = makeTempDir();
    cleanups.push(() => tmp.cleanup());
    const { dbFile } = await shopIn(tmp.dir);
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
    expectExplained(startError(tmp.dir), tmp.dir, /missing.*will not start an empty shop/);
    expect(fs.existsSync(dbFile)).toBe(false);
    await expectCliLine(tmp.dir, /missing/);
    expect(fs.existsSync(dbFile)).toBe(false);
  }, 30_000);

  it.skipIf(!canMount)('a full disk (a real, full tmpfs): refused with the way out, the shop file unchanged', async () => {
    const mnt = makeTempDir('pos-full-');
    cleanups.push(() => mnt.cleanup());
    expect(can('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mnt.dir])).toBe(true);
    cleanups.push(() => spawnSync('umount', [mnt.dir]));
    const dataDir = path.join(mnt.dir, 'shop');
    const { dbFile } = await shopIn(dataDir);
    const before = fs.readFileSync(dbFile);
    try { fs.writeFileSync(path.join(mnt.dir, 'filler'), Buffer.alloc(32 * 1024 * 1024)); } catch { /* ENOSPC: the disk is full now */ }

    const failure = expectExplained(startError(dataDir), dataDir, /is full/);
    expect(failure.message).toContain('Free some space');
    expect(fs.readFileSync(dbFile).equals(before)).toBe(true);
    await expectCliLine(dataDir, /is full/);
  }, 30_000);

  it.skipIf(!canMount && !canChattr && isRoot)('a read-only folder: refused with the way out', async () => {
    const tmp = makeTempDir();
    cleanups.push(() => tmp.cleanup());
    const dataDir = path.join(tmp.dir, 'shop');
    const { dbFile } = await shopIn(dataDir);
    const before = fs.readFileSync(dbFile);
    if (canMount) {
      // A read-only bind mount of the folder: what a write-protected drive looks like.
      expect(can('mount', ['--bind', dataDir, dataDir])).toBe(true);
      cleanups.push(() => spawnSync('umount', [dataDir]));
      expect(can('mount', ['-o', 'remount,ro,bind', dataDir])).toBe(true);
    } else if (canChattr) {
      expect(can('chattr', ['+i', dataDir])).toBe(true);
      cleanups.push(() => spawnSync('chattr', ['-i', dataDir]));
    } else {
      fs.chmodSync(dataDir, 0o555);
      cleanups.push(() => fs.chmodSync(dataDir, 0o755));
    }
    expect(() => fs.writeFileSync(path.join(dataDir, 'x'), 'x')).toThrow(); // the fault is real

    expectExplained(startError(dataDir), dataDir, /cannot be read or written/);
    expect(fs.readFileSync(dbFile).equals(before)).toBe(true);
    await expectCliLine(dataDir, /cannot be read or written/);
  }, 30_000);
});
