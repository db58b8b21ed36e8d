import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../core/app.js';
import { DB_FILE_NAME, DatabaseTooNewError, NativeModuleError } from '../core/db/open.js';
import { dataDirFlag, describeStartFailure, resolveLaunchOptions, type LaunchContext } from './startup.js';

vi.mock('electron', () => {
  throw new Error('startup.ts must not load electron at runtime');
});

const context = (over: Partial<LaunchContext> = {}): LaunchContext => ({
  argv: ['/project'],
  env: {},
  userDataDir: '/home/u/.config/Counter POS',
  isPackaged: false,
  appPath: '/project',
  resourcesPath: '/opt/counter-pos/resources',
  exists: () => false,
  ...over,
});

describe('resolveLaunchOptions', () => {
  it('takes --data-dir, then POS_DATA_DIR, then userData', () => {
    expect(resolveLaunchOptions(context({ argv: ['/project', '--data-dir', '/shops/a'], env: { POS_DATA_DIR: '/shops/b' } })).dataDir).toBe(path.resolve('/shops/a'));
    expect(resolveLaunchOptions(context({ argv: ['/project', '--data-dir=/shops/c'] })).dataDir).toBe(path.resolve('/shops/c'));
    expect(resolveLaunchOptions(context({ env: { POS_DATA_DIR: '/shops/b' } })).dataDir).toBe(path.resolve('/shops/b'));
    expect(resolveLaunchOptions(context({ env: { POS_DATA_DIR: '' } })).dataDir).toBe(path.resolve('/home/u/.config/Counter POS'));
  });

  it('tolerates Electron and Chromium switches around the flag', () => {
    expect(dataDirFlag(['.', '--no-sandbox', '--data-dir', 'shop', '--enable-logging'])).toBe('shop');
    expect(dataDirFlag(['--inspect=9229'])).toBeUndefined();
    expect(dataDirFlag(['--data-dir'])).toBeUndefined();
  });

  it('uses the Electron build of better-sqlite3 when it exists: native/electron in development, resources/ when packaged', () => {
    const dev = resolveLaunchOptions(context({ exists: (f) => f === path.join('/project', 'native', 'electron', 'better_sqlite3.node') }));
    expect(dev.nativeBinding).toBe(path.join('/project', 'native', 'electron', 'better_sqlite3.node'));

    const packaged = resolveLaunchOptions(context({ isPackaged: true, appPath: '/opt/counter-pos/resources/app.asar', exists: () => true }));
    expect(packaged.nativeBinding).toBe(path.join('/opt/counter-pos/resources', 'better_sqlite3.node'));

    const missing = resolveLaunchOptions(context());
    expect(missing.nativeBinding).toBeUndefined();
    expect(missing.nativeBindingPath).toBe(path.join('/project', 'native', 'electron', 'better_sqlite3.node'));
  });
});

describe('describeStartFailure', () => {
  const ctx = { dataDir: '/shops/a', dbFile: `/shops/a/${DB_FILE_NAME}`, isPackaged: false, nativeBindingPath: '/project/native/electron/better_sqlite3.node' };

  it('names the command for a native module mismatch in development, reinstalling when packaged', () => {
    const err = new NativeModuleError('better-sqlite3 does not match');
    expect(describeStartFailure(err, ctx).message).toContain('npm run native:electron');
    expect(describeStartFailure(err, { ...ctx, isPackaged: true }).message).toContain('Reinstall');
  });

  it('asks for the newer app when the shop is newer', () => {
    const failure = describeStartFailure(new DatabaseTooNewError(9, 3), ctx);
    expect(failure.message).toContain('newer version');
    expect(failure.message).toContain('Nothing was changed');
  });

  it('explains folder problems and unknown errors, always with the details', () => {
    const eacces = Object.assign(new Error('permission denied'), { code: 'EACCES' });
    expect(describeStartFailure(eacces, ctx).message).toContain('--data-dir');
    expect(describeStartFailure(eacces, ctx).message).toContain('Details: permission denied');
    expect(describeStartFailure('weird', ctx).message).toContain('Details: weird');
  });

  describe('with a damaged shop file', () => {
    let dir: string | null = null;
    afterEach(() => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = null;
    });

    it('the core refuses it, the file is left as it was, and the message points to a backup', () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-startup-'));
      const file = path.join(dir, DB_FILE_NAME);
      const garbage = Buffer.from('this is not a database, but it is somebody\'s shop '.repeat(200));
      fs.writeFileSync(file, garbage);

      let thrown: unknown = null;
      try {
        createCore({ dataDir: dir }).close();
      } catch (err) {
        thrown = err;
      }
      expect(thrown).not.toBeNull();
      expect(fs.readFileSync(file).equals(garbage)).toBe(true);

      const failure = describeStartFailure(thrown, { ...ctx, dataDir: dir, dbFile: file });
      expect(failure.message).toContain('damaged');
      expect(failure.message).toContain('backup');
      expect(failure.message).toContain('Nothing was changed');
    });
  });
});
