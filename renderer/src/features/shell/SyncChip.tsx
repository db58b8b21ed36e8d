import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/contract/sync.js';
import { invoke } from '../../api/client.js';
import { usePosEvent } from '../../hooks/usePosEvent.js';

export const SYNC_POLL_MS = 5_000;

/**
 * 在线 / 离线 · N 笔待同步 / 异常 N, for everyone at the till — shown only in a shop with a
 * server (a single till looks exactly as before). Polled, and updated at once where the core
 * pushes its changes.
 */
export function SyncChip() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let cancelled = false;
    const poll = async () => {
      const r = await invoke('sync.status', {}, { quiet: true });
      if (!cancelled && r.ok) setStatus(r.value);
    };
    void poll();
    const timer = setInterval(() => void poll(), SYNC_POLL_MS);
    return () => { cancelled = true; clearInterval(timer); };
  }, []);
  // Checked on arrival by api/events.ts, like every pushed event.
  usePosEvent('sync.status', (e) => setStatus(e.status));
  if (!status?.paired) return null;
  const state = status.exceptions > 0 ? 'trouble' : status.online ? 'online' : 'offline';
  return (
    <span className={`sync-chip sync-${state}`} role="status" aria-label={t('sync.chip.label')}
      title={status.branch ? `${status.branch.code} · ${status.branch.name} · ${status.tillCode}` : undefined}>
      <span className="device-dot" aria-hidden="true" />
      {status.online ? t('sync.chip.online') : t('sync.chip.offline')}
      {status.backlog > 0 ? ` · ${t('sync.chip.backlog', { count: status.backlog })}` : ''}
      {status.exceptions > 0 ? ` · ${t('sync.chip.exceptions', { count: status.exceptions })}` : ''}
    </span>
  );
}
