import type { PosEvent } from '../../../shared/events.js';
import { getTransport } from './client.js';
import { DisplayFrame } from '../../../shared/display/state.js';

export type PosEventType = PosEvent['type'];
export type PosEventOf<T extends PosEventType> = Extract<PosEvent, { type: T }>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Checks a pushed payload before the page uses it: the transport hands over whatever
 * arrived (Electron's bridge and the browser host's event stream both carry the whole
 * event), so a malformed or foreign message is dropped here rather than crashing a screen.
 */
export function asPosEvent<T extends PosEventType>(type: T, payload: unknown): PosEventOf<T> | null {
  if (!isObject(payload) || payload.type !== type) return null;
  switch (type) {
    case 'scanner.code':
      return typeof payload.code === 'string' && payload.code.length > 0 ? (payload as PosEventOf<T>) : null;
    case 'print.job': {
      const job = payload.job;
      return isObject(job) && typeof job.id === 'number' && typeof job.status === 'string' ? (payload as PosEventOf<T>) : null;
    }
    case 'sync.status': {
      const st = payload.status;
      return isObject(st) && typeof st.paired === 'boolean' && typeof st.online === 'boolean' && typeof st.backlog === 'number' && typeof st.exceptions === 'number'
        ? (payload as PosEventOf<T>) : null;
    }
    case 'display.state':
      // Checked whole against the display's strict schema: nothing else reaches the customer's screen.
      return DisplayFrame.safeParse({ epoch: payload.epoch, seq: payload.seq, state: payload.state }).success ? (payload as PosEventOf<T>) : null;
    case 'devices.status':
      return typeof payload.printer === 'string' && typeof payload.scanner === 'string' ? (payload as PosEventOf<T>) : null;
    case 'scale.weight': {
      const r = payload.reading;
      return r === null || (isObject(r) && typeof r.grams === 'number' && typeof r.stable === 'boolean' && typeof r.net === 'boolean' && typeof r.overload === 'boolean')
        ? (payload as PosEventOf<T>) : null;
    }
    default:
      return null;
  }
}

/** Subscribes to one kind of pushed event; returns the unsubscribe. A no-op without a transport. */
export function onPosEvent<T extends PosEventType>(type: T, cb: (event: PosEventOf<T>) => void): () => void {
  const off = getTransport()?.on(type, (payload) => {
    const e = asPosEvent(type, payload);
    if (e) cb(e);
  });
  return off ?? (() => undefined);
}
