// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asPosEvent } from './events.js';
import { RETRY_FIRST_MS, RETRY_MAX_MS, eventStream } from './event-stream.js';
import { SECRET_STORAGE_KEY, httpTransport } from './transport.js';

class FakeSource {
  static instances: FakeSource[] = [];
  onmessage: ((m: MessageEvent) => void) | null = null;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSource.instances.push(this);
  }
  close() {
    this.closed = true;
  }
  emit(data: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: typeof data === 'string' ? data : JSON.stringify(data) }));
  }
  opened() {
    this.onopen?.();
  }
  /** What EventSource does when the connection drops or the host refuses it. */
  fail() {
    this.onerror?.();
  }
}
const Source = FakeSource as unknown as typeof EventSource;
const last = () => FakeSource.instances[FakeSource.instances.length - 1]!;

/** Answers each ticket request with T1, T2, … (or what `answer` says for the nth one). */
function ticketDesk(answer: (n: number) => Promise<{ status: number; ticket?: string }> | null = () => null) {
  let n = 0;
  return vi.fn(async (_url: string, _init: RequestInit) => {
    n += 1;
    const r = (await answer(n)) ?? { status: 200, ticket: `T${n}` };
    return { status: r.status, ok: r.status === 200, json: async () => ({ ticket: r.ticket }) } as unknown as Response;
  });
}
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('browser host event stream', () => {
  beforeEach(() => {
    FakeSource.instances = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('buys a single-use ticket with the secret header, opens one EventSource with it and routes events by type', async () => {
    const fetch = ticketDesk();
    const t = httpTransport('se/cret', { fetch: fetch as unknown as typeof globalThis.fetch, storage: undefined, EventSource: Source });
    const scans = vi.fn();
    const jobs = vi.fn();
    const offScan = t.on('scanner.code', scans);
    const offJob = t.on('print.job', jobs);
    await settle();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/events-ticket');
    expect(init).toMatchObject({ method: 'POST', headers: { 'x-pos-secret': 'se/cret' }, credentials: 'omit' });
    expect(FakeSource.instances).toHaveLength(1);
    const src = FakeSource.instances[0]!;
    expect(src.url).toBe('/api/events?t=T1');
    expect(src.url).not.toMatch(/se(\/|%2F)cret|k=/);
    src.emit({ type: 'scanner.code', code: '6901234567892' });
    src.emit({ type: 'print.job', job: { id: 1, status: 'done' } });
    src.emit('not json');
    src.emit({ nope: 1 });
    expect(scans).toHaveBeenCalledWith({ type: 'scanner.code', code: '6901234567892' });
    expect(jobs).toHaveBeenCalledTimes(1);
    offScan();
    offScan();
    expect(src.closed).toBe(false);
    offJob();
    expect(src.closed).toBe(true);
    t.on('scanner.code', scans);
    await settle();
    expect(FakeSource.instances).toHaveLength(2);
    expect(last().url).toBe('/api/events?t=T2');
  });

  it('after an error opens again with a fresh ticket, waiting longer while it keeps failing', async () => {
    const fetch = ticketDesk();
    const s = eventStream('s', { fetch: fetch as unknown as typeof globalThis.fetch, EventSource: Source });
    s.on('scanner.code', () => undefined);
    await settle();
    const first = last();
    // EventSource would reconnect by itself with the spent ticket: it is closed instead.
    first.fail();
    expect(first.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(RETRY_FIRST_MS - 1);
    expect(FakeSource.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(last().url).toBe('/api/events?t=T2');
    last().fail();
    await vi.advanceTimersByTimeAsync(2 * RETRY_FIRST_MS - 1);
    expect(FakeSource.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(last().url).toBe('/api/events?t=T3');
    // Once a stream opens, the next failure waits the shortest time again.
    last().opened();
    last().fail();
    await vi.advanceTimersByTimeAsync(RETRY_FIRST_MS);
    expect(last().url).toBe('/api/events?t=T4');
    // The wait never grows past the longest.
    for (let i = 0; i < 12; i++) {
      last().fail();
      await vi.advanceTimersByTimeAsync(RETRY_MAX_MS);
    }
    expect(FakeSource.instances).toHaveLength(16);
    expect(FakeSource.instances.slice(0, -1).every((x) => x.closed)).toBe(true);
  });

  it('retries while no ticket can be had, and stops for good when the secret is refused', async () => {
    const fetch = ticketDesk((n) => (n === 1 ? Promise.reject(new TypeError('Failed to fetch')) : n === 2 ? Promise.resolve({ status: 503 }) : Promise.resolve({ status: 401 })));
    const onSecretRejected = vi.fn();
    const storage = { getItem: vi.fn(), setItem: vi.fn(), removeItem: vi.fn() };
    const t = httpTransport('old', { fetch: fetch as unknown as typeof globalThis.fetch, storage, onSecretRejected, EventSource: Source });
    t.on('devices.status', () => undefined);
    await settle();
    await vi.advanceTimersByTimeAsync(RETRY_FIRST_MS);
    await vi.advanceTimersByTimeAsync(2 * RETRY_FIRST_MS);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(onSecretRejected).toHaveBeenCalledTimes(1);
    expect(storage.removeItem).toHaveBeenCalledWith(SECRET_STORAGE_KEY);
    await vi.advanceTimersByTimeAsync(10 * RETRY_MAX_MS);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(FakeSource.instances).toHaveLength(0);
  });

  it('opens nothing once the last listener has left, whether a ticket or a retry was pending', async () => {
    let hand: (() => void) | undefined;
    const fetch = ticketDesk((n) => (n === 1 ? new Promise((resolve) => (hand = () => resolve({ status: 200, ticket: 'late' }))) : null));
    const s = eventStream('s', { fetch: fetch as unknown as typeof globalThis.fetch, EventSource: Source });
    const off = s.on('scanner.code', () => undefined);
    off();
    hand!();
    await settle();
    expect(FakeSource.instances).toHaveLength(0);
    const again = s.on('scanner.code', () => undefined);
    await settle();
    last().fail();
    again();
    await vi.advanceTimersByTimeAsync(10 * RETRY_MAX_MS);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(FakeSource.instances).toHaveLength(1);
  });

  it('is a quiet no-op where EventSource is missing', () => {
    const fetch = vi.fn();
    const t = httpTransport('s', { fetch: fetch as unknown as typeof globalThis.fetch, storage: undefined });
    const off = t.on('print.job', () => undefined);
    expect(() => off()).not.toThrow();
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('asPosEvent', () => {
  it('accepts well-formed events of the asked type only', () => {
    expect(asPosEvent('scanner.code', { type: 'scanner.code', code: '123' })).toEqual({ type: 'scanner.code', code: '123' });
    expect(asPosEvent('scanner.code', { type: 'scanner.code', code: '' })).toBeNull();
    expect(asPosEvent('scanner.code', { type: 'print.job', code: '1' })).toBeNull();
    expect(asPosEvent('print.job', { type: 'print.job', job: { id: 3, status: 'failed' } })).not.toBeNull();
    expect(asPosEvent('print.job', { type: 'print.job', job: null })).toBeNull();
    expect(asPosEvent('devices.status', { type: 'devices.status', printer: 'ready', scanner: 'offline' })).not.toBeNull();
    expect(asPosEvent('devices.status', 'devices.status')).toBeNull();
  });
});
