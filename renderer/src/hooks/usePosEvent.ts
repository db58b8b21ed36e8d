import { useEffect, useRef } from 'react';
import { onPosEvent, type PosEventOf, type PosEventType } from '../api/events.js';

/** Calls `cb` for each pushed event of `type` while the component is mounted (and `enabled`). */
export function usePosEvent<T extends PosEventType>(type: T, cb: (event: PosEventOf<T>) => void, enabled = true): void {
  const ref = useRef(cb);
  ref.current = cb;
  useEffect(() => {
    if (!enabled) return;
    return onPosEvent(type, (e) => ref.current(e));
  }, [type, enabled]);
}
