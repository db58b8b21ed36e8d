import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useNotices, type Notice } from '../stores/notices.js';
import { useOverlays } from '../stores/overlays.js';
import { errorMessage } from '../i18n/errors.js';

const ERROR_MS = 12_000;
const SUCCESS_MS = 5_000;

function NoticeItem({ notice }: { notice: Notice }) {
  const { t, i18n } = useTranslation();
  const dismiss = useNotices((s) => s.dismiss);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(notice.id), notice.kind === 'error' ? ERROR_MS : SUCCESS_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);
  const text =
    notice.kind === 'error'
      ? errorMessage(t, i18n, notice.error, i18n.language)
      : (t as unknown as (k: string, v?: Record<string, unknown>) => string)(notice.key, notice.values);
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span className="notice-icon" aria-hidden="true">
        {notice.kind === 'error' ? '!' : '✓'}
      </span>
      <span className="notice-text">{text}</span>
      <button type="button" className="notice-close" aria-label={t('common.dismiss')} onClick={() => dismiss(notice.id)}>
        ×
      </button>
    </div>
  );
}

/**
 * The message region: errors from every failed call (role="alert") and confirmations
 * (role="status"). Messages never take focus; they dismiss themselves or by their button.
 * While a modal dialog is open the region lives inside it, since the page behind is inert.
 */
export function Notices() {
  const { t } = useTranslation();
  const items = useNotices((s) => s.items);
  const host = useOverlays((s) => s.stack[s.stack.length - 1]);
  const region = (
    <section className="notices" aria-label={t('common.notices')}>
      {items.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </section>
  );
  return host ? createPortal(region, host) : region;
}
