import { useEffect, useState } from 'react';
import type { Input, Method, Output } from '../../../shared/contract/index.js';
import { invoke, type InvokeOptions } from '../api/client.js';

/**
 * One page of a paged contract call (statements, histories): the page number, the answer
 * once it arrives, and going back to the first page whenever `resetKeys` change (another
 * member, a reload after an edit). A late answer for a page no longer shown is dropped.
 */
export function usePagedCall<M extends Method>(
  method: M,
  input: (offset: number, limit: number) => Input<M>,
  pageSize: number,
  resetKeys: readonly unknown[],
  options: InvokeOptions = {},
): { page: number; setPage: (page: number) => void; data: Output<M> | null } {
  const [page, setPage] = useState(0);
  const [data, setData] = useState<Output<M> | null>(null);

  useEffect(() => setPage(0), resetKeys);
  useEffect(() => {
    let cancelled = false;
    void invoke(method, input(page * pageSize, pageSize), options).then((r) => {
      if (!cancelled && r.ok) setData(r.value);
    });
    return () => {
      cancelled = true;
    };
    // The call is re-made for a new page or new reset keys; `input` is rebuilt every render.
  }, [page, ...resetKeys]);

  return { page, setPage, data };
}
