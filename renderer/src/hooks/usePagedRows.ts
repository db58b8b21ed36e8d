import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../../shared/errors.js';
import { PageCache } from '../features/members/page-cache.js';

/** Rows per call, and how many such pages the page keeps at most. */
export const PAGE_SIZE = 100;
export const MAX_PAGES = 20;

export interface PagedRows<Row> {
  /** Matching rows (null until the first page answered). */
  total: number | null;
  /** The row at an index, or undefined while its page loads. */
  row(index: number): Row | undefined;
  /** Tells which rows are in view; their missing pages are fetched. */
  show(first: number, last: number): void;
  failed: boolean;
}

export type PageFetcher<Row> = (offset: number, limit: number, quiet: boolean) => Promise<Result<{ items: Row[]; total: number }>>;

/**
 * A long server-paged list for a virtualised table: fetched one page at a time for the rows
 * the table shows (offset/limit), never the whole list. A new `key` (another filter, another
 * figure) or `revision` starts over; answers for an older key are dropped. `fetchPage` is read
 * when a page is needed, so it may be a new function on every render.
 */
export function usePagedRows<Row>(fetchPage: PageFetcher<Row>, key: string, revision = 0): PagedRows<Row> {
  const cache = useRef(new PageCache<Row>(PAGE_SIZE, MAX_PAGES)).current;
  const [total, setTotal] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [, setLoaded] = useState(0);
  const generation = useRef(0);
  const view = useRef({ first: 0, last: 0 });
  const totalRef = useRef<number | null>(null);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const load = useCallback(
    async (page: number) => {
      const mine = generation.current;
      cache.markLoading(page);
      // The first page's failure is announced; later ones show in the table (no flood of messages while scrolling).
      const r = await fetcher.current(page * PAGE_SIZE, PAGE_SIZE, page > 0);
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
    // A new key makes a new loader, which restarts the list below.
    [cache, key],
  );

  useEffect(() => {
    generation.current += 1;
    cache.clear();
    totalRef.current = null;
    setTotal(null);
    // The first page tells the total; the table then asks for the pages it shows.
    void load(0);
  }, [cache, load, revision]);

  const show = useCallback(
    (first: number, last: number) => {
      view.current = { first, last };
      if (totalRef.current === null) return;
      for (const p of cache.missing(first, last, totalRef.current)) void load(p);
    },
    [cache, load],
  );

  return { total, row: (i) => cache.get(i), show, failed };
}
