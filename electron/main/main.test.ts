/**
 * The composition root, run against a faked 'electron' module: what it registers before
 * 'ready', what it wires after, and what it does when the shop cannot open. The core is
 * real (Node's better-sqlite3 build), in a temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

const fake = await vi.hoisted(async () => {
  const { vi: v } = await import('vitest');
  const state = {
    lock: true,
    appPath: '',
    userData: '',
    appHandlers: new Map<string, Listener>(),
    ipcHandlers: new Map<string, Listener>(),
    protocolHandlers: new Map<string, Listener>(),
    windows: [] as Array<{ options: Record<string, unknown>; loaded: string[]; handlers: Map<string, Listener>; focused: number }>,
    ready: Promise.resolve() as Promise<void>,
  };
  class BrowserWindow {
    record = { options: {} as Record<string, unknown>, loaded: [] as string[], handlers: new Map<string, Listener>(), focused: 0 };
    webContents = { isDestroyed: () => false, getURL: () => 'app://pos/index.html', send: v.fn() };
    constructor(options: Record<string, unknown>) {
      this.record.options = options;
      state.windows.push(this.record);
    }
    static getAllWindows = () => [];
    on(event: string, fn: Listener) {
      this.record.handlers.set(event, fn);
      return this;
    }
    once(event: string, fn: Listener) {
      return this.on(event, fn);
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    restore = v.fn();
    show = v.fn();
    focus = () => void (this.record.focused += 1);
  }
  const electron = {
    app: {
      requestSingleInstanceLock: v.fn(() => state.lock),
      quit: v.fn(),
      exit: v.fn(),
      enableSandbox: v.fn(),
      on: v.fn((event: string, fn: Listener) => void state.appHandlers.set(event, fn)),
      whenReady: () => state.ready,
      getPath: () => state.userData,
      getAppPath: () => state.appPath,
      isPackaged: false,
    },
    BrowserWindow,
    dialog: { showErrorBox: v.fn() },
    ipcMain: { handle: (channel: string, fn: Listener) => void state.ipcHandlers.set(channel, fn), removeHandler: v.fn() },
    protocol: { registerSchemesAsPrivileged: v.fn() },
    session: {
      defaultSession: {
        protocol: { handle: (scheme: string, fn: Listener) => void state.protocolHandlers.set(scheme, fn) },
        webRequest: { onBeforeRequest: v.fn() },
        setPermissionRequestHandler: v.fn(),
        setPermissionCheckHandler: v.fn(),
        setDevicePermissionHandler: v.fn(),
      },
    },
    shell: { openExternal: v.fn() },
    // One screen: the customer display window (off by default) has nowhere to go.
    screen: {
      getAllDisplays: () => [{ id: 1, label: 'Built-in', bounds: { x: 0, y: 0, width: 1280, height: 800 } }],
      getPrimaryDisplay: () => ({ id: 1, label: 'Built-in', bounds: { x: 0, y: 0, width: 1280, height: 800 } }),
      on: v.fn(),
    },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

let tmp: string;
let dataDir: string;
const savedArgv = process.argv;

/** Imports main.ts; `beforeReady` runs after the module ran but before 'ready' fires. */
async function startMain(beforeReady?: () => void): Promise<void> {
  let fireReady: () => void = () => undefined;
  fake.state.ready = new Promise<void>((resolve) => (fireReady = resolve));
  vi.resetModules();
  await import('./main.js');
  beforeReady?.();
  fireReady();
  await new Promise((resolve) => setTimeout(resolve, 0)); // let whenReady().then(start) run
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-main-'));
  dataDir = path.join(tmp, 'shop');
  const appPath = path.join(tmp, 'app');
  fs.mkdirSync(path.join(appPath, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Counter POS</title>');
  Object.assign(fake.state, { lock: true, appPath, userData: path.join(tmp, 'userData'), ready: Promise.resolve() });
  fake.state.appHandlers.clear();
  fake.state.ipcHandlers.clear();
  fake.state.protocolHandlers.clear();
  fake.state.windows.length = 0;
  vi.clearAllMocks();
  process.argv = ['electron', appPath, '--data-dir', dataDir];
});

afterEach(async () => {
  // Quitting shuts the core down (print jobs, serial ports, database) before the app leaves.
  const quit = { preventDefault: vi.fn() };
  fake.state.appHandlers.get('will-quit')?.(quit);
  if (quit.preventDefault.mock.calls.length > 0) await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled());
  vi.restoreAllMocks();
  process.argv = savedArgv;
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('main', () => {
  it('registers the app scheme and the sandbox before ready, then wires protocol, IPC and a locked-down window', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await startMain(() => {
      expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
      expect(fake.electron.app.enableSandbox).toHaveBeenCalledTimes(1);
      expect(fake.state.windows).toHaveLength(0);
      expect(fs.existsSync(dataDir)).toBe(false); // nothing opened before ready
    });
    const { electron, state } = fake;

    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.session.defaultSession.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect([...state.protocolHandlers.keys()]).toEqual(['app']);
    expect([...state.ipcHandlers.keys()]).toEqual(['pos:invoke']);

    expect(state.windows).toHaveLength(1);
    const win = state.windows[0]!;
    expect(win.loaded).toEqual(['app://pos/index.html']);
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/[/\\]electron[/\\]preload[/\\]preload\.cjs$/);

    // The shop opened where --data-dir said, and the IPC handler reaches it.
    expect(fs.existsSync(path.join(dataDir, 'shop.sqlite'))).toBe(true);
    const invoke = state.ipcHandlers.get('pos:invoke')!;
    const appEvent = { senderFrame: { url: 'app://pos/index.html', parent: null } };
    await expect(invoke(appEvent, { method: 'shop.status', input: {} })).resolves.toMatchObject({ ok: true });
    await expect(invoke({ senderFrame: { url: 'https://evil.example/', parent: null } }, { method: 'shop.status', input: {} })).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // The protocol handler serves the built page.
    const serve = state.protocolHandlers.get('app')!;
    const res = (await serve(new Request('app://pos/index.html'))) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");

    // A second launch focuses this window.
    state.appHandlers.get('second-instance')!();
    expect(win.focused).toBe(1);
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('hardens every web contents that gets created', async () => {
    await startMain();
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    fake.state.appHandlers.get('web-contents-created')!({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.on.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
  });

  it('shows the reason and the way out, quits, and leaves a damaged shop file untouched', async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'shop.sqlite');
    const garbage = Buffer.from('not a database '.repeat(500));
    fs.writeFileSync(file, garbage);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);

    await startMain();
    const { electron, state } = fake;
    expect(electron.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, message] = electron.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toContain('cannot open the shop');
    expect(message).toContain('damaged');
    expect(message).toContain('backup');
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(state.windows).toHaveLength(0);
    expect(state.ipcHandlers.size).toBe(0);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual(['shop.sqlite']);
  });

  it('tells the owner to build when the screens are missing', async () => {
    fs.rmSync(path.join(fake.state.appPath, 'dist'), { recursive: true });
    await startMain();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith('Counter POS is not built', expect.stringContaining('npm run build'));
    expect(fake.electron.app.exit).toHaveBeenCalledWith(1);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('leaves at once when another instance holds the lock', async () => {
    fake.state.lock = false;
    await startMain();
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.state.appHandlers.size).toBe(0);
    expect(fake.state.windows).toHaveLength(0);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
