import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Envelope } from '../../shared/contract/index.js';
import type { Result } from '../../shared/errors.js';
import { createCore } from '../core/app.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL, createEventSender, handleInvoke, registerInvokeHandler, type EventReceiver, type InvokeTarget } from './ipc.js';

// Tripwire: the adapter must not need the Electron runtime (its package downloads a binary).
vi.mock('electron', () => {
  throw new Error('ipc.ts must not load electron at runtime');
});

const FORBIDDEN = { ok: false, error: { code: 'forbidden', messageKey: 'errors.forbidden' } };
const quiet = { warn: vi.fn(), error: vi.fn() };

type Frame = { url: string; parent: unknown };
const from = (frame: Frame | null): Pick<IpcMainInvokeEvent, 'senderFrame'> =>
  ({ senderFrame: frame }) as unknown as Pick<IpcMainInvokeEvent, 'senderFrame'>;
const appFrame = from({ url: 'app://pos/index.html#/checkout', parent: null });

function recordingDispatcher(answer: Result<unknown> = { ok: true, value: 'pong' }) {
  const calls: Envelope[] = [];
  const target: InvokeTarget = {
    invoke: async (envelope) => {
      calls.push(envelope);
      return answer;
    },
  };
  return { calls, target };
}

describe('handleInvoke', () => {
  it('forwards the envelope from the app page and answers the dispatcher result', async () => {
    const { calls, target } = recordingDispatcher();
    const result = await handleInvoke(target, appFrame, { method: 'shop.status', input: { a: 1 }, session: 's-1' }, quiet);
    expect(result).toEqual({ ok: true, value: 'pong' });
    expect(calls).toEqual([{ method: 'shop.status', input: { a: 1 }, session: 's-1' }]);
  });

  it('passes only method, input and session on, whatever else the page sends', async () => {
    const { calls, target } = recordingDispatcher();
    await handleInvoke(target, appFrame, { method: 'shop.status', input: {}, session: 42, role: 'owner', __proto__: { x: 1 } }, quiet);
    expect(calls).toEqual([{ method: 'shop.status', input: {}, session: null }]);
    for (const raw of [null, undefined, 'shop.status', 7, []]) await handleInvoke(target, appFrame, raw, quiet);
    expect(calls.slice(1).map((c) => c.method)).toEqual(['', '', '', '', '']);
  });

  it.each([
    ['a remote page', from({ url: 'https://evil.example/index.html', parent: null })],
    ['a file page', from({ url: 'file:///tmp/index.html', parent: null })],
    ['another app host', from({ url: 'app://evil/index.html', parent: null })],
    ['credentials smuggled before the host', from({ url: 'app://x@pos/index.html', parent: null })],
    ['a sub-frame, even on the app origin', from({ url: 'app://pos/index.html', parent: {} })],
    ['no frame (navigated away or closed)', from(null)],
    ['about:blank', from({ url: 'about:blank', parent: null })],
  ])('refuses %s without calling the dispatcher', async (_name, event) => {
    const { calls, target } = recordingDispatcher();
    await expect(handleInvoke(target, event, { method: 'shop.status', input: {} }, quiet)).resolves.toEqual(FORBIDDEN);
    expect(calls).toEqual([]);
  });

  it('refuses when reading the sender frame throws (a disposed frame)', async () => {
    const { calls, target } = recordingDispatcher();
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    } as unknown as Pick<IpcMainInvokeEvent, 'senderFrame'>;
    await expect(handleInvoke(target, event, { method: 'shop.status', input: {} }, quiet)).resolves.toEqual(FORBIDDEN);
    expect(calls).toEqual([]);
  });

  it('never throws: a rejecting or throwing dispatcher becomes an internal error result', async () => {
    const logger = { warn: vi.fn(), error: vi.fn() };
    const rejecting: InvokeTarget = { invoke: () => Promise.reject(new Error('boom')) };
    const throwing: InvokeTarget = {
      invoke: () => {
        throw new Error('sync boom');
      },
    };
    for (const target of [rejecting, throwing]) {
      await expect(handleInvoke(target, appFrame, { method: 'shop.status', input: {} }, logger)).resolves.toEqual({
        ok: false,
        error: { code: 'internal', messageKey: 'errors.internal' },
      });
    }
    expect(logger.error).toHaveBeenCalledTimes(2);
  });
});

describe('handleInvoke with the real core', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('answers contract results, including refusals, as values', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-ipc-'));
    const core = createCore({ dataDir: dir });
    try {
      const status = await handleInvoke(core.dispatcher, appFrame, { method: 'shop.status', input: {} }, quiet);
      expect(status.ok).toBe(true);
      const unknown = await handleInvoke(core.dispatcher, appFrame, { method: 'no.such.method', input: {} }, quiet);
      expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      const garbage = await handleInvoke(core.dispatcher, appFrame, null, quiet);
      expect(garbage).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    } finally {
      core.close();
    }
  });
});

describe('registerInvokeHandler', () => {
  it('handles pos:invoke through the adapter and can be removed', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const ipcMain = {
      handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) => void handlers.set(channel, listener),
      removeHandler: (channel: string) => void handlers.delete(channel),
    } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>;
    const { calls, target } = recordingDispatcher();

    const unregister = registerInvokeHandler(ipcMain, target, quiet);
    expect([...handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    const listener = handlers.get(INVOKE_CHANNEL)!;
    await expect(listener(appFrame, { method: 'shop.status', input: {} })).resolves.toEqual({ ok: true, value: 'pong' });
    await expect(listener(from({ url: 'https://evil.example/', parent: null }), { method: 'shop.status', input: {} })).resolves.toEqual(FORBIDDEN);
    expect(calls).toHaveLength(1);

    unregister();
    expect(handlers.size).toBe(0);
  });
});

describe('createEventSender', () => {
  function contents(url: string, destroyed = false) {
    const sent: unknown[][] = [];
    const target: EventReceiver = {
      isDestroyed: () => destroyed,
      getURL: () => url,
      send: (...args: unknown[]) => void sent.push(args),
    } as unknown as EventReceiver;
    return { sent, target };
  }

  it('pushes {event, payload} on pos:event to live app pages only', () => {
    const app = contents('app://pos/index.html');
    const foreign = contents('https://evil.example/');
    const closed = contents('app://pos/index.html', true);
    const send = createEventSender(() => [app.target, foreign.target, closed.target]);

    const payload = { type: 'devices.status', printer: 'offline', scanner: 'ready' } as const;
    expect(send('devices.status', payload)).toBe(1);
    expect(app.sent).toEqual([[EVENT_CHANNEL, { event: 'devices.status', payload }]]);
    expect(foreign.sent).toEqual([]);
    expect(closed.sent).toEqual([]);
  });
});
