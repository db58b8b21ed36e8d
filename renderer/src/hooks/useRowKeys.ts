import { useState, type KeyboardEvent, type RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import { focusFoundLater } from '../components/focus.js';

/**
 * Keyboard moves in a virtualised table whose rows each hold one button (a roving Tab stop):
 * ↑/↓ a row, Page Up/Down a screenful, Home/End the ends. The row scrolls into view and its
 * button takes focus once rendered. `tabStop` is the row Tab reaches: the active one when it is
 * rendered, else the first in view.
 */
export function useRowKeys({ count, rowHeight, scrollRef, virtualizer, rowId, initial = 0 }: {
  count: number;
  rowHeight: number;
  scrollRef: RefObject<HTMLElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  rowId: (index: number) => string;
  initial?: number;
}) {
  const [active, setActive] = useState(initial);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;

  const moveTo = (index: number) => {
    if (count === 0) return;
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    focusFoundLater(() => document.getElementById(rowId(next)));
  };

  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
    const to: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: count - 1 };
    const next = to[e.key];
    if (next === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    moveTo(next);
  };

  return { active, setActive, onKeyDown, tabStop: items.some((i) => i.index === active) ? active : first };
}
