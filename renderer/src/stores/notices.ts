import { create } from 'zustand';
import type { AppError } from '../../../shared/errors.js';

/**
 * Messages for the person at the till. Errors keep the AppError itself and are translated
 * when shown, so switching the language also switches a message already on screen.
 */
export type Notice =
  | { id: number; kind: 'error'; error: AppError }
  | { id: number; kind: 'success'; key: string; values?: Record<string, unknown> };

type NewNotice = { kind: 'error'; error: AppError } | { kind: 'success'; key: string; values?: Record<string, unknown> };

export interface NoticeState {
  items: Notice[];
  push(n: NewNotice): number;
  dismiss(id: number): void;
  clear(): void;
}

const MAX = 3;
/** How long a notice stays: long enough to read an error twice, a confirmation once. */
export const NOTICE_MS = { error: 12_000, success: 5_000 } as const;
let nextId = 1;

/**
 * Each notice's timer lives here, started once when it is pushed, not in the component
 * that shows it: the region moves into and out of dialogs (a portal re-mounts it), and a
 * timer kept by the component would start again each time and outlive its time.
 */
const timers = new Map<number, ReturnType<typeof setTimeout>>();
function stopTimers(keep: readonly Notice[]): void {
  for (const [id, timer] of timers) {
    if (keep.some((n) => n.id === id)) continue;
    clearTimeout(timer);
    timers.delete(id);
  }
}

function sameNotice(a: Notice, b: NewNotice): boolean {
  if (a.kind === 'error' && b.kind === 'error') {
    // A newer error of the same kind replaces the older one (e.g. "3 attempts left" replaces "4 attempts left").
    return a.error.code === b.error.code && a.error.messageKey === b.error.messageKey;
  }
  if (a.kind === 'success' && b.kind === 'success') return a.key === b.key && JSON.stringify(a.values ?? null) === JSON.stringify(b.values ?? null);
  return false;
}

export const useNotices = create<NoticeState>()((set, get) => ({
  items: [],
  push(n) {
    const id = nextId++;
    // The same message again replaces the old one (a new id re-announces it to screen readers).
    const rest = get().items.filter((i) => !sameNotice(i, n));
    const items = [...rest, { ...n, id } as Notice].slice(-MAX);
    stopTimers(items);
    timers.set(id, setTimeout(() => get().dismiss(id), NOTICE_MS[n.kind]));
    set({ items });
    return id;
  },
  dismiss: (id) => {
    const items = get().items.filter((i) => i.id !== id);
    stopTimers(items);
    set({ items });
  },
  clear: () => {
    stopTimers([]);
    set({ items: [] });
  },
}));

export function notifyError(error: AppError): void {
  useNotices.getState().push({ kind: 'error', error });
}

export function notifySuccess(key: string, values?: Record<string, unknown>): void {
  useNotices.getState().push({ kind: 'success', key, ...(values ? { values } : {}) });
}
