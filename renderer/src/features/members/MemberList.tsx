import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Tier } from '../../../../shared/contract/members.js';
import { formatMoney } from '../../i18n/format.js';
import { focusFoundLater } from '../../components/focus.js';
import { useRowKeys } from '../../hooks/useRowKeys.js';
import { formatBirthday, formatDate } from './format.js';
import { MemberFilters } from './MemberFilters.js';
import { useMembers, type MemberFilter } from './members-store.js';
import { useMemberRows } from './use-member-rows.js';
import { StatusBadge } from './StatusBadge.js';
import { useShopTags } from './TagInput.js';

export const ROW_HEIGHT = 44;

const COLUMNS = ['name', 'phone', 'cardNo', 'tier', 'spend', 'visits', 'lastVisit', 'birthday', 'status'] as const;
const SORT_COLUMN: Partial<Record<MemberFilter['sort'] & string, (typeof COLUMNS)[number]>> = { spend: 'spend', lastVisit: 'lastVisit', name: 'name' };

const rowButtonId = (index: number) => `member-row-${index}`;

/**
 * The managers' member list: a virtualised table (only the rows in view are in the page)
 * over members.list pages, so it stays smooth at 200,000 members. Arrow keys, Page Up/Down,
 * Home and End move between rows; Enter opens the profile.
 */
export function MemberList({ tiers, onOpen }: { tiers: Tier[]; onOpen: (id: number, index: number) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const filter = useMembers((s) => s.filter);
  const setFilter = useMembers((s) => s.setFilter);
  const revision = useMembers((s) => s.revision);
  const tags = useShopTags();
  const rows = useMemberRows(filter, revision);
  const count = rows.total ?? 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const restore = useRef({ top: useMembers.getState().scrollTop, index: useMembers.getState().returnIndex });
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { setActive: setActiveIndex, onKeyDown, tabStop } = useRowKeys({ count, rowHeight: ROW_HEIGHT, scrollRef, virtualizer, rowId: rowButtonId, initial: restore.current.index ?? 0 });

  // Fetch the pages of the rows in view once scrolling pauses (a fling across 200,000 rows asks only for where it stops).
  const { show } = rows;
  useEffect(() => {
    const timer = setTimeout(() => show(first, last), 60);
    return () => clearTimeout(timer);
  }, [first, last, count, show]);

  // Back from a profile: the list scrolls to where it was and the row that opened it takes focus.
  useEffect(() => {
    if (rows.total === null || restore.current.top < 0) return;
    const { top, index } = restore.current;
    restore.current.top = -1;
    if (scrollRef.current && top > 0) scrollRef.current.scrollTop = top;
    if (index !== null && index < rows.total) focusFoundLater(() => document.getElementById(rowButtonId(index)));
  }, [rows.total]);

  const changeFilter = useCallback(
    (f: MemberFilter) => {
      setFilter(f);
      setActiveIndex(0);
      if (scrollRef.current) scrollRef.current.scrollTop = 0;
    },
    [setFilter],
  );

  const sorted = SORT_COLUMN[filter.sort ?? 'recent'];
  const header = (c: (typeof COLUMNS)[number]) => t(`members.col.${c}`);

  return (
    <div className="member-list">
      <MemberFilters filter={filter} onChange={changeFilter} tiers={tiers} tags={tags} />
      <p className="list-count" role="status">
        {rows.total === null ? t('common.loading') : t('members.list.count', { total: rows.total.toLocaleString(locale) })}
      </p>
      <div className="vtable" role="table" aria-label={t('members.list.table')} aria-rowcount={count + 1}>
        <div className="vtable-head" role="rowgroup">
          <div className="vrow" role="row" aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <div key={c} role="columnheader" className={`vcell vcell-${c}`} aria-sort={sorted === c ? (c === 'name' ? 'ascending' : 'descending') : undefined}>
                {header(c)}
                {sorted === c ? <span aria-hidden="true">{c === 'name' ? ' ↑' : ' ↓'}</span> : null}
              </div>
            ))}
          </div>
        </div>
        <div
          ref={scrollRef}
          className="vtable-body"
          role="rowgroup"
          onScroll={(e) => useMembers.getState().setScrollTop(e.currentTarget.scrollTop)}
        >
          {rows.total === 0 ? (
            <div className="vtable-empty" role="row">
              <div role="cell">{t('members.list.empty')}</div>
            </div>
          ) : null}
          <div className="vtable-space" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows.row(item.index);
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={row && row.status !== 'active' ? 'vrow vrow-body vrow-muted' : 'vrow vrow-body'}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                >
                  <div role="cell" className="vcell vcell-name">
                    <button
                      id={rowButtonId(item.index)}
                      type="button"
                      className="row-open"
                      tabIndex={item.index === tabStop ? 0 : -1}
                      aria-disabled={!row}
                      onFocus={() => setActiveIndex(item.index)}
                      onKeyDown={(e) => onKeyDown(e, item.index)}
                      onClick={() => row && onOpen(row.id, item.index)}
                    >
                      {row ? row.name || t('members.noName') : <span className="muted">{t('members.list.loadingRow')}</span>}
                    </button>
                  </div>
                  <div role="cell" className="vcell vcell-phone mono">
                    {row?.maskedPhone ?? ''}
                  </div>
                  <div role="cell" className="vcell vcell-cardNo mono">
                    {row?.cardNo ?? ''}
                  </div>
                  <div role="cell" className="vcell vcell-tier">
                    {row?.tier ?? ''}
                  </div>
                  <div role="cell" className="vcell vcell-spend num">
                    {row ? formatMoney(row.spendFen, locale) : ''}
                  </div>
                  <div role="cell" className="vcell vcell-visits num">
                    {row?.visits ?? ''}
                  </div>
                  <div role="cell" className="vcell vcell-lastVisit">
                    {row ? formatDate(row.lastVisit, locale) || '—' : ''}
                  </div>
                  <div role="cell" className="vcell vcell-birthday">
                    {row ? formatBirthday(row.birthday?.slice(-5), locale) || '—' : ''}
                  </div>
                  <div role="cell" className="vcell vcell-status">
                    {row ? <StatusBadge status={row.status} /> : null}
                  </div>
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
