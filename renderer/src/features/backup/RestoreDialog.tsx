import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupDetails, BackupItem } from '../../../../shared/contract/backup.js';
import { invoke } from '../../api/client.js';
import { formatDateTime } from '../../i18n/format.js';
import { Modal } from '../../components/Modal.js';
import { notifySuccess } from '../../stores/notices.js';
import { useSession } from '../../stores/session.js';
import { formatBytes } from './download.js';

/**
 * Inspect, then restore: the backup is opened and checked afresh (integrity, what it holds,
 * its last sale) before the owner decides. After a restore the core has signed everyone out,
 * so the till goes back to sign-in.
 */
export function RestoreDialog({ item, onClose }: { item: BackupItem; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [details, setDetails] = useState<BackupDetails | null>(null);
  const [restoring, setRestoring] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void invoke('backup.inspect', { location: item.location, name: item.name }).then((r) => {
      if (cancelled) return;
      if (r.ok) setDetails(r.value);
      else onClose();
    });
    return () => {
      cancelled = true;
    };
  }, [item, onClose]);

  const restore = async () => {
    if (restoring || !details?.restorable) return;
    setRestoring(true);
    const r = await invoke('backup.restore', { location: item.location, name: item.name, confirm: true });
    setRestoring(false);
    if (!r.ok) return;
    notifySuccess('backup.restored', { name: formatDateTime(details.createdAt, i18n.language, true), safety: r.value.safetyBackup });
    onClose();
    useSession.getState().clear(); // the core ended every session: back to sign-in
  };

  const n = (key: string) => details?.counts[key] ?? 0;
  return (
    <Modal title={t('backup.dialogTitle')} onClose={onClose} role="alertdialog" initialFocusId="restore-cancel" wide>
      {details === null ? (
        <p role="status">{t('backup.checking')}</p>
      ) : (
        <>
          <dl className="facts" aria-label={t('backup.dialogTitle')}>
            <dt>{t('backup.col.createdAt')}</dt>
            <dd>{formatDateTime(details.createdAt, i18n.language, true)} · {t(`backup.reason.${details.reason}`)}</dd>
            <dt>{t('backup.col.lastSale')}</dt>
            <dd>{details.lastSale ? `${details.lastSale.receiptNo} · ${formatDateTime(details.lastSale.soldAt, i18n.language, true)}` : t('backup.none')}</dd>
            <dt>{t('backup.counts')}</dt>
            <dd>{t('backup.countsText', { sales: n('sales'), members: n('members'), products: n('products') })}</dd>
            <dt>{t('backup.integrity')}</dt>
            <dd>{details.integrity === 'ok' ? t('backup.integrityOk') : details.integrity}</dd>
            <dt>{t('backup.col.size')}</dt>
            <dd>{formatBytes(details.bytes)}</dd>
            <dt>{t('backup.appVersion')}</dt>
            <dd>{details.appVersion ?? '–'} · {t('backup.schema')} {details.schemaVersion}</dd>
          </dl>
          <p className="restore-warning" role="note">
            {details.restorable ? t('backup.warning') : t('backup.notRestorable')}
          </p>
        </>
      )}
      <div className="modal-actions">
        <button id="restore-cancel" type="button" className="btn btn-ghost" onClick={onClose}>
          {t('common.cancel')}
        </button>
        {details?.restorable ? (
          <button type="button" className="btn btn-danger" onClick={() => void restore()} aria-disabled={restoring} aria-busy={restoring}>
            {restoring ? t('backup.restoring') : t('backup.restore')}
          </button>
        ) : null}
      </div>
    </Modal>
  );
}
