import type { PosEvent } from '../../../shared/events.js';

/** In-process publish/subscribe for PosEvents; transports subscribe and forward to pages. */
export function createEventBus() {
  const listeners = new Set<(e: PosEvent) => void>();
  return {
    publish(event: PosEvent): void {
      for (const l of listeners) {
        try {
          l(event);
        } catch {
          // A broken listener (a closed page) must not stop the others or the caller.
        }
      }
    },
    subscribe(listener: (e: PosEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;
