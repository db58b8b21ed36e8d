import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Previous / next for a server-paged table. A button that becomes disabled hands focus to
 * the other one, so focus is never dropped on the page body.
 */
export function Pager({ page, pageSize, total, onPage, label }: { page: number; pageSize: number; total: number; onPage: (page: number) => void; label: string }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const prev = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const atStart = page <= 0;
  const atEnd = page >= pages - 1;

  useEffect(() => {
    const active = document.activeElement;
    if (atEnd && active === next.current && !atStart) prev.current?.focus();
    if (atStart && active === prev.current && !atEnd) next.current?.focus();
  }, [atStart, atEnd]);

  if (total <= pageSize && page === 0) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button ref={prev} type="button" className="btn btn-outline btn-sm" disabled={atStart} onClick={() => onPage(page - 1)}>
        {t('members.pager.previous')}
      </button>
      <span aria-live="polite">{t('members.pager.pageOf', { page: page + 1, pages, total })}</span>
      <button ref={next} type="button" className="btn btn-outline btn-sm" disabled={atEnd} onClick={() => onPage(page + 1)}>
        {t('members.pager.next')}
      </button>
    </nav>
  );
}
