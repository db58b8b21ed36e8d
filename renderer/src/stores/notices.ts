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
let nextId = 1;

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
    set({ items: [...rest, { ...n, id } as Notice].slice(-MAX) });
    return id;
  },
  dismiss: (id) => set({ items: get().items.filter((i) => i.id !== id) }),
  clear: () => set({ items: [] }),
}));

export function notifyError(error: AppError): void {
  useNotices.getState().push({ kind: 'error', error });
}

export function notifySuccess(key: string, values?: Record<string, unknown>): void {
  useNotices.getState().push({ kind: 'success', key, ...(values ? { values } : {}) });
}
