import type { AppError } from '../../../../shared/errors.js';
import type { Sale } from '../../../../shared/contract/checkout.js';
import { invoke } from '../../api/client.js';
import { newClientRef } from './format.js';

/**
 * The sale the till has sent but not had a clear answer for. Its clientRef is kept (in
 * localStorage, so it outlives a crash or a restart of the till) until the core has either
 * recorded it or plainly refused it, and every retry reuses it: the core answers a clientRef
 * it already has with that sale, so an unclear failure can never charge twice. On the next
 * start the till asks the core about it before the cashier sells again.
 */
export interface PendingSale { clientRef: string; totalFen: number; startedAt: string }

const KEY = 'pos.pendingSale';

function storage(): Storage | null {
  try { return globalThis.localStorage ?? null; } catch { return null; }
}

export const pendingSale = {
  get(): PendingSale | null {
    try {
      const raw = storage()?.getItem(KEY);
      if (!raw) return null;
      const p = JSON.parse(raw) as Partial<PendingSale>;
      return typeof p.clientRef === 'string' && typeof p.totalFen === 'number' && typeof p.startedAt === 'string' ? (p as PendingSale) : null;
    } catch {
      return null;
    }
  },
  /** The pending attempt if there is one (to be retried as it is), else a new one. */
  begin(totalFen: number): PendingSale {
    const open = pendingSale.get();
    if (open) return open;
    const p = { clientRef: newClientRef(), totalFen, startedAt: new Date().toISOString() };
    storage()?.setItem(KEY, JSON.stringify(p));
    return p;
  },
  clear(): void {
    storage()?.removeItem(KEY);
  },
};

/** A storage error: the page shows it large and, unless the core says nothing was written, checks. */
export function isStorageError(e: AppError): boolean {
  return e.code === 'storage_full' || e.code === 'storage_failed' || e.code === 'storage_busy';
}

/** An answer after which nobody knows whether the sale was recorded: keep the clientRef. */
export function outcomeUnclear(e: AppError): boolean {
  if (e.messageKey === 'errors.network' || e.code === 'internal') return true;
  return isStorageError(e) && e.details?.recorded !== false;
}

export type Reconciled = { kind: 'recorded'; sale: Sale } | { kind: 'not_recorded' } | { kind: 'unknown'; error: AppError };

/** Asks the core whether the pending sale was recorded; clears it once the answer is clear. */
export async function reconcile(p: PendingSale): Promise<Reconciled> {
  const r = await invoke('sales.get', { clientRef: p.clientRef }, { quiet: true });
  if (r.ok) {
    pendingSale.clear();
    return { kind: 'recorded', sale: r.value };
  }
  if (r.error.code === 'not_found') {
    pendingSale.clear();
    return { kind: 'not_recorded' };
  }
  return { kind: 'unknown', error: r.error };
}
