import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceState } from '../../../../shared/contract/system.js';
import type { StaffSummary } from '../../../../shared/contract/staff.js';
import { getTransport, invoke } from '../../api/client.js';
import { formatClock } from '../../i18n/format.js';
import { SyncChip } from './SyncChip.js';

export const DEVICE_POLL_MS = 10_000;

type Devices = { printer: DeviceState; scanner: DeviceState } | null;

const STATES: readonly string[] = ['not_configured', 'ready', 'offline', 'error'];

/** A pushed `devices.status` event (Electron), checked before use. */
function devicesFrom(payload: unknown): Devices {
  const p = payload as { printer?: unknown; scanner?: unknown } | null;
  if (!p || typeof p.printer !== 'string' || typeof p.scanner !== 'string') return null;
  if (!STATES.includes(p.printer) || !STATES.includes(p.scanner)) return null;
  return { printer: p.printer as DeviceState, scanner: p.scanner as DeviceState };
}

function useDevices(): Devices {
  const [devices, setDevices] = useState<Devices>(null);
  useEffect(() => {
    let cancelled = false;
    const poll = async () => {
      const r = await invoke('devices.status', {}, { quiet: true });
      if (!cancelled) setDevices(r.ok ? r.value : null);
    };
    void poll();
    const timer = setInterval(() => void poll(), DEVICE_POLL_MS);
    // Where the core pushes changes (Electron), they show at once; polling still covers the browser host.
    const off = getTransport()?.on('devices.status', (payload) => {
      const d = devicesFrom(payload);
      if (d && !cancelled) setDevices(d);
    });
    return () => {
      cancelled = true;
      clearInterval(timer);
      off?.();
    };
  }, []);
  return devices;
}

function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function Device({ label, state }: { label: string; state: DeviceState | 'unknown' }) {
  const { t } = useTranslation();
  return (
    <span className={`device device-${state}`}>
      <span className="device-dot" aria-hidden="true" />
      {t('status.deviceLine', { label, state: t(`status.device.${state}`) })}
    </span>
  );
}

/** Who is signed in, the counter hardware, and the shop's local date and time. */
export function StatusBar({ staff }: { staff: StaffSummary }) {
  const { t, i18n } = useTranslation();
  const devices = useDevices();
  const now = useNow(5_000);
  const clock = formatClock(now, i18n.language);
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
  return (
    <footer className="statusbar" aria-label={t('status.bar')}>
      <span className="status-staff">
        <span className="sr-only">{t('status.staff')} </span>
        <strong>{staff.name}</strong>
        <span className="role-badge">{t(`roles.${staff.role}`)}</span>
      </span>
      <span className="status-devices">
        <Device label={t('status.printer')} state={devices?.printer ?? 'unknown'} />
        <Device label={t('status.scanner')} state={devices?.scanner ?? 'unknown'} />
        <SyncChip />
      </span>
      <time className="status-clock" dateTime={iso}>
        <span className="sr-only">{t('status.clock')} </span>
        <span>{clock.date}</span>
        <strong>{clock.time}</strong>
      </time>
    </footer>
  );
}
