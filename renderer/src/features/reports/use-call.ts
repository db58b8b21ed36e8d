import { useEffect, useState } from 'react';
import type { Input, Method, Output } from '../../../../shared/contract/index.js';
import { invoke } from '../../api/client.js';

export interface CallState<T> {
  data: T | null;
  /** True while an answer for the current input is awaited (the last answer stays shown meanwhile). */
  loading: boolean;
  failed: boolean;
}

/**
 * One contract call for the current input, made again when the input changes (compared by
 * value) and dropped when a newer one was asked for, so a quick period change never shows an
 * older period's figures. `input` null = nothing to ask yet.
 */
export function useCall<M extends Method>(method: M, input: Input<M> | null, reload = 0): CallState<Output<M>> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<CallState<Output<M>>>({ data: null, loading: key !== null, failed: false });

  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    setState((s) => ({ ...s, loading: true, failed: false }));
    void invoke(method, JSON.parse(key) as Input<M>).then((r) => {
      if (cancelled) return;
      setState(r.ok ? { data: r.value, loading: false, failed: false } : (s) => ({ ...s, loading: false, failed: true }));
    });
    return () => {
      cancelled = true;
    };
  }, [method, key, reload]);

  return state;
}
