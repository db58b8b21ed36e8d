import { useEffect, useRef } from 'react';
import { useT } from './use-t.js';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Input } from '../../../../shared/contract/index.js';
import { invoke } from '../../api/client.js';
import { usePagedRows } from '../../hooks/usePagedRows.js';
import { useRowKeys } from '../../hooks/useRowKeys.js';
import { formatMoney } from '../../i18n/format.js';
import { formatBirthday, formatDate } from '../members/format.js';
import { StatusBadge } from '../members/StatusBadge.js';

export type MembersQuery = Omit<Input<'stats.members'>, 'offset' | 'limit'>;

const ROW_HEIGHT = 44;

const COLUMNS = ['name', 'phone', 'tier', 'periodSales', 'periodSpend', 'spend', 'lastVisit', 'birthday', 'status'] as const;
const rowId = (i: number) => `stats-member-${i}`;

/**
 * A virtualised table of the members behind a figure: only the rows in view are in the page,
 * pages are fetched as they scroll in, so a figure of 100,000 members opens as fast as one of 10.
 * Arrow keys, Page Up/Down, Home and End move between rows; Enter opens the profile.
 */
export function StatsMemberList({ query, label, onOpen }: { query: MembersQuery; label: string; onOpen: (memberId: number) => void }) {
  const { t, i18n } = useT();
  const locale = i18n.language;
  const key = JSON.stringify(query);
  // stats.members, one page at a time for the rows in view (as the members list does).
  const rows = usePagedRows((offset, limit, quiet) => invoke('stats.members', { ...(JSON.parse(key) as MembersQuery), offset, limit }, { quiet }), key);
  const count = rows.total ?? 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { show } = rows;
  const { setActive, onKeyDown, tabStop } = useRowKeys({ count, rowHeight: ROW_HEIGHT, scrollRef, virtualizer, rowId });

  useEffect(() => {
    const timer = setTimeout(() => show(first, last), 60);
    return () => clearTimeout(timer);
  }, [first, last, count, show]);

  const money = (fen: number | null) => (fen === null ? '—' : formatMoney(fen, locale));

  return (
    <div className="member-list stats-member-list">
      <p className="list-count" role="status">
        {rows.total === null ? t('common.loading') : t('reports.drill.memberCount', { count: rows.total, total: rows.total.toLocaleString(locale) })}
      </p>
      <div className="vtable" role="table" aria-label={label} aria-rowcount={count + 1}>
        <div className="vtable-head" role="rowgroup">
          <div className="vrow" role="row" aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <div key={c} role="columnheader" className={`vcell vcell-${c}`}>
                {t(`reports.drill.col.${c}`)}
              </div>
            ))}
          </div>
        </div>
        <div ref={scrollRef} className="vtable-body" role="rowgroup">
          {rows.total === 0 ? (
            <div className="vtable-empty" role="row">
              <div role="cell">{t('reports.drill.noMembers')}</div>
            </div>
          ) : null}
          <div className="vtable-space" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows.row(item.index);
              return (
                <div key={item.key} role="row" aria-rowindex={item.index + 2} className="vrow vrow-body" style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
                  <div role="cell" className="vcell vcell-name">
                    <button
                      id={rowId(item.index)}
                      type="button"
                      className="row-open"
                      tabIndex={item.index === tabStop ? 0 : -1}
                      aria-disabled={!row}
                      onFocus={() => setActive(item.index)}
                      onKeyDown={(e) => onKeyDown(e, item.index)}
                      onClick={() => row && onOpen(row.id)}
                    >
                      {row ? row.name || t('members.noName') : <span className="muted">{t('members.list.loadingRow')}</span>}
                    </button>
                  </div>
                  <div role="cell" className="vcell vcell-phone mono">{row?.maskedPhone ?? ''}</div>
                  <div role="cell" className="vcell vcell-tier">{row?.tier ?? ''}</div>
                  <div role="cell" className="vcell vcell-periodSales num">{row ? (row.periodSales ?? '—') : ''}</div>
                  <div role="cell" className="vcell vcell-periodSpend num">{row ? money(row.periodSpendFen) : ''}</div>
                  <div role="cell" className="vcell vcell-spend num">{row ? money(row.spendFen) : ''}</div>
                  <div role="cell" className="vcell vcell-lastVisit">{row ? formatDate(row.lastVisit, locale) || '—' : ''}</div>
                  <div role="cell" className="vcell vcell-birthday">{row ? formatBirthday(row.birthday?.slice(-5), locale) || '—' : ''}</div>
                  <div role="cell" className="vcell vcell-status">{row ? <StatusBadge status={row.status} /> : null}</div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {rows.failed ? (
        <p className="field-error" role="alert">
          {t('members.list.failed')}
        </p>
      ) : null}
    </div>
  );
}
