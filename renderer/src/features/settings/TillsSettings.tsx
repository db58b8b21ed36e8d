import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncException, SyncStatus } from '../../../../shared/contract/sync.js';
import { invoke } from '../../api/client.js';
import { useSession } from '../../stores/session.js';
import { notifySuccess } from '../../stores/notices.js';
import { PairServerForm } from '../pairing/PairServerForm.js';
import { OfflineCaps } from './OfflineCaps.js';

/**
 * Settings › 多收银台: this till's link to the shop server, joining one with the address and
 * the one-time code the server shows (owner), and the exceptions a manager must look at.
 */
export function TillsSettings() {
  const { t } = useTranslation();
  const role = useSession((s) => s.staff?.role ?? 'cashier');
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [exceptions, setExceptions] = useState<SyncException[]>([]);

  const load = useCallback(async () => {
    const s = await invoke('sync.status', {});
    if (s.ok) setStatus(s.value);
    const e = await invoke('sync.exceptions', {}, { quiet: true });
    if (e.ok) setExceptions(e.value.items);
  }, []);
  useEffect(() => { void load(); }, [load]);

  const paired = (s: SyncStatus) => {
    setStatus(s);
    notifySuccess('settings.tills.paired', { code: s.tillCode });
  };

  const resolve = async (id: number) => {
    const r = await invoke('sync.resolveException', { id });
    if (r.ok) void load();
  };

  if (!status) return <p role="status">{t('common.loading')}</p>;
  return (
    <section aria-labelledby="tills-title" className="settings-block">
      <h2 id="tills-title">{t('settings.tab.tills')}</h2>
      {status.paired ? (
        <dl className="facts">
          <dt>{t('settings.tills.till')}</dt>
          <dd>{status.tillCode} · {status.tillName}</dd>
          {status.branch ? (
            <>
              <dt>{t('settings.tills.branch')}</dt>
              <dd>
                {status.branch.code} · {status.branch.name}
                {status.branch.headOffice ? ` · ${t('settings.tills.headOffice')}` : ''}
                {!status.branch.headOffice && status.branch.allowLocalProducts ? ` · ${t('settings.tills.localProducts')}` : ''}
              </dd>
            </>
          ) : null}
          <dt>{t('settings.tills.server')}</dt>
          <dd className="mono">{status.serverUrl}</dd>
          <dt>{t('settings.tills.link')}</dt>
          <dd>{status.online ? t('sync.chip.online') : t('sync.chip.offline')}</dd>
          <dt>{t('settings.tills.backlog')}</dt>
          <dd>{status.backlog}</dd>
          <dt>{t('settings.tills.lastContact')}</dt>
          <dd>{status.lastContact ?? '—'}</dd>
        </dl>
      ) : (
        <>
          <p>{t('settings.tills.single')}</p>
          {role === 'owner' ? (
            <PairServerForm onPaired={paired} />
          ) : null}
        </>
      )}
      {status.paired ? (
        <>
          <OfflineCaps />
          <h3>{t('settings.tills.exceptions')}</h3>
          {exceptions.length === 0 ? <p>{t('settings.tills.noExceptions')}</p> : (
            <table aria-label={t('settings.tills.exceptions')}>
              <thead><tr><th>{t('settings.tills.at')}</th><th>{t('settings.tills.kind')}</th><th>{t('settings.tills.reason')}</th><th /></tr></thead>
              <tbody>
                {exceptions.map((x) => (
                  <tr key={x.id}>
                    <td>{x.at}</td>
                    <td>{t(`settings.tills.kinds.${x.kind}`)}</td>
                    <td>{t(`settings.tills.reasons.${x.reason}`, { defaultValue: x.table ? `${x.table}: ${x.reason}` : x.reason })}</td>
                    <td><button type="button" className="btn" onClick={() => void resolve(x.id)}>{t('settings.tills.resolve')}</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </section>
  );
}
