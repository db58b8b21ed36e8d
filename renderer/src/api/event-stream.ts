export const EVENTS_PATH = '/api/events';
/** A pseudo-event the stream gives its listeners each time it opens (not a PosEvent). */
export const STREAM_OPEN = 'stream.open';
export const EVENTS_TICKET_PATH = '/api/events-ticket';
/** Waits before opening the stream again after it failed: doubling from the first to the last. */
export const RETRY_FIRST_MS = 500;
export const RETRY_MAX_MS = 15_000;

export interface EventStreamEnv {
  fetch: typeof fetch;
  /** Absent in tests and very old engines: no push then. */
  EventSource?: typeof EventSource | undefined;
  /** The host refused the secret while a ticket was asked for (it restarted with a new one). */
  onSecretRejected?: () => void;
}

type Listener = (payload: unknown) => void;

/**
 * The browser host's push channel: one EventSource on /api/events, opened with the first
 * subscription and closed with the last. EventSource cannot send headers, and the secret
 * must not sit in an address (logs, history), so each opening first buys a single-use
 * ticket (POST /api/events-ticket with the secret header, ~30 s to use it) and opens
 * `/api/events?t=TICKET`. EventSource's own reconnect would reuse the spent ticket, so after
 * any error the stream is closed and opened again with a fresh ticket, after a wait that
 * doubles while it keeps failing and starts over once it opens. Each message is a whole
 * PosEvent `{type, ...}`; listeners of that type get it, as Electron's bridge delivers it.
 */
export function eventStream(secret: string, env: EventStreamEnv) {
  const Source = env.EventSource;
  const listeners = new Map<string, Set<Listener>>();
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let retryMs = RETRY_FIRST_MS;
  // Bumped when the last listener leaves: a ticket or a retry of a closed stream is dropped.
  let generation = 0;
  let running = false;
  const count = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  const onMessage = (m: MessageEvent) => {
    let event: unknown;
    try {
      event = JSON.parse(String(m.data));
    } catch {
      return;
    }
    const type = (event as { type?: unknown } | null)?.type;
    if (typeof type !== 'string') return;
    for (const cb of [...(listeners.get(type) ?? [])]) {
      try {
        cb(event);
      } catch {
        /* one broken listener must not starve the others */
      }
    }
  };

  /** A fresh ticket; 'rejected' when the host refuses the secret, null when it could not be had. */
  async function ticket(): Promise<string | 'rejected' | null> {
    try {
      const res = await env.fetch(EVENTS_TICKET_PATH, { method: 'POST', headers: { 'x-pos-secret': secret }, cache: 'no-store', credentials: 'omit' });
      if (res.status === 401) return 'rejected';
      if (!res.ok) return null;
      const body = (await res.json()) as { ticket?: unknown } | null;
      return typeof body?.ticket === 'string' && body.ticket !== '' ? body.ticket : null;
    } catch {
      return null;
    }
  }

  function retryLater(mine: number) {
    if (mine !== generation) return;
    timer = setTimeout(() => {
      timer = null;
      void open(mine);
    }, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  }

  async function open(mine: number) {
    const t = await ticket();
    if (mine !== generation || !Source) return;
    // A wrong secret stays wrong: say so once and stop (the page asks for the new link).
    if (t === 'rejected') return env.onSecretRejected?.();
    if (t === null) return retryLater(mine);
    const s = new Source(`${EVENTS_PATH}?t=${encodeURIComponent(t)}`);
    source = s;
    s.onmessage = onMessage;
    s.onopen = () => {
      retryMs = RETRY_FIRST_MS;
      // Listeners of STREAM_OPEN learn that the stream (re)opened: what was pushed while it was
      // down is lost, so a page that must be current (the customer display) reads again.
      for (const cb of [...(listeners.get(STREAM_OPEN) ?? [])]) cb({ type: STREAM_OPEN });
    };
    s.onerror = () => {
      s.close();
      if (source === s) source = null;
      retryLater(mine);
    };
  }

  function stop() {
    generation++;
    running = false;
    if (timer) clearTimeout(timer);
    timer = null;
    source?.close();
    source = null;
    retryMs = RETRY_FIRST_MS;
  }

  return {
    on(event: string, cb: Listener): () => void {
      if (!Source) return () => undefined;
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(cb);
      if (!running) {
        running = true;
        void open(generation);
      }
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        listeners.get(event)?.delete(cb);
        if (count() === 0) stop();
      };
    },
  };
}
