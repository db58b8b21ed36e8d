import type { Envelope } from '../../../shared/contract/index.js';
import type { AppError, Result } from '../../../shared/errors.js';
import type { PosBridge } from './bridge-types.js';
import { eventStream } from './event-stream.js';

/** How an envelope reaches the core: Electron IPC through the preload, or the loopback browser host. */
export interface Transport {
  readonly kind: 'bridge' | 'http';
  invoke(envelope: Envelope): Promise<Result<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

/** sessionStorage key for the browser host's per-launch secret. */
export const SECRET_STORAGE_KEY = 'pos.secret';
export const INVOKE_PATH = '/api/invoke';

export interface TransportEnv {
  bridge: PosBridge | undefined;
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  fetch: typeof fetch;
  /** Server-sent events for pushed PosEvents (absent in tests and very old engines: no push then). */
  EventSource?: typeof EventSource | undefined;
  /** Told when the host refuses the secret (it restarted with a new one, or the link was wrong). */
  onSecretRejected?: () => void;
}

export function browserEnv(onSecretRejected?: () => void): TransportEnv {
  let storage: Storage | undefined;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = undefined;
  }
  return {
    bridge: window.posBridge,
    location: window.location,
    history: window.history,
    storage,
    fetch: window.fetch.bind(window),
    EventSource: typeof window.EventSource === 'function' ? window.EventSource : undefined,
    ...(onSecretRejected ? { onSecretRejected } : {}),
  };
}

/**
 * The secret arrives once, in the URL fragment `#k=SECRET` of the link `npm start` prints
 * (fragments are never sent to a server). It is moved into sessionStorage and the fragment
 * is removed from the address bar and history, so it does not linger in screenshots or
 * get copied along with the address. A reload finds it in sessionStorage.
 */
export function takeSecret(env: Pick<TransportEnv, 'location' | 'history' | 'storage'>): string | null {
  const hash = env.location.hash.startsWith('#') ? env.location.hash.slice(1) : env.location.hash;
  const fromHash = hash ? new URLSearchParams(hash).get('k') : null;
  if (fromHash) {
    try {
      env.storage?.setItem(SECRET_STORAGE_KEY, fromHash);
    } catch {
      /* private mode without storage: the secret still works for this page */
    }
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}`);
    return fromHash;
  }
  try {
    return env.storage?.getItem(SECRET_STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

function failure(error: AppError): Result<never> {
  return { ok: false, error };
}

export const networkError = (): Result<never> =>
  failure({ code: 'internal', messageKey: 'errors.network', details: { reason: 'network' } });

function isResult(v: unknown): v is Result<unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { ok?: unknown; error?: unknown };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && typeof r.error === 'object' && r.error !== null && typeof (r.error as AppError).code === 'string';
}

/** POST /api/invoke on the same origin, with the per-launch secret header; events over /api/events (event-stream.ts). */
export function httpTransport(secret: string, env: Pick<TransportEnv, 'fetch' | 'storage' | 'onSecretRejected' | 'EventSource'>): Transport {
  // The secret is refused (the host restarted with a new one, or the link was wrong): forget it and say so.
  const rejectSecret = () => {
    try {
      env.storage?.removeItem(SECRET_STORAGE_KEY);
    } catch {
      /* ignore */
    }
    env.onSecretRejected?.();
  };
  const events = eventStream(secret, { fetch: env.fetch, EventSource: env.EventSource, onSecretRejected: rejectSecret });
  return {
    kind: 'http',
    async invoke(envelope) {
      let res: Response;
      try {
        res = await env.fetch(INVOKE_PATH, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-pos-secret': secret },
          body: JSON.stringify(envelope),
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch {
        return networkError();
      }
      if (res.status === 401) {
        rejectSecret();
        return failure({ code: 'forbidden', messageKey: 'errors.secret_rejected', details: { reason: 'secret' } });
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        return failure({ code: 'internal', messageKey: 'errors.internal', details: { status: res.status } });
      }
      return isResult(body) ? body : failure({ code: 'internal', messageKey: 'errors.internal', details: { status: res.status } });
    },
    on: (event, cb) => events.on(event, cb),
  };
}

export function bridgeTransport(bridge: PosBridge): Transport {
  return {
    kind: 'bridge',
    async invoke(envelope) {
      try {
        const r = await bridge.invoke(envelope);
        return isResult(r) ? r : failure({ code: 'internal', messageKey: 'errors.internal' });
      } catch {
        return networkError();
      }
    },
    on: (event, cb) => bridge.on(event, cb),
  };
}

/**
 * Electron's preload bridge wins when present; otherwise the browser host with the secret
 * from the link; with neither, null (the page explains how to open the printed link).
 */
export function selectTransport(env: TransportEnv): Transport | null {
  if (env.bridge && typeof env.bridge.invoke === 'function') return bridgeTransport(env.bridge);
  const secret = takeSecret(env);
  return secret ? httpTransport(secret, env) : null;
}
