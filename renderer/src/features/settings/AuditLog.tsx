import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/contract/index.js';
import { invoke } from '../../api/client.js';
import { formatDateTime } from '../../i18n/format.js';
import zhCN from '../../i18n/zh-CN.json' with { type: 'json' };
import { pageCount, summarizeDetails } from './audit-format.js';

export const AUDIT_PAGE_SIZE = 20;
const KNOWN_ACTIONS = Object.keys(zhCN.audit.actions);
const KNOWN_ENTITIES = Object.keys(zhCN.audit.entities);

type Page = Output<'audit.list'>;

/** The owner's audit log: newest first, one page at a time (the core pages; nothing loads the whole log). */
export function AuditLog() {
  const { t, i18n } = useTranslation();
  const tt = t as unknown as (k: string, v?: Record<string, unknown>) => string;
  const [page, setPage] = useState(0);
  const [action, setAction] = useState('');
  const [data, setData] = useState<Page | null>(null);
  const [reload, setReload] = useState(0);
  const prevRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const lastPressed = useRef<'prev' | 'next' | null>(null);

  useEffect(() => {
    let cancelled = false;
    void invoke('audit.list', { offset: page * AUDIT_PAGE_SIZE, limit: AUDIT_PAGE_SIZE, ...(action ? { action } : {}) }).then((r) => {
      if (!cancelled && r.ok) setData(r.value);
    });
    return () => {
      cancelled = true;
    };
  }, [page, action, reload]);

  const pages = pageCount(data?.total ?? 0, AUDIT_PAGE_SIZE);
  const atStart = page === 0;
  const atEnd = page >= pages - 1;

  // A pager button that just became disabled would drop focus: hand it to the other one.
  useEffect(() => {
    const active = document.activeElement;
    const lost = !active || active === document.body;
    if (atEnd && (active === nextRef.current || (lost && lastPressed.current === 'next'))) prevRef.current?.focus();
    if (atStart && (active === prevRef.current || (lost && lastPressed.current === 'prev'))) nextRef.current?.focus();
  }, [atStart, atEnd]);

  const actionLabel = (a: string) => (KNOWN_ACTIONS.includes(a) ? tt(`audit.actions.${a}`) : a);
  const entityLabel = (e: string) => (KNOWN_ENTITIES.includes(e) ? tt(`audit.entities.${e}`) : e);

  return (
    <div className="audit">
      <div className="toolbar-row">
        <label className="inline-field">
          <span>{t('audit.filter')}</span>
          <select
            value={action}
            onChange={(e) => {
              setAction(e.target.value);
              setPage(0);
            }}
          >
            <option value="">{t('audit.all')}</option>
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-ghost" onClick={() => setReload((n) => n + 1)}>
          {t('audit.refresh')}
        </button>
      </div>
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">{t('audit.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.time')}</th>
              <th scope="col">{t('audit.staff')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {data === null ? (
              <tr>
                <td colSpan={5} role="status">
                  {t('common.loading')}
                </td>
              </tr>
            ) : data.items.length === 0 ? (
              <tr>
                <td colSpan={5}>{t('audit.empty')}</td>
              </tr>
            ) : (
              data.items.map((e) => {
                const d = summarizeDetails(e.details);
                return (
                  <tr key={e.id}>
                    <td className="nowrap">{formatDateTime(e.at, i18n.language, true)}</td>
                    <td>{e.staffName ?? t('audit.system')}</td>
                    <td>{actionLabel(e.action)}</td>
                    <td>{e.entity ? `${entityLabel(e.entity)}${e.entityId && e.entityId !== e.entity && e.entityId !== 'shop' ? ` #${e.entityId}` : ''}` : '—'}</td>
                    <td className="details" title={d.full}>
                      {d.text}
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button ref={prevRef} type="button" className="btn btn-outline" disabled={atStart} onClick={() => {
            lastPressed.current = 'prev';
            setPage((p) => Math.max(0, p - 1));
          }}>
          {t('audit.previous')}
        </button>
        <span aria-live="polite">{t('audit.pageOf', { page: page + 1, pages, total: data?.total ?? 0 })}</span>
        <button ref={nextRef} type="button" className="btn btn-outline" disabled={atEnd} onClick={() => {
            lastPressed.current = 'next';
            setPage((p) => p + 1);
          }}>
          {t('audit.next')}
        </button>
      </div>
    </div>
  );
}
