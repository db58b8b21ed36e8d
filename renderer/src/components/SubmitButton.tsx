import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A form's submit button that stays focusable while the form is busy (a disabled button
 * would drop focus) but refuses a second submission, by click or by Enter in a field.
 */
export function SubmitButton({ busy, className, children }: { busy: boolean; className?: string; children: ReactNode }) {
  return (
    <button
      type="submit"
      className={className ?? 'btn btn-primary btn-lg'}
      aria-disabled={busy}
      onClick={(e) => {
        if (busy) e.preventDefault();
      }}
    >
      {children}
    </button>
  );
}

/**
 * The foot of an edit dialog: 取消 and the submit button, which reads 保存中… while busy.
 * `submitLabel` replaces 保存 where the action has its own verb (补货, …).
 */
export function DialogActions({ busy, onCancel, submitLabel }: { busy: boolean; onCancel: () => void; submitLabel?: string }) {
  const { t } = useTranslation();
  return (
    <div className="modal-actions">
      <button type="button" className="btn btn-ghost" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <SubmitButton busy={busy}>{busy ? t('common.saving') : (submitLabel ?? t('common.save'))}</SubmitButton>
    </div>
  );
}
