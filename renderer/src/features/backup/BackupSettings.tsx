import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/contract/index.js';
import type { BackupItem } from '../../../../shared/contract/backup.js';
import { invoke } from '../../api/client.js';
import { formatDateTime } from '../../i18n/format.js';
import { notifySuccess } from '../../stores/notices.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { RestoreDialog } from './RestoreDialog.js';
import { formatBytes } from './download.js';
import { downloadBase64 } from '../../components/download.js';
import './backup.css';

type Listing = Output<'backup.list'>;

/**
 * Settings → 数据备份 (owner): the backups the till keeps by itself, a backup on demand, the
 * second folder (a USB drive), restoring a backup (inspect first, safety backup, sign-out),
 * and exporting everything as a zip of CSV files.
 */
export function BackupSettings() {
  const { t, i18n } = useTranslation();
  const [listing, setListing] = useState<Listing | null>(null);
  const [running, setRunning] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [extraDir, setExtraDir] = useState('');
  const [savingExtra, setSavingExtra] = useState(false);
  const [inspect, setInspect] = useState<BackupItem | null>(null);

  const load = useCallback(async () => {
    const r = await invoke('backup.list', {});
    if (r.ok) setListing(r.value);
  }, []);
  useEffect(() => {
    void load();
    void invoke('backup.settings', {}).then((r) => {
      if (r.ok) setExtraDir(r.value.extraDir ?? '');
    });
  }, [load]);

  const runNow = async () => {
    if (running) return;
    setRunning(true);
    const r = await invoke('backup.run', {});
    setRunning(false);
    if (!r.ok) return;
    if (r.value.extra && !r.value.extra.ok) notifySuccess('backup.doneExtraFailed', { error: r.value.extra.error ?? '' });
    else notifySuccess('backup.done', { name: r.value.backup.name });
    await load();
  };

  const saveExtra = async (e: FormEvent) => {
    e.preventDefault();
    if (savingExtra) return;
    setSavingExtra(true);
    const r = await invoke('backup.setSettings', { extraDir: extraDir.trim() === '' ? null : extraDir.trim() });
    setSavingExtra(false);
    if (!r.ok) return;
    setExtraDir(r.value.extraDir ?? '');
    notifySuccess('backup.extraSaved');
    await load();
  };

  const exportAll = async () => {
    if (exporting) return;
    setExporting(true);
    const r = await invoke('backup.exportAll', {});
    setExporting(false);
    if (!r.ok) return;
    downloadBase64(r.value.zipBase64, r.value.fileName, 'application/zip');
    notifySuccess('backup.exported', { file: r.value.fileName });
  };

  const count = (item: BackupItem, key: string) => (key in item.counts ? String(item.counts[key]) : '–');

  return (
    <div className="backup-settings">
      <section className="settings-block" aria-labelledby="backup-title">
        <h2 id="backup-title">{t('backup.title')}</h2>
        <p className="muted">{t('backup.intro')}</p>
        {listing ? (
          <dl className="facts">
            {listing.folders.map((f) => (
              <div key={f.location} className="facts-row">
                <dt>{t(`backup.${f.location}`)}</dt>
                <dd className="mono">
                  {f.dir}
                  {f.available ? null : <span className="badge badge-warn">{t('backup.unavailable')}</span>}
                </dd>
              </div>
            ))}
            <div className="facts-row">
              <dt>{t('backup.lastDailyLabel')}</dt>
              <dd>{listing.lastDaily ?? t('backup.never')}</dd>
            </div>
          </dl>
        ) : null}
        <button type="button" className="btn btn-primary" onClick={() => void runNow()} aria-disabled={running} aria-busy={running}>
          {running ? t('backup.running') : t('backup.runNow')}
        </button>
      </section>

      <section className="settings-block" aria-labelledby="backup-extra-title">
        <h2 id="backup-extra-title">{t('backup.extraTitle')}</h2>
        <form noValidate onSubmit={(e) => void saveExtra(e)} aria-labelledby="backup-extra-title">
          <div className="field">
            <label htmlFor="backup-extra-dir">{t('backup.extraLabel')}</label>
            <div className="backup-extra">
              <input id="backup-extra-dir" type="text" className="mono" value={extraDir} onChange={(e) => setExtraDir(e.target.value)} aria-describedby="backup-extra-hint" spellCheck={false} />
              <SubmitButton busy={savingExtra} className="btn btn-outline">
                {t('backup.extraSave')}
              </SubmitButton>
            </div>
            <p id="backup-extra-hint" className="small muted">{t('backup.extraHint')}</p>
          </div>
        </form>
      </section>

      <section className="settings-block" aria-labelledby="backup-list-title">
        <h2 id="backup-list-title">{t('backup.list')}</h2>
        <div className="table-wrap">
          <table className="table" aria-labelledby="backup-list-title">
            <thead>
              <tr>
                <th scope="col">{t('backup.col.createdAt')}</th>
                <th scope="col">{t('backup.col.reason')}</th>
                <th scope="col">{t('backup.col.location')}</th>
                <th scope="col">{t('backup.col.lastSale')}</th>
                <th scope="col">{t('backup.col.sales')}</th>
                <th scope="col">{t('backup.col.members')}</th>
                <th scope="col">{t('backup.col.size')}</th>
                <th scope="col">{t('backup.col.verified')}</th>
                <th scope="col">{t('backup.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {listing === null ? (
                <tr>
                  <td colSpan={9} role="status">
                    {t('common.loading')}
                  </td>
                </tr>
              ) : listing.items.length === 0 ? (
                <tr>
                  <td colSpan={9}>{t('backup.empty')}</td>
                </tr>
              ) : (
                listing.items.map((item) => (
                  <tr key={`${item.location}/${item.name}`}>
                    <th scope="row" className="nowrap" title={item.name}>
                      {formatDateTime(item.createdAt, i18n.language, true)}
                    </th>
                    <td>{t(`backup.reason.${item.reason}`)}</td>
                    <td>{t(`backup.${item.location}`)}</td>
                    <td className="nowrap">{item.lastSale ? `${item.lastSale.receiptNo}` : t('backup.none')}</td>
                    <td className="num">{count(item, 'sales')}</td>
                    <td className="num">{count(item, 'members')}</td>
                    <td className="num nowrap">{formatBytes(item.bytes)}</td>
                    <td className="nowrap">
                      <span className={item.verified ? 'badge badge-ok' : 'badge badge-warn'}>{item.verified ? t('backup.verifiedOk') : t('backup.notVerified')}</span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-outline btn-sm"
                        aria-label={t('backup.inspectOf', { name: formatDateTime(item.createdAt, i18n.language, true) })}
                        onClick={() => setInspect(item)}
                      >
                        {t('backup.inspect')}
                      </button>
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section className="settings-block" aria-labelledby="backup-export-title">
        <h2 id="backup-export-title">{t('backup.exportTitle')}</h2>
        <p className="muted">{t('backup.exportIntro')}</p>
        <button type="button" className="btn btn-outline" onClick={() => void exportAll()} aria-disabled={exporting} aria-busy={exporting}>
          {exporting ? t('backup.exporting') : t('backup.export')}
        </button>
      </section>

      {inspect ? <RestoreDialog item={inspect} onClose={() => setInspect(null)} /> : null}
    </div>
  );
}
