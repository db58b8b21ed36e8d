/**
 * The one object the preload hands to the page, as a type only (no 'electron' import), so
 * the renderer can declare `window.posBridge?: PosBridge` with `import type`.
 * The bridge is optional on purpose: in the browser host the page talks HTTP instead.
 */
import type { Envelope } from '../../shared/contract/index.js';
import type { Result } from '../../shared/errors.js';
import type { PosEvent } from '../../shared/events.js';

/** Events the main process pushes to the page, by name; the payload is the whole event. */
export type PosEvents = { [E in PosEvent as E['type']]: E };
export type PosEventName = keyof PosEvents;

/** What travels on the 'pos:event' channel; the preload unwraps it to `payload`. */
export interface PosEventMessage<E extends PosEventName = PosEventName> {
  event: E;
  payload: PosEvents[E];
}

export interface PosBridge {
  /** Calls the contract; answers a Result, never rejects for domain errors. */
  invoke(envelope: Envelope): Promise<Result<unknown>>;
  /** Subscribes to a pushed event; the callback gets the payload only. Returns an unsubscribe. */
  on<E extends PosEventName>(event: E, callback: (payload: PosEvents[E]) => void): () => void;
}
