import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core, type CoreOptions } from '../core/app.js';
import { DB_FILE_NAME } from '../core/db/open.js';
import { describeStartFailure } from '../core/backup/start-failure.js';
import { resolveBackupFile, restoreDataDir } from '../core/backup/restore-offline.js';
import { exportAll } from '../core/backup/export-all.js';
import { exportFileName } from '../core/backup/handlers.js';
import { DomainError } from '../core/lib/domain-error.js';

/** A shop that did not open, explained in one line with the way out (printed by the CLI and the browser host). */
export class StartFailureLine extends Error {}

/** Opens the shop, or throws a StartFailureLine that says why not and what to do. */
export function openCoreOrExplain(options: CoreOptions): Core;
export function openCoreOrExplain<T>(options: CoreOptions, make: (o: CoreOptions) => T): T;
export function openCoreOrExplain(options: CoreOptions, make: (o: CoreOptions) => unknown = createCore): unknown {
  try {
    return make(options);
  } catch (err) {
    const failure = describeStartFailure(err, { dataDir: options.dataDir, dbFile: path.join(options.dataDir, DB_FILE_NAME), isPackaged: false, nativeBindingPath: '' });
    throw new StartFailureLine(failure.line);
  }
}

const counts = (c: Record<string, number>) => ['sales', 'members', 'products', 'points_ledger', 'stored_value_ledger', 'complaints']
  .filter((k) => k in c).map((k) => `${k} ${c[k]}`).join(', ');

/** `npm run pos -- backup`: one verified backup now (also copied to the second folder when set). */
export async function backupCommand(dataDir: string, log = console.log): Promise<number> {
  const core = openCoreOrExplain({ dataDir, autoBackup: false });
  try {
    const r = await core.services.backups.run('manual');
    log(`backup: ${path.join(core.services.backups.primaryDir, r.backup.name)} (integrity ok; ${counts(r.backup.counts)})`);
    if (r.extra) log(r.extra.ok ? `  copied to ${r.extra.dir}` : `  NOT copied to ${r.extra.dir}: ${r.extra.error}`);
    if (r.removed.length) log(`  rotated away: ${r.removed.join(', ')}`);
    return r.extra && !r.extra.ok ? 1 : 0;
  } finally {
    await core.shutdown();
  }
}

/** `npm run pos -- restore FILE`: says what the backup holds, keeps the current data, restores. */
export async function restoreCommand(dataDir: string, given: string, log = console.log, error = console.error): Promise<number> {
  const file = resolveBackupFile(dataDir, given);
  if (!file) {
    error(`restore: no backup file "${given}" (give a path, or the name of a backup in ${path.join(dataDir, 'backups')})`);
    return 2;
  }
  try {
    const r = await restoreDataDir(dataDir, file);
    log(`restored ${r.file}${r.createdAt ? ` (taken ${r.createdAt})` : ''}`);
    log(`  holds: ${counts(r.facts.counts)}; last sale ${r.facts.lastSale ? `${r.facts.lastSale.receiptNo} at ${r.facts.lastSale.soldAt}` : 'none'}`);
    if (r.safetyBackup) log(`  the data it replaced is kept in backups/${r.safetyBackup}`);
    if (r.movedAside) log(`  the unreadable shop file was moved to ${r.movedAside}`);
    log('Start Counter POS and sign in again.');
    return 0;
  } catch (err) {
    if (err instanceof DomainError && err.error.messageKey === 'errors.shop_open') {
      const d = err.error.details as { pid: number; since: string };
      error(`restore: Counter POS has this shop open (process ${d.pid}, since ${d.since}); close it, then restore again. Nothing was changed.`);
      return 1;
    }
    if (err instanceof DomainError) {
      error(`restore: ${path.basename(file)} cannot be restored (${err.error.messageKey}${err.error.details ? ` ${JSON.stringify(err.error.details)}` : ''}); nothing was changed.`);
      return 1;
    }
    throw err;
  }
}

/** `npm run pos -- export all DIR`: everything as one zip of CSV files. */
export function exportAllCommand(dataDir: string, outDir: string, log = console.log): number {
  const core = openCoreOrExplain({ dataDir, autoBackup: false });
  try {
    const { zip, files } = exportAll({ db: core.db, products: () => core.services.catalogue.exportCsv(), members: () => core.services.membersCsv.exportCsv() });
    fs.mkdirSync(outDir, { recursive: true });
    const out = path.join(outDir, exportFileName(core.services.clock.now()));
    fs.writeFileSync(out, zip);
    core.services.audit.record({ staffId: null, action: 'data.exportAll', details: { files, by: 'cli' } });
    log(`exported to ${out}: ${files.map((f) => `${f.name} ${f.rows}`).join(', ')}`);
    return 0;
  } finally {
    core.close();
  }
}
