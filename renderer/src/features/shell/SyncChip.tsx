import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/contract/sync.js';
import { getTransport, invoke } from '../../api/client.js';

export const SYNC_POLL_MS = 5_000;

/** A pushed `sync.status` event, checked before use. */
function statusFrom(payload: unknown): SyncStatus | null {
  const s = (payload as { status?: Partial<SyncStatus> } | null)?.status;
  return s && typeof s.paired === 'boolean' && typeof s.online === 'boolean' && typeof s.backlog === 'number' && typeof s.exceptions === 'number' ? (s as SyncStatus) : null;
}

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
    const off = getTransport()?.on('sync.status', (payload) => {
      const s = statusFrom(payload);
      if (s && !cancelled) setStatus(s);
    });
    return () => { cancelled = true; clearInterval(timer); off?.(); };
  }, []);
  if (!status?.paired) return null;
  const state = status.exceptions > 0 ? 'trouble' : status.online ? 'online' : 'offline';
  return (
    <span className={`sync-chip sync-${state}`} role="status" aria-label={t('sync.chip.label')}>
      <span className="device-dot" aria-hidden="true" />
      {status.online ? t('sync.chip.online') : t('sync.chip.offline')}
      {status.backlog > 0 ? ` · ${t('sync.chip.backlog', { count: status.backlog })}` : ''}
      {status.exceptions > 0 ? ` · ${t('sync.chip.exceptions', { count: status.exceptions })}` : ''}
    </span>
  );
}
