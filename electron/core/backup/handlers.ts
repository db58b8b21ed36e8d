import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../lib/clock.js';
import type { Backups } from './backups.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** `counter-pos-export-20261123-1919.zip` */
export function exportFileName(now: Date): string {
  return `counter-pos-export-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.zip`;
}

export function backupHandlers(d: {
  backups: Backups;
  audit: AuditLog;
  clock: Clock;
  exportAll: () => { zip: Uint8Array; files: Array<{ name: string; rows: number }> };
}): PartialHandlers<'backup.list' | 'backup.inspect' | 'backup.run' | 'backup.restore' | 'backup.settings' | 'backup.setSettings' | 'backup.exportAll'> {
  return {
    'backup.list': () => d.backups.list(),
    'backup.inspect': (q) => d.backups.inspect(q.location, q.name),
    'backup.run': async (_q, ctx) => {
      const r = await d.backups.run('manual');
      d.audit.record({ staffId: ctx.session!.staffId, action: 'backup.run', entity: 'backup', entityId: r.backup.name, details: { counts: r.backup.counts, extra: r.extra, removed: r.removed } });
      const { appVersion: _v, integrity: _i, schemaVersion: _s, ...backup } = r.backup;
      return { backup, extra: r.extra, removed: r.removed };
    },
    'backup.restore': (q, ctx) => d.backups.restore(q.location, q.name, { staffId: ctx.session!.staffId, name: ctx.session!.name }),
    'backup.settings': () => d.backups.settings(),
    'backup.setSettings': (q, ctx) => d.backups.setSettings({ extraDir: q.extraDir }, ctx.session!.staffId),
    'backup.exportAll': (_q, ctx) => {
      const { zip, files } = d.exportAll();
      d.audit.record({ staffId: ctx.session!.staffId, action: 'data.exportAll', details: { files } });
      return { fileName: exportFileName(d.clock.now()), zipBase64: Buffer.from(zip).toString('base64'), files };
    },
  };
}
