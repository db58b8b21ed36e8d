import { useEffect, useRef, useState } from 'react';
import { usePosEvent } from '../../hooks/usePosEvent.js';

/** At most one refresh in this long, however busy the other tills are. */
export const SYNC_RELOAD_MS = 3_000;

/**
 * A counter that goes up when this till's link to the shop server changes or it has applied
 * what other tills did (the core pushes `sync.status` then), at most once every
 * SYNC_RELOAD_MS: the open dashboard shows a sale made at another till without the owner
 * leaving it. A till without a server never gets the event, so nothing changes there.
 */
export function useSyncReload(): number {
  const [count, setCount] = useState(0);
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  usePosEvent('sync.status', () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      last.current = Date.now();
      setCount((n) => n + 1);
    }, Math.max(0, last.current + SYNC_RELOAD_MS - Date.now()));
  });
  useEffect(() => () => { if (pending.current) clearTimeout(pending.current); }, []);
  return count;
}
