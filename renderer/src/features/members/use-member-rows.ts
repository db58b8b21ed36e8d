import { useCallback, useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../shared/contract/index.js';
import { invoke } from '../../api/client.js';
import { PageCache } from './page-cache.js';
import type { MemberFilter } from './members-store.js';

export type MemberRow = Output<'members.list'>['items'][number];

/** Rows per members.list call, and how many such pages the page keeps at most. */
export const PAGE_SIZE = 100;
export const MAX_PAGES = 20;

export interface MemberRows {
  /** Matching members (null until the first page answered). */
  total: number | null;
  /** The row at an index, or undefined while its page loads. */
  row(index: number): MemberRow | undefined;
  /** Tells which rows are in view; their missing pages are fetched. */
  show(first: number, last: number): void;
  failed: boolean;
}

/**
 * The managers' member list, fetched from the core one page at a time for the rows the
 * table shows (members.list with offset/limit), never the whole list. A new filter starts
 * over; answers for an older filter are dropped.
 */
export function useMemberRows(filter: MemberFilter, revision: number): MemberRows {
  const cache = useRef(new PageCache<MemberRow>(PAGE_SIZE, MAX_PAGES)).current;
  const [total, setTotal] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [, setLoaded] = useState(0);
  const generation = useRef(0);
  const view = useRef({ first: 0, last: 0 });
  const totalRef = useRef<number | null>(null);
  const filterKey = JSON.stringify(filter);

  const fetchPage = useCallback(
    async (page: number) => {
      const mine = generation.current;
      cache.markLoading(page);
      // The first page's failure is announced; later ones show in the table (no flood of messages while scrolling).
      const r = await invoke('members.list', { offset: page * PAGE_SIZE, limit: PAGE_SIZE, filter: JSON.parse(filterKey) as MemberFilter }, { quiet: page > 0 });
      if (mine !== generation.current) return;
      if (!r.ok) {
        cache.failed(page);
        setFailed(true);
        return;
      }
      cache.put(page, r.value.items, view.current.first, view.current.last);
      totalRef.current = r.value.total;
      setTotal(r.value.total);
      setFailed(false);
      setLoaded((n) => n + 1);
    },
    [cache, filterKey],
  );

  useEffect(() => {
    generation.current += 1;
    cache.clear();
    totalRef.current = null;
    setTotal(null);
    // The first page tells the total; the table then asks for the pages it shows.
    void fetchPage(0);
  }, [cache, fetchPage, revision]);

  const show = useCallback(
    (first: number, last: number) => {
      view.current = { first, last };
      if (totalRef.current === null) return;
      for (const p of cache.missing(first, last, totalRef.current)) void fetchPage(p);
    },
    [cache, fetchPage],
  );

  return { total, row: (i) => cache.get(i), show, failed };
}
