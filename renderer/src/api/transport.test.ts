// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../shared/contract/index.js';
import type { PosBridge } from './bridge-types.js';
import { INVOKE_PATH, SECRET_STORAGE_KEY, httpTransport, selectTransport, takeSecret, type TransportEnv } from './transport.js';

function memoryStorage(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    map: m,
  };
}

function env(over: Partial<TransportEnv> & { hash?: string } = {}) {
  const replaceState = vi.fn();
  const storage = memoryStorage();
  const e: TransportEnv = {
    bridge: undefined,
    location: { hash: over.hash ?? '', pathname: '/', search: '' },
    history: { replaceState, state: null },
    storage,
    fetch: vi.fn() as unknown as typeof fetch,
    ...over,
  };
  return { env: e, replaceState, storage };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const envelope: Envelope = { method: 'shop.status', input: {}, session: 'tok' };

describe('takeSecret', () => {
  it('moves #k=SECRET into sessionStorage and removes the fragment from the address', () => {
    const { env: e, replaceState, storage } = env({ hash: '#k=abc-123_x' });
    expect(takeSecret(e)).toBe('abc-123_x');
    expect(storage.map.get(SECRET_STORAGE_KEY)).toBe('abc-123_x');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('keeps the path and query when removing the fragment', () => {
    const { env: e, replaceState } = env({ hash: '#k=s3cret' });
    e.location = { hash: '#k=s3cret', pathname: '/app/', search: '?x=1' };
    takeSecret(e);
    expect(replaceState).toHaveBeenCalledWith(null, '', '/app/?x=1');
  });

  it('finds the secret kept from an earlier load (a reload has no fragment)', () => {
    const { env: e, replaceState } = env({ storage: memoryStorage({ [SECRET_STORAGE_KEY]: 'kept' }) });
    expect(takeSecret(e)).toBe('kept');
    expect(replaceState).not.toHaveBeenCalled();
  });

  it('a new link wins over a kept secret', () => {
    const storage = memoryStorage({ [SECRET_STORAGE_KEY]: 'old' });
    const { env: e } = env({ hash: '#k=new', storage });
    expect(takeSecret(e)).toBe('new');
    expect(storage.map.get(SECRET_STORAGE_KEY)).toBe('new');
  });

  it('is null without a fragment or a kept secret, and ignores other fragments', () => {
    expect(takeSecret(env().env)).toBeNull();
    expect(takeSecret(env({ hash: '#/settings' }).env)).toBeNull();
    expect(takeSecret(env({ hash: '#k=' }).env)).toBeNull();
  });

  it('still works when storage throws (private mode)', () => {
    const storage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => undefined,
    };
    expect(takeSecret(env({ hash: '#k=abc', storage }).env)).toBe('abc');
    expect(takeSecret(env({ storage }).env)).toBeNull();
  });
});

describe('selectTransport', () => {
  it("prefers Electron's bridge, even when a secret is around", async () => {
    const bridge: PosBridge = { invoke: vi.fn(async () => ({ ok: true as const, value: 42 })), on: vi.fn(() => () => undefined) };
    const { env: e, replaceState } = env({ bridge, hash: '#k=abc' });
    const t = selectTransport(e)!;
    expect(t.kind).toBe('bridge');
    expect(await t.invoke(envelope)).toEqual({ ok: true, value: 42 });
    expect(bridge.invoke).toHaveBeenCalledWith(envelope);
    expect(replaceState).not.toHaveBeenCalled();
  });

  it('uses the browser host with the secret from the link', () => {
    expect(selectTransport(env({ hash: '#k=abc' }).env)?.kind).toBe('http');
  });

  it('is null with neither (the page then explains how to open the printed link)', () => {
    expect(selectTransport(env().env)).toBeNull();
  });

  it('turns a bridge that throws into a network error result', async () => {
    const bridge: PosBridge = { invoke: () => Promise.reject(new Error('gone')), on: () => () => undefined };
    const r = await selectTransport(env({ bridge }).env)!.invoke(envelope);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', messageKey: 'errors.network' } });
  });
});

describe('httpTransport', () => {
  it('POSTs the envelope as JSON with the secret header to /api/invoke', async () => {
    const fetchFn = vi.fn(async () => json(200, { ok: true, value: { setUp: true } }));
    const t = httpTransport('s3cret', { fetch: fetchFn as unknown as typeof fetch, storage: memoryStorage() });
    expect(await t.invoke(envelope)).toEqual({ ok: true, value: { setUp: true } });
    expect(fetchFn).toHaveBeenCalledTimes(1);
    const [url, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(INVOKE_PATH);
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'content-type': 'application/json', 'x-pos-secret': 's3cret' });
    expect(JSON.parse(init.body as string)).toEqual(envelope);
  });

  it('passes domain errors through as they are', async () => {
    const error = { code: 'wrong_pin', messageKey: 'errors.wrong_pin', details: { attemptsLeft: 2 } };
    const t = httpTransport('s', { fetch: (async () => json(200, { ok: false, error })) as unknown as typeof fetch, storage: memoryStorage() });
    expect(await t.invoke(envelope)).toEqual({ ok: false, error });
  });

  it('on 401 forgets the secret and says so', async () => {
    const storage = memoryStorage({ [SECRET_STORAGE_KEY]: 'old' });
    const onSecretRejected = vi.fn();
    const t = httpTransport('old', {
      fetch: (async () => json(401, { ok: false, error: { code: 'forbidden', messageKey: 'errors.forbidden' } })) as unknown as typeof fetch,
      storage,
      onSecretRejected,
    });
    const r = await t.invoke(envelope);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'errors.secret_rejected' } });
    expect(onSecretRejected).toHaveBeenCalledTimes(1);
    expect(storage.map.has(SECRET_STORAGE_KEY)).toBe(false);
  });

  it('answers a network failure or a non-JSON reply with an error result, never a throw', async () => {
    const down = httpTransport('s', { fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch, storage: undefined });
    expect(await down.invoke(envelope)).toMatchObject({ ok: false, error: { messageKey: 'errors.network' } });
    const html = httpTransport('s', { fetch: (async () => new Response('<html>', { status: 502 })) as unknown as typeof fetch, storage: undefined });
    expect(await html.invoke(envelope)).toMatchObject({ ok: false, error: { code: 'internal', details: { status: 502 } } });
    const weird = httpTransport('s', { fetch: (async () => json(200, { hello: 1 })) as unknown as typeof fetch, storage: undefined });
    expect(await weird.invoke(envelope)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
