/**
 * The preload, run the way Electron runs a sandboxed preload: its CommonJS output compiled
 * into a function of (require, process, exports, module) whose `require` knows 'electron'
 * and throws "module not found" for anything else. Vite cannot import a .cts that uses
 * `import = require`, so the file is transpiled with TypeScript here; 'electron' itself is
 * the vi.mock below, so fake contextBridge/ipcRenderer are what the preload receives.
 */
import fs from 'node:fs';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc.js';
import type { PosBridge } from '../preload/bridge-types.js';

const fakes = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { vi: hoistedVi } = await import('vitest');
  const invoke = hoistedVi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } }));
  const renderer = Object.assign(new Emitter(), { invoke });
  return { exposed: new Map<string, unknown>(), renderer, invoke };
});

vi.mock('electron', () => {
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => void fakes.exposed.set(key, api),
  };
  return { default: { contextBridge, ipcRenderer: fakes.renderer }, contextBridge, ipcRenderer: fakes.renderer };
});

const SOURCE_FILE = fileURLToPath(new URL('../preload/preload.cts', import.meta.url));

async function runPreloadSandboxed(): Promise<PosBridge> {
  fakes.exposed.clear();
  const electron = await import('electron');
  const source = fs.readFileSync(SOURCE_FILE, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: 'preload.cts',
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  });
  const sandboxRequire = (name: string) => {
    if (name === 'electron') return electron.default;
    throw new Error(`module not found: ${name}`);
  };
  const exports = {};
  new Function('require', 'process', 'exports', 'module', outputText)(sandboxRequire, new EventEmitter(), exports, { exports });
  return fakes.exposed.get('posBridge') as PosBridge;
}

describe('preload', () => {
  let bridge: PosBridge;
  beforeEach(async () => {
    bridge = await runPreloadSandboxed();
    fakes.invoke.mockClear();
    fakes.renderer.removeAllListeners();
  });

  it('exposes exactly posBridge, with exactly invoke and on', () => {
    expect([...fakes.exposed.keys()]).toEqual(['posBridge']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('uses the channels ipc.ts listens and sends on', () => {
    const source = fs.readFileSync(SOURCE_FILE, 'utf8');
    expect(source).toContain(`'${INVOKE_CHANNEL}'`);
    expect(source).toContain(`'${EVENT_CHANNEL}'`);
  });

  it('invoke forwards the envelope alone on pos:invoke and returns the answer', async () => {
    const envelope = { method: 'shop.status', input: {}, session: null };
    const extra = (bridge.invoke as (...args: unknown[]) => Promise<unknown>)(envelope, 'smuggled', { more: true });
    await expect(extra).resolves.toEqual({ ok: true, value: { channel: INVOKE_CHANNEL, args: [envelope] } });
    expect(fakes.invoke).toHaveBeenCalledWith(INVOKE_CHANNEL, envelope);
    expect(fakes.invoke.mock.calls[0]).toHaveLength(2);
  });

  it('on delivers only the payload of the named event, never the IPC event object', () => {
    const received: unknown[][] = [];
    bridge.on('devices.status', (...args: unknown[]) => void received.push(args));
    const ipcEvent = { sender: fakes.renderer, senderId: 0, ports: [] };
    const payload = { printer: 'ready', scanner: 'offline' };

    fakes.renderer.emit(EVENT_CHANNEL, ipcEvent, { event: 'devices.status', payload });
    fakes.renderer.emit(EVENT_CHANNEL, ipcEvent, { event: 'something.else', payload: 1 });
    fakes.renderer.emit(EVENT_CHANNEL, ipcEvent, null);
    fakes.renderer.emit(EVENT_CHANNEL, ipcEvent, 'devices.status');

    expect(received).toEqual([[payload]]);
    expect(received.flat()).not.toContain(ipcEvent);
  });

  it('on returns an unsubscribe that removes exactly its listener, once', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.on('devices.status', a);
    bridge.on('devices.status', b);
    expect(fakes.renderer.listenerCount(EVENT_CHANNEL)).toBe(2);
    offA();
    offA();
    expect(fakes.renderer.listenerCount(EVENT_CHANNEL)).toBe(1);
    fakes.renderer.emit(EVENT_CHANNEL, {}, { event: 'devices.status', payload: { printer: 'ready', scanner: 'ready' } });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('on refuses a non-function callback instead of listening forever', () => {
    expect(() => (bridge.on as (e: unknown, cb: unknown) => unknown)('devices.status', 'nope')).toThrow(TypeError);
    expect(fakes.renderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });
});
