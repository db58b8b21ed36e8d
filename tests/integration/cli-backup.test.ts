import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync, strFromU8 } from 'fflate';
import { createCore } from '../../electron/core/app.js';
import { listBackups } from '../../electron/core/backup/backup-file.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/** `npm run pos -- backup | restore | export all`, run as real processes on a real shop. */
const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const pos = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', ...args], { cwd: root });
const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

describe('the backup commands', () => {
  it('backs up, exports everything, and restores a backup by name over a sound shop (keeping a safety backup)', async () => {
    const dataDir = path.join(tmp.dir, 'shop');
    const core = createCore({ dataDir, autoBackup: false, logger: { error: () => {} } });
    const setup = await core.dispatcher.call('shop.setup', { shopName: '命令行小店', receiptHeader: '', locale: 'zh-CN', owner: { name: '老板', pin: '1234' } });
    expect(setup.ok).toBe(true);
    await core.shutdown();

    const backup = await pos('backup', '--data-dir', dataDir);
    expect(backup.stdout).toMatch(/^backup: .*shop-\d{8}-\d{6}-manual\.sqlite \(integrity ok; sales 0, members 0, products 0/);
    const [taken] = listBackups(path.join(dataDir, 'backups'));
    expect(taken?.manifest?.integrity).toBe('ok');

    // A change after the backup, then the export and the restore.
    const again = createCore({ dataDir, autoBackup: false, logger: { error: () => {} } });
    again.services.settings.set('shop', { ...again.services.shop.settings(), shopName: '改过的名字' });
    expect(again.services.shop.settings().shopName).toBe('改过的名字');
    again.close();

    const out = path.join(tmp.dir, 'export');
    const exported = await pos('export', 'all', out, '--data-dir', dataDir);
    expect(exported.stdout).toMatch(/exported to .*counter-pos-export-\d{8}-\d{4}\.zip: products\.csv 0, members\.csv 0/);
    const [zip] = fs.readdirSync(out);
    expect(Object.keys(unzipSync(fs.readFileSync(path.join(out, zip!))))).toContain('sales.csv');
    expect(strFromU8(unzipSync(fs.readFileSync(path.join(out, zip!)))['products.csv']!)).toBe('sku,barcode,name,category,price,points_rule\n');

    const restored = await pos('restore', taken!.name, '--data-dir', dataDir);
    expect(restored.stdout).toContain(`restored ${taken!.file}`);
    expect(restored.stdout).toMatch(/the data it replaced is kept in backups\/shop-\d{8}-\d{6}(-\d+)?-pre-restore\.sqlite/);
    const after = createCore({ dataDir, autoBackup: false, logger: { error: () => {} } });
    expect(after.services.shop.settings().shopName).toBe('命令行小店');
    expect(after.db.prepare("SELECT details FROM audit_log WHERE action = 'backup.restore'").pluck().get()).toContain('"by":"cli"');
    after.close();

    await expect(pos('restore', 'no-such-backup.sqlite', '--data-dir', dataDir)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('no backup file') });
  }, 60_000);

  it('refuses to restore under a shop that is open, and ignores the mark a crashed process left', async () => {
    const dataDir = path.join(tmp.dir, 'open-shop');
    const open = createCore({ dataDir, autoBackup: false, logger: { error: () => {} } });
    await open.dispatcher.call('shop.setup', { shopName: '开着的店', receiptHeader: '', locale: 'zh-CN', owner: { name: '老板', pin: '1234' } });
    const backup = await pos('backup', '--data-dir', dataDir);
    const name = /shop-\d{8}-\d{6}(-\d+)?-manual\.sqlite/.exec(backup.stdout)![0];
    open.services.settings.set('shop', { ...open.services.shop.settings(), shopName: '营业中改的名字' });

    await expect(pos('restore', name, '--data-dir', dataDir)).rejects.toMatchObject({
      code: 1, stderr: expect.stringContaining(`Counter POS has this shop open (process ${process.pid}`),
    });
    expect(open.services.shop.settings().shopName).toBe('营业中改的名字');
    expect(listBackups(path.join(dataDir, 'backups')).map((b) => b.name)).toEqual([name]); // no safety backup either: nothing began
    await open.shutdown();
    expect(fs.existsSync(path.join(dataDir, 'in-use.json'))).toBe(false);

    // A till that was killed leaves its mark; its process is gone, so the restore goes ahead.
    const gone = await run(process.execPath, ['-e', 'console.log(process.pid)']);
    fs.writeFileSync(path.join(dataDir, 'in-use.json'), JSON.stringify({ pid: Number(gone.stdout.trim()), since: '2026-01-01T09:00:00' }));
    const restored = await pos('restore', name, '--data-dir', dataDir);
    expect(restored.stdout).toContain('restored');
  }, 60_000);
});
