import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/contract/index.js';
import { invoke } from '../../api/client.js';

/** Version and where the shop's data lives (manager and owner). */
export function SystemInfo() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<Output<'system.info'> | null>(null);
  useEffect(() => {
    let cancelled = false;
    void invoke('system.info', {}).then((r) => {
      if (!cancelled && r.ok) setInfo(r.value);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  if (!info) return <p role="status">{t('common.loading')}</p>;
  return (
    <dl className="facts">
      <dt>{t('settings.system.version')}</dt>
      <dd>{info.version}</dd>
      <dt>{t('settings.system.dataDir')}</dt>
      <dd className="mono">{info.dataDir}</dd>
      <dt>{t('settings.system.dbFile')}</dt>
      <dd className="mono">{info.dbFile}</dd>
      <dt>{t('settings.system.schemaVersion')}</dt>
      <dd>{info.schemaVersion}</dd>
    </dl>
  );
}
